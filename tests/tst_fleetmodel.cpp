#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include "models/fleetmodel.h"
#include "models/modelroles.h"
#include "models/statekind.h"

using Models::FleetModel;
using namespace Qt::Literals::StringLiterals;

namespace
{
    Rollout::Device device(const QString &id, const QString &version, bool healthy = true)
    {
        Rollout::Device d;
        d.id = id;
        d.version = version;
        d.chip = QStringLiteral("ESP32-S3");
        d.batteryPercent = 80;
        d.rssi = -60;
        d.lastSeen = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
        d.health = QJsonObject{{QStringLiteral("wifi"), true}, {QStringLiteral("sensor"), healthy}};
        return d;
    }

    Rollout::Device device(const char *id, const char *version, bool healthy = true)
    {
        return device(QString::fromLatin1(id), QString::fromLatin1(version), healthy);
    }

    Rollout::DeviceList listOf(QList<Rollout::Device> devices)
    {
        return {std::move(devices), QDateTime(QDate(2026, 1, 1), QTime(12, 5), Qt::UTC)};
    }
} // namespace

class TestFleetModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fillsAndDisplays()
    {
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update(listOf({device("a", "1.0"), device("b", "1.1", false)}));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, FleetModel::VersionColumn).data().toString(), QStringLiteral("1.0"));
        QCOMPARE(model.index(1, FleetModel::HealthColumn).data().toString(), QStringLiteral("1 of 2 passed"));
        QCOMPARE(model.index(0, FleetModel::LastSeenColumn).data().toString(), QStringLiteral("5 min ago (check-in)"));
        QCOMPARE(model.index(0, FleetModel::RssiColumn).data(Models::SortRole).toInt(), -60);
        QCOMPARE(model.index(1, 0).data(Models::StateKindRole).toInt(), int(Models::StateKind::Bad));
        QCOMPARE(model.index(0, 0).data(Models::StateKindRole).toInt(), int(Models::StateKind::Good));
    }

    void refreshUpdatesInPlaceWithoutReset()
    {
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update(listOf({device("a", "1.0"), device("b", "1.0"), device("c", "1.0")}));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.update(listOf({device("a", "1.0"), device("b", "2.0"), device("c", "1.0")}));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1); // only b, the clock did not move
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(model.index(1, FleetModel::VersionColumn).data().toString(), QStringLiteral("2.0"));
    }

    void aCheckInEventUpdatesItsRowOrAddsOne()
    {
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update(listOf({device("a", "1.0"), device("b", "1.0")}));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.applyDevice(device("b", "1.0"));
        QCOMPARE(changed.count(), 0); // the same row again changes nothing
        model.applyDevice(device("b", "2.0"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(1, FleetModel::VersionColumn).data().toString(), QStringLiteral("2.0"));
        model.applyDevice(device("c", "2.0"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOf(QStringLiteral("c")), 2);
    }

    void addsAndRemovesById()
    {
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update(listOf({device("a", "1"), device("b", "1"), device("c", "1"), device("d", "1")}));
        model.update(listOf({device("a", "1"), device("d", "1"), device("e", "1")}));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOf(QStringLiteral("d")), 1);
        QCOMPARE(model.rowOf(QStringLiteral("e")), 2);
        QCOMPARE(model.rowOf(QStringLiteral("b")), -1);
        QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("e"));
        model.update(listOf({}));
        QCOMPARE(model.rowCount(), 0);
    }

    void countsVersionsAsRowsChange()
    {
        FleetModel model;
        QSignalSpy counted(&model, &FleetModel::versionCountsChanged);
        Rollout::Device fresh = device("n", "");
        fresh.lastSeen = {};
        model.update(listOf({device("a", "1.0"), device("b", "1.0"), device("c", "2.0"), fresh}));
        QCOMPARE(counted.count(), 1);
        QCOMPARE(model.versionCounts(), (QHash<QString, int>{{u"1.0"_s, 2}, {u"2.0"_s, 1}, {QString(), 1}}));
        QCOMPARE(model.seenVersionCounts(), (QHash<QString, int>{{u"1.0"_s, 2}, {u"2.0"_s, 1}}));
        QCOMPARE(model.neverSeenCount(), 1);

        // A check-in that changes only the battery leaves the counts as they are.
        Rollout::Device drained = device("a", "1.0");
        drained.batteryPercent = 20;
        model.applyDevice(drained);
        QCOMPARE(counted.count(), 1);

        // b moves to 2.0, the new device checks in, c leaves the fleet.
        model.applyDevice(device("b", "2.0"));
        QCOMPARE(counted.count(), 2);
        model.update(listOf({drained, device("b", "2.0"), device("n", "2.0")}));
        QCOMPARE(counted.count(), 3);
        QCOMPARE(model.seenVersionCounts(), (QHash<QString, int>{{u"1.0"_s, 1}, {u"2.0"_s, 2}}));
        QCOMPARE(model.neverSeenCount(), 0);
        model.update(listOf({}));
        QVERIFY(model.versionCounts().isEmpty());
    }

    void tellsWhetherTheStreamsSnapshotCountsTheSameFleet()
    {
        FleetModel model;
        Rollout::Device fresh = device("n", "");
        fresh.lastSeen = {};
        model.update(listOf({device("a", "1.0"), device("b", "2.0"), fresh}));
        const auto snapshot = [](QJsonObject versions, int neverSeen) {
            return QJsonObject{{u"devices"_s, 3}, {u"versions"_s, versions}, {u"neverSeen"_s, neverSeen}};
        };
        QVERIFY(model.agreesWithSnapshot(snapshot({{u"1.0"_s, 1}, {u"2.0"_s, 1}}, 1)));
        // Enrolled after the listing was made.
        QVERIFY(!model.agreesWithSnapshot(snapshot({{u"1.0"_s, 1}, {u"2.0"_s, 1}}, 2)));
        // A device updated meanwhile.
        QVERIFY(!model.agreesWithSnapshot(snapshot({{u"2.0"_s, 2}}, 1)));
        QVERIFY(!model.agreesWithSnapshot(snapshot({{u"1.0"_s, 1}, {u"2.0"_s, 1}, {u"3.0"_s, 0}}, 1)));
        // A snapshot without the fleet (the server could not read it) agrees with nothing.
        QVERIFY(!model.agreesWithSnapshot({}));
    }

    void holdsManyRows()
    {
        FleetModel model;
        QList<Rollout::Device> devices;
        for (int i = 0; i < 100000; ++i)
            devices.append(device(QStringLiteral("dev-%1").arg(i), QStringLiteral("1.0")));
        QElapsedTimer timer;
        timer.start();
        model.update(listOf(devices));
        devices[500] = device(QStringLiteral("dev-500"), QStringLiteral("2.0"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.update(listOf(devices));
        QCOMPARE(model.rowCount(), 100000);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.rowOf(QStringLiteral("dev-99999")), 99999);
        qInfo("100,000 rows filled and refreshed in %lld ms", timer.elapsed());
    }
};

QTEST_GUILESS_MAIN(TestFleetModel)
#include "tst_fleetmodel.moc"
