// The case study of ROLLOUTS.md replayed at full scale (5,000 devices in
// memory) on a ManualClock: canary 50/50, pilot 492/500 with 8 rollbacks
// (rollback rate 1.6%, under its 2%), full 4,410/4,450, every soak counted
// down; and the variant where 11 pilot rollbacks trip the gate.

#include <QElapsedTimer>
#include <QTest>

#include "tst_rolloutfleet.h"

using namespace Qt::Literals::StringLiterals;
using namespace Engine;
using namespace RolloutFleet;

class TestRolloutCaseStudy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void caseStudyRunsToFinishedAtFullScale();
    void elevenPilotRollbacksTripTheGateAndPause();

private:
    // Creates the case-study rollout for 5,000 devices, approved by bob and
    // started Monday 09:00; then plays canary 50/50 and its 24 h soak.
    QString throughCanary(Bench &bench);
    void playPilot(Bench &bench, const QString &id, int rollbacks);
};

QString TestRolloutCaseStudy::throughCanary(Bench &bench)
{
    const RolloutSpec spec = RolloutSpec::caseStudy(release());
    auto created = bench.engine.create(spec, targets(5000), u"alice"_s);
    if (!created)
        qWarning().noquote() << created.error().message;
    [&] { QVERIFY(created); }();
    if (!created)
        return {};
    const QString id = created->rolloutId;
    const Rollout &rollout = bench.rollout(id);
    [&] {
        QCOMPARE(rollout.state, RolloutState::WaitingForApproval);
        QCOMPARE(rollout.stages[0].deviceCount, 50);
        QCOMPARE(rollout.stages[1].deviceCount, 500);
        QCOMPARE(rollout.stages[2].deviceCount, 4450);
        QVERIFY(bench.engine.approve(id, u"bob"_s, u"canary plan reviewed"_s));
        QVERIFY(bench.engine.start(id, u"alice"_s, u"fix MQTT reconnect loop"_s));
        QCOMPARE(rollout.currentStage, 0);

        for (const QString &device : bench.stageDevices(id, 0))
            QVERIFY(bench.drive(id, device, Bench::Path::Succeed));
        bench.engine.tick();
        QCOMPARE(rollout.stages[0].status, StageStatus::Soaking);
        QVERIFY2(rollout.stages[0].gateResult.contains(u"success rate 100.0% (50 of 50)"_s),
                 qPrintable(rollout.stages[0].gateResult));
        QCOMPARE(rollout.stages[0].soakEndsAt, monday0900().addSecs(24 * 3600));

        bench.clock.advance(23 * 3600);
        bench.engine.tick();
        QCOMPARE(rollout.currentStage, 0); // soak still counting down
        bench.clock.advance(3600);
        bench.engine.tick();
        QCOMPARE(rollout.stages[0].status, StageStatus::Passed);
        QCOMPARE(rollout.currentStage, 1);
        QCOMPARE(rollout.state, RolloutState::Running);
    }();
    return id;
}

void TestRolloutCaseStudy::playPilot(Bench &bench, const QString &id, int rollbacks)
{
    const QStringList pilot = bench.stageDevices(id, 1);
    QCOMPARE(pilot.size(), 500);
    for (qsizetype i = 0; i < pilot.size(); ++i)
        QVERIFY(bench.drive(id, pilot[i], i < rollbacks ? Bench::Path::RollBack : Bench::Path::Succeed));
    bench.engine.tick();
}

void TestRolloutCaseStudy::caseStudyRunsToFinishedAtFullScale()
{
    QElapsedTimer timer;
    timer.start();
    Bench bench;
    const QString id = throughCanary(bench);
    QVERIFY(!QTest::currentTestFailed());
    const Rollout &rollout = bench.rollout(id);

    // Pilot: 492 of 500, 8 rolled back: 98.4% >= 98%, 1.6% <= 2%.
    playPilot(bench, id, 8);
    QVERIFY(!QTest::currentTestFailed());
    QCOMPARE(rollout.stages[1].status, StageStatus::Soaking);
    QVERIFY2(rollout.stages[1].gateResult.contains(u"success rate 98.4% (492 of 500) meets the minimum 98.0%"_s),
             qPrintable(rollout.stages[1].gateResult));
    QVERIFY2(rollout.stages[1].gateResult.contains(u"rollback rate 1.6% (8 of 500) is within the maximum 2.0%"_s),
             qPrintable(rollout.stages[1].gateResult));
    bench.clock.advance(47 * 3600);
    bench.engine.tick();
    QCOMPARE(rollout.currentStage, 1);
    bench.clock.advance(3600); // Thursday 09:00: inside the deployment window
    bench.engine.tick();
    QCOMPARE(rollout.currentStage, 2);

    // Full: 4,410 succeed (18 of them after a download timeout and a retry),
    // 12 roll back (health checks), 4 boot loops, 2 batteries die, 22
    // downloads fail on every retry (weak Wi-Fi).
    const QStringList full = bench.stageDevices(id, 2);
    QCOMPARE(full.size(), 4450);
    qsizetype next = 0;
    for (int i = 0; i < 18; ++i)
        QVERIFY(bench.drive(id, full[next + i], Bench::Path::Silent));
    bench.clock.advance(2 * 3600); // their per-device timeout
    const Changes timeouts = bench.engine.tick();
    QVERIFY(hasChange(timeouts, u"timeout"_s));
    QVERIFY(hasChange(timeouts, u"retry"_s));
    for (int i = 0; i < 18; ++i) {
        QCOMPARE(bench.state(id, full[next + i]), DeviceState::Scheduled);
        QVERIFY(bench.drive(id, full[next + i], Bench::Path::Succeed));
    }
    next += 18;
    for (int i = 0; i < 12; ++i)
        QVERIFY(bench.drive(id, full[next++], Bench::Path::RollBack));
    for (int i = 0; i < 4; ++i)
        QVERIFY(bench.drive(id, full[next++], Bench::Path::FailBoot));
    for (int i = 0; i < 2; ++i)
        QVERIFY(bench.drive(id, full[next++], Bench::Path::FailBattery));
    for (int i = 0; i < 22; ++i) {
        const QString device = full[next++];
        for (int attempt = 0; attempt < 4; ++attempt) // the first try and 3 retries
            QVERIFY(bench.drive(id, device, Bench::Path::FailDownload));
        QCOMPARE(bench.state(id, device), DeviceState::Failed);
        QCOMPARE(bench.rollout(id).device(device)->retriesUsed.value(FailureType::Download), 3);
    }
    while (next < full.size())
        QVERIFY(bench.drive(id, full[next++], Bench::Path::Succeed));
    bench.engine.tick();
    QCOMPARE(rollout.state, RolloutState::Running);
    QCOMPARE(rollout.stages[2].status, StageStatus::Soaking);
    QVERIFY2(rollout.stages[2].gateResult.contains(u"success rate 99.1% (4,410 of 4,450)"_s),
             qPrintable(rollout.stages[2].gateResult));

    bench.clock.advance(168 * 3600 - 1);
    bench.engine.tick();
    QCOMPARE(rollout.state, RolloutState::Running);
    bench.clock.advance(1);
    const Changes finish = bench.engine.tick();
    QCOMPARE(rollout.state, RolloutState::Finished);
    QVERIFY(hasChange(finish, u"finish"_s));

    const auto counts = bench.engine.counts(id);
    QVERIFY(counts);
    QCOMPARE(counts->total.of(DeviceState::Succeeded), 50 + 492 + 4410);
    QCOMPARE(counts->total.of(DeviceState::RolledBack), 8 + 12);
    QCOMPARE(counts->total.of(DeviceState::Failed), 28);
    QCOMPARE(counts->stages[1].of(DeviceState::RolledBack), 8);
    QCOMPARE(counts->stages[2].of(DeviceState::Succeeded), 4410);
    QCOMPARE(counts->total.total, 5000);
    qInfo("case study: 5,000 devices over %lld simulated days in %lld ms",
          qint64(monday0900().daysTo(bench.clock.now())), qint64(timer.elapsed()));
}

void TestRolloutCaseStudy::elevenPilotRollbacksTripTheGateAndPause()
{
    Bench bench;
    const QString id = throughCanary(bench);
    QVERIFY(!QTest::currentTestFailed());
    const Rollout &rollout = bench.rollout(id);
    playPilot(bench, id, 11);
    QVERIFY(!QTest::currentTestFailed());

    QCOMPARE(rollout.state, RolloutState::Paused);
    QCOMPARE(rollout.pauseReason, PauseReason::Gate);
    QCOMPARE(rollout.stages[1].status, StageStatus::Failed);
    QCOMPARE(rollout.stateReason,
             u"stage 2 (pilot): gate failed: success rate 97.8% (489 of 500) is below the minimum 98.0%; "
             "rollback rate 2.2% (11 of 500) is above the maximum 2.0%"_s);
    // Nothing of the full stage starts while it waits.
    const QString fullDevice = bench.stageDevices(id, 2).first();
    QCOMPARE(bench.engine.instructionFor(fullDevice, {OldVersion, 80}).instruction.kind, Instruction::Kind::NothingToDo);
    const auto resumed = bench.engine.resume(id, u"alice"_s);
    QVERIFY(!resumed);
    QCOMPARE(resumed.error().message,
             u"cannot resume rollout 'smart-building 2.3.2': it is PAUSED (gate); it waits at the gate of stage 2 "
             "(pilot): advance to go on, or stop it"_s);
}

QTEST_GUILESS_MAIN(TestRolloutCaseStudy)
#include "tst_rolloutcasestudy.moc"
