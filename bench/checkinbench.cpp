// Check-in throughput of the real ota-server: N enrolled devices, C check-ins
// in flight at once for S seconds, over loopback. Prints requests per second,
// latency percentiles and the server's peak memory. Run inside a private
// network namespace (cmake --build --preset default --target run-checkin-bench).
//
//   checkinbench [devices=1000] [concurrency=48] [seconds=10] [--db postgresql://...]
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

#include "checkinload.h"
#include "serverprocess.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    // Peak resident memory of a process, in MiB, from /proc.
    double peakMiB(qint64 pid)
    {
        QFile status(u"/proc/%1/status"_s.arg(pid));
        if (!status.open(QIODevice::ReadOnly))
            return 0;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmHWM:"))
                return line.mid(6).trimmed().split(' ').constFirst().toDouble() / 1024.0;
        }
        return 0;
    }
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QStringList args = app.arguments().mid(1);
    QString db;
    if (const qsizetype at = args.indexOf(u"--db"_s); at >= 0 && at + 1 < args.size()) {
        db = args.at(at + 1);
        args.remove(at, 2);
    }
    const int deviceCount = args.value(0, u"1000"_s).toInt();
    const int concurrency = args.value(1, u"48"_s).toInt();
    const int seconds = args.value(2, u"10"_s).toInt();

    TestSupport::ServerProcess server(QStringLiteral(OTA_SERVER_PATH));
    server.useDatabase(db);
    QString error;
    if (!server.init(&error) || !server.start({}, &error)) {
        out << "checkinbench: " << error << "\n";
        return 1;
    }
    TestSupport::CheckInLoad load(server.base(), concurrency);
    if (!load.enrol(server.adminToken(), deviceCount, u"bench"_s, &error)) {
        out << "checkinbench: " << error << "\n";
        return 1;
    }
    const QByteArray body = QJsonDocument(QJsonObject{{u"chip"_s, u"esp32"_s},
                                                      {u"project"_s, u"bench"_s},
                                                      {u"version"_s, u"1.0.0"_s},
                                                      {u"batteryPercent"_s, 80},
                                                      {u"rssi"_s, -60},
                                                      {u"health"_s, QJsonObject{{u"mqtt"_s, true}}},
                                                      {u"nextCheckInSeconds"_s, 300}})
                                .toJson(QJsonDocument::Compact);
    QObject::connect(&load, &TestSupport::CheckInLoad::finished, &app, &QCoreApplication::quit);
    load.start([&body](size_t) { return body; }, 0);
    QTimer::singleShot(seconds * 1000, &load, &TestSupport::CheckInLoad::stop);
    app.exec();
    const double elapsed = double(load.elapsedMs()) / 1000.0;
    const auto percentile = [&load](double p) { return load.percentileMs(p); };
    out << "ota-server check-ins, " << (db.isEmpty() ? u"SQLite"_s : u"PostgreSQL"_s) << ", " << deviceCount
        << " devices, " << concurrency << " in flight, " << seconds << " s\n"
        << "  check-ins: " << load.answered() << " ok, " << load.failures() << " failed\n"
        << "  rate: " << qRound(double(load.answered()) / elapsed) << " per second\n"
        << "  latency ms: p50 " << QString::number(percentile(0.5), 'f', 1) << ", p95 "
        << QString::number(percentile(0.95), 'f', 1) << ", p99 " << QString::number(percentile(0.99), 'f', 1) << "\n"
        << "  server peak RSS: " << QString::number(peakMiB(server.processId()), 'f', 1) << " MiB\n";
    return load.failures() == 0 ? 0 : 1;
}
