#include "models/fleettally.h"

#include "models/fleetmodel.h"
#include "models/rolloutlistmodel.h"

namespace Models
{
    namespace
    {
        void keepNewest(QDateTime &kept, const QDateTime &candidate)
        {
            if (candidate.isValid() && (!kept.isValid() || candidate > kept))
                kept = candidate;
        }
    } // namespace

    FleetTally FleetTally::of(const FleetModel &fleet, const RolloutListModel &rollouts)
    {
        FleetTally tally;
        tally.serverTime = fleet.serverTime().isValid() ? fleet.serverTime() : QDateTime::currentDateTimeUtc();
        tally.devices = fleet.rowCount();
        for (int row = 0; row < tally.devices; ++row) {
            const Rollout::Device &d = *fleet.device(row);
            if (!d.lastSeen.isValid()) {
                ++tally.neverSeen;
                if (!tally.oldestNeverSeenEnrolment.isValid() || d.enrolledAt < tally.oldestNeverSeenEnrolment)
                    tally.oldestNeverSeenEnrolment = d.enrolledAt;
                continue;
            }
            keepNewest(tally.newestCheckIn, d.lastSeen);
            const StateKind health = healthKind(d);
            if (health == StateKind::Bad) {
                ++tally.failing;
                keepNewest(tally.newestFailingReport, d.lastSeen);
            }
            if (d.overdue) {
                ++tally.overdue;
                tally.longestOverdueSeconds = qMax(tally.longestOverdueSeconds, d.overdueSeconds);
            } else if (health != StateKind::Bad) {
                ++tally.healthy;
            }
        }
        for (int row = 0; row < rollouts.rowCount(); ++row) {
            const Rollout::RolloutSummary &r = *rollouts.rollout(row);
            if (!Rollout::isFinalRolloutState(r.state))
                tally.deferred += r.total.of(QStringLiteral("DEFERRED"));
        }
        return tally;
    }
} // namespace Models
