// Break-glass rollback from the console against the real ota-server and the
// real ota-fleet-sim (6 agents), offscreen: the button needs the right, the
// dialog sends nothing without a reason or with a wrong name, and end to end
// every device converges back on the old version while the dialog watches.
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "breakglassdialog.h"
#include "consolerolloutfixture.h"
#include "consolesession.h"
#include "models/rolloutdevicemodel.h"
#include "models/rolloutlistmodel.h"
#include "rollout/serverclient.h"
#include "rolloutactionbar.h"
#include "rolloutdetailview.h"
#include "rolloutspage.h"

using namespace Qt::Literals::StringLiterals;
using Fixture = ConsoleRolloutFixture;

namespace
{
    const QString Glass = u"fleet-glass"_s;
    const QString RolloutName = u"hvac sensors 2.3.2"_s;
    constexpr int Agents = 6;


} // namespace

class TestConsoleBreakGlass : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    Fixture m_fixture;
    QString m_id;

    struct Console
    {
        Rollout::ServerClient client;
        ConsoleSession session{&client};
        explicit Console(const Rollout::ServerEndpoint &e) : client(e) {}

        const Rollout::RolloutSummary *rollout(const QString &id) const
        {
            return session.rollouts()->rollout(session.rollouts()->rowOf(id));
        }
    };

    // The dialog for the finished rollout, on a session holding the right.
    void waitFinished(Console &console)
    {
        QTRY_VERIFY_WITH_TIMEOUT(console.rollout(m_id) && console.rollout(m_id)->state == u"FINISHED"_s,
                                 Fixture::RolloutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Fixture::isolateSettings(m_dir.filePath(u"settings"_s));
        QString error;
        QVERIFY2(m_fixture.start({Fixture::group(Glass, u"bg"_s, 1, Agents)}, Agents, &error), qPrintable(error));
        m_id = m_fixture.createAndStart(
            m_fixture.spec(RolloutName, Glass, {Fixture::stage(u"all"_s, {{u"percent"_s, 100}}, 0.95, 0.05, 60)}), &error);
        QVERIFY2(!m_id.isEmpty(), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture.stateOf(m_id), u"FINISHED"_s, Fixture::RolloutMs);
    }

    void cleanupTestCase() { m_fixture.stop(); }

    void theButtonNeedsTheBreakGlassRight()
    {
        Console console(m_fixture.endpoint(m_fixture.operatorToken()));
        RolloutsPage page(&console.session);
        page.show();
        QTRY_COMPARE_WITH_TIMEOUT(console.session.role(), ConsoleSession::Role::Operator, Fixture::FleetReadyMs);
        page.select(m_id);
        waitFinished(console);
        QPushButton *button = page.detail()->actions()->button(Rollout::RolloutAction::Rollback);
        QTRY_VERIFY(!button->isEnabled());
        QVERIFY2(button->toolTip().contains(u"does not hold the break-glass right"_s), qPrintable(button->toolTip()));

        Console glass(m_fixture.endpoint(m_fixture.breakGlassToken()));
        RolloutsPage glassPage(&glass.session);
        QTRY_VERIFY_WITH_TIMEOUT(glass.session.hasBreakGlass(), Fixture::FleetReadyMs);
        glassPage.select(m_id);
        waitFinished(glass);
        QTRY_VERIFY(glassPage.detail()->actions()->button(Rollout::RolloutAction::Rollback)->isEnabled());
    }

    void theDialogRefusesWithoutAReasonOrWithAWrongName_data()
    {
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("says");
        QTest::addRow("no reason") << QString() << RolloutName << u"Write the reason first"_s;
        QTest::addRow("blank reason") << u"   "_s << RolloutName << u"Write the reason first"_s;
        QTest::addRow("no name") << u"batteries drain"_s << QString() << u"type 'hvac sensors 2.3.2' exactly"_s;
        QTest::addRow("wrong name") << u"batteries drain"_s << u"hvac sensors 2.3.1"_s
                                    << u"type 'hvac sensors 2.3.2' exactly"_s;
    }

    void theDialogRefusesWithoutAReasonOrWithAWrongName()
    {
        QFETCH(QString, reason);
        QFETCH(QString, name);
        QFETCH(QString, says);
        Console console(m_fixture.endpoint(m_fixture.breakGlassToken()));
        QTRY_VERIFY_WITH_TIMEOUT(console.session.hasBreakGlass(), Fixture::FleetReadyMs);
        waitFinished(console);
        BreakGlassDialog dialog(&console.session, *console.rollout(m_id));
        dialog.show();
        // It says what will happen, with the version read from the devices.
        QTRY_VERIFY2_WITH_TIMEOUT(dialog.summaryText().contains(u"6 devices back to version 2.3.1, now, no stages"_s),
                                  qPrintable(dialog.summaryText()), Fixture::FleetReadyMs);
        dialog.reasonEdit()->setPlainText(reason);
        dialog.nameEdit()->setText(name);
        QTest::mouseClick(dialog.rollBackButton(), Qt::LeftButton);
        QVERIFY2(dialog.errorLabel()->text().contains(says), qPrintable(dialog.errorLabel()->text()));
        QTest::qWait(500);
        QVERIFY(!dialog.wasOrdered());
        QCOMPARE(m_fixture.stateOf(m_id), u"FINISHED"_s);
        if (QByteArray(QTest::currentDataTag()) == "wrong name")
            QVERIFY(Fixture::saveScreenshot(&dialog, QSize(760, 420), u"rollouts-breakglass.png"_s));
    }

    void theRollbackConvergesDeviceByDevice()
    {
        Console console(m_fixture.endpoint(m_fixture.breakGlassToken()));
        QTRY_VERIFY_WITH_TIMEOUT(console.session.hasBreakGlass(), Fixture::FleetReadyMs);
        waitFinished(console);
        BreakGlassDialog dialog(&console.session, *console.rollout(m_id));
        dialog.show();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.devices()->countOn(Fixture::NewVersion) == Agents, Fixture::FleetReadyMs);
        dialog.reasonEdit()->setPlainText(u"2.3.2 drains batteries in building 3 (OPS-4411)"_s);
        dialog.nameEdit()->setText(RolloutName);
        QTest::mouseClick(dialog.rollBackButton(), Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(dialog.wasOrdered(), qPrintable(dialog.errorLabel()->text()), Fixture::FleetReadyMs);
        QVERIFY(dialog.devicesTable()->isVisible());
        // Device by device, as the stream reports them, until all are back.
        QTRY_VERIFY2_WITH_TIMEOUT(dialog.devices()->countOn(Fixture::OldVersion) == Agents
                                      && dialog.convergenceLabel()->text().contains(u"6 of 6"_s)
                                      && dialog.convergenceLabel()->text().startsWith(u"ROLLED_BACK"_s),
                                  qPrintable(dialog.convergenceLabel()->text() + m_fixture.diagnostics()), Fixture::RolloutMs);
        QCOMPARE(m_fixture.stateOf(m_id), u"ROLLED_BACK"_s);
        for (const QJsonValue &v : m_fixture.devicesOf(m_id))
            QCOMPARE(v.toObject().value(u"reportedVersion"_s).toString(), Fixture::OldVersion);
        QVERIFY(Fixture::saveScreenshot(&dialog, QSize(760, 460), u"rollouts-breakglass-converged.png"_s));
    }
};

QTEST_MAIN(TestConsoleBreakGlass)
#include "tst_consolebreakglass.moc"
