#include "rolloutengine.h"

#include <QSet>
#include <QUuid>

#include "devicetransitions.h"
#include "enginetext.h"
#include "rolloutmachine.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    namespace
    {
        constexpr qsizetype MaxListedProblems = 10;

        EngineError illegal(const Rollout &rollout, const QString &action, const std::initializer_list<RolloutState> &allowed,
                            const QString &instead = {})
        {
            QStringList states;
            for (RolloutState state : allowed)
                states.append(name(state));
            QString message = u"cannot "_s + action + u' ' + rollout.label() + u": it is " + name(rollout.state);
            if (rollout.state == RolloutState::Paused)
                message += u" (" + name(rollout.pauseReason) + u')';
            message += instead.isEmpty() ? QString(u"; "_s + action + u" is allowed only from " + states.join(u" or "))
                                         : QString(u"; "_s + instead);
            return {EngineError::Kind::IllegalTransition, message, {}};
        }

        bool stateIn(RolloutState state, const std::initializer_list<RolloutState> &allowed)
        {
            return std::find(allowed.begin(), allowed.end(), state) != allowed.end();
        }

        EngineError invalid(const QString &message)
        {
            return {EngineError::Kind::InvalidInput, message, {message}};
        }

        EngineError invalidList(const QString &what, QStringList problems)
        {
            const qsizetype total = problems.size();
            if (total > MaxListedProblems) {
                problems.resize(MaxListedProblems);
                problems.append(u"... and "_s + Text::count(total - MaxListedProblems) + u" more");
            }
            QString message = what + u": " + problems.first();
            if (total > 1)
                message += u" (and " + Text::count(total - 1) + u" more problems)";
            return {EngineError::Kind::InvalidInput, message, problems};
        }
    } // namespace

    RolloutEngine::RolloutEngine(const Clock &clock, DeploymentWindowPolicy policy)
        : m_clock(clock), m_policy(std::move(policy))
    {
    }

    RolloutEngine::~RolloutEngine() = default;

    Result<Rollout *, EngineError> RolloutEngine::find(const QString &rolloutId)
    {
        const auto it = m_rollouts.find(rolloutId);
        if (it == m_rollouts.end())
            return EngineError{EngineError::Kind::NotFound, u"no rollout with id '"_s + rolloutId + u'\'', {}};
        return &it->second;
    }

    const Rollout *RolloutEngine::rollout(const QString &rolloutId) const
    {
        const auto it = m_rollouts.find(rolloutId);
        return it == m_rollouts.end() ? nullptr : &it->second;
    }

    QStringList RolloutEngine::rolloutIds() const
    {
        QStringList ids;
        for (const auto &[id, rollout] : m_rollouts)
            ids.append(id);
        return ids;
    }

    Result<RolloutCounts, EngineError> RolloutEngine::counts(const QString &rolloutId) const
    {
        const Rollout *found = rollout(rolloutId);
        if (!found)
            return EngineError{EngineError::Kind::NotFound, u"no rollout with id '"_s + rolloutId + u'\'', {}};
        return RolloutCounts::of(*found);
    }

    bool RolloutEngine::busy(const QString &deviceId, QString *where) const
    {
        const auto owner = m_owner.constFind(deviceId);
        if (owner == m_owner.cend())
            return false;
        const Rollout *other = rollout(*owner);
        if (!other)
            return false;
        const DeviceEntry *entry = other->device(deviceId);
        const bool isBusy = isLive(other->state) || other->state == RolloutState::RollingBack
            || (entry && isInFlight(entry->state));
        if (isBusy && where)
            *where = other->label() + u" (" + name(other->state) + u')';
        return isBusy;
    }

    void RolloutEngine::claim(const Rollout &rollout)
    {
        for (const DeviceEntry &entry : rollout.devices)
            m_owner.insert(entry.deviceId, rollout.id);
    }

    Result<RolloutEngine::Created, EngineError> RolloutEngine::create(const RolloutSpec &spec,
                                                                      const QList<DeviceTarget> &targets,
                                                                      const QString &actor)
    {
        QStringList problems = spec.validate();
        if (actor.trimmed().isEmpty())
            problems.append(u"actor is empty: every rollout records who created it"_s);
        if (targets.isEmpty())
            problems.append(u"targets: a rollout needs at least one target device"_s);
        QSet<QString> seen;
        for (const DeviceTarget &target : targets) {
            if (target.id.isEmpty())
                problems.append(u"targets: a device has an empty id"_s);
            else if (seen.contains(target.id))
                problems.append(u"targets: device '"_s + target.id + u"' is listed twice");
            seen.insert(target.id);
            if (const auto why = spec.targets.mismatch(target))
                problems.append(u"targets: device '"_s + target.id + u"' does not match the target selector: " + *why);
        }
        if (!problems.isEmpty())
            return invalidList(u"rollout '"_s + spec.name + u"' refused", problems);
        for (const DeviceTarget &target : targets) {
            QString where;
            if (busy(target.id, &where)) {
                return EngineError{EngineError::Kind::Conflict,
                                   u"device '"_s + target.id + u"' is already in " + where
                                       + u"; a device takes part in one live rollout at a time",
                                   {}};
            }
        }

        const QDateTime now = m_clock.now();
        Rollout rollout;
        rollout.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        rollout.spec = spec;
        rollout.createdBy = actor;
        rollout.createdAt = now;
        rollout.stages.resize(spec.stages.size());
        QList<const DeviceTarget *> toUpdate;
        for (const DeviceTarget &target : targets) {
            if (target.version == spec.release.version) {
                DeviceEntry entry;
                entry.deviceId = target.id;
                entry.state = DeviceState::AlreadyInstalled;
                entry.previousVersion = entry.reportedVersion = target.version;
                entry.detail = u"already runs "_s + target.version;
                entry.stateSince = now;
                entry.history.append({now, DeviceState::Scheduled, DeviceState::AlreadyInstalled, entry.detail});
                rollout.devices.append(entry);
            } else {
                toUpdate.append(&target);
            }
        }
        qsizetype next = 0;
        for (int s = 0; s < spec.stages.size(); ++s) {
            const int size = spec.stages[s].size.resolve(int(toUpdate.size() - next));
            rollout.stages[s].deviceCount = size;
            const QString scheduled = u"scheduled in "_s + StageSpec::where(s, spec.stages[s].name);
            for (int i = 0; i < size; ++i, ++next) {
                const DeviceTarget &target = *toUpdate[next];
                DeviceEntry entry;
                entry.deviceId = target.id;
                entry.stage = s;
                entry.previousVersion = target.version;
                entry.batteryPercent = target.batteryPercent;
                entry.detail = scheduled;
                entry.stateSince = now;
                entry.history.append({now, DeviceState::Scheduled, DeviceState::Scheduled, scheduled});
                rollout.devices.append(entry);
            }
        }
        if (next < toUpdate.size()) {
            return invalidList(u"rollout '"_s + spec.name + u"' refused",
                               {u"stages: they take "_s + Text::count(next) + u" of the " + Text::count(toUpdate.size())
                                + u" devices to update, so " + Text::count(toUpdate.size() - next)
                                + u" would never be updated; make the last stage's size {\"percent\": 100}"});
        }
        rollout.rebuildIndex();

        Changes changes;
        Change created;
        created.at = now;
        created.rolloutId = rollout.id;
        created.action = u"create"_s;
        created.actor = actor;
        created.to = name(RolloutState::Draft);
        created.reason = rollout.label() + u" of release " + spec.release.version;
        created.detail = Text::count(targets.size()) + u" devices, " + Text::count(targets.size() - toUpdate.size())
            + u" already on " + spec.release.version;
        changes.append(created);
        rollout.history.append({now, RolloutState::Draft, RolloutState::Draft, PauseReason::None, actor, u"create"_s, {}});
        RolloutMachine machine(rollout, now, m_policy, changes);
        if (spec.requiresApproval)
            machine.setState(RolloutState::WaitingForApproval, PauseReason::None, actor, u"create"_s,
                             u"approval required from someone other than "_s + actor);
        else
            machine.setState(RolloutState::Ready, PauseReason::None, actor, u"create"_s, u"no approval required"_s);
        const QString id = rollout.id;
        claim(rollout);
        m_rollouts.emplace(id, std::move(rollout));
        return Created{id, changes};
    }

    template<typename Body>
    Result<Changes, EngineError> RolloutEngine::command(const QString &rolloutId, Body body)
    {
        auto found = find(rolloutId);
        if (!found)
            return found.error();
        Changes changes;
        RolloutMachine machine(*found.value(), m_clock.now(), m_policy, changes);
        if (std::optional<EngineError> refused = body(*found.value(), machine))
            return *std::move(refused);
        return changes;
    }

    Result<Changes, EngineError> RolloutEngine::approve(const QString &rolloutId, const QString &actor,
                                                        const QString &remark)
    {
        return decide(rolloutId, actor, remark, true);
    }

    Result<Changes, EngineError> RolloutEngine::deny(const QString &rolloutId, const QString &actor,
                                                     const QString &remark)
    {
        return decide(rolloutId, actor, remark, false);
    }

    Result<Changes, EngineError> RolloutEngine::decide(const QString &rolloutId, const QString &actor,
                                                       const QString &remark, bool approved)
    {
        const QString action = approved ? u"approve"_s : u"deny"_s;
        return command(rolloutId, [&](Rollout &rollout, RolloutMachine &machine) -> std::optional<EngineError> {
            if (rollout.state != RolloutState::WaitingForApproval)
                return illegal(rollout, action, {RolloutState::WaitingForApproval});
            if (actor.trimmed().isEmpty())
                return invalid(action + u" needs the name of who decides");
            if (!approved && remark.trimmed().isEmpty())
                return invalid(u"deny needs a remark saying why, for the creator and the audit"_s);
            if (actor == rollout.createdBy) {
                return EngineError{EngineError::Kind::Forbidden,
                                   u"cannot "_s + action + u' ' + rollout.label() + u": '" + actor
                                       + (approved ? u"' created it; approval must come from a different person"_s
                                                   : u"' created it; the decision must come from a different person "
                                                     "(the creator can stop it)"_s),
                                   {}};
            }
            rollout.approvals.append({machine.now(), actor, approved, remark});
            machine.setState(approved ? RolloutState::Ready : RolloutState::Denied, PauseReason::None, actor, action,
                             remark);
            return std::nullopt;
        });
    }

    std::optional<EngineError> RolloutEngine::passWindow(const Rollout &rollout, RolloutMachine &machine,
                                                         const QString &actor, const QString &action,
                                                         const QString &overrideReason) const
    {
        const QDateTime now = machine.now();
        if (m_policy.isOpen(now))
            return std::nullopt;
        if (!overrideReason.trimmed().isEmpty()) {
            machine.recordWindowOverride(actor, action, overrideReason.trimmed());
            return std::nullopt;
        }
        return EngineError{EngineError::Kind::WindowClosed,
                           u"cannot "_s + action + u' ' + rollout.label() + u" at "
                               + Text::localTime(now.toTimeZone(m_policy.timeZone()))
                               + u": outside the deployment window (" + m_policy.describe() + u"); it opens next at "
                               + Text::localTime(m_policy.nextOpening(now).toTimeZone(m_policy.timeZone()))
                               + u". To act now, give an override reason; it is recorded for the audit",
                           {}};
    }

    Result<Changes, EngineError> RolloutEngine::start(const QString &rolloutId, const QString &actor,
                                                      const QString &reason, const QString &windowOverrideReason)
    {
        return command(rolloutId, [&](Rollout &rollout, RolloutMachine &machine) -> std::optional<EngineError> {
            if (rollout.state != RolloutState::Ready) {
                const QString instead = rollout.state == RolloutState::WaitingForApproval
                    ? u"it needs an approval from someone other than "_s + rollout.createdBy + u" first"
                    : QString();
                return illegal(rollout, u"start"_s, {RolloutState::Ready}, instead);
            }
            if (auto closed = passWindow(rollout, machine, actor, u"start"_s, windowOverrideReason))
                return closed;
            machine.start(actor, reason);
            return std::nullopt;
        });
    }

    Result<Changes, EngineError> RolloutEngine::pause(const QString &rolloutId, const QString &actor,
                                                      const QString &reason)
    {
        return command(rolloutId, [&](Rollout &rollout, RolloutMachine &machine) -> std::optional<EngineError> {
            if (rollout.state != RolloutState::Running)
                return illegal(rollout, u"pause"_s, {RolloutState::Running});
            machine.setState(RolloutState::Paused, PauseReason::Operator, actor, u"pause"_s, reason);
            return std::nullopt;
        });
    }

    Result<Changes, EngineError> RolloutEngine::resume(const QString &rolloutId, const QString &actor,
                                                       const QString &reason, const QString &windowOverrideReason)
    {
        return command(rolloutId, [&](Rollout &rollout, RolloutMachine &machine) -> std::optional<EngineError> {
            if (rollout.state != RolloutState::Paused)
                return illegal(rollout, u"resume"_s, {RolloutState::Paused});
            if (rollout.pauseReason == PauseReason::Gate) {
                return illegal(rollout, u"resume"_s, {},
                               u"it waits at the gate of "_s
                                   + StageSpec::where(rollout.currentStage, rollout.spec.stages[rollout.currentStage].name)
                                   + u": advance to go on, or stop it");
            }
            if (!machine.maintenanceWindowOpen()) {
                const DeploymentWindowPolicy &window = *rollout.spec.maintenanceWindow;
                return illegal(rollout, u"resume"_s, {},
                               u"its maintenance window is closed ("_s + window.describe()
                                   + u"); it resumes by itself when the window opens at "
                                   + Text::localTime(window.nextOpening(machine.now()).toTimeZone(window.timeZone())));
            }
            if (auto closed = passWindow(rollout, machine, actor, u"resume"_s, windowOverrideReason))
                return closed;
            machine.acknowledgeAbortRules();
            machine.setState(RolloutState::Running, PauseReason::None, actor, u"resume"_s, reason);
            return std::nullopt;
        });
    }

    Result<Changes, EngineError> RolloutEngine::advance(const QString &rolloutId, const QString &actor,
                                                        const QString &reason, const QString &windowOverrideReason)
    {
        return command(rolloutId, [&](Rollout &rollout, RolloutMachine &machine) -> std::optional<EngineError> {
            if (!stateIn(rollout.state, {RolloutState::Running, RolloutState::Paused}))
                return illegal(rollout, u"advance"_s, {RolloutState::Running, RolloutState::Paused});
            if (machine.isLastStage() && !machine.currentStageDone()) {
                return illegal(rollout, u"advance"_s, {},
                               StageSpec::where(rollout.currentStage, rollout.spec.stages.last().name)
                                   + u" is the last stage; the rollout finishes when its devices are done");
            }
            // Finishing starts no device: no window applies to it.
            if (!machine.isLastStage()) {
                if (auto closed = passWindow(rollout, machine, actor, u"advance"_s, windowOverrideReason))
                    return closed;
            }
            machine.advance(actor, u"advance"_s, reason);
            return std::nullopt;
        });
    }

    Result<Changes, EngineError> RolloutEngine::stop(const QString &rolloutId, const QString &actor,
                                                     const QString &reason)
    {
        return command(rolloutId, [&](Rollout &rollout, RolloutMachine &machine) -> std::optional<EngineError> {
            if (!isLive(rollout.state)) {
                return illegal(rollout, u"stop"_s,
                               {RolloutState::Draft, RolloutState::WaitingForApproval, RolloutState::Ready,
                                RolloutState::Running, RolloutState::Paused});
            }
            if (reason.trimmed().isEmpty())
                return invalid(u"stop needs a reason, for the audit"_s);
            machine.stop(actor, u"stop"_s, reason);
            return std::nullopt;
        });
    }

    Result<Changes, EngineError> RolloutEngine::rollback(const QString &rolloutId, const QString &actor,
                                                         const QString &reason)
    {
        return command(rolloutId, [&](Rollout &rollout, RolloutMachine &machine) -> std::optional<EngineError> {
            const std::initializer_list<RolloutState> allowed{RolloutState::Running, RolloutState::Paused,
                                                              RolloutState::Stopped, RolloutState::Finished};
            if (!stateIn(rollout.state, allowed))
                return illegal(rollout, u"roll back"_s, allowed);
            if (actor.trimmed().isEmpty())
                return invalid(u"break-glass rollback needs the name of who orders it"_s);
            if (reason.trimmed().isEmpty())
                return invalid(u"break-glass rollback needs a written reason"_s);
            machine.rollBack(actor, reason);
            return std::nullopt;
        });
    }

    Result<Changes, EngineError> RolloutEngine::onDeviceReport(const QString &rolloutId, const QString &deviceId,
                                                               const DeviceReport &report)
    {
        auto found = find(rolloutId);
        if (!found)
            return found.error();
        Rollout &rollout = *found.value();
        DeviceEntry *entry = rollout.device(deviceId);
        if (!entry) {
            return EngineError{EngineError::Kind::NotFound,
                               u"device '"_s + deviceId + u"' is not part of " + rollout.label(), {}};
        }
        if (rollout.state == RolloutState::RollingBack || rollout.state == RolloutState::RolledBack)
            return rollbackReport(rollout, *entry, report.version);
        if (!stateIn(rollout.state, {RolloutState::Running, RolloutState::Paused, RolloutState::Stopped,
                                     RolloutState::Finished})) {
            return illegal(rollout, u"take a device report for"_s, {},
                           u"device reports are taken only once it has started"_s);
        }
        const auto outcome = DeviceTransitions::apply(*entry, report, rollout.spec);
        if (!outcome) {
            return EngineError{EngineError::Kind::IllegalTransition,
                               u"device '"_s + deviceId + u"' in " + rollout.label() + u": " + outcome.error(), {}};
        }
        if (!report.version.isEmpty())
            entry->reportedVersion = report.version;
        if (report.batteryPercent)
            entry->batteryPercent = report.batteryPercent;
        Changes changes;
        if (outcome->unchanged)
            return changes;
        RolloutMachine machine(rollout, m_clock.now(), m_policy, changes);
        machine.setDevice(*entry, outcome->to, u"report"_s, deviceId, outcome->detail, outcome->failureType);
        return changes;
    }

    Changes RolloutEngine::rollbackReport(Rollout &rollout, DeviceEntry &entry, const QString &version)
    {
        Changes changes;
        RolloutMachine machine(rollout, m_clock.now(), m_policy, changes);
        if (!version.isEmpty())
            entry.reportedVersion = version;
        if (!entry.rollbackOrdered && version == rollout.spec.release.version) {
            machine.orderRollback(entry, EngineActor, u"it runs the release of a rolled-back rollout"_s);
        } else if (entry.rollbackOrdered && entry.state != DeviceState::RolledBack && !version.isEmpty()
                   && version == entry.previousVersion) {
            machine.setDevice(entry, DeviceState::RolledBack, u"report"_s, entry.deviceId,
                              u"back on "_s + version + u" (break-glass)");
            machine.finishRollbackIfDone();
        }
        return changes;
    }

    RolloutEngine::CheckInReply RolloutEngine::instructionFor(const QString &deviceId, const CheckIn &checkIn)
    {
        CheckInReply reply;
        const auto owner = m_owner.constFind(deviceId);
        if (owner == m_owner.cend())
            return reply;
        Rollout &rollout = m_rollouts.at(*owner);
        DeviceEntry &entry = *rollout.device(deviceId);
        reply.instruction.rolloutId = rollout.id;
        if (rollout.state == RolloutState::RollingBack || rollout.state == RolloutState::RolledBack) {
            reply.changes = rollbackReport(rollout, entry, checkIn.version);
            if (entry.rollbackOrdered && entry.state != DeviceState::RolledBack) {
                reply.instruction.kind = Instruction::Kind::RollBack;
                reply.instruction.version = entry.previousVersion;
            } else if (entry.cancelRequested && isInFlight(entry.state)) {
                reply.instruction.kind = Instruction::Kind::Cancel;
            }
            return reply;
        }
        if (entry.cancelRequested && isInFlight(entry.state) && entry.state < DeviceState::Installing) {
            reply.instruction.kind = Instruction::Kind::Cancel;
            return reply;
        }
        const bool waiting = entry.state == DeviceState::Scheduled || entry.state == DeviceState::Deferred;
        const bool mayStart = rollout.state == RolloutState::Running && waiting && entry.stage >= 0
            && entry.stage <= rollout.currentStage;
        const bool continues = (rollout.state == RolloutState::Running || rollout.state == RolloutState::Paused)
            && isInFlight(entry.state) && entry.state < DeviceState::Installing;
        if (continues) {
            reply.instruction.kind = Instruction::Kind::Install;
            reply.instruction.release = rollout.spec.release;
            return reply;
        }
        if (!mayStart)
            return reply;
        RolloutMachine machine(rollout, m_clock.now(), m_policy, reply.changes);
        const std::optional<int> battery = checkIn.batteryPercent ? checkIn.batteryPercent : entry.batteryPercent;
        if (checkIn.batteryPercent)
            entry.batteryPercent = checkIn.batteryPercent;
        if (!checkIn.version.isEmpty() && checkIn.version == rollout.spec.release.version) {
            machine.setDevice(entry, DeviceState::AlreadyInstalled, u"check-in"_s, deviceId,
                              u"checked in already running "_s + checkIn.version);
        } else if (battery && *battery < rollout.spec.batteryDeferBelow) {
            if (entry.state != DeviceState::Deferred) {
                machine.setDevice(entry, DeviceState::Deferred, u"check-in"_s, deviceId,
                                  u"battery "_s + QString::number(*battery) + u"% is below "
                                      + QString::number(rollout.spec.batteryDeferBelow)
                                      + u"%: deferred, not failed; retried at a later check-in");
            }
        } else {
            machine.setDevice(entry, DeviceState::Notified, u"check-in"_s, deviceId,
                              u"told to install "_s + rollout.spec.release.version);
            reply.instruction.kind = Instruction::Kind::Install;
            reply.instruction.release = rollout.spec.release;
        }
        return reply;
    }

    Changes RolloutEngine::tick()
    {
        Changes changes;
        const QDateTime now = m_clock.now();
        for (auto &[id, rollout] : m_rollouts) {
            if ((rollout.state == RolloutState::Finished
                                                   || rollout.state == RolloutState::Denied
                                                   || rollout.state == RolloutState::RolledBack))
                continue;
            RolloutMachine machine(rollout, now, m_policy, changes);
            machine.tick();
        }
        return changes;
    }

    Result<std::monostate, EngineError> RolloutEngine::restore(Rollout rollout)
    {
        if (rollout.id.isEmpty() || m_rollouts.count(rollout.id) != 0) {
            return EngineError{EngineError::Kind::Conflict,
                               u"cannot restore "_s + rollout.label() + u": its id '" + rollout.id
                                   + u"' is empty or already loaded",
                               {}};
        }
        rollout.rebuildIndex();
        claim(rollout);
        const QString id = rollout.id;
        m_rollouts.emplace(id, std::move(rollout));
        return std::monostate{};
    }

    void RolloutEngine::replace(Rollout rollout)
    {
        const auto it = m_rollouts.find(rollout.id);
        if (it == m_rollouts.end()) {
            [[maybe_unused]] const auto restored = restore(std::move(rollout));
            return;
        }
        rollout.rebuildIndex();
        it->second = std::move(rollout);
    }
} // namespace Engine
