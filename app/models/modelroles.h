#pragma once

#include <Qt>

namespace Models
{
    // Roles every console model answers beside Qt::DisplayRole.
    enum Role
    {
        SortRole = Qt::UserRole + 1, // the raw value (number, time), for sorting
        StateKindRole,               // int(StateKind) of the row's or cell's state
        IdRole,                      // the row's id
    };
} // namespace Models
