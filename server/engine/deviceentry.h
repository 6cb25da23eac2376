#pragma once

#include <optional>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include "result.h"
#include "states.h"

namespace Engine
{
    // One step in a device's append-only history; from == to for a note
    // that changes no state ("cancel requested", "rollback ordered").
    struct HistoryEntry
    {
        QDateTime at;
        DeviceState from = DeviceState::Scheduled;
        DeviceState to = DeviceState::Scheduled;
        QString detail;

        QJsonObject toJson() const;
        static HistoryEntry read(const QJsonObject &object, QStringList &problems);
        bool operator==(const HistoryEntry &other) const = default;
    };

    // A device in a rollout (hawkBit's action): its state, why, what it ran
    // before (what a rollback returns it to) and its history.
    struct DeviceEntry
    {
        QString deviceId;
        int stage = -1; // index into the rollout's stages; -1 when in none (ALREADY_INSTALLED)
        DeviceState state = DeviceState::Scheduled;
        FailureType failureType = FailureType::None;
        QString detail;                // the last change's detail
        QString previousVersion;       // running when the rollout was created
        QString reportedVersion;       // the last version the device reported running
        std::optional<int> batteryPercent; // last known
        QMap<FailureType, int> retriesUsed;
        bool cancelRequested = false;  // told to cancel (stop, break-glass) before installing
        bool rollbackOrdered = false;  // break-glass: ordered back to previousVersion
        QDateTime stateSince;
        QList<HistoryEntry> history;

        QJsonObject toJson() const;
        static Result<DeviceEntry, QStringList> fromJson(const QJsonObject &object);
        bool operator==(const DeviceEntry &other) const = default;
    };
} // namespace Engine
