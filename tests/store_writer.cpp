// Test helper for tst_storecrashsafety: opens the store at argv[1], enrols a
// device and checks it in forever, printing "committed N" after each
// check-in is committed. The test kills it with SIGKILL at some point.
#include <cstdio>

#include <QCoreApplication>

#include "store/database.h"
#include "store/devicestore.h"

using namespace Qt::Literals::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: store_writer LOCATION DEVICE_ID\n");
        return 2;
    }
    auto db = Store::Database::open(QString::fromLocal8Bit(argv[1]));
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 1;
    }
    Store::DeviceStore devices(*db.value());
    const QString deviceId = QString::fromLocal8Bit(argv[2]);
    if (!devices.find(deviceId).value()) {
        if (auto enrolled = devices.enrol(deviceId); !enrolled) {
            std::fprintf(stderr, "%s\n", qPrintable(enrolled.error().message));
            return 1;
        }
    }
    for (qint64 n = 1;; ++n) {
        Store::CheckIn report;
        report.deviceId = deviceId;
        report.version = u"2.3.2"_s;
        report.slot = u"ota_1"_s;
        report.bootCount = n;
        report.health = QJsonObject{{u"n"_s, n}};
        if (auto done = devices.checkIn(report); !done) {
            std::fprintf(stderr, "%s\n", qPrintable(done.error().message));
            return 1;
        }
        std::printf("committed %lld\n", static_cast<long long>(n));
        std::fflush(stdout);
    }
}
