// The New-rollout dialog against the real ota-server and real ota-fleet-sim
// agents, with a real signed release: filled through its widgets, the live
// count, the stages as edited on the server, a refusal next to its field,
// and a closed deployment window that needs (and records) an override, in
// the dialog and at the Rollouts page's Start.
#include <map>
#include <memory>

#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "consolesettingsdir.h"
#include "consolesession.h"
#include "createtargetsform.h"
#include "fleetsimprocess.h"
#include "models/stagesmodel.h"
#include "promptanswer.h"
#include "rollout/serverclient.h"
#include "rolloutactionbar.h"
#include "rolloutcreatedialog.h"
#include "rolloutdetailview.h"
#include "rolloutspage.h"
#include "serverprocess.h"
#include "stageseditor.h"

using namespace Qt::Literals::StringLiterals;
using Field = Models::RolloutRefusal::Field;
using Models::StagesModel;
using TestSupport::ApiClient;
using TestSupport::FleetSimProcess;
using TestSupport::ServerProcess;
using TestSupport::SignedRelease;

namespace
{
    // Waits on devices and a loaded 2-core machine (ASan): generous, never timed.
    constexpr int DevicesMs = 120000;
    constexpr int ServerMs = 60000;
    constexpr int Building3 = 8;
    constexpr int Building4 = 4;

    QJsonObject scenario(const QString &prefix)
    {
        const QJsonArray groups{
            QJsonObject{{u"count"_s, Building3}, {u"firstIndex"_s, 1}, {u"idFormat"_s, QString(prefix + u"b03-{n}")},
                        {u"tags"_s, QJsonArray{u"building-3"_s}}},
            QJsonObject{{u"count"_s, Building4}, {u"firstIndex"_s, 1}, {u"idFormat"_s, QString(prefix + u"b04-{n}")},
                        {u"tags"_s, QJsonArray{u"building-4"_s}}},
        };
        const QJsonObject defaults{{u"version"_s, u"2.3.1"_s}, {u"checkInSeconds"_s, 5}};
        return {{u"agents"_s, QJsonObject{{u"seed"_s, 3}, {u"defaults"_s, defaults}, {u"groups"_s, groups}}}};
    }

    // One server with its agents and a release they can install.
    struct Site
    {
        ServerProcess server{QStringLiteral(OTA_SERVER_PATH)};
        FleetSimProcess sim{QStringLiteral(FLEETSIM_PATH)};
        SignedRelease release;
        QString operatorToken;
        QString viewerToken;
        std::map<QString, std::unique_ptr<ApiClient>> clients; // one per token

        bool start(const QStringList &serverArguments, const QString &prefix, QString *error)
        {
            if (!server.init(error))
                return false;
            operatorToken = server.createToken(u"olga"_s, u"operator"_s, false, error);
            viewerToken = server.createToken(u"vera"_s, u"viewer"_s, false, error);
            if (operatorToken.isEmpty() || viewerToken.isEmpty() || !server.start(serverArguments, error))
                return false;
            release = SignedRelease::make(u"2.4.0"_s, u"smart-building"_s, 0, 64 * 1024);
            const QJsonObject key{{u"name"_s, u"release signing"_s}, {u"pem"_s, QString::fromLatin1(release.publicKeyPem)}};
            const auto added = api(server.adminToken()).post(u"/api/v1/keys"_s, key);
            const auto uploaded = api(operatorToken).post(u"/api/v1/releases"_s, release.uploadBody());
            if (added.status != 201 || uploaded.status != 201) {
                *error = u"key / release: "_s + added.describe() + u" / " + uploaded.describe();
                return false;
            }
            if (!sim.startAgents(server, scenario(prefix), release.publicKeyPem, {u"--no-mdns"_s}, error))
                return false;
            // Only devices that checked in are targets.
            if (!QTest::qWaitFor([this] { return checkedIn() == Building3 + Building4; }, DevicesMs)) {
                *error = u"%1 agents checked in; sim: %2"_s.arg(checkedIn()).arg(sim.output());
                return false;
            }
            return true;
        }

        int checkedIn()
        {
            int seen = 0;
            const QJsonArray devices = api(server.adminToken()).get(u"/api/v1/devices"_s).json.value(u"devices"_s).toArray();
            for (const QJsonValue &device : devices)
                seen += device.toObject().value(u"lastSeen"_s).isString() ? 1 : 0;
            return seen;
        }

        ApiClient &api(const QString &token)
        {
            std::unique_ptr<ApiClient> &client = clients[token];
            if (!client) {
                client = std::make_unique<ApiClient>(server.base());
                client->useToken(token);
            }
            return *client;
        }

        QJsonArray rollouts() { return api(operatorToken).get(u"/api/v1/rollouts"_s).json.value(u"rollouts"_s).toArray(); }
        QJsonObject rollout(const QString &id) { return api(operatorToken).get(u"/api/v1/rollouts/"_s + id).json; }

        void stop()
        {
            sim.terminate();
            server.terminate();
        }
    };

    // A connection as the console makes it, with the operator's token.
    struct Console
    {
        Rollout::ServerClient client;
        ConsoleSession session;
        Console(Site &site, const QString &token) : client(site.server.endpoint(token)), session(&client) {}
    };

    // The dialog on its own connection, shown, the signal it ends with watched.
    struct OpenDialog
    {
        Console console;
        RolloutCreateDialog dialog;
        QSignalSpy created;
        explicit OpenDialog(Site &site) : OpenDialog(site, site.operatorToken) {}
        OpenDialog(Site &site, const QString &token)
            : console(site, token), dialog(&console.session), created(&dialog, &RolloutCreateDialog::created)
        {
            dialog.show();
        }
    };

    // Types into a stages cell as a person does: open its editor, type, Enter.
    void typeIntoCell(QTableView *table, int row, int column, const QString &text)
    {
        const QModelIndex index = table->model()->index(row, column);
        table->setCurrentIndex(index);
        table->edit(index);
        auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY2(editor, "no line editor opened on the cell");
        editor->selectAll();
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
    }

    void pickFirstRelease(RolloutCreateDialog &dialog, const QString &sha256)
    {
        QTRY_VERIFY_WITH_TIMEOUT(dialog.releases()->count() > 0, ServerMs);
        QCOMPARE(dialog.releases()->currentData().toString(), sha256);
    }

    // The site's release, every device, stages 1, 3 and the rest, once the
    // dialog shows the deployment window as windowSays.
    void fillInForTheWholeSite(RolloutCreateDialog &dialog, Site &site, const QString &windowSays)
    {
        pickFirstRelease(dialog, site.release.sha256);
        auto *window = dialog.findChild<QLabel *>(u"deploymentWindow"_s);
        QTRY_VERIFY_WITH_TIMEOUT(window->text().contains(windowSays), ServerMs);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.matchingDevices(), Building3 + Building4, ServerMs);
        QTableView *table = dialog.stages()->table();
        typeIntoCell(table, 0, StagesModel::SizeColumn, u"1"_s);
        typeIntoCell(table, 1, StagesModel::SizeColumn, u"3"_s);
    }

    void saveScreenshot(QWidget &widget, const QString &name)
    {
        // docs/screenshots/make-screenshots.sh sets this to save the dialog.
        if (const QString dir = qEnvironmentVariable("OTA_SCREENSHOT_DIR"); !dir.isEmpty()) {
            widget.resize(1200, 760);
            QTest::qWait(300);
            QVERIFY(widget.grab().save(QDir(dir).filePath(name)));
        }
    }
} // namespace

class TestConsoleRolloutCreate : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    Site m_open;   // --deployment-window always
    Site m_closed; // a window that is closed today
    Site m_closedToo; // the same window, for a rollout started from the Rollouts page

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The price per MB is remembered: this run's settings stay in its own directory.
        TestSupport::keepConsoleSettingsIn(m_dir.filePath(u"settings"_s));
        QString error;
        QVERIFY2(m_open.start({u"--deployment-window"_s, u"always"_s}, u"o-"_s, &error), qPrintable(error));
        // Open only on the weekday three days from now: closed all of today.
        const QString day = QDate::currentDate().addDays(3).toString(u"dddd"_s).toLower();
        const QJsonObject policy{
            {u"timeZone"_s, u"Etc/UTC"_s},
            {u"intervals"_s, QJsonArray{QJsonObject{{u"days"_s, QJsonArray{day}}, {u"from"_s, u"08:00"_s}, {u"to"_s, u"16:00"_s}}}}};
        QFile file(m_dir.filePath(u"window.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(policy).toJson());
        file.close();
        QVERIFY2(m_closed.start({u"--deployment-window"_s, file.fileName()}, u"c-"_s, &error), qPrintable(error));
        QVERIFY2(m_closedToo.start({u"--deployment-window"_s, file.fileName()}, u"p-"_s, &error), qPrintable(error));
    }

    void createsWhatWasFilledIn()
    {
        OpenDialog opened(m_open);
        RolloutCreateDialog &dialog = opened.dialog;
        QSignalSpy &created = opened.created;
        pickFirstRelease(dialog, m_open.release.sha256);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.findChild<QLabel *>(u"deploymentWindow"_s)->text().contains(u"open now"_s),
                                 ServerMs);

        // The live count follows the selector.
        QTRY_COMPARE_WITH_TIMEOUT(dialog.matchingDevices(), Building3 + Building4, ServerMs);
        QTest::keyClicks(dialog.targets()->tags(), u"building-4"_s);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.matchingDevices(), Building4, ServerMs);
        dialog.targets()->tags()->clear();
        QTest::keyClicks(dialog.targets()->tags(), u"building-3"_s);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.matchingDevices(), Building3, ServerMs);
        QTRY_VERIFY(dialog.matchCount()->text().startsWith(u"8 devices match"_s));
        // A bound that is no version is said before anything is sent.
        QTest::keyClicks(dialog.targets()->minVersion(), u"2.x"_s);
        QTRY_VERIFY(dialog.problemLabel(Field::Targets)->text().contains(u"not a version"_s));
        dialog.targets()->minVersion()->setText(u"2.0.0"_s);
        QTRY_VERIFY(dialog.problemLabel(Field::Targets)->text().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(dialog.matchingDevices(), Building3, ServerMs);

        dialog.nameField()->clear();
        QTest::keyClicks(dialog.nameField(), u"building 3 to 2.4.0"_s);
        // Stages: the case study's three, made to fit eight devices.
        QTableView *table = dialog.stages()->table();
        typeIntoCell(table, 0, StagesModel::SizeColumn, u"2"_s);
        typeIntoCell(table, 0, StagesModel::SoakColumn, u"30s"_s);
        typeIntoCell(table, 1, StagesModel::SizeColumn, u"50%"_s);
        typeIntoCell(table, 1, StagesModel::SuccessColumn, u"90"_s);
        // A bad value is refused at the stage, in words, and changes nothing.
        typeIntoCell(table, 1, StagesModel::SoakColumn, u"soon"_s);
        QLabel *stagesError = dialog.problemLabel(Field::Stages);
        QTRY_VERIFY(stagesError->isVisible());
        QVERIFY2(stagesError->text().contains(u"not a duration"_s), qPrintable(stagesError->text()));
        typeIntoCell(table, 1, StagesModel::SoakColumn, u"10min"_s);
        QTRY_VERIFY(!stagesError->isVisible());
        table->setCurrentIndex(table->model()->index(1, StagesModel::GateColumn));
        QVERIFY(table->model()->setData(table->currentIndex(), Qt::Checked, Qt::CheckStateRole));
        // One more stage between pilot and full, then moved above the pilot.
        dialog.findChild<QPushButton *>(u"addStage"_s)->click();
        typeIntoCell(table, 2, StagesModel::NameColumn, u"early"_s);
        typeIntoCell(table, 2, StagesModel::SizeColumn, u"1"_s);
        dialog.findChild<QPushButton *>(u"moveStageUp"_s)->click();

        // The estimate: 8 devices of a 64 KiB image, at a price per MB.
        dialog.findChild<QDoubleSpinBox *>(u"pricePerMb"_s)->setValue(0.10);
        QTRY_VERIFY(dialog.findChild<QLabel *>(u"estimateData"_s)->text().contains(u"8 devices"_s));
        const QString cost = dialog.findChild<QLabel *>(u"estimateCost"_s)->text();
        QVERIFY2(cost.contains(u"0.1000 per MB"_s), qPrintable(cost));
        // 64 KiB x 1.15 x 8 = 0.575 MiB: 0.06 at 0.10.
        QVERIFY2(cost.startsWith(u"0.06"_s), qPrintable(cost));
        QTRY_VERIFY_WITH_TIMEOUT(dialog.findChild<QLabel *>(u"estimateDuration"_s)->text().contains(u"5 s each"_s),
                                 ServerMs); // the agents check in every 5 s
        QVERIFY(dialog.findChild<QLabel *>(u"estimateStages"_s)->text().contains(u"canary 2"_s));
        QTRY_COMPARE_WITH_TIMEOUT(dialog.matchingDevices(), Building3, ServerMs); // the count settled
        saveScreenshot(dialog, u"rollout-create.png"_s);

        dialog.createButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, ServerMs);
        const QString id = created.at(0).at(0).toString();
        QVERIFY(dialog.result() == QDialog::Accepted);

        const QJsonObject rollout = m_open.rollout(id);
        const QJsonObject spec = rollout.value(u"spec"_s).toObject();
        QCOMPARE(spec.value(u"name"_s).toString(), u"building 3 to 2.4.0"_s);
        QCOMPARE(spec.value(u"release"_s).toObject().value(u"sha256"_s).toString(), m_open.release.sha256);
        QCOMPARE(spec.value(u"targets"_s).toObject().value(u"tags"_s).toArray(), QJsonArray{u"building-3"_s});
        QCOMPARE(spec.value(u"targets"_s).toObject().value(u"minVersion"_s).toString(), u"2.0.0"_s);
        const QJsonArray stages = spec.value(u"stages"_s).toArray();
        QCOMPARE(stages.size(), 4);
        QStringList names;
        for (const QJsonValue &stage : stages)
            names.append(stage.toObject().value(u"name"_s).toString());
        QCOMPARE(names, (QStringList{u"canary"_s, u"early"_s, u"pilot"_s, u"full"_s}));
        const QJsonObject canary = stages.at(0).toObject();
        QCOMPARE(canary.value(u"size"_s).toObject().value(u"count"_s).toInt(), 2);
        QCOMPARE(canary.value(u"soakSeconds"_s).toInteger(), 30);
        QCOMPARE(canary.value(u"minSuccessRate"_s).toDouble(), 0.95);
        QCOMPARE(canary.value(u"maxRollbackRate"_s).toDouble(), 0.05);
        const QJsonObject pilot = stages.at(2).toObject();
        QCOMPARE(pilot.value(u"size"_s).toObject().value(u"percent"_s).toDouble(), 50.0);
        QCOMPARE(pilot.value(u"minSuccessRate"_s).toDouble(), 0.9);
        QCOMPARE(pilot.value(u"soakSeconds"_s).toInteger(), 600);
        QCOMPARE(pilot.value(u"gateAction"_s).toString(), u"manual"_s);
        QCOMPARE(stages.at(3).toObject().value(u"size"_s).toObject().value(u"percent"_s).toDouble(), 100.0);
        QCOMPARE(spec.value(u"abortRules"_s).toArray().size(), 3);
        QCOMPARE(spec.value(u"retries"_s).toObject().value(u"download"_s).toInt(), 3);
        QCOMPARE(spec.value(u"perDeviceTimeoutSeconds"_s).toInt(), 7200);
        // Dealt as the estimate said: 2, 1, 50 % of 5 rounded up, the rest.
        QList<int> dealt;
        for (const QJsonValue &stage : rollout.value(u"stages"_s).toArray())
            dealt.append(stage.toObject().value(u"deviceCount"_s).toInt());
        QCOMPARE(dealt, (QList<int>{2, 1, 3, 2}));
        QCOMPARE(rollout.value(u"state"_s).toString(), u"READY"_s); // not started: not asked to
    }

    void refusalIsShownAtItsField()
    {
        // building-3 is in the READY rollout above: the server refuses a second one (409 conflict).
        OpenDialog opened(m_open);
        RolloutCreateDialog &dialog = opened.dialog;
        QSignalSpy &created = opened.created;
        pickFirstRelease(dialog, m_open.release.sha256);
        QTest::keyClicks(dialog.targets()->tags(), u"building-3"_s);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.matchingDevices(), Building3, ServerMs);
        const int before = int(m_open.rollouts().size());
        dialog.createButton()->click();
        QLabel *targetsError = dialog.problemLabel(Field::Targets);
        QTRY_VERIFY_WITH_TIMEOUT(targetsError->text().contains(u"already in rollout"_s), ServerMs);
        QVERIFY(targetsError->isVisible());
        QVERIFY2(dialog.statusMessage()->text().contains(u"nothing was created"_s, Qt::CaseInsensitive),
                 qPrintable(dialog.statusMessage()->text()));
        QCOMPARE(created.size(), 0);
        QCOMPARE(int(m_open.rollouts().size()), before);
        QVERIFY(dialog.isVisible()); // still open, to fix and try again
        QVERIFY(dialog.createButton()->isEnabled());

        // Stages that leave devices out: the server's refusal lands at the stages.
        dialog.targets()->tags()->setText(u"building-4"_s);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.matchingDevices(), Building4, ServerMs);
        QTableView *table = dialog.stages()->table();
        typeIntoCell(table, 0, StagesModel::SizeColumn, u"1"_s);
        typeIntoCell(table, 1, StagesModel::SizeColumn, u"1"_s);
        typeIntoCell(table, 2, StagesModel::SizeColumn, u"10%"_s); // 1 of the 2 left: 3 of 4 in all
        QTRY_VERIFY(dialog.findChild<QLabel *>(u"estimateStages"_s)->text().contains(u"1 device left over"_s));
        dialog.createButton()->click();
        QLabel *stagesError = dialog.problemLabel(Field::Stages);
        QTRY_VERIFY_WITH_TIMEOUT(stagesError->text().contains(u"would never be updated"_s), ServerMs);
        QVERIFY(stagesError->isVisible());
        QVERIFY2(!stagesError->text().contains(u"refused"_s), qPrintable(stagesError->text())); // the problem alone
        QCOMPARE(created.size(), 0);
        QCOMPARE(int(m_open.rollouts().size()), before);

        // A blank name is said at the name before anything is sent.
        dialog.nameField()->clear();
        dialog.createButton()->click();
        QVERIFY(dialog.problemLabel(Field::Name)->text().contains(u"name"_s));
        QCOMPARE(int(m_open.rollouts().size()), before);
    }

    void closedWindowNeedsAnOverrideReason()
    {
        OpenDialog opened(m_closed);
        RolloutCreateDialog &dialog = opened.dialog;
        QSignalSpy &created = opened.created;
        fillInForTheWholeSite(dialog, m_closed, u"closed now"_s);
        if (QTest::currentTestFailed())
            return;

        QVERIFY(!dialog.overrideReason()->isVisible());
        dialog.startNow()->click();
        QVERIFY(dialog.overrideReason()->isVisible());
        QCOMPARE(dialog.createButton()->text(), u"&Create and start"_s);
        // No reason: asked for one, nothing sent.
        dialog.createButton()->click();
        QVERIFY2(dialog.problemLabel(Field::WindowOverride)->text().contains(u"say why"_s),
                 qPrintable(dialog.problemLabel(Field::WindowOverride)->text()));
        QCOMPARE(m_closed.rollouts().size(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.matchingDevices(), Building3 + Building4, ServerMs);
        saveScreenshot(dialog, u"rollout-create-override.png"_s);

        const QString reason = u"battery fix cannot wait for the window (OPS-4411)"_s;
        QTest::keyClicks(dialog.overrideReason(), reason);
        dialog.createButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, ServerMs);
        QVERIFY(dialog.result() == QDialog::Accepted);
        const QJsonObject rollout = m_closed.rollout(created.at(0).at(0).toString());
        QVERIFY2(rollout.value(u"state"_s).toString() == u"RUNNING"_s, qPrintable(rollout.value(u"state"_s).toString()));
        const QJsonArray overrides = rollout.value(u"overrides"_s).toArray();
        QCOMPARE(overrides.size(), 1);
        QCOMPARE(overrides.at(0).toObject().value(u"reason"_s).toString(), reason);
        QCOMPARE(overrides.at(0).toObject().value(u"action"_s).toString(), u"start"_s);
        QCOMPARE(overrides.at(0).toObject().value(u"actor"_s).toString(), u"olga"_s);
    }

    void createdButNotStartedIsStartedNotCreatedAgain()
    {
        // A window that closes while the dialog is open: open when the
        // dialog read it, so no reason was asked for, and closed when the
        // server is asked to start. The server's clock runs 60 times faster,
        // so the window's last 45 minutes pass in 45 s: time for the agents
        // to check in and the dialog to read the window first, even under
        // ASan on a loaded machine. Its time zone puts
        // the server's local time near noon, so the interval never wraps
        // past midnight whenever the test runs.
        const QDateTime utc = QDateTime::currentDateTimeUtc();
        const int eastOfUtc = 12 - utc.time().hour(); // -11 .. 12
        const QString zone = eastOfUtc == 0 ? u"Etc/UTC"_s
                                            : u"Etc/GMT%1%2"_s.arg(eastOfUtc > 0 ? u"-"_s : u"+"_s).arg(qAbs(eastOfUtc));
        const QDateTime local = utc.addSecs(qint64(eastOfUtc) * 3600);
        const QJsonObject policy{
            {u"timeZone"_s, zone},
            {u"intervals"_s, QJsonArray{QJsonObject{{u"days"_s, QJsonArray{local.date().toString(u"dddd"_s).toLower()}},
                                                    {u"from"_s, u"06:00"_s},
                                                    {u"to"_s, local.addSecs(45 * 60).toString(u"HH:mm"_s)}}}}};
        QFile file(m_dir.filePath(u"closing.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(policy).toJson());
        file.close();
        Site closing;
        QString error;
        QVERIFY2(closing.start({u"--deployment-window"_s, file.fileName(), u"--time-scale"_s, u"60"_s}, u"w-"_s, &error),
                 qPrintable(error));

        OpenDialog opened(closing);
        RolloutCreateDialog &dialog = opened.dialog;
        fillInForTheWholeSite(dialog, closing, u"open now"_s);
        if (QTest::currentTestFailed())
            return;
        dialog.startNow()->click();
        QVERIFY(!dialog.overrideReason()->isVisible());
        const auto windowOpen = [&closing] {
            return closing.api(closing.operatorToken).get(u"/api/v1/policy/window"_s).json.value(u"open"_s).toBool();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!windowOpen(), DevicesMs);

        // Created, not started: said so, and the rollout is kept, not undone.
        dialog.createButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(opened.created.size(), 1, ServerMs);
        QLabel *problem = dialog.problemLabel(Field::General);
        QTRY_VERIFY_WITH_TIMEOUT(problem->text().contains(u"was created but did not start"_s), ServerMs);
        QVERIFY2(problem->text().contains(u"outside the deployment window"_s), qPrintable(problem->text()));
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.createButton()->text(), u"&Start"_s);
        QCOMPARE(closing.rollouts().size(), 1);
        const QString id = opened.created.at(0).at(0).toString();
        QCOMPARE(closing.rollout(id).value(u"state"_s).toString(), u"READY"_s);

        // The dialog read the window again: it asks for a reason now, and
        // Start starts the same rollout; nothing is created a second time.
        QTRY_VERIFY_WITH_TIMEOUT(dialog.overrideReason()->isVisible(), ServerMs);
        QTest::keyClicks(dialog.overrideReason(), u"the fix must be out before the night shift"_s);
        dialog.createButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(closing.rollout(id).value(u"state"_s).toString(), u"RUNNING"_s, ServerMs);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.result() == QDialog::Accepted, ServerMs);
        QCOMPARE(closing.rollouts().size(), 1);
        closing.stop();
    }

    void startOnTheRolloutsPageOutsideTheWindowAsksWhy()
    {
        // Created earlier and not started (by the API here, as a script would).
        const QJsonObject stage{{u"name"_s, u"all"_s}, {u"size"_s, QJsonObject{{u"percent"_s, 100}}},
                                {u"minSuccessRate"_s, 0.95}, {u"maxRollbackRate"_s, 0.05}, {u"soakSeconds"_s, 600}};
        const QJsonObject spec{{u"name"_s, u"building 4 after hours"_s},
                               {u"release"_s, QJsonObject{{u"sha256"_s, m_closedToo.release.sha256}}},
                               {u"targets"_s, QJsonObject{{u"tags"_s, QJsonArray{u"building-4"_s}}}},
                               {u"stages"_s, QJsonArray{stage}}};
        const auto created = m_closedToo.api(m_closedToo.operatorToken).post(u"/api/v1/rollouts"_s, spec);
        QVERIFY2(created.status == 201, qPrintable(created.describe()));
        const QString id = created.json.value(u"id"_s).toString();
        QCOMPARE(m_closedToo.rollout(id).value(u"state"_s).toString(), u"READY"_s);

        Console console(m_closedToo, m_closedToo.operatorToken);
        RolloutsPage page(&console.session);
        page.show();
        page.select(id);
        RolloutActionBar *actions = page.detail()->actions();
        QPushButton *start = actions->button(Rollout::RolloutAction::Start);
        QTRY_VERIFY_WITH_TIMEOUT(start->isEnabled(), ServerMs);

        // The server says the window is closed: the question quotes it.
        // Cancelled, nothing starts and the refusal stays in view.
        TestSupport::answerNextPrompt(this, QString(), false);
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(actions->message()->text().contains(u"outside the deployment window"_s), ServerMs);
        QVERIFY2(actions->message()->text().startsWith(u"start refused"_s), qPrintable(actions->message()->text()));
        QCOMPARE(m_closedToo.rollout(id).value(u"state"_s).toString(), u"READY"_s);

        // With a reason it starts, and the override is recorded with it.
        const QString reason = u"the tenant asked for tonight (CHG-1187)"_s;
        TestSupport::answerNextPrompt(this, reason, true);
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_closedToo.rollout(id).value(u"state"_s).toString(), u"RUNNING"_s, ServerMs);
        QTRY_VERIFY_WITH_TIMEOUT(actions->message()->text().contains(u"done"_s), ServerMs);
        const QJsonArray overrides = m_closedToo.rollout(id).value(u"overrides"_s).toArray();
        QCOMPARE(overrides.size(), 1);
        QCOMPARE(overrides.at(0).toObject().value(u"reason"_s).toString(), reason);
        QCOMPARE(overrides.at(0).toObject().value(u"action"_s).toString(), u"start"_s);
    }

    void viewerMayCountButNotCreate()
    {
        OpenDialog opened(m_open, m_open.viewerToken);
        RolloutCreateDialog &dialog = opened.dialog;
        pickFirstRelease(dialog, m_open.release.sha256);
        // A viewer may preview: the count and the estimate are there.
        QTRY_VERIFY_WITH_TIMEOUT(dialog.matchingDevices() >= 0, ServerMs);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.createButton()->isEnabled(), ServerMs);
        QVERIFY2(dialog.createButton()->toolTip().contains(u"viewer"_s), qPrintable(dialog.createButton()->toolTip()));
    }

    void cleanupTestCase()
    {
        m_open.stop();
        m_closed.stop();
        m_closedToo.stop();
    }
};

QTEST_MAIN(TestConsoleRolloutCreate)
#include "tst_consolerolloutcreate.moc"
