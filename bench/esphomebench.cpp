// One 1 MiB image to one simulated ESPHome node (Esphome::OtaDevice) over
// loopback with 10 ms round trip (5 ms each way) and a 400 KB/s flash, by
// protocol version; prints each time against the flash-limited time
// (size / flash rate). Run inside a private network namespace.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTextStream>

#include "esphome/esphomedevice.h"
#include "esphome/esphomepush.h"
#include "testimagebuilder.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    constexpr int OneWayDelayMs = 5;
    constexpr int FlashRate = 400000;

    class NullSink final : public Espota::UpdateSink
    {
    public:
        std::optional<qint64> capacity(Espota::Command) const override { return 0x1E0000; }
        std::optional<Espota::UpdateError> begin(Espota::Command, qint64) override { return std::nullopt; }
        std::optional<Espota::UpdateError> write(qint64, QByteArrayView) override { return std::nullopt; }
        std::optional<Espota::UpdateError> finish() override { return std::nullopt; }
        void abort() override {}
    };
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qRegisterMetaType<Espota::PushOutcome>();
    QTextStream out(stdout);
    QByteArray payload(1024 * 1024 - 4096, Qt::Uninitialized);
    for (qsizetype i = 0; i < payload.size(); ++i)
        payload[i] = char((i * 131 + i / 4093) & 0xFF);
    TestSupport::TestImageBuilder builder;
    builder.setVersion(u"2.0.0"_s).addSegment(0x40080000, payload);
    const auto image = std::make_shared<const Espota::PushImage>(Espota::PushImage::fromBytes(builder.build(), u"bench.bin"_s));
    const double size = double(image->bytes.size());
    const double flashLimited = size / FlashRate;
    out << "image " << qint64(size) << " bytes; link " << 2 * OneWayDelayMs << " ms round trip; flash "
        << FlashRate / 1000 << " KB/s; flash-limited time " << QString::number(flashLimited, 'f', 2) << " s\n";
    int failures = 0;
    for (quint8 version : {quint8(1), quint8(2)}) {
        NullSink sink;
        Esphome::OtaDevice device(&sink);
        Esphome::DeviceBehaviour behaviour;
        behaviour.protocolVersion = version;
        behaviour.password = u"bench-pw"_s;
        behaviour.linkDelayMs = OneWayDelayMs;
        behaviour.flashBytesPerSecond = FlashRate;
        device.setBehaviour(behaviour);
        if (!device.listen(QHostAddress(u"127.0.8.1"_s), 3232)) {
            out << "cannot listen on 127.0.8.1:3232\n";
            return 1;
        }
        Espota::PushTarget target;
        target.name = u"esphome-bench"_s;
        target.address = QHostAddress(u"127.0.8.1"_s);
        target.protocol = Espota::PushProtocol::Esphome;
        target.platform = u"ESP32"_s;
        Espota::PushSettings settings;
        settings.password = u"bench-pw"_s;
        Esphome::EsphomePush push(target, image, settings);
        QSignalSpy finished(&push, &Esphome::EsphomePush::finished);
        QElapsedTimer clock;
        clock.start();
        push.start();
        finished.wait(120000);
        const double seconds = clock.elapsed() / 1000.0;
        const bool ok = !finished.isEmpty() && finished.first().first().value<Espota::PushOutcome>().succeeded;
        failures += ok ? 0 : 1;
        out << "ESPHome OTA v" << version << " SHA-256 auth: " << (ok ? "ok" : "FAILED") << " in "
            << QString::number(seconds, 'f', 2) << " s = "
            << QString::number(100 * flashLimited / seconds, 'f', 0) << " % of flash-limited\n";
        out.flush();
    }
    return failures == 0 ? 0 : 1;
}
