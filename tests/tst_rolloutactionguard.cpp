// Which actions a rollout's state allows, as the engine's guards say.
#include <QTest>

#include "models/rolloutactionguard.h"

using namespace Qt::Literals::StringLiterals;
using Rollout::RolloutAction;

class TestRolloutActionGuard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void guards_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("pauseReason");
        QTest::addColumn<int>("action");
        QTest::addColumn<bool>("allowed");
        QTest::addRow("pause running") << u"RUNNING"_s << u"none"_s << int(RolloutAction::Pause) << true;
        QTest::addRow("pause paused") << u"PAUSED"_s << u"operator"_s << int(RolloutAction::Pause) << false;
        QTest::addRow("resume operator pause") << u"PAUSED"_s << u"operator"_s << int(RolloutAction::Resume) << true;
        QTest::addRow("resume threshold pause") << u"PAUSED"_s << u"threshold"_s << int(RolloutAction::Resume) << true;
        QTest::addRow("resume gate pause") << u"PAUSED"_s << u"gate"_s << int(RolloutAction::Resume) << false;
        QTest::addRow("advance paused") << u"PAUSED"_s << u"gate"_s << int(RolloutAction::Advance) << true;
        QTest::addRow("approve waiting") << u"WAITING_FOR_APPROVAL"_s << u"none"_s << int(RolloutAction::Approve) << true;
        QTest::addRow("start waiting") << u"WAITING_FOR_APPROVAL"_s << u"none"_s << int(RolloutAction::Start) << false;
        QTest::addRow("stop finished") << u"FINISHED"_s << u"none"_s << int(RolloutAction::Stop) << false;
        QTest::addRow("rollback finished") << u"FINISHED"_s << u"none"_s << int(RolloutAction::Rollback) << true;
        QTest::addRow("rollback rolled back") << u"ROLLED_BACK"_s << u"none"_s << int(RolloutAction::Rollback) << false;
    }

    void guards()
    {
        QFETCH(QString, state);
        QFETCH(QString, pauseReason);
        QFETCH(int, action);
        QFETCH(bool, allowed);
        Rollout::RolloutSummary r;
        r.state = state;
        r.pauseReason = pauseReason;
        const QString why = Models::actionRefusal(r, RolloutAction(action));
        QVERIFY2(why.isEmpty() == allowed, qPrintable(why));
    }

    void refusalSaysWhatTheStateIs()
    {
        Rollout::RolloutSummary r;
        r.state = u"PAUSED"_s;
        r.pauseReason = u"operator"_s;
        QCOMPARE(Models::actionRefusal(r, RolloutAction::Pause), u"pause is allowed only from RUNNING; this rollout is PAUSED (operator)."_s);
    }
};

QTEST_GUILESS_MAIN(TestRolloutActionGuard)
#include "tst_rolloutactionguard.moc"
