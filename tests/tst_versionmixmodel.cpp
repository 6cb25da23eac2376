// Models::VersionMixModel: counts per version, most devices first, devices
// that never reported a version counted apart; rows kept when only counts move.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "models/fleetmodel.h"
#include "models/modelroles.h"
#include "models/versionmixmodel.h"

using namespace Qt::Literals::StringLiterals;
using Models::VersionMixModel;

namespace
{
    Rollout::Device device(const QString &id, const QString &version)
    {
        Rollout::Device d;
        d.id = id;
        d.version = version;
        d.json = QJsonObject{{u"id"_s, id}, {u"version"_s, version}};
        return d;
    }

    Rollout::DeviceList listOf(const QStringList &versions)
    {
        Rollout::DeviceList list;
        for (int i = 0; i < versions.size(); ++i)
            list.devices << device(u"d%1"_s.arg(i), versions.at(i));
        return list;
    }
} // namespace

class TestVersionMixModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countsMostCommonFirst()
    {
        Models::FleetModel fleet;
        fleet.update(listOf({u"2.3.1"_s, u"2.4.0"_s, u"2.3.1"_s, QString(), u"2.3.1"_s}));
        VersionMixModel mix;
        QAbstractItemModelTester tester(&mix, QAbstractItemModelTester::FailureReportingMode::QtTest);
        mix.recount(fleet);
        QCOMPARE(mix.rowCount(), 2);
        QCOMPARE(mix.index(0, VersionMixModel::VersionColumn).data().toString(), u"2.3.1"_s);
        QCOMPARE(mix.index(0, VersionMixModel::DevicesColumn).data().toInt(), 3);
        QCOMPARE(mix.index(0, VersionMixModel::ShareColumn).data().toString(), u"75.0 %"_s);
        QCOMPARE(mix.index(1, 0).data(Models::IdRole).toString(), u"2.4.0"_s);
        QCOMPARE(mix.counted(), 4);
        QCOMPARE(mix.neverSeen(), 1);
    }

    void keepsRowsWhenOnlyCountsMove()
    {
        Models::FleetModel fleet;
        fleet.update(listOf({u"1"_s, u"1"_s, u"2"_s}));
        VersionMixModel mix;
        QAbstractItemModelTester tester(&mix, QAbstractItemModelTester::FailureReportingMode::QtTest);
        mix.recount(fleet);
        QSignalSpy resets(&mix, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&mix, &QAbstractItemModel::dataChanged);
        fleet.update(listOf({u"1"_s, u"1"_s, u"2"_s, u"1"_s}));
        mix.recount(fleet);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(changes.size(), 1);
        mix.recount(fleet); // nothing moved: nothing said
        QCOMPARE(changes.size(), 1);
        fleet.update(listOf({u"1"_s, u"3"_s}));
        mix.recount(fleet);
        QCOMPARE(resets.size(), 1);
        QCOMPARE(mix.rowCount(), 2);
    }

    void emptyFleet()
    {
        Models::FleetModel fleet;
        VersionMixModel mix;
        QAbstractItemModelTester tester(&mix, QAbstractItemModelTester::FailureReportingMode::QtTest);
        mix.recount(fleet);
        QCOMPARE(mix.rowCount(), 0);
        QCOMPARE(mix.counted(), 0);
    }
};

QTEST_GUILESS_MAIN(TestVersionMixModel)
#include "tst_versionmixmodel.moc"
