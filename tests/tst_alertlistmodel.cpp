// Models::AlertListModel: a threshold pause with its reason, a gate pause,
// a break-glass rollback converging; nothing for a healthy rollout.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "models/alertlistmodel.h"
#include "models/modelroles.h"
#include "models/rolloutlistmodel.h"

using namespace Qt::Literals::StringLiterals;
using Models::AlertListModel;

namespace
{
    Rollout::RolloutSummary rollout(const QString &id, const QString &state, const QString &pauseReason = {},
                                    const QString &why = {})
    {
        Rollout::RolloutSummary r;
        r.id = id;
        r.name = u"rollout "_s + id;
        r.state = state;
        r.pauseReason = pauseReason;
        r.stateReason = why;
        r.total.byState = {{u"ROLLED_BACK"_s, 2}, {u"SUCCEEDED"_s, 3}};
        r.total.total = 5;
        r.json = QJsonObject{{u"id"_s, id}, {u"state"_s, state}, {u"pauseReason"_s, pauseReason}};
        return r;
    }
} // namespace

class TestAlertListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void alertsNeedingAPerson()
    {
        Models::RolloutListModel rollouts;
        rollouts.update({rollout(u"r1"_s, u"RUNNING"_s),
                         rollout(u"r2"_s, u"PAUSED"_s, u"threshold"_s, u"stage 1: rollback rate 40% over 5%"_s),
                         rollout(u"r3"_s, u"ROLLING_BACK"_s), rollout(u"r4"_s, u"PAUSED"_s, u"gate"_s, u"soak done"_s),
                         rollout(u"r5"_s, u"PAUSED"_s, u"operator"_s)});
        AlertListModel alerts;
        QAbstractItemModelTester tester(&alerts, QAbstractItemModelTester::FailureReportingMode::QtTest);
        alerts.update(rollouts);
        QCOMPARE(alerts.rowCount(), 3);
        QCOMPARE(alerts.index(0).data().toString(), u"rollout r2: paused by a threshold: stage 1: rollback rate 40% over 5%"_s);
        QCOMPARE(alerts.index(0).data(Models::StateKindRole).toInt(), int(Models::StateKind::Bad));
        QCOMPARE(alerts.index(0).data(Models::IdRole).toString(), u"r2"_s);
        QCOMPARE(alerts.index(1).data().toString(),
                 u"rollout r3: break-glass rollback in progress, 2 of 5 devices back on their previous version"_s);
        QCOMPARE(alerts.index(1).data(Models::StateKindRole).toInt(), int(Models::StateKind::Undone));
        QCOMPARE(alerts.index(2).data(Models::StateKindRole).toInt(), int(Models::StateKind::Waiting));
    }

    void sameAlertsSayNothing()
    {
        Models::RolloutListModel rollouts;
        rollouts.update({rollout(u"r3"_s, u"ROLLING_BACK"_s)});
        AlertListModel alerts;
        QAbstractItemModelTester tester(&alerts, QAbstractItemModelTester::FailureReportingMode::QtTest);
        alerts.update(rollouts);
        QSignalSpy resets(&alerts, &QAbstractItemModel::modelReset);
        alerts.update(rollouts);
        QCOMPARE(resets.size(), 0);
        rollouts.update({rollout(u"r3"_s, u"ROLLED_BACK"_s)});
        alerts.update(rollouts);
        QCOMPARE(resets.size(), 1);
        QCOMPARE(alerts.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAlertListModel)
#include "tst_alertlistmodel.moc"
