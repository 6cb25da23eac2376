// The console at fleet scale, against the real ota-server: N devices
// enrolled and checked in, then the real console window connects. Prints
// the time from connect to a complete fleet table, the time to apply a
// filter, the console's resident memory, and then — while the devices keep
// checking in at R per second for S seconds, each check-in an event on the
// stream — the longest stall of the GUI event loop. Offscreen; run inside a
// private network namespace (cmake --build --preset default --target run-console-bench).
//
//   consolebench [devices=100000] [eventsPerSecond=1000] [seconds=60]
#include <malloc.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include "checkinload.h"
#include "consolesession.h"
#include "fleet/fleetpage.h"
#include "mainwindow.h"
#include "models/fleetmodel.h"
#include "rollout/serverclient.h"
#include "serverprocess.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    // Resident memory of this process now, in MiB, from /proc.
    double residentMiB()
    {
        QFile status(u"/proc/self/status"_s);
        if (!status.open(QIODevice::ReadOnly))
            return 0;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').constFirst().toDouble() / 1024.0;
        }
        return 0;
    }

    // Bytes malloc holds for the program now: RSS minus what is only kept
    // around by the allocator, to tell a leak from fragmentation.
    double allocatedMiB()
    {
        return double(mallinfo2().uordblks) / (1024.0 * 1024.0);
    }

    // A fleet of three versions, so a version filter keeps a part of it.
    QByteArray checkInBody(size_t index, int battery)
    {
        const QString version = index % 20 == 0 ? u"0.9.0"_s : index % 4 == 0 ? u"1.1.0"_s : u"1.0.0"_s;
        return QJsonDocument(QJsonObject{{u"chip"_s, u"esp32"_s},
                                         {u"board"_s, u"esp32dev"_s},
                                         {u"project"_s, u"bench"_s},
                                         {u"version"_s, version},
                                         {u"slot"_s, u"ota_0"_s},
                                         {u"batteryPercent"_s, battery},
                                         {u"rssi"_s, -40 - int(index % 50)},
                                         {u"bootCount"_s, 3},
                                         {u"health"_s, QJsonObject{{u"mqtt"_s, true}, {u"wifi"_s, true}}},
                                         {u"nextCheckInSeconds"_s, 3600}})
            .toJson(QJsonDocument::Compact);
    }

    // Runs the event loop until done() or timeoutMs; false on timeout.
    bool waitFor(const std::function<bool()> &done, int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (!done()) {
            if (clock.elapsed() > timeoutMs)
                return false;
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        }
        return true;
    }
} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments().mid(1);
    const int deviceCount = args.value(0, u"100000"_s).toInt();
    const int eventsPerSecond = args.value(1, u"1000"_s).toInt();
    const int seconds = args.value(2, u"60"_s).toInt();

    QTemporaryDir settingsDir;
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    TestSupport::ServerProcess server(QStringLiteral(OTA_SERVER_PATH));
    QString error;
    if (!server.init(&error) || !server.start({u"--deployment-window"_s, u"always"_s}, &error)) {
        out << "consolebench: " << error << "\n";
        return 1;
    }
    TestSupport::CheckInLoad load(server.base(), 48);
    QElapsedTimer setup;
    setup.start();
    if (!load.enrol(server.adminToken(), deviceCount, u"bench"_s, &error)) {
        out << "consolebench: " << error << "\n";
        return 1;
    }
    bool loaded = false;
    QObject::connect(&load, &TestSupport::CheckInLoad::finished, &app, [&loaded] { loaded = true; });
    load.start([](size_t index) { return checkInBody(index, 80); }, deviceCount);
    waitFor([&loaded] { return loaded; }, 30 * 60 * 1000);
    out << "console at fleet scale: " << deviceCount << " devices enrolled and checked in ("
        << load.failures() << " failed) in " << setup.elapsed() / 1000 << " s\n";
    out.flush();

    const Rollout::ServerEndpoint endpoint = server.adminEndpoint();
    // The server's share of a connect: the listing asked for and read whole,
    // as the console asks for it (the body is not parsed here).
    {
        Rollout::ServerClient probeClient(endpoint);
        Rollout::ApiRequest request = Rollout::ApiRequest::get(u"/api/v1/devices"_s);
        request.jsonAnswer = false;
        qsizetype bytes = -1;
        QElapsedTimer listing;
        listing.start();
        probeClient.send(request, &app, [&bytes](const Rollout::ApiResult &reply) {
            bytes = reply ? reply.value().body.size() : 0;
        });
        waitFor([&bytes] { return bytes >= 0; }, 120000);
        out << "  the server answers the fleet listing (" << bytes / (1024 * 1024) << " MiB) in " << listing.elapsed()
            << " ms\n";
    }
    const double baseMiB = residentMiB();
    QElapsedTimer connectClock;
    connectClock.start();
    Rollout::ServerClient client(endpoint);
    ConsoleSession session(&client);
    MainWindow window(&session);
    window.resize(1200, 760);
    window.show();
    window.showPage(window.fleetPage());
    QTableView *table = window.fleetPage()->table();
    if (!waitFor([table, deviceCount] { return table->model()->rowCount() == deviceCount; }, 120000)) {
        out << "consolebench: the fleet table never reached " << deviceCount << " rows (" << table->model()->rowCount()
            << ")\n";
        return 1;
    }
    QCoreApplication::processEvents(); // the table paints its first page
    const qint64 connectMs = connectClock.elapsed();
    out << "  connect to complete fleet table: " << connectMs << " ms (goal <= 3000)\n";

    // As an operator filters: the version drop-down's filter, then a search word.
    const auto timeFilter = [&](const QString &filter) {
        QElapsedTimer filterClock;
        filterClock.start();
        window.fleetPage()->applyFilter(filter);
        const qint64 ms = filterClock.elapsed();
        out << "  filter '" << filter << "': " << ms << " ms (" << table->model()->rowCount() << " rows; goal <= 100)\n";
    };
    timeFilter(u"version:1.1.0"_s);
    timeFilter(u"bench-0999"_s);
    timeFilter(QString());
    out << "  console resident memory: " << qRound(residentMiB()) << " MiB (" << qRound(residentMiB() - baseMiB)
        << " MiB for the window and its models; goal <= 400 total; " << qRound(allocatedMiB()) << " MiB allocated)\n";
    out.flush();

    // The stall probe: a 5 ms timer; any gap beyond that is time the loop was busy.
    QElapsedTimer loopClock;
    qint64 lastTick = 0;
    qint64 longestStall = 0;
    qint64 longestStallAt = 0; // ms into the events, so a stall can be matched with what the console did then
    int stallsOver50 = 0;
    QTimer probe;
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, &app, [&] {
        const qint64 now = loopClock.elapsed();
        const qint64 stall = now - lastTick - 5;
        if (stall > longestStall) {
            longestStall = stall;
            longestStallAt = now;
        }
        if (stall > 50)
            ++stallsOver50;
        lastTick = now;
    });
    loaded = false;
    int battery = 0;
    load.start([&battery](size_t index) { return checkInBody(index, 20 + (battery++ % 60)); },
               qint64(eventsPerSecond) * seconds, eventsPerSecond);
    loopClock.start();
    probe.start();
    waitFor([&loaded] { return loaded; }, (seconds + 120) * 1000);
    probe.stop();
    const double rate = double(load.answered()) / (double(load.elapsedMs()) / 1000.0);
    out << "  " << eventsPerSecond << " check-in events/s for " << seconds << " s (achieved " << qRound(rate)
        << "/s, " << load.failures() << " failed): longest GUI stall " << longestStall << " ms (at "
        << longestStallAt / 1000 << " s), " << stallsOver50
        << " stalls over 50 ms (goal: none)\n";
    out << "  console resident memory after: " << qRound(residentMiB()) << " MiB (" << qRound(allocatedMiB())
        << " MiB allocated)\n";
    server.terminate();
    return 0;
}
