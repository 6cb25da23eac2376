// The device detail (Fleet page, Enter on a row) against the real ota-server
// and ota-fleet-sim: current checks, the health history chart filling with
// check-ins, and the device's state history in a rollout.
#include <QDir>
#include <QLabel>
#include <QTableView>
#include <QTest>
#include <QtCharts/QLineSeries>

#include "consoleoverviewfixture.h"
#include "consolesession.h"
#include "fleet/devicedetaildialog.h"
#include "fleet/fleetpage.h"
#include "fleet/healthhistorychart.h"
#include "models/modelroles.h"
#include "rollout/serverclient.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    constexpr int Devices = 4;
    // Check-ins the chart waits for: one a simulated minute, a real second.
    constexpr int Points = 4;

    QStringList columnOf(const QAbstractItemModel *model, int column)
    {
        QStringList values;
        for (int row = 0; row < model->rowCount(); ++row)
            values << model->index(row, column).data().toString();
        return values;
    }
} // namespace

class TestConsoleDeviceDetail : public QObject
{
    Q_OBJECT
    ConsoleOverviewFixture m_fixture;

private Q_SLOTS:
    void initTestCase()
    {
        const QJsonArray groups{QJsonObject{{u"count"_s, Devices}, {u"firstIndex"_s, 1}, {u"idFormat"_s, u"desk-{n}"_s},
                                            {u"tags"_s, QJsonArray{u"desk"_s}}}};
        QString error;
        QVERIFY2(m_fixture.start(groups, &error), qPrintable(error));
    }

    void detailShowsChecksHistoryAndStates()
    {
        Rollout::ServerClient client(m_fixture.endpoint());
        ConsoleSession session(&client);
        FleetPage page(&session);
        page.resize(1200, 760);
        page.show();
        QTableView *table = page.table();
        // Every device seen (its version known) before the rollout picks its targets.
        page.applyFilter(u"seen:ontime"_s);
        QTRY_VERIFY2_WITH_TIMEOUT(table->model()->rowCount() == Devices, qPrintable(m_fixture.diagnostics()),
                                  ConsoleOverviewFixture::FleetReadyMs);
        QString error;
        QVERIFY2(!m_fixture.startRollout(u"desk"_s, 1, &error).isEmpty(), qPrintable(error));

        // Enter on the first row opens the detail of that device.
        page.applyFilter(QString());
        table->setFocus();
        table->setCurrentIndex(table->model()->index(0, 0));
        const QString id = table->currentIndex().data(Models::IdRole).toString();
        QTest::keyClick(table, Qt::Key_Return);
        DeviceDetailDialog *detail = page.detail();
        QVERIFY(detail && detail->isVisible());
        QCOMPARE(detail->deviceId(), id);
        QCOMPARE(id, u"desk-0001"_s);

        // Current checks as the last check-in said them.
        QTRY_VERIFY_WITH_TIMEOUT(detail->checks()->model()->rowCount() > 0, ConsoleOverviewFixture::FleetReadyMs);
        QVERIFY2(columnOf(detail->checks()->model(), 1).contains(u"passed"_s),
                 qPrintable(columnOf(detail->checks()->model(), 1).join(u", "_s)));

        // The chart fills as the device checks in (the detail follows the stream).
        HealthHistoryChart *chart = detail->chart();
        QTRY_VERIFY2_WITH_TIMEOUT(chart->battery()->count() >= Points && chart->rssi()->count() >= Points
                                      && chart->bootCount()->count() >= Points,
                                  qPrintable(u"points: %1 %2 %3; %4"_s.arg(chart->battery()->count())
                                                 .arg(chart->rssi()->count())
                                                 .arg(chart->bootCount()->count())
                                                 .arg(detail->status()->text())),
                                  ConsoleOverviewFixture::FleetReadyMs);
        QCOMPARE(detail->checkIns()->model()->rowCount(), chart->battery()->count());

        // The canary (the first device by id) goes all the way to SUCCEEDED, every step kept.
        QTRY_VERIFY2_WITH_TIMEOUT(columnOf(detail->stateHistory()->model(), 3).contains(u"SUCCEEDED"_s),
                                  qPrintable(columnOf(detail->stateHistory()->model(), 3).join(u" > "_s) + u"\n"_s
                                             + m_fixture.diagnostics()),
                                  ConsoleOverviewFixture::FleetReadyMs);
        const QStringList states = columnOf(detail->stateHistory()->model(), 3);
        QVERIFY2(states.first() == u"SCHEDULED"_s && states.contains(u"DOWNLOADING"_s), qPrintable(states.join(u" > "_s)));

        if (const QString dir = qEnvironmentVariable("OTA_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(1500); // a few more check-ins on the chart
            detail->resize(1200, 760);
            QTest::qWait(300);
            QVERIFY(detail->grab().save(QDir(dir).filePath(u"device-detail.png"_s)));
        }
        // Esc closes it.
        QTest::keyClick(detail, Qt::Key_Escape);
        QVERIFY(!detail->isVisible());
    }

    void cleanupTestCase()
    {
        m_fixture.stop();
    }
};

QTEST_MAIN(TestConsoleDeviceDetail)
#include "tst_consoledevicedetail.moc"
