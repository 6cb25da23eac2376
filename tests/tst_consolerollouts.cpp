// The console's Rollouts page against the real ota-server and the real
// ota-fleet-sim (19 agents), offscreen: a stage advancing live, a threshold
// pause with its reason, pause and resume through the page's buttons, and a
// viewer's token seeing every action disabled.
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "consolerolloutfixture.h"
#include "consolesession.h"
#include "models/rolloutlistmodel.h"
#include "models/stagegatemodel.h"
#include "promptanswer.h"
#include "rollout/serverclient.h"
#include "rolloutactionbar.h"
#include "rolloutdetailview.h"
#include "rolloutspage.h"

using namespace Qt::Literals::StringLiterals;
using Fixture = ConsoleRolloutFixture;
using Rollout::RolloutAction;

namespace
{
    const QString Advance = u"fleet-advance"_s;
    const QString Threshold = u"fleet-threshold"_s;
    const QString Slow = u"fleet-slow"_s;
    const QString Approval = u"fleet-approval"_s; // a rollout that waits for a decision
    constexpr int Agents = 12 + 4 + 3 + 2;

    QJsonArray groups()
    {
        QJsonObject slow = Fixture::group(Slow, u"sl"_s, 1, 3);
        // 16 KiB at 20 bytes/s: over ten simulated minutes, so it stays RUNNING while we pause it.
        slow.insert(u"downloadBytesPerSecond"_s, 20);
        // The canary's 4 all succeed; one of the pilot's 8 fails its health check and rolls back.
        return {Fixture::group(Advance, u"ad"_s, 1, 4), Fixture::group(Advance, u"ad"_s, 5, 8, {{u"healthCheck"_s, 1.0 / 8}}),
                Fixture::group(Threshold, u"th"_s, 1, 4, {{u"healthCheck"_s, 1.0}}), slow,
                Fixture::group(Approval, u"ap"_s, 1, 2)};
    }



    QString stageStatus(RolloutsPage &page, int stage)
    {
        const auto &stages = page.detail()->stages()->stages();
        return stage < stages.size() ? stages.at(stage).status : QString();
    }
} // namespace

class TestConsoleRollouts : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    Fixture m_fixture;
    QString m_slowId;

    // A page on its own session with the given token, its rollout selected.
    struct Console
    {
        Rollout::ServerClient client;
        ConsoleSession session{&client};
        RolloutsPage page{&session};
        explicit Console(const Rollout::ServerEndpoint &e) : client(e) { page.show(); }
    };

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Fixture::isolateSettings(m_dir.filePath(u"settings"_s));
        QString error;
        QVERIFY2(m_fixture.start(groups(), Agents, &error), qPrintable(error));
    }

    void cleanupTestCase() { m_fixture.stop(); }

    void aStageAdvancesLiveFromCanaryToPilot()
    {
        Console console(m_fixture.endpoint(m_fixture.operatorToken()));
        RolloutsPage &page = console.page;
        QString error;
        // Canary 4, soaking ten simulated minutes (ten real seconds): long
        // enough to see the page show it before the pilot starts.
        const QString id = m_fixture.createAndStart(
            m_fixture.spec(u"smart-building 2.3.2"_s, Advance,
                           {Fixture::stage(u"canary"_s, {{u"count"_s, 4}}, 1.0, 0.0, 600),
                            Fixture::stage(u"pilot"_s, {{u"percent"_s, 100}}, 0.8, 0.2, 60)}),
            &error);
        QVERIFY2(!id.isEmpty(), qPrintable(error));
        page.select(id);
        QTRY_COMPARE_WITH_TIMEOUT(page.detail()->rolloutId(), id, Fixture::FleetReadyMs);
        QTRY_VERIFY2_WITH_TIMEOUT(page.detail()->title()->text().contains(u"stage 1 of 2"_s),
                                  qPrintable(page.detail()->title()->text()), Fixture::FleetReadyMs);
        QTRY_VERIFY_WITH_TIMEOUT(stageStatus(page, 0) == u"ACTIVE"_s || stageStatus(page, 0) == u"SOAKING"_s,
                                 Fixture::RolloutMs);
        QCOMPARE(stageStatus(page, 1), u"PENDING"_s);
        // The canary soaks: the countdown is on screen.
        QTRY_VERIFY2_WITH_TIMEOUT(page.detail()->soakLabel()->text().startsWith(u"soak ends in"_s),
                                  qPrintable(stageStatus(page, 0) + m_fixture.diagnostics()), Fixture::RolloutMs);
        // Then, with no click and no refresh, the pilot is under way.
        QTRY_VERIFY2_WITH_TIMEOUT(page.detail()->title()->text().contains(u"stage 2 of 2"_s),
                                  qPrintable(page.detail()->title()->text()), Fixture::RolloutMs);
        QCOMPARE(stageStatus(page, 0), u"PASSED"_s);
        // The pilot ends with one health-check rollback of 8, inside its 20%.
        QTRY_VERIFY2_WITH_TIMEOUT(page.detail()->detail().summary.state == u"FINISHED"_s,
                                  qPrintable(page.detail()->title()->text() + m_fixture.diagnostics()), Fixture::RolloutMs);
        const Models::StageGate pilot = page.detail()->stages()->stages().at(1);
        QCOMPARE(pilot.executed, 8);
        QCOMPARE(pilot.rolledBack, 1);
        QCOMPARE(page.detail()->stages()->index(1, Models::StageGateModel::RollbackColumn).data().toString(),
                 u"12.5% (1/8), max 20.0%"_s);
        // A finished rollout may only be rolled back (and not by this token).
        RolloutActionBar *actions = page.detail()->actions();
        QTRY_VERIFY(!actions->button(RolloutAction::Pause)->isEnabled());
        QVERIFY(!actions->button(RolloutAction::Stop)->isEnabled());
        QVERIFY(actions->button(RolloutAction::Stop)->toolTip().contains(u"FINISHED"_s));
        QTRY_VERIFY(actions->button(RolloutAction::Rollback)->toolTip().contains(u"break-glass right"_s));
        QTest::qWait(1500); // the timeline's last fetch
        QVERIFY(Fixture::saveScreenshot(&page, QSize(1200, 760), u"rollouts.png"_s));
    }

    void aThresholdPauseShowsItsReason()
    {
        Console console(m_fixture.endpoint(m_fixture.operatorToken()));
        RolloutsPage &page = console.page;
        QString error;
        const QJsonArray rules{QJsonObject{{u"failureTypes"_s, QJsonArray{u"health_check"_s}},
                                           {u"threshold"_s, QJsonObject{{u"count"_s, 2}}},
                                           {u"minExecuted"_s, 2},
                                           {u"action"_s, u"pause"_s}}};
        const QString id = m_fixture.createAndStart(
            m_fixture.spec(u"mqtt credentials 2.3.2"_s, Threshold,
                           {Fixture::stage(u"canary"_s, {{u"percent"_s, 100}}, 0.95, 0.05, 60, rules)}),
            &error);
        QVERIFY2(!id.isEmpty(), qPrintable(error));
        page.select(id);
        QLabel *banner = page.detail()->pauseBanner();
        QTRY_VERIFY2_WITH_TIMEOUT(banner->isVisible() && banner->text().contains(u"threshold"_s),
                                  qPrintable(banner->text() + page.detail()->title()->text() + m_fixture.diagnostics()),
                                  Fixture::RolloutMs);
        // The engine's own words: which rule, with its counts.
        const QString reason = page.detail()->detail().summary.stateReason;
        QVERIFY(!reason.isEmpty());
        QVERIFY2(banner->text().contains(reason), qPrintable(banner->text()));
        QVERIFY2(banner->text().contains(u"abort rule"_s), qPrintable(banner->text()));
        RolloutActionBar *actions = page.detail()->actions();
        QVERIFY(actions->button(RolloutAction::Resume)->isEnabled());
        QVERIFY(actions->button(RolloutAction::Stop)->isEnabled());
        QVERIFY(!actions->button(RolloutAction::Pause)->isEnabled());
        QTest::qWait(1500);
        QVERIFY(Fixture::saveScreenshot(&page, QSize(1200, 760), u"rollouts-paused.png"_s));
    }

    void pauseAndResumeThroughTheButtons()
    {
        Console console(m_fixture.endpoint(m_fixture.operatorToken()));
        RolloutsPage &page = console.page;
        QString error;
        m_slowId = m_fixture.createAndStart(
            m_fixture.spec(u"slow links"_s, Slow, {Fixture::stage(u"all"_s, {{u"percent"_s, 100}}, 0.95, 0.05, 60)}), &error);
        QVERIFY2(!m_slowId.isEmpty(), qPrintable(error));
        page.select(m_slowId);
        RolloutActionBar *actions = page.detail()->actions();
        QTRY_VERIFY_WITH_TIMEOUT(actions->button(RolloutAction::Pause)->isEnabled(), Fixture::FleetReadyMs);
        QVERIFY(!actions->button(RolloutAction::Resume)->isEnabled());
        QVERIFY(!actions->button(RolloutAction::Resume)->toolTip().isEmpty());
        QTest::mouseClick(actions->button(RolloutAction::Pause), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture.stateOf(m_slowId), u"PAUSED"_s, Fixture::FleetReadyMs);
        QTRY_VERIFY2_WITH_TIMEOUT(page.detail()->pauseBanner()->isVisible()
                                      && page.detail()->pauseBanner()->text().contains(u"operator"_s),
                                  qPrintable(page.detail()->pauseBanner()->text()), Fixture::FleetReadyMs);
        QTRY_VERIFY_WITH_TIMEOUT(actions->button(RolloutAction::Resume)->isEnabled(), Fixture::FleetReadyMs);
        QVERIFY(!actions->button(RolloutAction::Pause)->isEnabled());
        // Pausing again is refused by the button, before the server would.
        QVERIFY(actions->button(RolloutAction::Pause)->toolTip().contains(u"only from RUNNING"_s));
        QTest::mouseClick(actions->button(RolloutAction::Resume), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture.stateOf(m_slowId), u"RUNNING"_s, Fixture::FleetReadyMs);
        QTRY_VERIFY_WITH_TIMEOUT(!page.detail()->pauseBanner()->isVisible(), Fixture::FleetReadyMs);
        QTRY_VERIFY_WITH_TIMEOUT(actions->button(RolloutAction::Pause)->isEnabled(), Fixture::FleetReadyMs);
        QVERIFY2(actions->message()->text().contains(u"resume: done"_s), qPrintable(actions->message()->text()));
        // The state allows advance, but not from the last stage while devices
        // still update: the server's own refusal appears beside the buttons.
        QVERIFY(actions->button(RolloutAction::Advance)->isEnabled());
        QTest::mouseClick(actions->button(RolloutAction::Advance), Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(actions->message()->text().startsWith(u"advance refused: "_s),
                                  qPrintable(actions->message()->text()), Fixture::FleetReadyMs);
        QVERIFY2(actions->message()->text().contains(u"last stage"_s), qPrintable(actions->message()->text()));
        QCOMPARE(m_fixture.stateOf(m_slowId), u"RUNNING"_s);
    }

    void aViewerSeesEveryActionDisabledAndWhy()
    {
        QVERIFY(!m_slowId.isEmpty());
        Console console(m_fixture.endpoint(m_fixture.viewerToken()));
        QTRY_COMPARE_WITH_TIMEOUT(console.session.role(), ConsoleSession::Role::Viewer, Fixture::FleetReadyMs);
        console.page.select(m_slowId);
        QTRY_COMPARE_WITH_TIMEOUT(console.page.detail()->detail().summary.state, u"RUNNING"_s, Fixture::FleetReadyMs);
        RolloutActionBar *actions = console.page.detail()->actions();
        for (RolloutAction action : {RolloutAction::Approve, RolloutAction::Deny, RolloutAction::Start, RolloutAction::Pause,
                                     RolloutAction::Resume, RolloutAction::Advance, RolloutAction::Stop,
                                     RolloutAction::Rollback}) {
            QPushButton *button = actions->button(action);
            QVERIFY2(!button->isEnabled(), qPrintable(button->objectName()));
            QVERIFY2(button->toolTip().contains(u"viewer"_s), qPrintable(button->toolTip()));
        }
    }

    void stopAsksWhyAndSendsNothingWithoutAnAnswer()
    {
        QVERIFY(!m_slowId.isEmpty());
        Console console(m_fixture.endpoint(m_fixture.operatorToken()));
        console.page.select(m_slowId);
        RolloutActionBar *actions = console.page.detail()->actions();
        QPushButton *stop = actions->button(RolloutAction::Stop);
        QTRY_VERIFY_WITH_TIMEOUT(stop->isEnabled(), Fixture::FleetReadyMs);

        // Cancelled at the question: nothing is sent.
        TestSupport::answerNextPrompt(this, QString(), false);
        QTest::mouseClick(stop, Qt::LeftButton);
        QCOMPARE(m_fixture.stateOf(m_slowId), u"RUNNING"_s);
        // A blank reason: refused here, before the server would.
        TestSupport::answerNextPrompt(this, u"   "_s, true);
        QTest::mouseClick(stop, Qt::LeftButton);
        QVERIFY2(actions->message()->text().contains(u"a stop needs a reason"_s), qPrintable(actions->message()->text()));
        QCOMPARE(m_fixture.stateOf(m_slowId), u"RUNNING"_s);
        // With a reason: stopped, and the reason is what the audit log keeps.
        const QString reason = u"field reports of reboot loops (INC-2207)"_s;
        TestSupport::answerNextPrompt(this, reason, true);
        QTest::mouseClick(stop, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture.stateOf(m_slowId), u"STOPPED"_s, Fixture::FleetReadyMs);
        QTRY_VERIFY_WITH_TIMEOUT(!stop->isEnabled(), Fixture::FleetReadyMs);
        bool audited = false;
        const auto log = m_fixture.api(m_fixture.operatorToken()).get(u"/api/v1/audit"_s);
        for (const QJsonValue &entry : log.json.value(u"entries"_s).toArray())
            audited = audited || (entry[u"action"_s].toString() == u"rollout.stop" && entry[u"reason"_s].toString() == reason);
        QVERIFY2(audited, log.body.left(2000).constData());
    }

    void denyAsksForARemarkAndIsFinal()
    {
        QJsonObject spec = m_fixture.spec(u"needs a second pair of eyes"_s, Approval,
                                          {Fixture::stage(u"all"_s, {{u"percent"_s, 100}}, 0.95, 0.05, 60)});
        spec.insert(u"requiresApproval"_s, true);
        const auto created = m_fixture.api(m_fixture.operatorToken()).post(u"/api/v1/rollouts"_s, spec);
        QVERIFY2(created.status == 201, qPrintable(created.describe()));
        const QString id = created.json.value(u"id"_s).toString();
        QCOMPARE(m_fixture.stateOf(id), u"WAITING_FOR_APPROVAL"_s);

        // The decision comes from someone other than the operator who created it.
        Console console(m_fixture.endpoint(m_fixture.server().adminToken()));
        console.page.select(id);
        RolloutActionBar *actions = console.page.detail()->actions();
        QPushButton *deny = actions->button(RolloutAction::Deny);
        QTRY_VERIFY_WITH_TIMEOUT(deny->isEnabled(), Fixture::FleetReadyMs);
        TestSupport::answerNextPrompt(this, QString(), true);
        QTest::mouseClick(deny, Qt::LeftButton);
        QVERIFY2(actions->message()->text().contains(u"a denial needs a remark"_s), qPrintable(actions->message()->text()));
        QCOMPARE(m_fixture.stateOf(id), u"WAITING_FOR_APPROVAL"_s);
        TestSupport::answerNextPrompt(this, u"no soak on the pilot ring; add one"_s, true);
        QTest::mouseClick(deny, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture.stateOf(id), u"DENIED"_s, Fixture::FleetReadyMs);
        // Final: neither approve nor start is offered afterwards.
        QTRY_VERIFY_WITH_TIMEOUT(!actions->button(RolloutAction::Approve)->isEnabled(), Fixture::FleetReadyMs);
        QVERIFY(!actions->button(RolloutAction::Start)->isEnabled());
        QVERIFY(!deny->isEnabled());
    }

};

QTEST_MAIN(TestConsoleRollouts)
#include "tst_consolerollouts.moc"
