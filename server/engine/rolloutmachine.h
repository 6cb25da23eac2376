#pragma once

#include <QDateTime>
#include <QString>

#include "change.h"
#include "deploymentwindowpolicy.h"
#include "rollout.h"
#include "tally.h"

namespace Engine
{
    // The actor of the engine's own decisions in Change records.
    inline const QString EngineActor = QStringLiteral("engine");

    // Private to the engine: every change to one rollout goes through here,
    // at one instant, so each appends its history entry and its Change
    // record. RolloutEngine checks the guards (who may do what in which
    // state) and then calls these; tick() is the engine's own decisions.
    class RolloutMachine final
    {
    public:
        RolloutMachine(Rollout &rollout, QDateTime now, const DeploymentWindowPolicy &policy, Changes &changes);

        const QDateTime &now() const { return m_now; }

        void setState(RolloutState to, PauseReason pauseReason, const QString &actor, const QString &action,
                      const QString &reason, const QString &detail = {});
        // Changes a device's state with history and a Change; a FAILED or
        // TIMED_OUT device with retries left for its failure type is
        // scheduled again at once (a second step, action "retry").
        void setDevice(DeviceEntry &entry, DeviceState to, const QString &action, const QString &actor,
                       const QString &detail, FailureType failureType = FailureType::None);
        // A history note that changes no state.
        void noteDevice(DeviceEntry &entry, const QString &action, const QString &actor, const QString &detail);
        void setStage(int index, StageStatus to, const QString &reason);

        // Acting outside the deployment window: recorded with its reason; it
        // holds (for automatic advances too) until the window next opens.
        void recordWindowOverride(const QString &actor, const QString &action, const QString &reason);

        void start(const QString &actor, const QString &reason);
        void advance(const QString &actor, const QString &action, const QString &reason);
        void stop(const QString &actor, const QString &action, const QString &reason);
        void rollBack(const QString &actor, const QString &reason);
        void orderRollback(DeviceEntry &entry, const QString &actor, const QString &why);
        void finishRollbackIfDone();
        // Abort rules are not tripped again by failures an operator saw when resuming.
        void acknowledgeAbortRules();

        bool isLastStage() const;
        bool currentStageDone() const; // every device of the current stage final
        // Whether the deployment policy lets the engine advance now: open, or an override still holds.
        bool policyAllowsAdvance() const;
        bool maintenanceWindowOpen() const;
        Tally tally(int stage) const; // -1: the whole rollout

        void tick();

    private:
        // Appends a Change of this rollout at this instant and returns it for more fields.
        Change &record(Change::Subject subject, const QString &action, const QString &actor, const QString &from,
                       const QString &to, const QString &reason);
        void timeouts();
        bool abortRules();
        bool maintenanceWindow();
        void gate();
        void activateStage(int index, const QString &actor);
        void cancelUnfinishedStages(const QString &reason);

        Rollout &m_rollout;
        QDateTime m_now;
        const DeploymentWindowPolicy &m_policy;
        Changes &m_changes;
    };
} // namespace Engine
