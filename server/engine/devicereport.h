#pragma once

#include <optional>

#include <QJsonObject>
#include <QString>

#include "result.h"
#include "states.h"

namespace Engine
{
    // What a device says about its update in one report. version is what it
    // runs now: SUCCEEDED counts only with the new version running and
    // healthPassed; the previous version after a reboot means ROLLED_BACK.
    struct DeviceReport
    {
        DeviceState state = DeviceState::Notified;
        QString detail;
        QString version;
        bool healthPassed = false;
        FailureType failureType = FailureType::None; // with FAILED / ROLLED_BACK / REJECTED
        std::optional<int> batteryPercent;

        QJsonObject toJson() const;
        static Result<DeviceReport, QStringList> fromJson(const QJsonObject &object);
        bool operator==(const DeviceReport &other) const = default;
    };

    // The part of a check-in the engine needs to answer it.
    struct CheckIn
    {
        QString version;                  // running now; "" when unknown
        std::optional<int> batteryPercent;
    };
} // namespace Engine
