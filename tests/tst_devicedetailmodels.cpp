// The device detail's models (current checks, check-in history, state
// history across rollouts) and the Overview's active-rollout filter, each
// under QAbstractItemModelTester.
#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "models/activerolloutfilter.h"
#include "models/checkinhistorymodel.h"
#include "models/devicestatehistorymodel.h"
#include "models/healthchecksmodel.h"
#include "models/modelroles.h"
#include "models/rolloutlistmodel.h"
#include "models/statekind.h"

using namespace Qt::Literals::StringLiterals;
using Models::CheckInHistoryModel;
using Models::DeviceStateHistoryModel;
using Models::HealthChecksModel;

namespace
{
    Rollout::CheckIn checkIn(const QString &at, int battery, int rssi, qint64 boots, const QJsonObject &health)
    {
        Rollout::CheckIn c;
        c.at = QDateTime::fromString(at, Qt::ISODate);
        c.version = u"2.4.0"_s;
        c.batteryPercent = battery;
        c.rssi = rssi;
        c.bootCount = boots;
        c.health = health;
        return c;
    }

    QJsonObject change(const QString &at, const QString &from, const QString &to)
    {
        return {{u"at"_s, at}, {u"from"_s, from}, {u"to"_s, to}, {u"detail"_s, QString(from + u" -> "_s + to)}};
    }

    Rollout::RolloutDevice entry(const QString &rolloutId, const QString &name, const QJsonArray &history)
    {
        Rollout::RolloutDevice d;
        d.deviceId = u"desk-0001"_s;
        d.json = {{u"rolloutId"_s, rolloutId}, {u"rolloutName"_s, name}, {u"history"_s, history}};
        return d;
    }

    Rollout::RolloutSummary summary(const QString &id, const QString &state)
    {
        Rollout::RolloutSummary r;
        r.id = id;
        r.name = u"rollout "_s + id;
        r.state = state;
        r.json = QJsonObject{{u"id"_s, id}, {u"state"_s, state}};
        return r;
    }
} // namespace

class TestDeviceDetailModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void currentChecksAreListedByNameWithTheirResult()
    {
        HealthChecksModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update({{u"wifi"_s, true}, {u"mqtt"_s, false}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, HealthChecksModel::CheckColumn).data().toString(), u"mqtt"_s);
        QCOMPARE(model.index(0, HealthChecksModel::ResultColumn).data().toString(), u"failed"_s);
        QCOMPARE(model.index(0, HealthChecksModel::ResultColumn).data(Models::StateKindRole).toInt(),
                 int(Models::StateKind::Bad));
        QCOMPARE(model.index(1, HealthChecksModel::ResultColumn).data(Models::StateKindRole).toInt(),
                 int(Models::StateKind::Good));
        model.update({}); // a device that reports no checks
        QCOMPARE(model.rowCount(), 0);
    }

    void checkInsAreShownOldestFirst()
    {
        CheckInHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // As the history route answers: newest first.
        model.update({checkIn(u"2026-12-04T02:01:00Z"_s, 61, -70, 2, {{u"wifi"_s, false}}),
                      checkIn(u"2026-12-04T02:00:00Z"_s, 63, -68, 1, {{u"wifi"_s, true}})});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, CheckInHistoryModel::BatteryColumn).data().toString(), u"63 %"_s);
        QCOMPARE(model.index(0, CheckInHistoryModel::RssiColumn).data().toString(), u"-68 dBm"_s);
        QCOMPARE(model.index(0, CheckInHistoryModel::BootCountColumn).data().toString(), u"1"_s);
        QCOMPARE(model.index(0, CheckInHistoryModel::ChecksColumn).data().toString(), u"all 1 passed"_s);
        QCOMPARE(model.index(1, CheckInHistoryModel::ChecksColumn).data().toString(), u"failed: wifi"_s);
        QVERIFY(model.index(0, CheckInHistoryModel::AtColumn).data(Models::SortRole).toLongLong()
                < model.index(1, CheckInHistoryModel::AtColumn).data(Models::SortRole).toLongLong());
        model.update({});
        QCOMPARE(model.rowCount(), 0);
    }

    void stateChangesOfEveryRolloutAreOneTimelineOldestFirst()
    {
        DeviceStateHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update({entry(u"r2"_s, u"smart-building 2.4.0"_s,
                            {change(u"2026-12-04T02:00:00.500Z"_s, u"SCHEDULED"_s, u"NOTIFIED"_s)}),
                      entry(u"r1"_s, u"smart-building 2.3.2"_s,
                            {change(u"2026-11-30T09:00:00Z"_s, u"SCHEDULED"_s, u"NOTIFIED"_s),
                             change(u"2026-11-30T09:10:00Z"_s, u"VERIFYING"_s, u"SUCCEEDED"_s)})});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, DeviceStateHistoryModel::RolloutColumn).data().toString(), u"smart-building 2.3.2"_s);
        QCOMPARE(model.index(1, DeviceStateHistoryModel::ToColumn).data().toString(), u"SUCCEEDED"_s);
        QCOMPARE(model.index(2, DeviceStateHistoryModel::RolloutColumn).data().toString(), u"smart-building 2.4.0"_s);
        // The server's times, milliseconds and all.
        QCOMPARE(model.changes().at(2).at, QDateTime(QDate(2026, 12, 4), QTime(2, 0, 0, 500), Qt::UTC));
        model.update({});
        QCOMPARE(model.rowCount(), 0);
    }

    void activeRolloutsAreThoseNotYetInAFinalState()
    {
        Models::RolloutListModel rollouts;
        Models::ActiveRolloutFilter active;
        active.setSourceModel(&rollouts);
        QAbstractItemModelTester tester(&active, QAbstractItemModelTester::FailureReportingMode::QtTest);
        rollouts.update({summary(u"r1"_s, u"RUNNING"_s), summary(u"r2"_s, u"FINISHED"_s),
                         summary(u"r3"_s, u"PAUSED"_s), summary(u"r4"_s, u"STOPPED"_s),
                         summary(u"r5"_s, u"WAITING_FOR_APPROVAL"_s), summary(u"r6"_s, u"DENIED"_s),
                         summary(u"r7"_s, u"ROLLED_BACK"_s)});
        QStringList shown;
        for (int row = 0; row < active.rowCount(); ++row)
            shown << active.index(row, 0).data(Models::IdRole).toString();
        shown.sort();
        QCOMPARE(shown, (QStringList{u"r1"_s, u"r3"_s, u"r5"_s}));
        // A rollout that finishes leaves the list as its counts arrive.
        rollouts.applySummary(summary(u"r1"_s, u"FINISHED"_s));
        QCOMPARE(active.rowCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestDeviceDetailModels)
#include "tst_devicedetailmodels.moc"
