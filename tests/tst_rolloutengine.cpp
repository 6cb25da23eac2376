// RolloutEngine: the guards, gates, abort rules, windows, stop, break-glass,
// deferral and timeouts of ROLLOUTS.md, each on a small fleet and a ManualClock.

#include <QJsonArray>
#include <QTest>

#include "tst_rolloutfleet.h"

using namespace Qt::Literals::StringLiterals;
using namespace Engine;
using namespace RolloutFleet;

class TestRolloutEngine final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void approvalIsRefusedToTheCreator();
    void denyNeedsARemarkAndEndsTheRollout();
    void startNeedsApprovalFirst();
    void resumeOfARunningRolloutIsIllegal();
    void pauseOnlyFromRunningAndResumeOnlyFromPaused();
    void advanceOfAFinishedRolloutIsIllegal();
    void advanceOfTheLastStageWaitsForItsDevices();
    void startOnFridayAfternoonNeedsAnOverrideReason();
    void automaticAdvanceWaitsForTheDeploymentWindow();
    void maintenanceWindowPausesWithoutFailingAndResumes();
    void stageSizesByCountAndPercentOfTheRest();
    void devicesOnTheReleaseAreAlreadyInstalled();
    void targetsNoStageTakesAreRefused();
    void badSpecAndTargetsAreRefusedWithEveryProblem();
    void aDeviceInALiveRolloutCannotJoinAnother();
    void soakCountsDownFromTheLastDevice();
    void manualGateWaitsForAnOperator();
    void abortRuleWaitsForItsMinimumSample();
    void abortRuleCanStopTheRollout();
    void stopKeepsDoneDevicesAndCancelsTheRest();
    void breakGlassBringsEveryUpdatedDeviceBack();
    void breakGlassNeedsAReasonAndAStartedRollout();
    void batteryDeferralIsNotAFailure();
    void aDeviceThatNeverReportsTimesOut();
    void aDeviceThatNeverChecksInTimesOut();
    void successNeedsTheNewVersionRunningWithHealthPassed();
    void illegalDeviceReportsAreRefused();
    void countsByStateInOneCall();
    void unknownRolloutsAndDevicesAreNotFound();
};

void TestRolloutEngine::approvalIsRefusedToTheCreator()
{
    Bench bench;
    RolloutSpec spec = smallSpec({0});
    spec.requiresApproval = true;
    const auto created = bench.engine.create(spec, targets(3), u"alice"_s);
    QVERIFY(created);
    const QString id = created->rolloutId;
    QCOMPARE(bench.rollout(id).state, RolloutState::WaitingForApproval);

    const auto own = bench.engine.approve(id, u"alice"_s, u"mine"_s);
    QVERIFY(!own);
    QCOMPARE(own.error().kind, EngineError::Kind::Forbidden);
    QCOMPARE(own.error().message,
             u"cannot approve rollout 'test rollout': 'alice' created it; approval must come from a different person"_s);
    QCOMPARE(bench.rollout(id).state, RolloutState::WaitingForApproval);

    const auto approved = bench.engine.approve(id, u"bob"_s, u"reviewed"_s);
    QVERIFY(approved);
    QCOMPARE(bench.rollout(id).state, RolloutState::Ready);
    QCOMPARE(bench.rollout(id).approvals.size(), 1);
    QCOMPARE(bench.rollout(id).approvals.first().actor, u"bob"_s);
    QCOMPARE(approved->first().action, u"approve"_s);

    const auto again = bench.engine.approve(id, u"carol"_s);
    QVERIFY(!again);
    QCOMPARE(again.error().message,
             u"cannot approve rollout 'test rollout': it is READY; approve is allowed only from WAITING_FOR_APPROVAL"_s);
}

void TestRolloutEngine::denyNeedsARemarkAndEndsTheRollout()
{
    Bench bench;
    RolloutSpec spec = smallSpec({0});
    spec.requiresApproval = true;
    const QString id = bench.engine.create(spec, targets(3), u"alice"_s)->rolloutId;
    const auto noRemark = bench.engine.deny(id, u"bob"_s, u"  "_s);
    QVERIFY(!noRemark);
    QCOMPARE(noRemark.error().kind, EngineError::Kind::InvalidInput);
    QVERIFY(!bench.engine.deny(id, u"alice"_s, u"changed my mind"_s));
    QVERIFY(bench.engine.deny(id, u"bob"_s, u"not during the audit week"_s));
    QCOMPARE(bench.rollout(id).state, RolloutState::Denied);
    QCOMPARE(bench.rollout(id).stateReason, u"not during the audit week"_s);
    const auto start = bench.engine.start(id, u"alice"_s);
    QVERIFY(!start);
    QCOMPARE(start.error().message, u"cannot start rollout 'test rollout': it is DENIED; start is allowed only from READY"_s);
    // Its devices are free for another rollout.
    QVERIFY(bench.engine.create(smallSpec({0}), targets(3), u"alice"_s));
}

void TestRolloutEngine::startNeedsApprovalFirst()
{
    Bench bench;
    RolloutSpec spec = smallSpec({0});
    spec.requiresApproval = true;
    const QString id = bench.engine.create(spec, targets(3), u"alice"_s)->rolloutId;
    const auto start = bench.engine.start(id, u"alice"_s);
    QVERIFY(!start);
    QCOMPARE(start.error().kind, EngineError::Kind::IllegalTransition);
    QCOMPARE(start.error().message, u"cannot start rollout 'test rollout': it is WAITING_FOR_APPROVAL; it needs an "
                                    "approval from someone other than alice first"_s);
}

void TestRolloutEngine::resumeOfARunningRolloutIsIllegal()
{
    Bench bench;
    const QString id = bench.startRollout(smallSpec({0}), targets(3));
    const auto resumed = bench.engine.resume(id, u"alice"_s);
    QVERIFY(!resumed);
    QCOMPARE(resumed.error().kind, EngineError::Kind::IllegalTransition);
    QCOMPARE(resumed.error().message,
             u"cannot resume rollout 'test rollout': it is RUNNING; resume is allowed only from PAUSED"_s);
}

void TestRolloutEngine::pauseOnlyFromRunningAndResumeOnlyFromPaused()
{
    Bench bench;
    const QString id = bench.startRollout(smallSpec({0}), targets(3));
    const auto paused = bench.engine.pause(id, u"alice"_s, u"lunch"_s);
    QVERIFY(paused);
    QCOMPARE(bench.rollout(id).state, RolloutState::Paused);
    QCOMPARE(bench.rollout(id).pauseReason, PauseReason::Operator);
    QCOMPARE(paused->first().to, u"PAUSED(operator)"_s);
    // No new device starts while paused.
    QCOMPARE(bench.engine.instructionFor(deviceId(0)).instruction.kind, Instruction::Kind::NothingToDo);
    const auto twice = bench.engine.pause(id, u"alice"_s);
    QVERIFY(!twice);
    QCOMPARE(twice.error().message,
             u"cannot pause rollout 'test rollout': it is PAUSED (operator); pause is allowed only from RUNNING"_s);
    QVERIFY(bench.engine.resume(id, u"alice"_s, u"back"_s));
    QCOMPARE(bench.rollout(id).state, RolloutState::Running);
    QCOMPARE(bench.engine.instructionFor(deviceId(0)).instruction.kind, Instruction::Kind::Install);
}

void TestRolloutEngine::advanceOfAFinishedRolloutIsIllegal()
{
    Bench bench;
    const QString id = bench.startRollout(smallSpec({0}), targets(2));
    for (int i = 0; i < 2; ++i)
        QVERIFY(bench.drive(id, deviceId(i), Bench::Path::Succeed));
    bench.engine.tick();
    QCOMPARE(bench.rollout(id).state, RolloutState::Finished);
    const auto advanced = bench.engine.advance(id, u"alice"_s);
    QVERIFY(!advanced);
    QCOMPARE(advanced.error().message,
             u"cannot advance rollout 'test rollout': it is FINISHED; advance is allowed only from RUNNING or PAUSED"_s);
    QVERIFY(!bench.engine.stop(id, u"alice"_s, u"late"_s));
}

void TestRolloutEngine::advanceOfTheLastStageWaitsForItsDevices()
{
    Bench bench;
    const QString id = bench.startRollout(smallSpec({1, 0}), targets(3));
    QVERIFY(bench.engine.advance(id, u"alice"_s, u"skip the canary"_s));
    QCOMPARE(bench.rollout(id).currentStage, 1);
    QCOMPARE(bench.rollout(id).stages[0].status, StageStatus::Passed);
    const auto finish = bench.engine.advance(id, u"alice"_s);
    QVERIFY(!finish);
    QCOMPARE(finish.error().message, u"cannot advance rollout 'test rollout': it is RUNNING; stage 2 (s2) is the last "
                                     "stage; the rollout finishes when its devices are done"_s);
}

void TestRolloutEngine::startOnFridayAfternoonNeedsAnOverrideReason()
{
    Bench bench;
    bench.clock.set(utc(2024, 3, 15, 14)); // Friday 14:00
    const QString id = bench.engine.create(smallSpec({0}), targets(3), u"alice"_s)->rolloutId;
    const auto refused = bench.engine.start(id, u"alice"_s, u"go"_s);
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, EngineError::Kind::WindowClosed);
    QCOMPARE(refused.error().message,
             u"cannot start rollout 'test rollout' at Friday 2024-03-15 14:00 (UTC): outside the deployment window "
             "(Monday to Thursday 08:00-16:00, Friday 08:00-12:00 (UTC); closed at all other times); it opens next at "
             "Monday 2024-03-18 08:00 (UTC). To act now, give an override reason; it is recorded for the audit"_s);
    QVERIFY(!bench.engine.start(id, u"alice"_s, u"go"_s, u"   "_s));
    QCOMPARE(bench.rollout(id).state, RolloutState::Ready);

    const auto started = bench.engine.start(id, u"alice"_s, u"go"_s, u"battery drain fix cannot wait for Monday"_s);
    QVERIFY(started);
    QCOMPARE(bench.rollout(id).state, RolloutState::Running);
    QCOMPARE(bench.rollout(id).overrides.size(), 1);
    const WindowOverride &override = bench.rollout(id).overrides.first();
    QCOMPARE(override.actor, u"alice"_s);
    QCOMPARE(override.action, u"start"_s);
    QCOMPARE(override.reason, u"battery drain fix cannot wait for Monday"_s);
    QCOMPARE(override.until, utc(2024, 3, 18, 8));
    QCOMPARE(started->first().action, u"window-override"_s);
    QCOMPARE(started->first().reason, override.reason);
    // The engine does not pause a rollout the operator started with an override.
    bench.engine.tick();
    QCOMPARE(bench.rollout(id).state, RolloutState::Running);
}

void TestRolloutEngine::automaticAdvanceWaitsForTheDeploymentWindow()
{
    Bench bench;
    bench.clock.set(utc(2024, 3, 14, 15)); // Thursday 15:00
    const QString id = bench.startRollout(smallSpec({1, 0}), targets(3));
    QVERIFY(bench.drive(id, deviceId(0), Bench::Path::Succeed));
    bench.clock.set(utc(2024, 3, 14, 17)); // closed
    bench.engine.tick();
    const Rollout &rollout = bench.rollout(id);
    QCOMPARE(rollout.state, RolloutState::Paused);
    QCOMPARE(rollout.pauseReason, PauseReason::OutsideWindow);
    QVERIFY2(rollout.stateReason.contains(u"opens at Friday 2024-03-15 08:00 (UTC)"_s), qPrintable(rollout.stateReason));
    QCOMPARE(rollout.currentStage, 0);
    QCOMPARE(bench.state(id, deviceId(0)), DeviceState::Succeeded); // nothing failed
    bench.clock.set(utc(2024, 3, 15, 8));
    const Changes opened = bench.engine.tick();
    QVERIFY(hasChange(opened, u"window"_s));
    QCOMPARE(rollout.state, RolloutState::Running);
    QCOMPARE(rollout.currentStage, 1);
}

void TestRolloutEngine::maintenanceWindowPausesWithoutFailingAndResumes()
{
    Bench bench;
    RolloutSpec spec = smallSpec({0});
    spec.maintenanceWindow = DeploymentWindowPolicy({{{Qt::Monday, Qt::Tuesday}, 9 * 60, 10 * 60}}, QTimeZone::utc());
    const QString id = bench.startRollout(spec, targets(2));
    QCOMPARE(bench.engine.instructionFor(deviceId(0)).instruction.kind, Instruction::Kind::Install);
    QVERIFY(bench.report(id, deviceId(0), DeviceState::Downloading));
    bench.clock.set(utc(2024, 3, 11, 10)); // Monday 10:00: closed
    bench.engine.tick();
    const Rollout &rollout = bench.rollout(id);
    QCOMPARE(rollout.state, RolloutState::Paused);
    QCOMPARE(rollout.pauseReason, PauseReason::OutsideWindow);
    QVERIFY2(rollout.stateReason.contains(u"resumes when it opens at Tuesday 2024-03-12 09:00 (UTC)"_s),
             qPrintable(rollout.stateReason));
    QCOMPARE(bench.engine.instructionFor(deviceId(1)).instruction.kind, Instruction::Kind::NothingToDo);
    const auto resume = bench.engine.resume(id, u"alice"_s);
    QVERIFY(!resume);
    QVERIFY(resume.error().message.contains(u"maintenance window is closed"_s));
    bench.clock.set(utc(2024, 3, 12, 8, 59));
    bench.engine.tick();
    QCOMPARE(rollout.state, RolloutState::Paused);
    bench.clock.set(utc(2024, 3, 12, 9)); // 23 h later: no timeout counts while paused for the window
    bench.engine.tick();
    QCOMPARE(rollout.state, RolloutState::Running);
    QCOMPARE(bench.state(id, deviceId(0)), DeviceState::Downloading);
    // An operator's pause is not lifted by the window.
    QVERIFY(bench.engine.pause(id, u"alice"_s));
    bench.clock.set(utc(2024, 3, 12, 12));
    bench.engine.tick();
    bench.clock.set(utc(2024, 3, 18, 9));
    bench.engine.tick();
    QCOMPARE(rollout.pauseReason, PauseReason::Operator);
}

void TestRolloutEngine::stageSizesByCountAndPercentOfTheRest()
{
    Bench bench;
    RolloutSpec spec = smallSpec({5});
    spec.stages.append(smallSpec({0}).stages.first());
    spec.stages.last().name = u"ten percent"_s;
    spec.stages.last().size = {StageSize::Kind::Percent, 10};
    spec.stages.append(smallSpec({0}).stages.first());
    spec.stages.last().name = u"rest"_s;
    const auto created = bench.engine.create(spec, targets(100), u"alice"_s);
    QVERIFY(created);
    const Rollout &rollout = bench.rollout(created->rolloutId);
    QCOMPARE(rollout.stages[0].deviceCount, 5);
    QCOMPARE(rollout.stages[1].deviceCount, 10); // 10% of the 95 left, rounded up
    QCOMPARE(rollout.stages[2].deviceCount, 85);
    QCOMPARE(rollout.device(deviceId(0))->stage, 0);
    QCOMPARE(rollout.device(deviceId(5))->stage, 1);
    QCOMPARE(rollout.device(deviceId(99))->stage, 2);
}

void TestRolloutEngine::devicesOnTheReleaseAreAlreadyInstalled()
{
    Bench bench;
    QList<DeviceTarget> fleet = targets(10);
    for (int i = 0; i < 4; ++i)
        fleet[i].version = NewVersion;
    const QString id = bench.startRollout(smallSpec({2, 0}), fleet);
    const Rollout &rollout = bench.rollout(id);
    QCOMPARE(rollout.device(deviceId(0))->state, DeviceState::AlreadyInstalled);
    QCOMPARE(rollout.device(deviceId(0))->stage, -1);
    QCOMPARE(rollout.stages[0].deviceCount, 2);
    QCOMPARE(rollout.stages[1].deviceCount, 4);
    QCOMPARE(bench.engine.instructionFor(deviceId(0), {NewVersion, 90}).instruction.kind, Instruction::Kind::NothingToDo);
    // A device updated out of band checks in on the new version.
    const auto reply = bench.engine.instructionFor(deviceId(4), {NewVersion, 90});
    QCOMPARE(reply.instruction.kind, Instruction::Kind::NothingToDo);
    QCOMPARE(bench.state(id, deviceId(4)), DeviceState::AlreadyInstalled);
    const auto counts = bench.engine.counts(id);
    QCOMPARE(counts->total.of(DeviceState::AlreadyInstalled), 5);
}

void TestRolloutEngine::targetsNoStageTakesAreRefused()
{
    Bench bench;
    const auto created = bench.engine.create(smallSpec({3, 2}), targets(10), u"alice"_s);
    QVERIFY(!created);
    QCOMPARE(created.error().kind, EngineError::Kind::InvalidInput);
    QCOMPARE(created.error().message,
             u"rollout 'test rollout' refused: stages: they take 5 of the 10 devices to update, so 5 would never be "
             "updated; make the last stage's size {\"percent\": 100}"_s);
    QVERIFY(bench.engine.rolloutIds().isEmpty());
}

void TestRolloutEngine::badSpecAndTargetsAreRefusedWithEveryProblem()
{
    Bench bench;
    RolloutSpec spec = smallSpec({0});
    spec.stages[0].minSuccessRate = 1.5;
    spec.targets.chips = {u"esp32s3"_s};
    QList<DeviceTarget> fleet = targets(2);
    fleet.append(fleet.first());
    const auto created = bench.engine.create(spec, fleet, u""_s);
    QVERIFY(!created);
    const QStringList problems = created.error().problems;
    QVERIFY2(problems.contains(u"stage 1 (s1): minSuccessRate 1.5 is not between 0 and 1"_s), qPrintable(problems.join(u'\n')));
    QVERIFY(problems.contains(u"actor is empty: every rollout records who created it"_s));
    QVERIFY(problems.contains(u"targets: device 'dev-0000' is listed twice"_s));
    QVERIFY(problems.contains(u"targets: device 'dev-0001' does not match the target selector: chip \"esp32\" is not one of esp32s3"_s));
    QVERIFY(created.error().message.startsWith(u"rollout 'test rollout' refused: stage 1 (s1): minSuccessRate 1.5"_s));

    const auto empty = bench.engine.create(smallSpec({0}), {}, u"alice"_s);
    QVERIFY(!empty);
    QCOMPARE(empty.error().problems, QStringList{u"targets: a rollout needs at least one target device"_s});
}

void TestRolloutEngine::aDeviceInALiveRolloutCannotJoinAnother()
{
    Bench bench;
    const QString first = bench.startRollout(smallSpec({0}), targets(3));
    QVERIFY(!first.isEmpty());
    const auto second = bench.engine.create(smallSpec({0}), targets(2, 2), u"alice"_s);
    QVERIFY(!second);
    QCOMPARE(second.error().kind, EngineError::Kind::Conflict);
    QCOMPARE(second.error().message, u"device 'dev-0002' is already in rollout 'test rollout' (RUNNING); a device "
                                     "takes part in one live rollout at a time"_s);
}

void TestRolloutEngine::soakCountsDownFromTheLastDevice()
{
    Bench bench;
    RolloutSpec spec = smallSpec({2, 0});
    spec.stages[0].soakSeconds = 5 * 3600;
    const QString id = bench.startRollout(spec, targets(4));
    QVERIFY(bench.drive(id, deviceId(0), Bench::Path::Succeed));
    bench.clock.advance(3600);
    QVERIFY(bench.drive(id, deviceId(1), Bench::Path::Succeed)); // the last one, at 10:00
    bench.clock.advance(1800);
    const Changes soaking = bench.engine.tick();
    const Rollout &rollout = bench.rollout(id);
    QCOMPARE(rollout.stages[0].status, StageStatus::Soaking);
    QCOMPARE(rollout.stages[0].soakEndsAt, utc(2024, 3, 11, 15));
    QVERIFY(hasChange(soaking, u"stage"_s));
    bench.clock.set(utc(2024, 3, 11, 14, 59));
    bench.engine.tick();
    QCOMPARE(rollout.currentStage, 0);
    bench.clock.set(utc(2024, 3, 11, 15));
    bench.engine.tick();
    QCOMPARE(rollout.currentStage, 1);
}

void TestRolloutEngine::manualGateWaitsForAnOperator()
{
    Bench bench;
    RolloutSpec spec = smallSpec({1, 0});
    spec.stages[0].gateAction = GateAction::Manual;
    spec.stages[0].soakSeconds = 3600;
    const QString id = bench.startRollout(spec, targets(3));
    QVERIFY(bench.drive(id, deviceId(0), Bench::Path::Succeed));
    bench.engine.tick();
    bench.clock.advance(3600);
    bench.engine.tick();
    const Rollout &rollout = bench.rollout(id);
    QCOMPARE(rollout.state, RolloutState::Paused);
    QCOMPARE(rollout.pauseReason, PauseReason::Gate);
    QCOMPARE(rollout.stateReason, u"stage 1 (s1) passed its gate and soak; its gate is manual: an operator advances to "
                                  "go on to stage 2 (s2)"_s);
    bench.clock.advance(7 * 24 * 3600);
    bench.engine.tick();
    QCOMPARE(rollout.state, RolloutState::Paused); // it waits however long
    QCOMPARE(rollout.currentStage, 0);
    QVERIFY(!bench.engine.resume(id, u"alice"_s));
    const auto advanced = bench.engine.advance(id, u"carol"_s, u"canary looks healthy"_s);
    QVERIFY(advanced);
    QCOMPARE(rollout.state, RolloutState::Running);
    QCOMPARE(rollout.currentStage, 1);
    QCOMPARE(rollout.history.last().actor, u"carol"_s);
}

void TestRolloutEngine::abortRuleWaitsForItsMinimumSample()
{
    Bench bench;
    RolloutSpec spec = smallSpec({0}, 0.0);
    spec.abortRules = {{{FailureType::Boot}, {Threshold::Kind::Count, 3}, 10, AbortAction::Pause}};
    const QString id = bench.startRollout(spec, targets(20));
    for (int i = 0; i < 3; ++i)
        QVERIFY(bench.drive(id, deviceId(i), Bench::Path::FailBoot));
    for (int i = 3; i < 9; ++i)
        QVERIFY(bench.drive(id, deviceId(i), Bench::Path::Succeed));
    bench.engine.tick();
    const Rollout &rollout = bench.rollout(id);
    QCOMPARE(rollout.state, RolloutState::Running); // 9 executed, under the minimum 10
    QVERIFY(bench.drive(id, deviceId(9), Bench::Path::Succeed));
    const Changes tripped = bench.engine.tick();
    QCOMPARE(rollout.state, RolloutState::Paused);
    QCOMPARE(rollout.pauseReason, PauseReason::Threshold);
    QCOMPARE(rollout.stateReason, u"global abort rule 1 tripped: 3 of 10 executed devices failed (30.0%); rule: boot "
                                  "failures reach 3 devices of at least 10 executed devices: pause"_s);
    QVERIFY(hasChange(tripped, u"abort-rule"_s));
    // Resuming acknowledges those failures; one more trips it again.
    QVERIFY(bench.engine.resume(id, u"alice"_s, u"known bad batch"_s));
    QVERIFY(bench.drive(id, deviceId(10), Bench::Path::Succeed));
    bench.engine.tick();
    QCOMPARE(rollout.state, RolloutState::Running);
    QVERIFY(bench.drive(id, deviceId(11), Bench::Path::FailBoot));
    bench.engine.tick();
    QCOMPARE(rollout.state, RolloutState::Paused);
    QCOMPARE(rollout.pauseReason, PauseReason::Threshold);
}

void TestRolloutEngine::abortRuleCanStopTheRollout()
{
    Bench bench;
    RolloutSpec spec = smallSpec({5, 0}, 0.0);
    spec.stages[0].abortRules = {{{}, {Threshold::Kind::Rate, 0.5}, 2, AbortAction::Stop}};
    const QString id = bench.startRollout(spec, targets(10));
    QVERIFY(bench.drive(id, deviceId(0), Bench::Path::RollBack));
    QVERIFY(bench.drive(id, deviceId(1), Bench::Path::Succeed));
    bench.engine.tick();
    const Rollout &rollout = bench.rollout(id);
    QCOMPARE(rollout.state, RolloutState::Stopped);
    QVERIFY2(rollout.stateReason.startsWith(u"stage 1 (s1) abort rule 1 tripped: 1 of 2 executed devices failed (50.0%)"_s),
             qPrintable(rollout.stateReason));
    QCOMPARE(bench.state(id, deviceId(2)), DeviceState::Canceled);
    QCOMPARE(bench.state(id, deviceId(9)), DeviceState::Canceled);
}

void TestRolloutEngine::stopKeepsDoneDevicesAndCancelsTheRest()
{
    Bench bench;
    const QString id = bench.startRollout(smallSpec({4, 0}), targets(8));
    QVERIFY(bench.drive(id, deviceId(0), Bench::Path::Succeed));
    QVERIFY(bench.drive(id, deviceId(1), Bench::Path::Silent)); // NOTIFIED
    QVERIFY(bench.report(id, deviceId(1), DeviceState::Downloading));
    QVERIFY(bench.drive(id, deviceId(2), Bench::Path::Silent));
    QVERIFY(bench.report(id, deviceId(2), DeviceState::Installing));
    QVERIFY(!bench.engine.stop(id, u"alice"_s, u""_s));
    const auto stopped = bench.engine.stop(id, u"alice"_s, u"MQTT broker migration"_s);
    QVERIFY(stopped);
    const Rollout &rollout = bench.rollout(id);
    QCOMPARE(rollout.state, RolloutState::Stopped);
    QCOMPARE(stopped->first().detail, u"5 devices canceled, 1 told to cancel; done devices stay done, installing ones "
                                      "finish or roll back on the device"_s);
    QCOMPARE(bench.state(id, deviceId(0)), DeviceState::Succeeded);   // done stays done
    QCOMPARE(bench.state(id, deviceId(3)), DeviceState::Canceled);    // scheduled never starts
    QCOMPARE(bench.state(id, deviceId(7)), DeviceState::Canceled);    // nor does a later stage
    QCOMPARE(bench.state(id, deviceId(1)), DeviceState::Downloading); // told to cancel
    QVERIFY(rollout.device(deviceId(1))->cancelRequested);
    QCOMPARE(bench.engine.instructionFor(deviceId(1)).instruction.kind, Instruction::Kind::Cancel);
    QCOMPARE(bench.engine.instructionFor(deviceId(3)).instruction.kind, Instruction::Kind::NothingToDo);
    QVERIFY(bench.report(id, deviceId(1), DeviceState::Canceled));
    // In flight past the point of no return: it finishes.
    QVERIFY(bench.report(id, deviceId(2), DeviceState::Succeeded, NewVersion, true));
    QCOMPARE(bench.state(id, deviceId(2)), DeviceState::Succeeded);
    QCOMPARE(rollout.stages[1].status, StageStatus::Canceled);
    const auto resume = bench.engine.resume(id, u"alice"_s);
    QVERIFY(!resume);
    QCOMPARE(resume.error().message, u"cannot resume rollout 'test rollout': it is STOPPED; resume is allowed only from PAUSED"_s);
}

void TestRolloutEngine::breakGlassBringsEveryUpdatedDeviceBack()
{
    Bench bench;
    const QString id = bench.startRollout(smallSpec({5, 0}, 0.0), targets(10));
    for (int i = 0; i < 3; ++i)
        QVERIFY(bench.drive(id, deviceId(i), Bench::Path::Succeed));
    QVERIFY(bench.drive(id, deviceId(3), Bench::Path::Silent));
    QVERIFY(bench.report(id, deviceId(3), DeviceState::Rebooting));
    QVERIFY(bench.drive(id, deviceId(4), Bench::Path::RollBack));
    bench.clock.set(utc(2024, 3, 16, 23)); // Saturday night: no window applies
    const auto rolled = bench.engine.rollback(id, u"oncall"_s, u"sensors report wrong CO2 values"_s);
    QVERIFY(rolled);
    const Rollout &rollout = bench.rollout(id);
    QCOMPARE(rollout.state, RolloutState::RollingBack);
    QCOMPARE(rolled->first().action, u"break-glass"_s);
    QCOMPARE(rolled->first().detail, u"4 devices ordered back to their previous version"_s);
    QVERIFY(rollout.breakGlass);
    QCOMPARE(rollout.breakGlass->devicesOrdered, 4);
    QCOMPARE(rollout.breakGlass->actor, u"oncall"_s);
    QCOMPARE(bench.state(id, deviceId(5)), DeviceState::Canceled);

    for (int i = 0; i < 4; ++i) {
        const auto reply = bench.engine.instructionFor(deviceId(i), {NewVersion, 80});
        QCOMPARE(reply.instruction.kind, Instruction::Kind::RollBack);
        QCOMPARE(reply.instruction.version, OldVersion);
    }
    QCOMPARE(bench.engine.instructionFor(deviceId(4), {OldVersion, 80}).instruction.kind, Instruction::Kind::NothingToDo);
    for (int i = 0; i < 3; ++i)
        QVERIFY(bench.report(id, deviceId(i), DeviceState::Succeeded, OldVersion, true));
    QCOMPARE(rollout.state, RolloutState::RollingBack); // one still to go
    const auto last = bench.engine.instructionFor(deviceId(3), {OldVersion, 80});
    QCOMPARE(bench.state(id, deviceId(3)), DeviceState::RolledBack);
    QVERIFY(hasChange(last.changes, u"rolled-back"_s));
    QCOMPARE(rollout.state, RolloutState::RolledBack);
    QCOMPARE(rollout.breakGlass->completedAt, bench.clock.now());
    for (int i = 0; i < 4; ++i)
        QCOMPARE(bench.state(id, deviceId(i)), DeviceState::RolledBack);
    const DeviceEntry &first = *rollout.device(deviceId(0));
    QCOMPARE(first.history.last().from, DeviceState::Succeeded);
    QCOMPARE(first.history.last().to, DeviceState::RolledBack);
}

void TestRolloutEngine::breakGlassNeedsAReasonAndAStartedRollout()
{
    Bench bench;
    const QString id = bench.engine.create(smallSpec({0}), targets(2), u"alice"_s)->rolloutId;
    const auto early = bench.engine.rollback(id, u"oncall"_s, u"why not"_s);
    QVERIFY(!early);
    QCOMPARE(early.error().message, u"cannot roll back rollout 'test rollout': it is READY; roll back is allowed only "
                                    "from RUNNING or PAUSED or STOPPED or FINISHED"_s);
    QVERIFY(bench.engine.start(id, u"alice"_s));
    QVERIFY(!bench.engine.rollback(id, u"oncall"_s, u" "_s));
    QVERIFY(bench.engine.rollback(id, u"oncall"_s, u"nothing installed yet, but stop it all"_s));
    QCOMPARE(bench.rollout(id).state, RolloutState::RolledBack); // nobody to wait for
}

void TestRolloutEngine::batteryDeferralIsNotAFailure()
{
    Bench bench;
    const QString id = bench.startRollout(smallSpec({0}, 1.0), targets(2));
    const auto low = bench.engine.instructionFor(deviceId(0), {OldVersion, 20});
    QCOMPARE(low.instruction.kind, Instruction::Kind::NothingToDo);
    QCOMPARE(bench.state(id, deviceId(0)), DeviceState::Deferred);
    QCOMPARE(low.changes.first().reason, u"battery 20% is below 40%: deferred, not failed; retried at a later check-in"_s);
    // A device that reports low battery itself before downloading is deferred too.
    QVERIFY(bench.engine.instructionFor(deviceId(1), {OldVersion, 90}).instruction.kind == Instruction::Kind::Install);
    DeviceReport lowReport;
    lowReport.state = DeviceState::Downloading;
    lowReport.batteryPercent = 35;
    QVERIFY(bench.engine.onDeviceReport(id, deviceId(1), lowReport));
    QCOMPARE(bench.state(id, deviceId(1)), DeviceState::Deferred);
    bench.clock.advance(10 * 3600); // deferred devices do not time out
    bench.engine.tick();
    QCOMPARE(bench.state(id, deviceId(0)), DeviceState::Deferred);
    QCOMPARE(bench.rollout(id).state, RolloutState::Running);
    for (int i = 0; i < 2; ++i)
        QVERIFY(bench.drive(id, deviceId(i), Bench::Path::Succeed)); // charged: 80%
    bench.engine.tick();
    QCOMPARE(bench.rollout(id).state, RolloutState::Finished); // 100% success: deferral never counted as failure
}

void TestRolloutEngine::aDeviceThatNeverReportsTimesOut()
{
    Bench bench;
    RolloutSpec spec = smallSpec({0}, 0.0);
    spec.retries = {{FailureType::Timeout, 1}};
    const QString id = bench.startRollout(spec, targets(1));
    QVERIFY(bench.drive(id, deviceId(0), Bench::Path::Silent));
    QVERIFY(bench.report(id, deviceId(0), DeviceState::Downloading));
    bench.clock.advance(2 * 3600 - 1);
    QVERIFY(bench.engine.tick().isEmpty());
    bench.clock.advance(1);
    const Changes first = bench.engine.tick();
    QCOMPARE(first.size(), 2);
    QCOMPARE(first[0].to, u"TIMED_OUT"_s);
    QCOMPARE(first[0].reason, u"no report for 2 h while DOWNLOADING"_s);
    QCOMPARE(first[1].action, u"retry"_s);
    QCOMPARE(first[1].reason, u"retry 1 of 1 after a timeout failure"_s);
    QCOMPARE(bench.state(id, deviceId(0)), DeviceState::Scheduled);
    QVERIFY(bench.drive(id, deviceId(0), Bench::Path::Silent));
    bench.clock.advance(2 * 3600);
    bench.engine.tick();
    QCOMPARE(bench.state(id, deviceId(0)), DeviceState::TimedOut); // no retry left
    QCOMPARE(bench.rollout(id).device(deviceId(0))->failureType, FailureType::Timeout);
    bench.engine.tick();
    QCOMPARE(bench.rollout(id).state, RolloutState::Finished); // the gate (min 0) can decide: nothing hangs
}

void TestRolloutEngine::aDeviceThatNeverChecksInTimesOut()
{
    Bench bench;
    const QString id = bench.startRollout(smallSpec({0}, 0.0), targets(1));
    bench.clock.advance(2 * 3600);
    bench.engine.tick();
    QCOMPARE(bench.state(id, deviceId(0)), DeviceState::TimedOut);
    QCOMPARE(bench.rollout(id).device(deviceId(0))->detail, u"did not check in within 2 h of its stage starting"_s);
}

void TestRolloutEngine::successNeedsTheNewVersionRunningWithHealthPassed()
{
    Bench bench;
    const QString id = bench.startRollout(smallSpec({0}), targets(3));
    for (int i = 0; i < 3; ++i) {
        QVERIFY(bench.drive(id, deviceId(i), Bench::Path::Silent));
        QVERIFY(bench.report(id, deviceId(i), DeviceState::Rebooting));
    }
    // No version: refused.
    QVERIFY(!bench.report(id, deviceId(0), DeviceState::Succeeded, {}, true));
    // The new version without health: still verifying.
    QVERIFY(bench.report(id, deviceId(0), DeviceState::Succeeded, NewVersion, false));
    QCOMPARE(bench.state(id, deviceId(0)), DeviceState::Verifying);
    QVERIFY(bench.report(id, deviceId(0), DeviceState::Succeeded, NewVersion, true));
    QCOMPARE(bench.state(id, deviceId(0)), DeviceState::Succeeded);
    // "Succeeded" on the old version: it booted the old slot.
    QVERIFY(bench.report(id, deviceId(1), DeviceState::Succeeded, OldVersion, true));
    QCOMPARE(bench.state(id, deviceId(1)), DeviceState::RolledBack);
    QCOMPARE(bench.rollout(id).device(deviceId(1))->failureType, FailureType::Boot);
    // A third version is neither.
    const auto other = bench.engine.onDeviceReport(id, deviceId(2), {DeviceState::Succeeded, {}, u"2.2.0"_s, true, {}, {}});
    QVERIFY(!other);
    QCOMPARE(other.error().message, u"device 'dev-0002' in rollout 'test rollout': the device runs 2.2.0, neither the "
                                    "release 2.3.2 nor its previous version 2.3.1"_s);
}

void TestRolloutEngine::illegalDeviceReportsAreRefused()
{
    Bench bench;
    const QString id = bench.startRollout(smallSpec({0}), targets(2));
    QVERIFY(bench.drive(id, deviceId(0), Bench::Path::Succeed));
    const auto afterFinal = bench.engine.onDeviceReport(id, deviceId(0), {DeviceState::Downloading, {}, {}, false, {}, {}});
    QVERIFY(!afterFinal);
    QCOMPARE(afterFinal.error().message, u"device 'dev-0000' in rollout 'test rollout': it is SUCCEEDED, a final state; it "
                                         "cannot become DOWNLOADING"_s);
    // A repeat of a final state changes nothing and is not an error.
    const auto repeat = bench.engine.onDeviceReport(id, deviceId(0), {DeviceState::Succeeded, {}, NewVersion, true, {}, {}});
    QVERIFY(repeat);
    QVERIFY(repeat->isEmpty());

    QVERIFY(bench.drive(id, deviceId(1), Bench::Path::Silent));
    QVERIFY(bench.report(id, deviceId(1), DeviceState::Installing));
    const auto back = bench.engine.onDeviceReport(id, deviceId(1), {DeviceState::Downloading, {}, {}, false, {}, {}});
    QVERIFY(!back);
    QVERIFY(back.error().message.endsWith(u"it is already INSTALLING; a device moves forward and cannot go back to DOWNLOADING"_s));
    const auto serverState = bench.engine.onDeviceReport(id, deviceId(1), {DeviceState::TimedOut, {}, {}, false, {}, {}});
    QVERIFY(!serverState);
    QVERIFY(serverState.error().message.contains(u"TIMED_OUT is set by the server, not reported by a device"_s));
    const auto lateCancel = bench.engine.onDeviceReport(id, deviceId(1), {DeviceState::Canceled, {}, {}, false, {}, {}});
    QVERIFY(!lateCancel);
    QVERIFY(lateCancel.error().message.contains(u"too late to cancel"_s));
    const auto history = bench.rollout(id).device(deviceId(1))->history;
    QCOMPARE(history.last().to, DeviceState::Installing); // refused reports leave no trace
}

void TestRolloutEngine::countsByStateInOneCall()
{
    Bench bench;
    const QString id = bench.startRollout(smallSpec({3, 0}, 0.0), targets(6));
    QVERIFY(bench.drive(id, deviceId(0), Bench::Path::Succeed));
    QVERIFY(bench.drive(id, deviceId(1), Bench::Path::FailDownload));
    const auto counts = bench.engine.counts(id);
    QVERIFY(counts);
    QCOMPARE(counts->total.of(DeviceState::Succeeded), 1);
    QCOMPARE(counts->total.of(DeviceState::Failed), 1);
    QCOMPARE(counts->total.of(DeviceState::Scheduled), 4);
    QCOMPARE(counts->stages[0].of(DeviceState::Scheduled), 1);
    QCOMPARE(counts->stages[1].of(DeviceState::Scheduled), 3);
    const QJsonObject json = counts->toJson(bench.rollout(id));
    QCOMPARE(json.value(u"total"_s).toObject().value(u"SUCCEEDED"_s).toInt(), 1);
    QCOMPARE(json.value(u"total"_s).toObject().value(u"CANCELED"_s).toInt(), 0);
    QCOMPARE(json.value(u"stages"_s).toArray().at(1).toObject().value(u"status"_s).toString(), u"PENDING"_s);
}

void TestRolloutEngine::unknownRolloutsAndDevicesAreNotFound()
{
    Bench bench;
    const QString id = bench.startRollout(smallSpec({0}), targets(1));
    const auto noRollout = bench.engine.pause(u"nope"_s, u"alice"_s);
    QVERIFY(!noRollout);
    QCOMPARE(noRollout.error().kind, EngineError::Kind::NotFound);
    const auto noDevice = bench.engine.onDeviceReport(id, u"stranger"_s, {});
    QVERIFY(!noDevice);
    QCOMPARE(noDevice.error().message, u"device 'stranger' is not part of rollout 'test rollout'"_s);
    QCOMPARE(bench.engine.instructionFor(u"stranger"_s).instruction.kind, Instruction::Kind::NothingToDo);
    QVERIFY(!bench.engine.counts(u"nope"_s));
}

QTEST_GUILESS_MAIN(TestRolloutEngine)
#include "tst_rolloutengine.moc"
