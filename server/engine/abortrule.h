#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "states.h"

namespace Engine
{
    struct Tally;

    // How many failures trip a rule: a number of devices, or a rate of the
    // executed devices (0 < rate <= 1). JSON {"count": 3} or {"rate": 0.05}.
    struct Threshold
    {
        enum class Kind
        {
            Count,
            Rate,
        };
        Kind kind = Kind::Rate;
        double value = 0;

        QString describe() const; // "3 devices", "5.0%"
        bool operator==(const Threshold &other) const = default;
    };

    // An abort rule (AWS IoT Jobs style): when the executed devices in its
    // scope (the stage, or the whole rollout for a global rule) number at
    // least minExecuted and those that failed with one of failureTypes reach
    // the threshold, the rollout pauses or stops. No failure types: any.
    struct AbortRule
    {
        QList<FailureType> failureTypes;
        Threshold threshold;
        int minExecuted = 0;
        AbortAction action = AbortAction::Pause;

        struct Check
        {
            bool tripped = false;
            int failures = 0;
            int executed = 0;
        };
        Check check(const Tally &tally) const;

        // "boot failures reach 1.0% of at least 50 executed devices: stop"
        QString describe() const;
        QStringList validate(const QString &where) const;
        QJsonObject toJson() const;
        static AbortRule read(const QJsonObject &object, const QString &where, QStringList &problems);
        bool operator==(const AbortRule &other) const = default;
    };
} // namespace Engine
