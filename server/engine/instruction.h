#pragma once

#include <QJsonObject>
#include <QString>

#include "rolloutspec.h"

namespace Engine
{
    // The engine's answer to a device's check-in.
    struct Instruction
    {
        enum class Kind
        {
            NothingToDo,
            Install,  // install release
            RollBack, // go back to version (break-glass)
            Cancel,   // stop the update not yet installed (the rollout stopped)
        };

        Kind kind = Kind::NothingToDo;
        QString rolloutId;
        ReleaseRef release; // Install
        QString version;    // RollBack: the version to return to

        static QString kindName(Kind kind); // "nothing", "install", "rollback", "cancel"
        QJsonObject toJson() const;
        bool operator==(const Instruction &other) const = default;
    };
} // namespace Engine
