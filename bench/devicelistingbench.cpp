// The server's part of a console connect at fleet scale, in process: N
// devices enrolled and checked in to a SQLite store (in /dev/shm when there
// is one, so the disk is not measured), then the fleet listing read from the
// store and written as the body of GET /api/v1/devices. Prints the best of
// five runs of each part. No network.
//
//   devicelistingbench [devices=100000]
#include <algorithm>
#include <limits>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>

#include "http/devicejson.h"
#include "store/database.h"
#include "store/devicestore.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    // A check-in as the console bench's simulated fleet sends it.
    Store::CheckIn checkInOf(const QString &deviceId, int index, const QDateTime &now)
    {
        Store::CheckIn report;
        report.deviceId = deviceId;
        report.chip = u"esp32"_s;
        report.board = u"esp32dev"_s;
        report.project = u"bench"_s;
        report.version = index % 20 == 0 ? u"0.9.0"_s : index % 4 == 0 ? u"1.1.0"_s : u"1.0.0"_s;
        report.slot = u"ota_0"_s;
        report.battery = 20 + index % 80;
        report.rssi = -40 - index % 50;
        report.uptimeS = 3600 + index;
        report.bootCount = 3;
        report.otaSlotBytes = 0x1E0000;
        report.health = QJsonObject{{u"mqtt"_s, true}, {u"wifi"_s, index % 97 != 0}};
        report.nextExpected = now.addSecs(3600);
        return report;
    }

    template<typename Work>
    qint64 bestOfFive(Work work)
    {
        qint64 best = std::numeric_limits<qint64>::max();
        for (int run = 0; run < 5; ++run) {
            QElapsedTimer clock;
            clock.start();
            work();
            best = std::min(best, clock.elapsed());
        }
        return best;
    }
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int deviceCount = app.arguments().value(1, u"100000"_s).toInt();
    if (deviceCount < 1) {
        out << "devicelistingbench: the device count must be a positive number\n";
        return 2;
    }
    QTemporaryDir dir(QDir(u"/dev/shm"_s).exists() ? u"/dev/shm/devicelistingbench-XXXXXX"_s : QString());
    auto db = Store::Database::open(dir.filePath(u"bench.sqlite"_s));
    if (!db) {
        out << "devicelistingbench: " << db.error().message << "\n";
        return 1;
    }
    Store::DeviceStore store(*db.value());

    QElapsedTimer setup;
    setup.start();
    QList<std::pair<QString, QStringList>> enrolments;
    enrolments.reserve(deviceCount);
    for (int i = 0; i < deviceCount; ++i)
        enrolments.append({u"bench-%1"_s.arg(i, 6, 10, QChar(u'0')), {u"bench"_s, u"site-%1"_s.arg(i % 7)}});
    if (auto enrolled = store.enrol(enrolments.constFirst().first); !enrolled) {
        out << "devicelistingbench: " << enrolled.error().message << "\n";
        return 1;
    }
    if (auto enrolled = store.enrolAll(enrolments.mid(1)); !enrolled) {
        out << "devicelistingbench: " << enrolled.error().message << "\n";
        return 1;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < deviceCount; ++i) {
        if (auto checked = store.checkIn(checkInOf(enrolments.at(i).first, i, now)); !checked) {
            out << "devicelistingbench: " << checked.error().message << "\n";
            return 1;
        }
    }
    out << "device listing: " << deviceCount << " devices enrolled and checked in in " << setup.elapsed() << " ms\n";

    QList<Store::Device> devices;
    const qint64 listMs = bestOfFive([&] { devices = store.list().value(); });
    out << "  DeviceStore::list: " << listMs << " ms\n";
    QByteArray body;
    const qint64 jsonMs = bestOfFive([&] { body = Http::deviceListingJson(devices, now); });
    out << "  deviceListingJson: " << jsonMs << " ms (" << body.size() / 1024 << " KiB, "
        << body.size() / deviceCount << " bytes a device)\n";
    return 0;
}
