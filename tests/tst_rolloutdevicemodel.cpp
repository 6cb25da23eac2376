// A rollout's devices: rows kept by id, changed in place, counts by state
// and version; under QAbstractItemModelTester.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "models/modelroles.h"
#include "models/rolloutdevicemodel.h"
#include "models/statekind.h"

using namespace Qt::Literals::StringLiterals;
using Models::RolloutDeviceModel;

namespace
{
    Rollout::RolloutDevice device(const QString &id, const QString &state, const QString &running)
    {
        Rollout::RolloutDevice d;
        d.deviceId = id;
        d.stage = 0;
        d.state = state;
        d.failureType = u"none"_s;
        d.previousVersion = u"2.3.1"_s;
        d.reportedVersion = running;
        d.json = {{u"deviceId"_s, id}, {u"state"_s, state}, {u"reportedVersion"_s, running}};
        return d;
    }
} // namespace

class TestRolloutDeviceModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void convergesInPlace()
    {
        RolloutDeviceModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update({device(u"bg-1"_s, u"SUCCEEDED"_s, u"2.3.2"_s), device(u"bg-2"_s, u"SUCCEEDED"_s, u"2.3.2"_s),
                      device(u"bg-3"_s, u"SCHEDULED"_s, u"2.3.1"_s)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.countOn(u"2.3.2"_s), 2);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        Rollout::RolloutDevice back = device(u"bg-2"_s, u"ROLLED_BACK"_s, u"2.3.1"_s);
        back.failureType = u"break_glass"_s;
        model.update({device(u"bg-1"_s, u"SUCCEEDED"_s, u"2.3.2"_s), back, device(u"bg-3"_s, u"CANCELED"_s, u"2.3.1"_s),
                      device(u"bg-4"_s, u"CANCELED"_s, u"2.3.1"_s)});
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        // Only the rows that moved: bg-2 and bg-3, not bg-1.
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 2);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.countIn(u"CANCELED"_s), 2);
        QCOMPARE(model.countOn(u"2.3.1"_s), 3);
        QCOMPARE(model.index(1, RolloutDeviceModel::StateColumn).data().toString(), u"ROLLED_BACK (break_glass)"_s);
        QCOMPARE(model.index(1, 0).data(Models::StateKindRole).toInt(), int(Models::StateKind::Undone));
        QCOMPARE(model.index(1, 0).data(Models::IdRole).toString(), u"bg-2"_s);
    }

    void dropsDevicesNoLongerListed()
    {
        RolloutDeviceModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update({device(u"a"_s, u"SCHEDULED"_s, {}), device(u"b"_s, u"SCHEDULED"_s, {}), device(u"c"_s, u"SCHEDULED"_s, {})});
        model.update({device(u"c"_s, u"NOTIFIED"_s, {})});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data().toString(), u"c"_s);
        QCOMPARE(model.index(0, RolloutDeviceModel::StateColumn).data().toString(), u"NOTIFIED"_s);
    }
};

QTEST_GUILESS_MAIN(TestRolloutDeviceModel)
#include "tst_rolloutdevicemodel.moc"
