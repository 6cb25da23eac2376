// Every record the store persists survives a JSON round trip unchanged; a
// restored engine carries on where the old one stopped; bad records are
// refused with the problem named.

#include <QJsonDocument>
#include <QTest>

#include "tst_rolloutfleet.h"

using namespace Qt::Literals::StringLiterals;
using namespace Engine;
using namespace RolloutFleet;

class TestRolloutRecords final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rolloutRoundTripsWithEverything();
    void restoredEngineCarriesOn();
    void restoringTheSameRolloutTwiceIsRefused();
    void changeRoundTrips();
    void deviceReportAndTargetRoundTrip();
    void badRecordsAreRefused();
    void instructionJson();

private:
    // A rollout that has been through most of what can happen to one.
    static QString busyRollout(Bench &bench);
};

QString TestRolloutRecords::busyRollout(Bench &bench)
{
    bench.clock.set(utc(2024, 3, 15, 14)); // Friday afternoon: needs an override
    RolloutSpec spec = smallSpec({3, 0}, 0.0);
    spec.requiresApproval = true;
    spec.retries = {{FailureType::Download, 1}};
    spec.maintenanceWindow = DeploymentWindowPolicy::alwaysOpen(QTimeZone::utc());
    const QString id = bench.engine.create(spec, targets(6), u"alice"_s)->rolloutId;
    [&] {
        QVERIFY(bench.engine.approve(id, u"bob"_s, u"ok"_s));
        QVERIFY(bench.engine.start(id, u"alice"_s, u"go"_s, u"urgent fix"_s));
        QVERIFY(bench.drive(id, deviceId(0), Bench::Path::Succeed));
        QVERIFY(bench.drive(id, deviceId(1), Bench::Path::FailDownload)); // retried
        QVERIFY(bench.drive(id, deviceId(2), Bench::Path::Silent));
        QVERIFY(bench.engine.pause(id, u"alice"_s, u"look at dev-0001"_s));
    }();
    return id;
}

void TestRolloutRecords::rolloutRoundTripsWithEverything()
{
    Bench bench;
    const QString id = busyRollout(bench);
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(bench.engine.rollback(id, u"oncall"_s, u"bad build"_s));
    const Rollout &rollout = bench.rollout(id);
    QVERIFY(rollout.breakGlass);
    QCOMPARE(rollout.overrides.size(), 1);
    QCOMPARE(rollout.approvals.size(), 1);
    QVERIFY(rollout.device(deviceId(1))->retriesUsed.value(FailureType::Download) == 1);

    const QByteArray text = QJsonDocument(rollout.toJson()).toJson();
    const auto back = Rollout::fromJson(QJsonDocument::fromJson(text).object());
    QVERIFY2(back, qPrintable(back ? QString() : back.error().join(u'\n')));
    QCOMPARE(back->toJson(), rollout.toJson());
    QVERIFY(back.value() == rollout);
    QCOMPARE(back->device(deviceId(0))->history, rollout.device(deviceId(0))->history);
    for (const DeviceEntry &entry : rollout.devices) {
        const auto entryBack = DeviceEntry::fromJson(entry.toJson());
        QVERIFY(entryBack);
        QCOMPARE(entryBack.value(), entry);
    }
}

void TestRolloutRecords::restoredEngineCarriesOn()
{
    Bench bench;
    const QString id = busyRollout(bench);
    QVERIFY(!QTest::currentTestFailed());
    const auto saved = Rollout::fromJson(bench.rollout(id).toJson());
    QVERIFY(saved);

    Bench restarted;
    restarted.clock.set(bench.clock.now());
    QVERIFY(restarted.engine.restore(saved.value()));
    QCOMPARE(restarted.rollout(id).state, RolloutState::Paused);
    QVERIFY(restarted.engine.resume(id, u"alice"_s, u"fine"_s, u"still urgent"_s));
    // dev-0002 was told to install before the restart: it goes on.
    QCOMPARE(restarted.engine.instructionFor(deviceId(2)).instruction.kind, Instruction::Kind::Install);
    QVERIFY(restarted.report(id, deviceId(2), DeviceState::Succeeded, NewVersion, true));
    QVERIFY(restarted.drive(id, deviceId(1), Bench::Path::Succeed));
    restarted.engine.tick();
    // No soak; still Friday afternoon, but the override given at start holds until Monday.
    QCOMPARE(restarted.rollout(id).stages[0].status, StageStatus::Passed);
    QCOMPARE(restarted.rollout(id).currentStage, 1);
    // Its devices are still claimed by it.
    QVERIFY(!restarted.engine.create(smallSpec({0}), targets(1, 4), u"alice"_s));
}

void TestRolloutRecords::restoringTheSameRolloutTwiceIsRefused()
{
    Bench bench;
    const QString id = bench.startRollout(smallSpec({0}), targets(2));
    const auto again = bench.engine.restore(bench.rollout(id));
    QVERIFY(!again);
    QCOMPARE(again.error().kind, EngineError::Kind::Conflict);
}

void TestRolloutRecords::changeRoundTrips()
{
    Bench bench;
    const QString id = busyRollout(bench);
    QVERIFY(!QTest::currentTestFailed());
    const Changes changes = bench.engine.stop(id, u"alice"_s, u"enough"_s).value();
    QVERIFY(changes.size() > 3);
    for (const Change &change : changes) {
        const auto back = Change::fromJson(change.toJson());
        QVERIFY(back);
        QCOMPARE(back.value(), change);
    }
    QCOMPARE(changes.first().toJson().value(u"subject"_s).toString(), u"rollout"_s);
}

void TestRolloutRecords::deviceReportAndTargetRoundTrip()
{
    const DeviceReport report{DeviceState::RolledBack, u"health check: MQTT auth failed"_s, OldVersion, false,
                              FailureType::HealthCheck, 55};
    const auto reportBack = DeviceReport::fromJson(report.toJson());
    QVERIFY(reportBack);
    QCOMPARE(reportBack.value(), report);
    const DeviceTarget target = targets(1).first();
    const auto targetBack = DeviceTarget::fromJson(target.toJson());
    QVERIFY(targetBack);
    QCOMPARE(targetBack.value(), target);
}

void TestRolloutRecords::badRecordsAreRefused()
{
    const auto report = DeviceReport::fromJson(QJsonDocument::fromJson(
        R"({"state": "EXPLODED", "batteryPercent": 140})").object());
    QVERIFY(!report);
    QCOMPARE(report.error(),
             (QStringList{u"device report: state \"EXPLODED\" is not one of SCHEDULED, NOTIFIED, DOWNLOADING, DOWNLOADED, "
                          "INSTALLING, REBOOTING, VERIFYING, SUCCEEDED, FAILED, ROLLED_BACK, TIMED_OUT, REJECTED, DEFERRED, "
                          "ALREADY_INSTALLED, CANCELED"_s,
                          u"device report: batteryPercent 140 is not between 0 and 100"_s}));
    QJsonObject rollout = [] {
        Bench bench;
        return bench.rollout(bench.startRollout(smallSpec({0}), targets(1))).toJson();
    }();
    rollout.insert(u"state"_s, u"HALF_DONE"_s);
    const auto back = Rollout::fromJson(rollout);
    QVERIFY(!back);
    QVERIFY2(back.error().contains(u"rollout: state \"HALF_DONE\" is not one of DRAFT, WAITING_FOR_APPROVAL, READY, DENIED, "
                                   "RUNNING, PAUSED, FINISHED, STOPPED, ROLLING_BACK, ROLLED_BACK"_s),
             qPrintable(back.error().join(u'\n')));
    const auto entry = DeviceEntry::fromJson(QJsonDocument::fromJson(R"({"deviceId": 5})").object());
    QVERIFY(!entry);
    QVERIFY(entry.error().contains(u"device entry: deviceId must be a string, not a number"_s));
    QVERIFY(entry.error().contains(u"device entry: stage is missing"_s));
}

void TestRolloutRecords::instructionJson()
{
    QCOMPARE(Instruction().toJson(), (QJsonObject{{u"kind"_s, u"nothing"_s}}));
    Instruction install{Instruction::Kind::Install, u"r1"_s, release(), {}};
    QCOMPARE(install.toJson().value(u"release"_s).toObject().value(u"version"_s).toString(), NewVersion);
    Instruction back{Instruction::Kind::RollBack, u"r1"_s, {}, OldVersion};
    QCOMPARE(back.toJson().value(u"version"_s).toString(), OldVersion);
}

QTEST_GUILESS_MAIN(TestRolloutRecords)
#include "tst_rolloutrecords.moc"
