// The console's Fleet page against the real ota-server and the real
// ota-fleet-sim (50 agents), both run as programs, offscreen.
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "consolesettingsdir.h"
#include "consolesession.h"
#include "fleet/fleetpage.h"
#include "fleetsimprocess.h"
#include "mainwindow.h"
#include "models/fleetmodel.h"
#include "rollout/serverclient.h"
#include "serverprocess.h"

using namespace Qt::Literals::StringLiterals;
using TestSupport::FleetSimProcess;
using TestSupport::ServerProcess;
using TestSupport::SignedRelease;

namespace
{
    constexpr int Agents = 50;
    constexpr int FleetReadyMs = 120000;

    QJsonObject scenario()
    {
        // Two versions so a version filter has something to tell apart.
        const QJsonArray groups{
            QJsonObject{{u"count"_s, 30}, {u"firstIndex"_s, 1}, {u"idFormat"_s, u"hall-{n}"_s}},
            QJsonObject{{u"count"_s, 20}, {u"firstIndex"_s, 1}, {u"idFormat"_s, u"lab-{n}"_s},
                        {u"version"_s, u"2.4.0"_s}},
        };
        const QJsonObject defaults{{u"version"_s, u"2.3.1"_s}, {u"checkInSeconds"_s, 5}};
        return {{u"agents"_s, QJsonObject{{u"seed"_s, 7}, {u"defaults"_s, defaults}, {u"groups"_s, groups}}}};
    }
} // namespace

class TestConsoleFleet : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    ServerProcess m_server{QStringLiteral(OTA_SERVER_PATH)};
    FleetSimProcess m_sim{QStringLiteral(FLEETSIM_PATH)};

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The column set is remembered: this run's settings go to a directory
        // of its own, out of the user's and of any earlier run's.
        TestSupport::keepConsoleSettingsIn(m_dir.filePath(u"settings"_s));
        QString error;
        QVERIFY2(m_server.init(&error), qPrintable(error));
        QVERIFY2(m_server.start({u"--deployment-window"_s, u"always"_s}, &error), qPrintable(error));
        const SignedRelease release = SignedRelease::make(u"2.4.0"_s, u"smart-building"_s, 0, 16 * 1024);
        QVERIFY2(m_sim.startAgents(m_server, scenario(), release.publicKeyPem, {u"--no-mdns"_s}, &error), qPrintable(error));
    }

    void fleetPageShowsFiltersAndSwitchesColumns()
    {
        Rollout::ServerClient client(m_server.adminEndpoint());
        ConsoleSession session(&client);
        MainWindow window(&session);
        window.show();
        window.showPage(window.fleetPage());
        FleetPage *page = window.fleetPage();
        QTableView *table = page->table();
        QTRY_VERIFY2_WITH_TIMEOUT(table->model()->rowCount() == Agents,
                                  qPrintable(u"rows: %1; sim: %2"_s.arg(table->model()->rowCount())
                                                 .arg(m_sim.output())),
                                  FleetReadyMs);
        page->filter()->setText(u"lab-"_s);
        QCOMPARE(table->model()->rowCount(), 20);
        // Enrolled devices have no version until their first check-in.
        page->filter()->setText(u"2.3.1"_s);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 30, FleetReadyMs);
        page->filter()->clear();
        QCOMPARE(table->model()->rowCount(), Agents);
        // Live means the server's event stream is connected, not only that a poll answered.
        const auto liveShown = [&window] {
            const QList<QLabel *> labels = window.findChildren<QLabel *>();
            return std::any_of(labels.cbegin(), labels.cend(),
                               [](const QLabel *label) { return label->text() == u"● live"_s; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(liveShown(), FleetReadyMs);

        // docs/screenshots/make-screenshots.sh sets this to save the page.
        if (const QString dir = qEnvironmentVariable("OTA_SCREENSHOT_DIR"); !dir.isEmpty()) {
            window.resize(1200, 760);
            QTest::qWait(200);
            QVERIFY(window.grab().save(QDir(dir).filePath(u"fleet.png"_s)));
        }
        page->columnSets()->setCurrentIndex(1); // firmware
        QVERIFY(!table->isColumnHidden(Models::FleetModel::SlotColumn));
        QVERIFY(table->isColumnHidden(Models::FleetModel::BatteryColumn));
        page->columnSets()->setCurrentIndex(2); // network
        QVERIFY(!table->isColumnHidden(Models::FleetModel::RssiColumn));
        QVERIFY(table->isColumnHidden(Models::FleetModel::SlotColumn));
    }

    void cleanupTestCase()
    {
        m_sim.terminate();
        m_server.terminate();
    }
};

QTEST_MAIN(TestConsoleFleet)
#include "tst_consolefleet.moc"
