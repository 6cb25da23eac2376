#pragma once

#include <QDateTime>
#include <QList>
#include <QPointF>

#include "rollout/rolloutdetail.h"

namespace Models
{
    // Successes, failures and rollbacks of a rollout over time, cumulative,
    // from its devices' append-only histories: each curve steps up when a
    // device entered that state. x is milliseconds since the epoch (what
    // QDateTimeAxis reads), y the running count.
    struct RolloutTimeline
    {
        QList<QPointF> succeeded;
        QList<QPointF> failed; // FAILED, TIMED_OUT, REJECTED
        QList<QPointF> rolledBack;
        QDateTime first;
        QDateTime last;

        bool isEmpty() const { return !first.isValid(); }
        int peak() const; // the highest count any curve reached, for the axis

        // until: where the curves end (now, for a rollout still running).
        static RolloutTimeline fromDevices(const QList<Rollout::RolloutDevice> &devices, const QDateTime &until);
    };
} // namespace Models
