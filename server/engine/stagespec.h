#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "abortrule.h"
#include "states.h"

namespace Engine
{
    // A stage's size: a device count, or a percent of the targets that the
    // stages before it left. JSON {"count": 50} or {"percent": 100}.
    struct StageSize
    {
        enum class Kind
        {
            Count,
            Percent,
        };
        Kind kind = Kind::Percent;
        double value = 100;

        // How many of `remaining` devices the stage takes (a percent rounds
        // up, so 10% of 5 is 1; never more than remain).
        int resolve(int remaining) const;
        QString describe() const; // "50 devices", "100% of the rest"
        bool operator==(const StageSize &other) const = default;
    };

    // One stage of a rollout (ROLLOUTS.md "A rollout"): its success gate is
    // checked when every device of the stage is final; it passes when the
    // success rate reaches minSuccessRate and the rollback rate stays at or
    // under maxRollbackRate; then the stage soaks for soakSeconds after its
    // last device ended, and the gate action advances or waits for an operator.
    struct StageSpec
    {
        QString name;
        StageSize size;
        double minSuccessRate = 1.0;
        std::optional<double> maxRollbackRate;
        qint64 soakSeconds = 0;
        GateAction gateAction = GateAction::Auto;
        QList<AbortRule> abortRules;

        // `where` names the stage for messages: "stage 2 (pilot)".
        static QString where(qsizetype index, const QString &name);
        QStringList validate(const QString &where) const;
        QJsonObject toJson() const;
        static StageSpec read(const QJsonObject &object, const QString &where, QStringList &problems);
        bool operator==(const StageSpec &other) const = default;
    };
} // namespace Engine
