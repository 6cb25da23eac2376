#include "rolloutmachine.h"

#include "enginetext.h"
#include "serverlogging.h"
#include "stagegate.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    namespace
    {
        QString stageWhere(const Rollout &rollout, int index)
        {
            return StageSpec::where(index, rollout.spec.stages.value(index).name);
        }

        bool isFailureToRetry(DeviceState state)
        {
            return state == DeviceState::Failed || state == DeviceState::TimedOut;
        }
    } // namespace

    RolloutMachine::RolloutMachine(Rollout &rollout, QDateTime now, const DeploymentWindowPolicy &policy, Changes &changes)
        : m_rollout(rollout), m_now(std::move(now)), m_policy(policy), m_changes(changes)
    {
    }

    Change &RolloutMachine::record(Change::Subject subject, const QString &action, const QString &actor,
                                   const QString &from, const QString &to, const QString &reason)
    {
        Change change;
        change.subject = subject;
        change.at = m_now;
        change.rolloutId = m_rollout.id;
        change.action = action;
        change.actor = actor;
        change.from = from;
        change.to = to;
        change.stage = m_rollout.currentStage;
        change.reason = reason;
        m_changes.append(change);
        return m_changes.last();
    }

    void RolloutMachine::setState(RolloutState to, PauseReason pauseReason, const QString &actor, const QString &action,
                                  const QString &reason, const QString &detail)
    {
        const RolloutState from = m_rollout.state;
        m_rollout.state = to;
        m_rollout.pauseReason = to == RolloutState::Paused ? pauseReason : PauseReason::None;
        m_rollout.stateReason = reason;
        if (to == RolloutState::Running || to == RolloutState::Stopped || to == RolloutState::RollingBack)
            m_rollout.activeSince = m_now;
        m_rollout.history.append({m_now, from, to, m_rollout.pauseReason, actor, action, reason});
        const QString toText = to == RolloutState::Paused ? QString(name(to) + u'(' + name(pauseReason) + u')') : name(to);
        record(Change::Subject::Rollout, action, actor, name(from), toText, reason).detail = detail;
        qCInfo(lcEngine).noquote() << m_rollout.label() << name(from) << "->" << toText << "by" << actor << ":" << reason;
    }

    void RolloutMachine::setDevice(DeviceEntry &entry, DeviceState to, const QString &action, const QString &actor,
                                   const QString &detail, FailureType failureType)
    {
        const DeviceState from = entry.state;
        entry.state = to;
        entry.failureType = isFailure(to) ? failureType : FailureType::None;
        entry.detail = detail;
        entry.stateSince = m_now;
        entry.history.append({m_now, from, to, detail});
        Change &change = record(Change::Subject::Device, action, actor, name(from), name(to), detail);
        change.deviceId = entry.deviceId;
        change.stage = entry.stage;
        if (entry.failureType != FailureType::None)
            change.detail = u"failure type "_s + name(entry.failureType);

        const bool mayRetry = m_rollout.state == RolloutState::Running || m_rollout.state == RolloutState::Paused;
        if (!mayRetry || !isFailureToRetry(to))
            return;
        const int allowed = m_rollout.spec.retriesFor(failureType);
        const int used = entry.retriesUsed.value(failureType, 0);
        if (used >= allowed)
            return;
        entry.retriesUsed[failureType] = used + 1;
        setDevice(entry, DeviceState::Scheduled, u"retry"_s, EngineActor,
                  u"retry "_s + QString::number(used + 1) + u" of " + QString::number(allowed) + u" after a "
                      + name(failureType) + u" failure");
    }

    void RolloutMachine::noteDevice(DeviceEntry &entry, const QString &action, const QString &actor, const QString &detail)
    {
        entry.history.append({m_now, entry.state, entry.state, detail});
        Change &change = record(Change::Subject::Device, action, actor, name(entry.state), name(entry.state), detail);
        change.deviceId = entry.deviceId;
        change.stage = entry.stage;
    }

    void RolloutMachine::setStage(int index, StageStatus to, const QString &reason)
    {
        StageState &stage = m_rollout.stages[index];
        const StageStatus from = stage.status;
        stage.status = to;
        stage.gateResult = reason;
        if (to == StageStatus::Active)
            stage.activatedAt = m_now;
        if (to == StageStatus::Passed || to == StageStatus::Failed || to == StageStatus::Canceled)
            stage.endedAt = m_now;
        Change &change = record(Change::Subject::Stage, u"stage"_s, EngineActor, name(from), name(to), reason);
        change.stage = index;
        if (to == StageStatus::Soaking)
            change.detail = u"soak ends "_s + stage.soakEndsAt.toString(Qt::ISODate);
    }

    void RolloutMachine::activateStage(int index, const QString &actor)
    {
        m_rollout.currentStage = index;
        setStage(index, StageStatus::Active,
                 stageWhere(m_rollout, index) + u" started with " + Text::count(m_rollout.stages[index].deviceCount)
                     + u" devices (by " + actor + u')');
    }

    void RolloutMachine::recordWindowOverride(const QString &actor, const QString &action, const QString &reason)
    {
        const QDateTime until = m_policy.nextOpening(m_now);
        m_rollout.overrides.append({m_now, actor, action, reason, until});
        record(Change::Subject::Rollout, u"window-override"_s, actor, name(m_rollout.state), name(m_rollout.state), reason)
            .detail = action + u" outside the deployment window (" + m_policy.describe() + u"); the override holds until "
            + Text::localTime(until.toTimeZone(m_policy.timeZone()));
    }

    void RolloutMachine::start(const QString &actor, const QString &reason)
    {
        setState(RolloutState::Running, PauseReason::None, actor, u"start"_s, reason);
        if (!m_rollout.stages.isEmpty())
            activateStage(0, actor);
    }

    void RolloutMachine::advance(const QString &actor, const QString &action, const QString &reason)
    {
        const int current = m_rollout.currentStage;
        StageState &stage = m_rollout.stages[current];
        if (stage.status == StageStatus::Active || stage.status == StageStatus::Soaking) {
            setStage(current, StageStatus::Passed,
                     stageWhere(m_rollout, current) + u" ended by " + action + u" (" + actor + u')');
        }
        if (isLastStage()) {
            setState(RolloutState::Finished, PauseReason::None, actor, action, reason);
            return;
        }
        if (m_rollout.state != RolloutState::Running)
            setState(RolloutState::Running, PauseReason::None, actor, action, reason);
        activateStage(current + 1, actor);
    }

    void RolloutMachine::cancelUnfinishedStages(const QString &reason)
    {
        for (int i = 0; i < m_rollout.stages.size(); ++i) {
            const StageStatus status = m_rollout.stages[i].status;
            if (status == StageStatus::Pending || status == StageStatus::Active || status == StageStatus::Soaking)
                setStage(i, StageStatus::Canceled, reason);
        }
    }

    void RolloutMachine::stop(const QString &actor, const QString &action, const QString &reason)
    {
        int canceled = 0;
        int cancelRequested = 0;
        setState(RolloutState::Stopped, PauseReason::None, actor, action, reason);
        const qsizetype stateChange = m_changes.size() - 1;
        for (DeviceEntry &entry : m_rollout.devices) {
            if (entry.state == DeviceState::Scheduled || entry.state == DeviceState::Deferred) {
                setDevice(entry, DeviceState::Canceled, u"cancel"_s, actor, u"never started: the rollout stopped"_s);
                ++canceled;
            } else if (isInFlight(entry.state) && entry.state < DeviceState::Installing) {
                entry.cancelRequested = true;
                noteDevice(entry, u"cancel"_s, actor, u"cancel requested: the rollout stopped before it installed"_s);
                ++cancelRequested;
            }
        }
        cancelUnfinishedStages(u"the rollout stopped: "_s + reason);
        m_changes[stateChange].detail = Text::count(canceled) + u" devices canceled, " + Text::count(cancelRequested)
            + u" told to cancel; done devices stay done, installing ones finish or roll back on the device";
    }

    void RolloutMachine::orderRollback(DeviceEntry &entry, const QString &actor, const QString &why)
    {
        entry.rollbackOrdered = true;
        noteDevice(entry, u"rollback-order"_s, actor, u"ordered back to "_s + entry.previousVersion + u": " + why);
    }

    void RolloutMachine::rollBack(const QString &actor, const QString &reason)
    {
        setState(RolloutState::RollingBack, PauseReason::None, actor, u"break-glass"_s, reason);
        const qsizetype stateChange = m_changes.size() - 1;
        int ordered = 0;
        for (DeviceEntry &entry : m_rollout.devices) {
            if (entry.state == DeviceState::Succeeded || (isInFlight(entry.state) && entry.state >= DeviceState::Installing)) {
                orderRollback(entry, actor, u"break-glass"_s);
                ++ordered;
            } else if (entry.state == DeviceState::Scheduled || entry.state == DeviceState::Deferred) {
                setDevice(entry, DeviceState::Canceled, u"cancel"_s, actor, u"never started: break-glass rollback"_s);
            } else if (isInFlight(entry.state)) {
                entry.cancelRequested = true;
                noteDevice(entry, u"cancel"_s, actor, u"cancel requested: break-glass rollback before it installed"_s);
            }
        }
        cancelUnfinishedStages(u"break-glass rollback: "_s + reason);
        m_rollout.breakGlass = BreakGlass{m_now, actor, reason, ordered, {}};
        m_changes[stateChange].detail = Text::count(ordered) + u" devices ordered back to their previous version";
        finishRollbackIfDone();
    }

    void RolloutMachine::finishRollbackIfDone()
    {
        if (m_rollout.state != RolloutState::RollingBack)
            return;
        for (const DeviceEntry &entry : m_rollout.devices) {
            if (entry.rollbackOrdered && entry.state != DeviceState::RolledBack)
                return;
        }
        const int ordered = m_rollout.breakGlass ? m_rollout.breakGlass->devicesOrdered : 0;
        if (m_rollout.breakGlass)
            m_rollout.breakGlass->completedAt = m_now;
        setState(RolloutState::RolledBack, PauseReason::None, EngineActor, u"rolled-back"_s,
                 u"every device ordered back runs its previous version again"_s,
                 Text::count(ordered) + u" devices rolled back");
    }

    void RolloutMachine::acknowledgeAbortRules()
    {
        const auto acknowledge = [this](const QList<AbortRule> &rules, const QString &prefix, int stage) {
            const Tally counted = tally(stage);
            for (qsizetype i = 0; i < rules.size(); ++i)
                m_rollout.ruleBaselines[prefix + QString::number(i)] = rules[i].check(counted).failures;
        };
        acknowledge(m_rollout.spec.abortRules, u"global:"_s, -1);
        const int current = m_rollout.currentStage;
        if (current >= 0)
            acknowledge(m_rollout.spec.stages[current].abortRules, u"stage:"_s + QString::number(current) + u':', current);
    }

    bool RolloutMachine::isLastStage() const
    {
        return m_rollout.currentStage == m_rollout.spec.stages.size() - 1;
    }

    bool RolloutMachine::currentStageDone() const
    {
        return m_rollout.currentStage < 0 || tally(m_rollout.currentStage).allFinal();
    }

    bool RolloutMachine::policyAllowsAdvance() const
    {
        if (m_policy.isOpen(m_now))
            return true;
        return !m_rollout.overrides.isEmpty() && m_rollout.overrides.last().until > m_now;
    }

    bool RolloutMachine::maintenanceWindowOpen() const
    {
        return !m_rollout.spec.maintenanceWindow || m_rollout.spec.maintenanceWindow->isOpen(m_now);
    }

    Tally RolloutMachine::tally(int stage) const
    {
        Tally out;
        for (const DeviceEntry &entry : m_rollout.devices) {
            if (stage < 0 || entry.stage == stage)
                out.add(entry.state, entry.failureType);
        }
        return out;
    }

    void RolloutMachine::tick()
    {
        const RolloutState state = m_rollout.state;
        if (state == RolloutState::Running || state == RolloutState::Stopped || state == RolloutState::RollingBack)
            timeouts();
        if (m_rollout.state == RolloutState::Running) {
            if (abortRules() || maintenanceWindow())
                return;
            gate();
        } else if (m_rollout.state == RolloutState::Paused && m_rollout.pauseReason == PauseReason::OutsideWindow) {
            const StageState &stage = m_rollout.stages[m_rollout.currentStage];
            const bool waitsToAdvance = stage.status == StageStatus::Passed;
            if (maintenanceWindowOpen() && (!waitsToAdvance || policyAllowsAdvance())) {
                setState(RolloutState::Running, PauseReason::None, EngineActor, u"window"_s,
                         u"the window is open again"_s);
                gate();
            }
        }
    }

    void RolloutMachine::timeouts()
    {
        const qint64 limit = m_rollout.spec.perDeviceTimeoutSeconds;
        const bool running = m_rollout.state == RolloutState::Running;
        for (DeviceEntry &entry : m_rollout.devices) {
            if (entry.stage < 0 || entry.stage > m_rollout.currentStage || entry.rollbackOrdered)
                continue;
            const bool waiting = running && entry.state == DeviceState::Scheduled;
            if (!waiting && !isInFlight(entry.state))
                continue;
            QDateTime since = std::max(entry.stateSince, m_rollout.activeSince);
            if (waiting)
                since = std::max(since, m_rollout.stages[entry.stage].activatedAt);
            if (since.secsTo(m_now) < limit)
                continue;
            const QString detail = waiting
                ? QString(u"did not check in within "_s + Text::duration(limit) + u" of its stage starting")
                : QString(u"no report for "_s + Text::duration(limit) + u" while " + name(entry.state));
            setDevice(entry, DeviceState::TimedOut, u"timeout"_s, EngineActor, detail, FailureType::Timeout);
        }
    }

    bool RolloutMachine::abortRules()
    {
        const auto check = [this](const QList<AbortRule> &rules, const QString &keyPrefix, const QString &where,
                                  int stage) {
            const Tally counted = tally(stage);
            for (qsizetype i = 0; i < rules.size(); ++i) {
                const AbortRule &rule = rules[i];
                const AbortRule::Check result = rule.check(counted);
                const QString key = keyPrefix + QString::number(i);
                if (!result.tripped || result.failures <= m_rollout.ruleBaselines.value(key, 0))
                    continue;
                const QString reason = where + u" abort rule " + QString::number(i + 1) + u" tripped: "
                    + Text::count(result.failures) + u" of " + Text::count(result.executed) + u" executed devices failed ("
                    + Text::percent(double(result.failures) / result.executed) + u"); rule: " + rule.describe();
                if (rule.action == AbortAction::Stop)
                    stop(EngineActor, u"abort-rule"_s, reason);
                else
                    setState(RolloutState::Paused, PauseReason::Threshold, EngineActor, u"abort-rule"_s, reason);
                return true;
            }
            return false;
        };
        if (check(m_rollout.spec.abortRules, u"global:"_s, u"global"_s, -1))
            return true;
        const int current = m_rollout.currentStage;
        return current >= 0
            && check(m_rollout.spec.stages[current].abortRules, u"stage:"_s + QString::number(current) + u':',
                     stageWhere(m_rollout, current), current);
    }

    bool RolloutMachine::maintenanceWindow()
    {
        if (maintenanceWindowOpen())
            return false;
        const DeploymentWindowPolicy &window = *m_rollout.spec.maintenanceWindow;
        setState(RolloutState::Paused, PauseReason::OutsideWindow, EngineActor, u"window"_s,
                 u"the maintenance window is closed ("_s + window.describe() + u"); the rollout resumes when it opens at "
                     + Text::localTime(window.nextOpening(m_now).toTimeZone(window.timeZone())));
        return true;
    }

    void RolloutMachine::gate()
    {
        const int current = m_rollout.currentStage;
        if (current < 0)
            return;
        StageState &stage = m_rollout.stages[current];
        const StageSpec &spec = m_rollout.spec.stages[current];
        const QString where = stageWhere(m_rollout, current);
        if (stage.status == StageStatus::Active) {
            const Tally counted = tally(current);
            if (!counted.allFinal())
                return;
            const GateVerdict verdict = GateVerdict::evaluate(spec, where, counted);
            if (!verdict.passed) {
                setStage(current, StageStatus::Failed, verdict.text);
                setState(RolloutState::Paused, PauseReason::Gate, EngineActor, u"gate"_s, verdict.text);
                return;
            }
            QDateTime lastEnded = stage.activatedAt;
            for (const DeviceEntry &entry : m_rollout.devices) {
                if (entry.stage == current)
                    lastEnded = std::max(lastEnded, entry.stateSince);
            }
            stage.soakEndsAt = lastEnded.addSecs(spec.soakSeconds);
            setStage(current, StageStatus::Soaking,
                     verdict.text + u"; soaking " + Text::duration(spec.soakSeconds) + u" until "
                         + stage.soakEndsAt.toString(Qt::ISODate));
        }
        if (stage.status == StageStatus::Soaking) {
            if (m_now < stage.soakEndsAt)
                return;
            setStage(current, StageStatus::Passed,
                     where + u" passed its gate and soaked " + Text::duration(spec.soakSeconds));
        }
        if (stage.status != StageStatus::Passed)
            return;
        const QString next = isLastStage() ? u"finish the rollout"_s
                                           : QString(u"go on to "_s + stageWhere(m_rollout, current + 1));
        if (spec.gateAction == GateAction::Manual) {
            setState(RolloutState::Paused, PauseReason::Gate, EngineActor, u"gate"_s,
                     where + u" passed its gate and soak; its gate is manual: an operator advances to " + next);
            return;
        }
        if (isLastStage()) {
            setState(RolloutState::Finished, PauseReason::None, EngineActor, u"finish"_s,
                     where + u" passed its gate and soak; the rollout is complete");
            return;
        }
        if (!policyAllowsAdvance()) {
            setState(RolloutState::Paused, PauseReason::OutsideWindow, EngineActor, u"window"_s,
                     where + u" passed; advancing waits for the deployment window (" + m_policy.describe()
                         + u"), which opens at " + Text::localTime(m_policy.nextOpening(m_now).toTimeZone(m_policy.timeZone())));
            return;
        }
        advance(EngineActor, u"gate"_s, where + u" passed its gate and soak; automatic gate");
    }
} // namespace Engine
