#include "models/rolloutactionguard.h"

#include <QCoreApplication>
#include <QStringList>

namespace Models
{
    namespace
    {
        QString tr(const char *text) { return QCoreApplication::translate("RolloutActionGuard", text); }

        QStringList allowedFrom(Rollout::RolloutAction action)
        {
            using Rollout::RolloutAction;
            switch (action) {
            case RolloutAction::Approve:
            case RolloutAction::Deny: return {QStringLiteral("WAITING_FOR_APPROVAL")};
            case RolloutAction::Start: return {QStringLiteral("READY")};
            case RolloutAction::Pause: return {QStringLiteral("RUNNING")};
            case RolloutAction::Resume: return {QStringLiteral("PAUSED")};
            case RolloutAction::Advance: return {QStringLiteral("RUNNING"), QStringLiteral("PAUSED")};
            case RolloutAction::Stop:
                return {QStringLiteral("DRAFT"), QStringLiteral("WAITING_FOR_APPROVAL"), QStringLiteral("READY"),
                        QStringLiteral("RUNNING"), QStringLiteral("PAUSED")};
            case RolloutAction::Rollback:
                return {QStringLiteral("RUNNING"), QStringLiteral("PAUSED"), QStringLiteral("STOPPED"),
                        QStringLiteral("FINISHED")};
            }
            return {};
        }
    } // namespace

    QString actionRefusal(const Rollout::RolloutSummary &rollout, Rollout::RolloutAction action)
    {
        const QStringList from = allowedFrom(action);
        if (!from.contains(rollout.state)) {
            return tr("%1 is allowed only from %2; this rollout is %3.")
                .arg(Rollout::actionName(action), from.join(QStringLiteral(", ")), rollout.stateText());
        }
        // A gate pause waits for a person's decision on the stage's result:
        // resuming would skip that decision, so the server refuses it.
        if (action == Rollout::RolloutAction::Resume && rollout.pauseReason == QStringLiteral("gate"))
            return tr("It waits at a stage's gate: advance to accept the stage's result, or stop it.");
        return {};
    }
} // namespace Models
