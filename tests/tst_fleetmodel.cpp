#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include "models/fleetmodel.h"
#include "models/modelroles.h"
#include "models/statekind.h"

using Models::FleetModel;

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
        // The model compares rows by what the server sent.
        d.json = QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("version"), version},
                             {QStringLiteral("healthy"), healthy}};
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
        QCOMPARE(model.index(0, FleetModel::LastSeenColumn).data().toString(), QStringLiteral("5 min ago"));
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
