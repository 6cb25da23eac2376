#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace Models
{
    // A refused create or start, split by the field each problem names, so
    // the New-rollout dialog shows it next to that field. The server lists
    // problems as "rollout refused: name is empty: ...; stage 1 (canary): ...".
    struct RolloutRefusal
    {
        enum class Field
        {
            General, // no field named: shown with the buttons
            Release,
            Name,
            Targets,
            Stages,
            AbortRules,
            Options, // timeout, retries, battery
            MaintenanceWindow,
            WindowOverride, // the deployment window was closed
        };

        // code: the server's error code ("bad-request", "conflict", ...).
        static QMap<Field, QStringList> split(const QString &code, const QString &message);
    };
} // namespace Models
