// Stages against their gates: the engine's gate math, the soak countdown,
// in-place updates; under QAbstractItemModelTester.
#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include "models/modelroles.h"
#include "models/stagegatemodel.h"
#include "models/statekind.h"

using namespace Qt::Literals::StringLiterals;
using Models::StageGateModel;

namespace
{
    Rollout::StageSummary stage(const QString &name, const QString &status, int succeeded, int rolledBack, int failed,
                                int scheduled)
    {
        Rollout::StageSummary s{name, status, {}};
        s.counts.byState = {{u"SUCCEEDED"_s, succeeded}, {u"ROLLED_BACK"_s, rolledBack}, {u"FAILED"_s, failed},
                            {u"SCHEDULED"_s, scheduled}, {u"CANCELED"_s, 0}};
        s.counts.total = succeeded + rolledBack + failed + scheduled;
        return s;
    }

    Rollout::RolloutDetail detail(const QString &id, const QList<Rollout::StageSummary> &stages)
    {
        Rollout::RolloutDetail d;
        d.summary.id = id;
        d.summary.stages = stages;
        QJsonArray specs;
        for (qsizetype i = 0; i < stages.size(); ++i) {
            QJsonObject spec{{u"name"_s, stages.at(i).name}, {u"minSuccessRate"_s, 0.95}, {u"soakSeconds"_s, 120},
                             {u"gateAction"_s, u"auto"_s}};
            if (i == 0)
                spec.insert(u"maxRollbackRate"_s, 0.05);
            specs.append(spec);
            d.stages.append(Rollout::StageRecord{});
        }
        d.spec = {{u"stages"_s, specs}};
        return d;
    }
} // namespace

class TestStageGateModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ratesFollowTheEnginesGateMath()
    {
        StageGateModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // 18 of 20 executed succeeded (90%), 1 rolled back (5%): below the 95% minimum.
        model.setDetail(detail(u"r1"_s, {stage(u"canary"_s, u"ACTIVE"_s, 18, 1, 1, 0),
                                         stage(u"pilot"_s, u"PENDING"_s, 0, 0, 0, 10)}));
        QCOMPARE(model.rowCount(), 2);
        const Models::StageGate &canary = model.stages().at(0);
        QCOMPARE(canary.executed, 20);
        QCOMPARE(*canary.successRate(), 0.9);
        QCOMPARE(*canary.rollbackRate(), 0.05);
        QVERIFY(!canary.meetsGate());
        QCOMPARE(model.index(0, StageGateModel::SuccessColumn).data().toString(), u"90.0% (18/20), min 95.0%"_s);
        QCOMPARE(model.index(0, StageGateModel::RollbackColumn).data().toString(), u"5.0% (1/20), max 5.0%"_s);
        QCOMPARE(model.index(0, StageGateModel::SuccessColumn).data(Models::StateKindRole).toInt(),
                 int(Models::StateKind::Bad));
        // Nothing executed passes, and says so instead of showing 0%.
        QVERIFY(model.stages().at(1).meetsGate());
        QVERIFY(!model.stages().at(1).successRate());
        QCOMPARE(model.index(1, StageGateModel::RollbackColumn).data().toString(), u"— (nothing executed), no maximum"_s);
        QCOMPARE(model.index(1, StageGateModel::DevicesColumn).data().toString(), u"0 executed of 10"_s);
    }

    void soakCountsDownAgainstTheClockGiven()
    {
        StageGateModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Rollout::RolloutDetail d = detail(u"r1"_s, {stage(u"canary"_s, u"SOAKING"_s, 20, 0, 0, 0)});
        const QDateTime now = QDateTime::fromString(u"2026-12-02T10:00:00Z"_s, Qt::ISODate);
        d.stages[0].soakEndsAt = now.addSecs(200);
        model.setDetail(d);
        model.setNow(now);
        QCOMPARE(model.soakText(0), u"soak ends in 3 min 20 s"_s);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setNow(now.addSecs(190));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0, StageGateModel::SoakColumn).data().toString(), u"soak ends in 10 s"_s);
    }

    void sameRolloutUpdatesInPlaceAnotherResets()
    {
        StageGateModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDetail(detail(u"r1"_s, {stage(u"canary"_s, u"ACTIVE"_s, 1, 0, 0, 9)}));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setDetail(detail(u"r1"_s, {stage(u"canary"_s, u"ACTIVE"_s, 5, 0, 0, 5)}));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.stages().at(0).succeeded, 5);
        model.setDetail(detail(u"r2"_s, {stage(u"all"_s, u"ACTIVE"_s, 0, 0, 0, 3)}));
        QCOMPARE(reset.count(), 1);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void spansReadAsPeopleSayThem_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::addRow("seconds") << qint64(42) << u"42 s"_s;
        QTest::addRow("minutes") << qint64(125) << u"2 min 5 s"_s;
        QTest::addRow("hours") << qint64(24 * 3600 + 300) << u"24 h 5 min"_s;
        QTest::addRow("past") << qint64(-5) << u"0 s"_s;
    }

    void spansReadAsPeopleSayThem()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QCOMPARE(Models::spanText(seconds), text);
    }
};

QTEST_GUILESS_MAIN(TestStageGateModel)
#include "tst_stagegatemodel.moc"
