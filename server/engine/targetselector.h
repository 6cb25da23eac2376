#pragma once

#include <optional>

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "result.h"

namespace Engine
{
    // A device a rollout targets, as the server knows it when the rollout is
    // created: its running version is what a rollback returns it to.
    struct DeviceTarget
    {
        QString id;
        QString version;
        QString chip;
        QString board;
        QString project;
        QStringList tags;
        std::optional<int> batteryPercent;

        QJsonObject toJson() const;
        static Result<DeviceTarget, QStringList> fromJson(const QJsonObject &object);
        bool operator==(const DeviceTarget &other) const = default;
    };

    // Which devices a rollout is for. Every non-empty criterion must hold:
    // chip, board and project one of the listed; version within
    // [minVersion, maxVersion] (both inclusive, numeric by QVersionNumber);
    // every listed tag carried; the id listed when deviceIds is not empty.
    struct TargetSelector
    {
        QStringList chips;
        QStringList boards;
        QStringList projects;
        QString minVersion;
        QString maxVersion;
        QStringList tags;
        QStringList deviceIds;

        // nullopt when the device matches; otherwise why not.
        std::optional<QString> mismatch(const DeviceTarget &device) const;
        QStringList validate(const QString &where) const;
        QJsonObject toJson() const;
        static TargetSelector read(const QJsonObject &object, const QString &where, QStringList &problems);
        bool operator==(const TargetSelector &other) const = default;
    };
} // namespace Engine
