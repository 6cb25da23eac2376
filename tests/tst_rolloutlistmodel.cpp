#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "models/modelroles.h"
#include "models/rolloutlistmodel.h"
#include "models/statekind.h"

using Models::RolloutListModel;

namespace
{
    Rollout::RolloutSummary rollout(const char *idText, const char *stateText, int succeeded, int total)
    {
        const QString id = QString::fromLatin1(idText);
        const QString state = QString::fromLatin1(stateText);
        Rollout::RolloutSummary r;
        r.id = id;
        r.name = QStringLiteral("rollout ") + id;
        r.state = state;
        r.currentStage = 0;
        r.releaseVersion = QStringLiteral("2.0.0");
        r.stages = {Rollout::StageSummary{QStringLiteral("canary"), QStringLiteral("ACTIVE"), {}},
                    Rollout::StageSummary{QStringLiteral("all"), QStringLiteral("PENDING"), {}}};
        r.total.byState.insert(QStringLiteral("SUCCEEDED"), succeeded);
        r.total.byState.insert(QStringLiteral("SCHEDULED"), total - succeeded);
        r.total.total = total;
        r.json = QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("state"), state},
                             {QStringLiteral("succeeded"), succeeded}};
        return r;
    }
} // namespace

class TestRolloutListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsStateStageAndProgress()
    {
        RolloutListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update({rollout("r1", "RUNNING", 5, 20), rollout("r2", "FINISHED", 20, 20)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, RolloutListModel::StageColumn).data().toString(), QStringLiteral("1 of 2"));
        QCOMPARE(model.index(0, RolloutListModel::ProgressColumn).data().toString(), QStringLiteral("25 %"));
        QCOMPARE(model.index(0, RolloutListModel::ProgressColumn).data(Models::SortRole).toInt(), 25);
        QCOMPARE(model.index(0, 0).data(Models::StateKindRole).toInt(), int(Models::StateKind::Moving));
        QCOMPARE(model.index(1, 0).data(Models::StateKindRole).toInt(), int(Models::StateKind::Good));
    }

    void updatesInPlace()
    {
        RolloutListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update({rollout("r1", "RUNNING", 5, 20), rollout("r2", "RUNNING", 0, 20)});
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.update({rollout("r2", "PAUSED", 0, 20), rollout("r3", "DRAFT", 0, 0)});
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(QStringLiteral("r2")), 0);
        QCOMPARE(model.rowOf(QStringLiteral("r3")), 1);
        QCOMPARE(model.index(0, 0).data(Models::StateKindRole).toInt(), int(Models::StateKind::Waiting));
        QCOMPARE(model.index(1, RolloutListModel::ProgressColumn).data().toString(), QStringLiteral("0 %"));
    }

    void aCountsEventUpdatesItsRowOrAddsOne()
    {
        RolloutListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update({rollout("r1", "RUNNING", 5, 20)});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.applySummary(rollout("r1", "RUNNING", 5, 20));
        QCOMPARE(changed.count(), 0); // the same summary again changes nothing
        model.applySummary(rollout("r1", "RUNNING", 10, 20));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0, RolloutListModel::ProgressColumn).data().toString(), QStringLiteral("50 %"));
        model.applySummary(rollout("r2", "DRAFT", 0, 4));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(QStringLiteral("r2")), 1);
    }
};

QTEST_GUILESS_MAIN(TestRolloutListModel)
#include "tst_rolloutlistmodel.moc"
