#include "models/statekind.h"

#include <QHash>

namespace Models
{
    StateKind stateKindOf(const QString &stateName)
    {
        // Names from ROLLOUTS.md (rollout, stage and device states); an
        // unknown name stays Unknown rather than guessing.
        static const QHash<QString, StateKind> kinds{
            {QStringLiteral("FINISHED"), StateKind::Good},
            {QStringLiteral("ALREADY_INSTALLED"), StateKind::Good},
            {QStringLiteral("PASSED"), StateKind::Good},
            {QStringLiteral("SUCCEEDED"), StateKind::Good},
            {QStringLiteral("RUNNING"), StateKind::Moving},
            {QStringLiteral("NOTIFIED"), StateKind::Moving},
            {QStringLiteral("DOWNLOADED"), StateKind::Moving},
            {QStringLiteral("ROLLING_BACK"), StateKind::Moving},
            {QStringLiteral("ACTIVE"), StateKind::Moving},
            {QStringLiteral("DOWNLOADING"), StateKind::Moving},
            {QStringLiteral("INSTALLING"), StateKind::Moving},
            {QStringLiteral("VERIFYING"), StateKind::Moving},
            {QStringLiteral("REBOOTING"), StateKind::Moving},
            {QStringLiteral("DRAFT"), StateKind::Waiting},
            {QStringLiteral("WAITING_FOR_APPROVAL"), StateKind::Waiting},
            {QStringLiteral("READY"), StateKind::Waiting},
            {QStringLiteral("PENDING"), StateKind::Waiting},
            {QStringLiteral("SCHEDULED"), StateKind::Waiting},
            {QStringLiteral("PAUSED"), StateKind::Waiting},
            {QStringLiteral("SOAKING"), StateKind::Waiting},
            {QStringLiteral("DEFERRED"), StateKind::Waiting},
            {QStringLiteral("FAILED"), StateKind::Bad},
            {QStringLiteral("TIMED_OUT"), StateKind::Bad},
            {QStringLiteral("REJECTED"), StateKind::Bad},
            {QStringLiteral("ROLLED_BACK"), StateKind::Undone},
            {QStringLiteral("STOPPED"), StateKind::Undone},
            {QStringLiteral("CANCELED"), StateKind::Undone},
            {QStringLiteral("DENIED"), StateKind::Undone},
        };
        return kinds.value(stateName, StateKind::Unknown);
    }
} // namespace Models
