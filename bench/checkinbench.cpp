// Check-in throughput of the real ota-server: N enrolled devices, C check-ins
// in flight at once for S seconds, over loopback. Prints requests per second,
// latency percentiles and the server's peak memory. Run inside a private
// network namespace (cmake --build --preset default --target run-checkin-bench).
//
//   checkinbench [devices=1000] [concurrency=48] [seconds=10] [--db postgresql://...]
#include <algorithm>
#include <memory>
#include <vector>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTextStream>
#include <QTimer>

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

    struct Device
    {
        QByteArray authorization;
    };
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
    TestSupport::ApiClient admin(server.base());
    admin.useToken(server.adminToken());
    std::vector<Device> devices;
    for (int first = 0; first < deviceCount; first += 1000) {
        QJsonArray batch;
        for (int i = first; i < std::min(deviceCount, first + 1000); ++i)
            batch.append(QJsonObject{{u"id"_s, u"bench-%1"_s.arg(i, 6, 10, QChar(u'0'))}});
        const auto enrolled = admin.post(u"/api/v1/devices"_s, {{u"devices"_s, batch}});
        if (enrolled.status != 201) {
            out << "checkinbench: enrolment failed: " << enrolled.describe() << "\n";
            return 1;
        }
        for (const QJsonValue &device : enrolled.json[u"devices"_s].toArray()) {
            devices.push_back({"Basic "
                               + (device[u"id"_s].toString() + u':' + device[u"secret"_s].toString()).toUtf8().toBase64()});
        }
    }
    const QByteArray body = QJsonDocument(QJsonObject{{u"chip"_s, u"esp32"_s},
                                                      {u"project"_s, u"bench"_s},
                                                      {u"version"_s, u"1.0.0"_s},
                                                      {u"batteryPercent"_s, 80},
                                                      {u"rssi"_s, -60},
                                                      {u"health"_s, QJsonObject{{u"mqtt"_s, true}}},
                                                      {u"nextCheckInSeconds"_s, 300}})
                                .toJson(QJsonDocument::Compact);

    // QNetworkAccessManager keeps six connections per host: one manager per six in flight.
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int i = 0; i < (concurrency + 5) / 6; ++i)
        managers.push_back(std::make_unique<QNetworkAccessManager>());
    QUrl url = server.base();
    url.setPath(u"/api/v1/device/checkin"_s);
    std::vector<double> latencies;
    latencies.reserve(200000);
    qint64 failures = 0;
    size_t next = 0;
    bool running = true;
    QElapsedTimer clock;
    std::function<void(int)> send = [&](int slot) {
        if (!running)
            return;
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", devices[next++ % devices.size()].authorization);
        const qint64 started = clock.nsecsElapsed();
        QNetworkReply *reply = managers[size_t(slot) % managers.size()]->post(request, body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, slot, started] {
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                latencies.push_back(double(clock.nsecsElapsed() - started) / 1e6);
            else
                ++failures;
            reply->deleteLater();
            send(slot);
        });
    };
    clock.start();
    for (int slot = 0; slot < concurrency; ++slot)
        send(slot);
    QTimer::singleShot(seconds * 1000, &app, [&] {
        running = false;
        QTimer::singleShot(2000, &app, &QCoreApplication::quit);
    });
    app.exec();
    const double elapsed = double(clock.elapsed()) / 1000.0 - 2.0;
    std::sort(latencies.begin(), latencies.end());
    const auto percentile = [&](double p) {
        return latencies.empty() ? 0.0 : latencies[std::min(latencies.size() - 1, size_t(p * double(latencies.size())))];
    };
    out << "ota-server check-ins, " << (db.isEmpty() ? u"SQLite"_s : u"PostgreSQL"_s) << ", " << deviceCount
        << " devices, " << concurrency << " in flight, " << seconds << " s\n"
        << "  check-ins: " << latencies.size() << " ok, " << failures << " failed\n"
        << "  rate: " << qRound(double(latencies.size()) / elapsed) << " per second\n"
        << "  latency ms: p50 " << QString::number(percentile(0.5), 'f', 1) << ", p95 "
        << QString::number(percentile(0.95), 'f', 1) << ", p99 " << QString::number(percentile(0.99), 'f', 1) << "\n"
        << "  server peak RSS: " << QString::number(peakMiB(server.processId()), 'f', 1) << " MiB\n";
    return failures == 0 ? 0 : 1;
}
