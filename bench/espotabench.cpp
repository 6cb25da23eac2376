// Direct-push benchmark (issue 4): ota-fleet-sim's devices with a 5 ms
// one-way link delay (10 ms round trip) and a 400 KB/s flash, in a separate
// process; this program pushes 1 MiB
//   1. with our client (windowed),
//   2. with a stop-and-wait client that sends 1 KiB and waits for the
//      device's answer before the next, as espota.py does,
//   3. with our push job to 20 devices at once,
// and prints each time against the flash-limited time (size / flash rate).
// Run inside a private network namespace: cmake --build --preset default --target run-bench
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUdpSocket>

#include "espota/pushjob.h"
#include "testimagebuilder.h"

using namespace Qt::Literals::StringLiterals;
using namespace Espota;

namespace
{
    constexpr int FlashRate = 400000;
    constexpr int OneWayDelayMs = 5;
    constexpr int Devices = 22; // 1 for ours, 1 for stop-and-wait, 20 for the job

    QHostAddress deviceAddress(int index) { return QHostAddress(u"127.0.2.%1"_s.arg(10 + index)); }

    QTextStream &out()
    {
        static QTextStream stream(stdout);
        return stream;
    }

    double pushJobSeconds(const QList<int> &indexes, const std::shared_ptr<const PushImage> &image)
    {
        QList<PushTarget> targets;
        for (int index : indexes) {
            PushTarget target;
            target.name = deviceAddress(index).toString();
            target.address = deviceAddress(index);
            target.port = Esp32DefaultPort;
            target.board = u"esp32"_s;
            targets.append(target);
        }
        PushJobOptions options;
        options.concurrency = static_cast<int>(targets.size());
        options.confirm = false;
        options.listenAddress = QHostAddress::LocalHost;
        options.listenPort = 0;
        options.settings.networkRetries = 0;
        PushJob job(targets, image, options);
        QObject::connect(&job, &PushJob::finished, &job, [] { QCoreApplication::exit(0); });
        QElapsedTimer clock;
        clock.start();
        if (const auto error = job.start())
            qFatal("push job: %s", qPrintable(*error));
        QCoreApplication::exec();
        const double seconds = clock.elapsed() / 1000.0;
        for (int i = 0; i < job.count(); ++i) {
            if (!job.device(i).outcome.succeeded)
                qFatal("push to %s failed: %s", qPrintable(job.device(i).target.name), qPrintable(job.device(i).detail));
        }
        return seconds;
    }

    // espota.py's loop: 1 KiB, wait for the device's answer, next 1 KiB.
    double stopAndWaitSeconds(int index, const PushImage &image)
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0))
            qFatal("listen: %s", qPrintable(server.errorString()));
        QUdpSocket udp;
        QElapsedTimer clock;
        clock.start();
        const Invitation invitation {Command::Flash, server.serverPort(), image.bytes.size(), image.md5Hex};
        udp.writeDatagram(invitation.encode(), deviceAddress(index), Esp32DefaultPort);
        if (!udp.waitForReadyRead(10000))
            qFatal("stop-and-wait: no answer to the invitation");
        QByteArray reply(64, '\0');
        reply.resize(udp.readDatagram(reply.data(), reply.size()));
        if (reply.trimmed() != "OK")
            qFatal("stop-and-wait: device answered %s", reply.constData());
        if (!server.waitForNewConnection(10000))
            qFatal("stop-and-wait: the device did not connect back");
        QTcpSocket *socket = server.nextPendingConnection();
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        QByteArray received;
        for (qsizetype at = 0; at < image.bytes.size(); at += 1024) {
            socket->write(image.bytes.constData() + at, std::min<qsizetype>(1024, image.bytes.size() - at));
            socket->waitForBytesWritten(10000);
            if (!socket->waitForReadyRead(10000))
                qFatal("stop-and-wait: no acknowledgement");
            received += socket->readAll();
        }
        while (!received.contains("OK")) {
            if (!socket->waitForReadyRead(30000))
                qFatal("stop-and-wait: no final OK");
            received += socket->readAll();
        }
        return clock.elapsed() / 1000.0;
    }
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"ota.*.info=false"_s);
    QTemporaryDir state;
    QProcess sim;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_LOGGING_RULES"_s, u"ota.*.info=false"_s);
    sim.setProcessEnvironment(environment);
    sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sim.start(QStringLiteral(OTA_FLEET_SIM_PATH),
              {u"--lan-devices"_s, QString::number(Devices), u"--base-address"_s, deviceAddress(0).toString(),
               u"--flavour"_s, u"esp32-pbkdf2"_s, u"--link-delay-ms"_s, QString::number(OneWayDelayMs),
               u"--flash-rate"_s, QString::number(FlashRate), u"--reboot-ms"_s, u"1000"_s, u"--state-dir"_s,
               state.path()});
    if (!sim.waitForStarted(5000))
        qFatal("ota-fleet-sim did not start: %s", qPrintable(sim.errorString()));
    QByteArray banner;
    QElapsedTimer wait;
    wait.start();
    while (banner.count("127.0.2.") < Devices && wait.elapsed() < 10000) {
        sim.waitForReadyRead(200);
        banner += sim.readAllStandardOutput();
    }
    if (banner.count("127.0.2.") < Devices)
        qFatal("ota-fleet-sim did not list its devices:\n%s", banner.constData());

    TestSupport::TestImageBuilder builder;
    builder.setVersion(u"2.0.0"_s).addSegment(0x40080000, QByteArray(1024 * 1024 - 512, '\x5a'));
    const auto image = std::make_shared<const PushImage>(PushImage::fromBytes(builder.build(), u"bench.bin"_s));
    const double size = image->bytes.size();
    const double flashLimited = size / FlashRate;

    const double ours = pushJobSeconds({0}, image);
    const double stopAndWait = stopAndWaitSeconds(1, *image);
    QList<int> twenty;
    for (int i = 2; i < 22; ++i)
        twenty.append(i);
    const double many = pushJobSeconds(twenty, image);

    out() << "image " << qint64(size) << " bytes; link " << 2 * OneWayDelayMs << " ms round trip; flash "
          << FlashRate / 1000 << " KB/s; flash-limited time " << QString::number(flashLimited, 'f', 2) << " s\n";
    const auto row = [&](const QString &what, double seconds, double bytes) {
        out() << what.leftJustified(34) << QString::number(seconds, 'f', 2).rightJustified(7) << " s  "
              << QString::number(bytes / seconds / 1000, 'f', 0).rightJustified(6) << " KB/s  "
              << QString::number(100 * flashLimited / seconds, 'f', 0).rightJustified(4) << " % of flash-limited\n";
    };
    row(u"ours, 1 device"_s, ours, size);
    row(u"stop-and-wait 1 KiB (espota.py)"_s, stopAndWait, size);
    row(u"ours, 20 devices at once"_s, many, size);
    out() << "20 devices / 1 device: " << QString::number(many / ours, 'f', 2) << "x (goal <= 1.5x)\n";
    out().flush();
    sim.terminate();
    sim.waitForFinished(5000);
    return 0;
}
