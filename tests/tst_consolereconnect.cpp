// The console watching a real ota-server that is killed and started again:
// it says it is reconnecting, comes back live on its own, and then shows
// the same fleet and rollouts as a console that connects fresh.
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "consolesettingsdir.h"
#include "consolesession.h"
#include "fleetsimprocess.h"
#include "mainwindow.h"
#include "models/fleetmodel.h"
#include "models/rolloutlistmodel.h"
#include "rollout/serverclient.h"
#include "serverprocess.h"

using namespace Qt::Literals::StringLiterals;
using TestSupport::FleetSimProcess;
using TestSupport::ServerProcess;
using TestSupport::SignedRelease;

namespace
{
    constexpr int Agents = 20;
    constexpr int WaitMs = 120000;

    QJsonObject scenario()
    {
        const QJsonArray groups{QJsonObject{{u"count"_s, Agents}, {u"firstIndex"_s, 1}, {u"idFormat"_s, u"watch-{n}"_s}}};
        const QJsonObject defaults{{u"version"_s, u"3.0.0"_s}, {u"checkInSeconds"_s, 2}};
        return {{u"agents"_s, QJsonObject{{u"seed"_s, 3}, {u"defaults"_s, defaults}, {u"groups"_s, groups}}}};
    }

    // What a fleet table says, row by row, in id order: the state to compare.
    QStringList fleetRows(const Models::FleetModel &model)
    {
        QStringList rows;
        for (int row = 0; row < model.rowCount(); ++row) {
            const Rollout::Device *device = model.device(row);
            rows.append(device->id + u' ' + device->version);
        }
        rows.sort();
        return rows;
    }
} // namespace

class TestConsoleReconnect : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    ServerProcess m_server{QStringLiteral(OTA_SERVER_PATH)};
    FleetSimProcess m_sim{QStringLiteral(FLEETSIM_PATH)};

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        TestSupport::keepConsoleSettingsIn(m_dir.filePath(u"settings"_s));
        QString error;
        QVERIFY2(m_server.init(&error), qPrintable(error));
        QVERIFY2(m_server.start({u"--deployment-window"_s, u"always"_s}, &error), qPrintable(error));
        const SignedRelease release = SignedRelease::make(u"3.0.0"_s, u"watch"_s);
        QVERIFY2(m_sim.startAgents(m_server, scenario(), release.publicKeyPem, {u"--no-mdns"_s}, &error),
                 qPrintable(error));
    }

    void connectingReadsTheFleetOnceWhenTheStreamAgreesWithIt()
    {
        // The event stream comes up while the first listing is read; its
        // first snapshot (the fleet's version counts) agrees with the
        // listing, so the fleet is not fetched a second time. (Checked once
        // every agent has reported its version: an enrolment or a first
        // version after the listing is a change the next fetch must read.)
        TestSupport::ApiClient admin(m_server.base());
        admin.useToken(m_server.adminToken());
        const auto devicesReporting = [&admin] {
            int reporting = 0;
            for (const QJsonValue &device : admin.get(u"/api/v1/devices"_s).json.value(u"devices"_s).toArray())
                reporting += device.toObject().value(u"version"_s).toString().isEmpty() ? 0 : 1;
            return reporting;
        };
        QTRY_COMPARE_WITH_TIMEOUT(devicesReporting(), Agents, WaitMs);
        Rollout::ServerClient client(m_server.adminEndpoint());
        ConsoleSession session(&client);
        QSignalSpy listings(&session, &ConsoleSession::refreshed);
        QTRY_VERIFY_WITH_TIMEOUT(session.fleet()->rowCount() == Agents && session.isLive(), WaitMs);
        QTest::qWait(3000); // three times the time events are let settle before a refetch
        QCOMPARE(listings.count(), 1);
    }

    void afterTheServerRestartsTheWindowIsCompleteAgainOnItsOwn()
    {
        Rollout::ServerClient client(m_server.adminEndpoint());
        ConsoleSession session(&client);
        MainWindow window(&session);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(session.fleet()->rowCount() == Agents && session.isLive(), WaitMs);
        auto *live = window.findChild<QLabel *>(u"liveLabel"_s);
        QVERIFY(live);
        QTRY_COMPARE_WITH_TIMEOUT(live->text(), u"● live"_s, WaitMs);

        // Killed: nothing gets to say goodbye. The window says it is trying again.
        const QUrl base = m_server.base();
        m_server.kill();
        QTRY_VERIFY_WITH_TIMEOUT(live->text().startsWith(u"reconnecting in"_s) || live->text().startsWith(u"polling"_s),
                                 WaitMs);
        QVERIFY2(!live->toolTip().isEmpty(), "the tooltip says why it is not live");

        // Meanwhile the fleet changes: one more device enrols while the console cannot see it.
        QString error;
        QVERIFY2(m_server.start({u"--deployment-window"_s, u"always"_s, u"--port"_s, QString::number(base.port())}, &error),
                 qPrintable(error));
        TestSupport::ApiClient admin(m_server.base());
        admin.useToken(m_server.adminToken());
        QCOMPARE(admin.post(u"/api/v1/devices"_s, {{u"devices"_s, QJsonArray{QJsonObject{{u"id"_s, u"late-1"_s}}}}}).status, 201);

        QTRY_COMPARE_WITH_TIMEOUT(live->text(), u"● live"_s, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(session.fleet()->rowCount(), Agents + 1, WaitMs);

        // The same as a console connecting now, once both have seen the same check-ins.
        Rollout::ServerClient freshClient(m_server.adminEndpoint());
        ConsoleSession fresh(&freshClient);
        QTRY_COMPARE_WITH_TIMEOUT(fresh.fleet()->rowCount(), Agents + 1, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(fleetRows(*session.fleet()), fleetRows(*fresh.fleet()), WaitMs);
        QCOMPARE(session.rollouts()->rowCount(), fresh.rollouts()->rowCount());
    }

    void cleanupTestCase()
    {
        m_sim.terminate();
        m_server.terminate();
    }
};

QTEST_MAIN(TestConsoleReconnect)
#include "tst_consolereconnect.moc"
