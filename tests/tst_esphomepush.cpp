// The ESPHome native OTA push client against the simulated device
// (Esphome::OtaDevice) over real sockets on 127.0.6.x: every protocol
// version and auth generation, compression, each device error code,
// passwords, a dropped connection and the image check.
#include <QSignalSpy>
#include <QTest>

#include "esphome/esphomedevice.h"
#include "esphome/esphomepush.h"
#include "esphome/esphomewire.h"
#include "testimagebuilder.h"

using namespace Esphome;
using namespace Espota;
using namespace Qt::Literals::StringLiterals;

namespace
{
    const QHostAddress DeviceAddress(u"127.0.6.1"_s);
    constexpr quint16 DevicePort = 3232;
    constexpr int WaitMs = 15000;

    class MemorySink final : public UpdateSink
    {
    public:
        QByteArray flash;
        QByteArray pending;
        int begins = 0;

        std::optional<qint64> capacity(Command) const override { return 0x1E0000; }
        std::optional<UpdateError> begin(Command, qint64 size) override
        {
            ++begins;
            pending = QByteArray(size, '\xFF');
            return std::nullopt;
        }
        std::optional<UpdateError> write(qint64 offset, QByteArrayView data) override
        {
            pending.replace(offset, data.size(), data.toByteArray());
            return std::nullopt;
        }
        std::optional<UpdateError> finish() override
        {
            flash = pending;
            return std::nullopt;
        }
        void abort() override {}
    };

    std::shared_ptr<const PushImage> esp32Image(int padding = 40 * 1024)
    {
        TestSupport::TestImageBuilder builder;
        builder.setVersion(u"2.1.0"_s);
        // Varied bytes so gzip does not shrink it to nothing.
        QByteArray data(padding, Qt::Uninitialized);
        for (int i = 0; i < padding; ++i)
            data[i] = char((i * 31 + i / 97) & 0xFF);
        builder.addSegment(0x40080000, data);
        return std::make_shared<const PushImage>(PushImage::fromBytes(builder.build(), u"firmware.bin"_s));
    }

    PushTarget target(const QString &platform = u"ESP32"_s, const QString &board = u"esp32dev"_s)
    {
        PushTarget t;
        t.name = u"esphome-node"_s;
        t.address = DeviceAddress;
        t.port = DevicePort;
        t.protocol = PushProtocol::Esphome;
        t.platform = platform;
        t.board = board;
        return t;
    }

    PushSettings quickSettings(const QString &password = {})
    {
        PushSettings settings;
        settings.password = password;
        settings.esphomeHandshakeTimeoutMs = 3000;
        settings.esphomeDataTimeoutMs = 3000;
        settings.networkRetries = 1;
        settings.retryPauseMs = 100;
        return settings;
    }

    DeviceBehaviour fastDevice()
    {
        DeviceBehaviour behaviour;
        behaviour.flashBytesPerSecond = 0;
        return behaviour;
    }

    // A device without a password, writing flash as fast as the host can.
    DeviceBehaviour openDevice()
    {
        DeviceBehaviour behaviour = fastDevice();
        behaviour.password.clear();
        return behaviour;
    }

    // A simulated node with flash in memory, listening on one address.
    struct TestDevice
    {
        MemorySink sink;
        OtaDevice device{&sink};

        bool start(const DeviceBehaviour &behaviour, const QHostAddress &address = DeviceAddress)
        {
            device.setBehaviour(behaviour);
            return device.listen(address, DevicePort).hasValue();
        }
    };

    PushOutcome run(EsphomePush &push)
    {
        QSignalSpy finished(&push, &EsphomePush::finished);
        push.start();
        if (finished.isEmpty() && !finished.wait(WaitMs))
            return {};
        return finished.first().first().value<PushOutcome>();
    }
} // namespace

class TestEsphomePush final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<PushOutcome>();
        qRegisterMetaType<PushStage>();
    }

    void pushes_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<int>("auth");   // -1 none, else AuthMode
        QTest::addColumn<bool>("compression");
        QTest::addColumn<bool>("extended");
        const QList<std::pair<int, const char *>> auths = {
            {-1, "no-auth"}, {int(AuthMode::Md5Only), "md5-only"},
            {int(AuthMode::Transitional), "transitional"}, {int(AuthMode::Sha256Required), "sha256-required"}};
        for (int version : {1, 2})
            for (const auto &[auth, name] : auths)
                for (bool compression : {false, true})
                    for (bool extended : {false, true})
                        QTest::addRow("v%d-%s-%s-%s", version, name, compression ? "gzip" : "plain",
                                      extended ? "extended" : "classic")
                            << version << auth << compression << extended;
    }

    void pushes()
    {
        QFETCH(int, version);
        QFETCH(int, auth);
        QFETCH(bool, compression);
        QFETCH(bool, extended);
        MemorySink sink;
        OtaDevice device(&sink);
        DeviceBehaviour behaviour = fastDevice();
        behaviour.protocolVersion = quint8(version);
        if (auth >= 0) {
            behaviour.auth = AuthMode(auth);
            behaviour.password = u"s3cret"_s;
        } else {
            behaviour.password.clear();
        }
        behaviour.supportsCompression = compression;
        behaviour.understandsExtendedProtocol = extended;
        device.setBehaviour(behaviour);
        QVERIFY(device.listen(DeviceAddress, DevicePort).hasValue());

        const auto image = esp32Image();
        EsphomePush push(target(), image, quickSettings(auth >= 0 ? u"s3cret"_s : QString()));
        QSignalSpy restart(&device, &OtaDevice::restartRequested);
        const PushOutcome outcome = run(push);
        QVERIFY2(outcome.succeeded, qPrintable(outcome.message));
        QCOMPARE(push.stage(), PushStage::Done);
        QCOMPARE(push.compressed(), compression);
        QCOMPARE(outcome.attempts, 1);
        QTRY_COMPARE(restart.size(), 1);
        QCOMPARE(sink.flash, image->bytes); // gunzipped on the device when compressed
        if (compression)
            QVERIFY(outcome.totalBytes < image->bytes.size());
    }

    void deviceErrors_data()
    {
        QTest::addColumn<int>("code");
        for (int code : {0x81, 0x85, 0x86, 0x87, 0x8A, 0x89, 0x83, 0x84, 0x8B, 0x8D})
            QTest::addRow("0x%02x", code) << code;
    }

    void deviceErrors()
    {
        QFETCH(int, code);
        TestDevice node;
        DeviceBehaviour behaviour = openDevice();
        behaviour.failWith = quint8(code);
        QVERIFY(node.start(behaviour));
        const auto image = esp32Image();
        EsphomePush push(target(), image, quickSettings());
        const PushOutcome outcome = run(push);
        QVERIFY(!outcome.succeeded);
        QVERIFY(outcome.failure == PushFailure::DeviceError || outcome.failure == PushFailure::DeviceRefused);
        QCOMPARE(outcome.attempts, 1); // device errors are never retried
        QCOMPARE(outcome.deviceText, responseName(quint8(code)));
        QVERIFY2(outcome.message.contains(explainError(quint8(code), image->bytes.size())), qPrintable(outcome.message));
    }

    void wrongPassword_data()
    {
        QTest::addColumn<int>("auth");
        QTest::addRow("md5-only") << int(AuthMode::Md5Only);
        QTest::addRow("transitional") << int(AuthMode::Transitional);
        QTest::addRow("sha256-required") << int(AuthMode::Sha256Required);
    }

    void wrongPassword()
    {
        QFETCH(int, auth);
        TestDevice node;
        DeviceBehaviour behaviour = fastDevice();
        behaviour.auth = AuthMode(auth);
        behaviour.password = u"right"_s;
        QVERIFY(node.start(behaviour));
        MemorySink &sink = node.sink;
        EsphomePush push(target(), esp32Image(), quickSettings(u"wrong"_s));
        const PushOutcome outcome = run(push);
        QCOMPARE(outcome.failure, PushFailure::AuthenticationFailed);
        QCOMPARE(outcome.attempts, 1);
        QVERIFY2(outcome.message.contains(explainError(0x82, 0)), qPrintable(outcome.message));
        QCOMPARE(sink.begins, 0);
    }

    void passwordMissing()
    {
        TestDevice node;
        DeviceBehaviour behaviour = fastDevice();
        behaviour.password = u"right"_s;
        QVERIFY(node.start(behaviour));
        EsphomePush push(target(), esp32Image(), quickSettings());
        const PushOutcome outcome = run(push);
        QCOMPARE(outcome.failure, PushFailure::PasswordRequired);
        QVERIFY(outcome.message.contains(u"--password"_s));
    }

    // The device resets the connection halfway once; the retry finds it well.
    void connectionLostThenRetried()
    {
        TestDevice node;
        DeviceBehaviour behaviour = openDevice();
        behaviour.dropAtPercent = 50;
        QVERIFY(node.start(behaviour));
        MemorySink &sink = node.sink;
        OtaDevice &device = node.device;
        QObject context;
        connect(&device, &OtaDevice::updateFinished, &context, [&device] {
            DeviceBehaviour healed = device.behaviour();
            healed.dropAtPercent = -1;
            device.setBehaviour(healed);
        });
        const auto image = esp32Image();
        EsphomePush push(target(), image, quickSettings());
        const PushOutcome outcome = run(push);
        QVERIFY2(outcome.succeeded, qPrintable(outcome.message));
        QCOMPARE(outcome.attempts, 2);
        QCOMPARE(sink.flash, image->bytes);
    }

    void connectionLostEveryTime()
    {
        TestDevice node;
        DeviceBehaviour behaviour = openDevice();
        behaviour.dropAtPercent = 30;
        QVERIFY(node.start(behaviour));
        EsphomePush push(target(), esp32Image(), quickSettings());
        const PushOutcome outcome = run(push);
        QCOMPARE(outcome.failure, PushFailure::ConnectionLost);
        QCOMPARE(outcome.attempts, 2); // the first try and networkRetries = 1
        QVERIFY(isNetworkFailure(outcome.failure));
    }

    void connectionRefused()
    {
        EsphomePush push(target(), esp32Image(), quickSettings());
        const PushOutcome outcome = run(push);
        QCOMPARE(outcome.failure, PushFailure::NoAnswer);
        QCOMPARE(outcome.attempts, 2);
        QVERIFY2(outcome.message.contains(u"refused"_s), qPrintable(outcome.message));
    }

    void wrongPlatformRefusedUnlessForced()
    {
        TestDevice node;
        DeviceBehaviour behaviour = openDevice();
        QVERIFY(node.start(behaviour));
        const auto image = esp32Image();
        {
            EsphomePush push(target(u"ESP8266"_s, u"d1_mini"_s), image, quickSettings());
            const PushOutcome outcome = run(push);
            QCOMPARE(outcome.failure, PushFailure::Refused);
            QVERIFY2(outcome.message.contains(u"--force"_s), qPrintable(outcome.message));
            QCOMPARE(outcome.attempts, 0);
        }
        PushSettings forced = quickSettings();
        forced.force = true;
        EsphomePush push(target(u"ESP8266"_s, u"d1_mini"_s), image, forced);
        const PushOutcome outcome = run(push);
        QVERIFY2(outcome.succeeded, qPrintable(outcome.message));
    }

    void defaultPortFromPlatform()
    {
        PushTarget t = target(u"ESP8266"_s, u"d1_mini"_s);
        t.port = 0;
        QCOMPARE(t.effectivePort(), quint16(8266));
        t.platform = u"ESP32"_s;
        QCOMPARE(t.effectivePort(), quint16(3232));
        t.platform = u"RP2040"_s;
        QCOMPARE(t.effectivePort(), quint16(2040));
    }
};

QTEST_GUILESS_MAIN(TestEsphomePush)
#include "tst_esphomepush.moc"
