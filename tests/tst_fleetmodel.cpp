#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
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

    void aCheckInAnnouncesOnlyTheColumnsItChanged()
    {
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update(listOf({device("a", "1.0"), device("b", "1.0"), device("c", "1.0")}));
        QSortFilterProxyModel byId;
        byId.setSourceModel(&model);
        byId.setSortRole(Models::SortRole);
        byId.sort(FleetModel::IdColumn);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy resorted(&byId, &QAbstractItemModel::layoutChanged);

        // An ordinary check-in: battery, RSSI and last seen.
        Rollout::Device checkIn = device("b", "1.0");
        checkIn.batteryPercent = 79;
        checkIn.lastSeen = checkIn.lastSeen.addSecs(60);
        model.applyDevice(checkIn);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(FleetModel::BatteryColumn));
        QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(FleetModel::LastSeenColumn));
        QCOMPARE(resorted.count(), 0); // sorted by id, and no id changed

        // Uptime shows in no column: announced on "last seen" all the same.
        Rollout::Device uptime = checkIn;
        uptime.uptimeSeconds = 99;
        model.applyDevice(uptime);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.at(1).at(0).toModelIndex().column(), int(FleetModel::LastSeenColumn));
        QCOMPARE(changed.at(1).at(1).toModelIndex().column(), int(FleetModel::LastSeenColumn));

        // A failing check colours the whole row: every column is announced.
        model.applyDevice(device("b", "1.0", false));
        QCOMPARE(changed.count(), 3);
        QCOMPARE(changed.at(2).at(0).toModelIndex().column(), 0);
        QCOMPARE(changed.at(2).at(1).toModelIndex().column(), int(FleetModel::ColumnCount) - 1);
        QCOMPARE(byId.index(1, FleetModel::IdColumn).data().toString(), u"b"_s);
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

    void aListingIsComparedWithTheRowsItWasAskedForAndAppliedByChange()
    {
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update(listOf({device("a", "1.0"), device("b", "1.0"), device("c", "1.0")}));
        const QList<Rollout::Device> asked = model.rows();

        // The listing: b moved on, c left, d is new.
        const FleetModel::Changes changes = FleetModel::Changes::between(
            asked, listOf({device("a", "1.0"), device("b", "2.0"), device("d", "1.0")}));
        QCOMPARE(changes.changed.size(), 1);
        QCOMPARE(changes.changed.at(0).id, u"b"_s);
        QCOMPARE(changes.added.size(), 1);
        QCOMPARE(changes.gone, QStringList{u"c"_s});

        // Meanwhile events brought d (older) and e: neither is lost.
        model.applyDevice(device("d", "0.9"));
        model.applyDevice(device("e", "1.0"));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.apply(changes);
        QCOMPARE(inserted.count(), 0); // d was there already: updated in place
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.rowOf(u"c"_s), -1);
        for (const char *id : {"a", "b", "d", "e"})
            QVERIFY2(model.rowOf(QString::fromLatin1(id)) >= 0, id);
        QCOMPARE(model.device(model.rowOf(u"b"_s))->version, u"2.0"_s);
        QCOMPARE(model.device(model.rowOf(u"d"_s))->version, u"1.0"_s);
        QCOMPARE(model.versionCounts(), (QHash<QString, int>{{u"1.0"_s, 3}, {u"2.0"_s, 1}}));
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

        // What the GUI thread does with a listing of the same fleet: compared
        // on a worker, applied here. A figure, not a pass/fail (bench/ holds
        // the goals).
        const FleetModel::Changes same = FleetModel::Changes::between(model.rows(), listOf(devices));
        QVERIFY(same.changed.isEmpty() && same.added.isEmpty() && same.gone.isEmpty());
        timer.restart();
        model.apply(same);
        qInfo("a listing of 100,000 unchanged devices applied in %lld ms", timer.elapsed());
    }
};

QTEST_GUILESS_MAIN(TestFleetModel)
#include "tst_fleetmodel.moc"
