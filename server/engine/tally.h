#pragma once

#include <array>

#include <QJsonObject>
#include <QMap>

#include "states.h"

namespace Engine
{
    // Devices counted by state, and the executed failures by failure type:
    // the numbers gates, abort rules and the count maps are made of.
    struct Tally
    {
        std::array<int, DeviceStateCount> byState{};
        QMap<FailureType, int> failuresByType;
        int total = 0;

        void add(DeviceState state, FailureType failureType);
        int of(DeviceState state) const { return byState[std::size_t(state)]; }
        int executed() const;   // SUCCEEDED + FAILED + ROLLED_BACK + TIMED_OUT + REJECTED
        int finals() const;     // in a final state
        bool allFinal() const { return finals() == total; }
        // {"SCHEDULED": 0, ..., "CANCELED": 0, "total": n}: every state, zeros included.
        QJsonObject toJson() const;
    };
} // namespace Engine
