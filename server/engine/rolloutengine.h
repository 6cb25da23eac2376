#pragma once

#include <map>
#include <variant>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "change.h"
#include "clock.h"
#include "deploymentwindowpolicy.h"
#include "devicereport.h"
#include "engineerror.h"
#include "instruction.h"
#include "result.h"
#include "rollout.h"
#include "rolloutcounts.h"
#include "rolloutspec.h"
#include "targetselector.h"

namespace Engine
{
    class RolloutMachine;

    // The rollout engine of ROLLOUTS.md as pure domain logic: it holds the
    // rollouts and their devices in memory, answers commands, device reports
    // and check-ins, and makes its own time-driven decisions in tick(). It
    // does no I/O: the store persists Rollout::toJson() (or the device entries
    // the Changes name) and loads them back with restore(); the HTTP layer
    // calls the commands and writes each returned Change to the audit log and
    // the event stream. Not thread-safe: one thread calls it.
    //
    // Every command returns the changes it made, or an EngineError that says
    // what is allowed instead; a refused command changes nothing.
    class RolloutEngine final
    {
    public:
        struct Created
        {
            QString rolloutId;
            Changes changes;
        };
        struct CheckInReply
        {
            Instruction instruction;
            Changes changes;
        };

        explicit RolloutEngine(const Clock &clock,
                               DeploymentWindowPolicy policy = DeploymentWindowPolicy::defaultPolicy());
        Q_DISABLE_COPY_MOVE(RolloutEngine)
        ~RolloutEngine();

        const DeploymentWindowPolicy &windowPolicy() const { return m_policy; }
        void setWindowPolicy(const DeploymentWindowPolicy &policy) { m_policy = policy; }

        // Validates the spec and targets, assigns devices to stages (devices
        // already on the release become ALREADY_INSTALLED), and leaves the
        // rollout WAITING_FOR_APPROVAL or READY.
        Result<Created, EngineError> create(const RolloutSpec &spec, const QList<DeviceTarget> &targets,
                                            const QString &actor);
        Result<Changes, EngineError> approve(const QString &rolloutId, const QString &actor, const QString &remark = {});
        Result<Changes, EngineError> deny(const QString &rolloutId, const QString &actor, const QString &remark);

        // start, resume and advance outside the deployment window need a
        // non-empty windowOverrideReason; the override is recorded.
        Result<Changes, EngineError> start(const QString &rolloutId, const QString &actor, const QString &reason = {},
                                           const QString &windowOverrideReason = {});
        Result<Changes, EngineError> pause(const QString &rolloutId, const QString &actor, const QString &reason = {});
        Result<Changes, EngineError> resume(const QString &rolloutId, const QString &actor, const QString &reason = {},
                                            const QString &windowOverrideReason = {});
        Result<Changes, EngineError> advance(const QString &rolloutId, const QString &actor, const QString &reason = {},
                                             const QString &windowOverrideReason = {});
        Result<Changes, EngineError> stop(const QString &rolloutId, const QString &actor, const QString &reason);
        // Break-glass: the caller has checked the break-glass right.
        Result<Changes, EngineError> rollback(const QString &rolloutId, const QString &actor, const QString &reason);

        Result<Changes, EngineError> onDeviceReport(const QString &rolloutId, const QString &deviceId,
                                                    const DeviceReport &report);
        // What a device checking in should do; may change its state
        // (SCHEDULED -> NOTIFIED, DEFERRED, ALREADY_INSTALLED, ROLLED_BACK).
        CheckInReply instructionFor(const QString &deviceId, const CheckIn &checkIn = {});

        // Timeouts, retries, abort rules, gates, soak and windows, for every rollout.
        Changes tick();

        const Rollout *rollout(const QString &rolloutId) const;
        QStringList rolloutIds() const;
        Result<RolloutCounts, EngineError> counts(const QString &rolloutId) const;
        // Loads a rollout the store persisted (at server start).
        Result<std::monostate, EngineError> restore(Rollout rollout);
        // Takes a newer copy of a loaded rollout (another server instance
        // on the same store changed it), or loads it when it is new here.
        // A rollout's devices never change after create, so the device
        // owners stay as they are.
        void replace(Rollout rollout);

    private:
        Result<Rollout *, EngineError> find(const QString &rolloutId);
        // Runs body(rollout, machine) on the rollout; body returns the refusal, if any.
        template<typename Body>
        Result<Changes, EngineError> command(const QString &rolloutId, Body body);
        Result<Changes, EngineError> decide(const QString &rolloutId, const QString &actor, const QString &remark,
                                            bool approved);
        // Outside the deployment window: refused without an override reason,
        // recorded with one. Nothing when the window is open.
        std::optional<EngineError> passWindow(const Rollout &rollout, RolloutMachine &machine, const QString &actor,
                                              const QString &action, const QString &overrideReason) const;
        bool busy(const QString &deviceId, QString *where) const;
        Changes rollbackReport(Rollout &rollout, DeviceEntry &entry, const QString &version);
        void claim(const Rollout &rollout);

        const Clock &m_clock;
        DeploymentWindowPolicy m_policy;
        std::map<QString, Rollout> m_rollouts;
        QHash<QString, QString> m_owner; // device id -> the latest rollout that includes it
    };
} // namespace Engine
