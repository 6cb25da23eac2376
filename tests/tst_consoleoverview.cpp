// The console's Overview page against the real ota-server and ota-fleet-sim
// (two versions): the version chart, a slice or a table row opening the
// Fleet page filtered, the health summary, an active rollout with its stage
// and progress, and the gate alert it raises.
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QtCharts/QPieSeries>

#include "consoleoverviewfixture.h"
#include "consolesession.h"
#include "fleet/fleetpage.h"
#include "models/fleetfiltermodel.h"
#include "models/modelroles.h"
#include "models/rolloutlistmodel.h"
#include "overview/overviewpage.h"
#include "rollout/serverclient.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    constexpr int Halls = 12;
    constexpr int Labs = 6;
    constexpr int Devices = Halls + Labs;

    QPieSlice *sliceOf(QPieSeries *series, const QString &version)
    {
        const QList<QPieSlice *> slices = series->slices();
        const auto it = std::find_if(slices.cbegin(), slices.cend(), [&version](const QPieSlice *slice) {
            return slice->label().startsWith(version + u":"_s);
        });
        return it == slices.cend() ? nullptr : *it;
    }
} // namespace

class TestConsoleOverview : public QObject
{
    Q_OBJECT
    ConsoleOverviewFixture m_fixture;

private Q_SLOTS:
    void initTestCase()
    {
        const QJsonArray groups{
            QJsonObject{{u"count"_s, Halls}, {u"firstIndex"_s, 1}, {u"idFormat"_s, u"hall-{n}"_s}, {u"tags"_s, QJsonArray{u"hall"_s}}},
            QJsonObject{{u"count"_s, Labs}, {u"firstIndex"_s, 1}, {u"idFormat"_s, u"lab-{n}"_s}, {u"tags"_s, QJsonArray{u"lab"_s}},
                        {u"version"_s, ConsoleOverviewFixture::NewVersion}},
        };
        QString error;
        QVERIFY2(m_fixture.start(groups, &error), qPrintable(error));
    }

    void overviewShowsTheFleetAndOpensItFiltered()
    {
        Rollout::ServerClient client(m_fixture.endpoint());
        ConsoleSession session(&client);
        OverviewPage overview(&session);
        FleetPage fleet(&session);
        // What MainWindow does with the request.
        connect(&overview, &OverviewPage::showFleetRequested, &fleet, &FleetPage::applyFilter);
        QSignalSpy requests(&overview, &OverviewPage::showFleetRequested);
        overview.resize(1200, 760);
        overview.show();

        // Two versions, once every agent checked in.
        QPieSeries *pie = overview.versionSeries();
        QTRY_VERIFY2_WITH_TIMEOUT(sliceOf(pie, ConsoleOverviewFixture::OldVersion)
                                      && sliceOf(pie, ConsoleOverviewFixture::OldVersion)->value() == Halls
                                      && sliceOf(pie, ConsoleOverviewFixture::NewVersion)
                                      && sliceOf(pie, ConsoleOverviewFixture::NewVersion)->value() == Labs,
                                  qPrintable(m_fixture.diagnostics()), ConsoleOverviewFixture::FleetReadyMs);
        QCOMPARE(pie->count(), 2);
        QCOMPARE(overview.versionTable()->model()->rowCount(), 2);

        // A slice clicked: the fleet shows only that version.
        Q_EMIT sliceOf(pie, ConsoleOverviewFixture::NewVersion)->clicked();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.last().at(0).toString(), u"version:"_s + ConsoleOverviewFixture::NewVersion);
        QCOMPARE(fleet.table()->model()->rowCount(), Labs);
        QCOMPARE(fleet.versionFilter()->currentData().toString(), ConsoleOverviewFixture::NewVersion);

        // The same from the keyboard: Enter on the table's first row (most devices).
        QTableView *versions = overview.versionTable();
        versions->setFocus();
        versions->setCurrentIndex(versions->model()->index(0, 0));
        QTest::keyClick(versions, Qt::Key_Return);
        QCOMPARE(requests.size(), 2);
        QCOMPARE(fleet.table()->model()->rowCount(), Halls);

        // Health: every device checked in and passes; a line opens its devices.
        const QList<QPushButton *> &health = overview.healthLines();
        QCOMPARE(health.size(), 5);
        QTRY_VERIFY_WITH_TIMEOUT(health.at(0)->text().startsWith(u"Healthy: %1 · newest check-in"_s.arg(Devices)),
                                 ConsoleOverviewFixture::FleetReadyMs);
        QVERIFY2(health.at(3)->text().startsWith(u"Offline (never seen): 0"_s), qPrintable(health.at(3)->text()));
        health.at(1)->click();
        QCOMPARE(requests.last().at(0).toString(), u"health:failing"_s);
        QCOMPARE(fleet.table()->model()->rowCount(), 0);

        // A filter text the Fleet page cannot read is said, and changes nothing.
        fleet.applyFilter(u"health:sick"_s);
        const auto *message = fleet.findChild<QLabel *>(u"fleetFilterMessage"_s);
        QVERIFY(message && !message->isHidden());
        QVERIFY2(message->text().contains(u"'sick' is not a health filter"_s), qPrintable(message->text()));
        QCOMPARE(fleet.rows()->filter().health, Models::FleetFilter::Health::Failing);

        // A rollout under way: listed with its stage and progress; its gate raises an alert.
        QString error;
        const QString rolloutId = m_fixture.startRollout(u"hall"_s, 3, &error);
        QVERIFY2(!rolloutId.isEmpty(), qPrintable(error));
        QTableView *active = overview.activeRollouts();
        QTRY_COMPARE_WITH_TIMEOUT(active->model()->rowCount(), 1, ConsoleOverviewFixture::FleetReadyMs);
        const QModelIndex progress = active->model()->index(0, Models::RolloutListModel::ProgressColumn);
        QTRY_VERIFY2_WITH_TIMEOUT(overview.alerts()->model()->rowCount() == 1,
                                  qPrintable(u"progress %1\n"_s.arg(progress.data().toString()) + m_fixture.diagnostics()),
                                  ConsoleOverviewFixture::FleetReadyMs);
        QVERIFY2(overview.alerts()->model()->index(0, 0).data().toString().contains(u"waiting at a gate"_s),
                 qPrintable(overview.alerts()->model()->index(0, 0).data().toString()));
        QCOMPARE(active->model()->index(0, Models::RolloutListModel::StageColumn).data().toString(), u"1 of 2"_s);
        QVERIFY(progress.data(Models::SortRole).toInt() > 0);
        // The canary moved to the new version: the chart follows.
        QTRY_COMPARE_WITH_TIMEOUT(sliceOf(pie, ConsoleOverviewFixture::NewVersion)->value(), double(Labs + 3),
                                  ConsoleOverviewFixture::FleetReadyMs);

        // docs/screenshots/make-screenshots.sh sets this to save the page.
        if (const QString dir = qEnvironmentVariable("OTA_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(300);
            QVERIFY(overview.grab().save(QDir(dir).filePath(u"overview.png"_s)));
        }
    }

    void cleanupTestCase()
    {
        m_fixture.stop();
    }
};

QTEST_MAIN(TestConsoleOverview)
#include "tst_consoleoverview.moc"
