#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "discovery/mdnsbrowser.h"
#include "discovery/mdnsresponder.h"
#include "discovery/mdnstransport.h"
#include "esphome/esphomedevice.h"
#include "espota/connectbacklistener.h"
#include "espota/espotapush.h"
#include "espota/pushjob.h"
#include "landevice.h"
#include "testimagebuilder.h"

using namespace Espota;
using namespace Simulator;
using namespace Qt::Literals::StringLiterals;

namespace
{
    // This program's devices live on 127.0.1.x so that test programs running
    // beside it in the namespace never share an address and port.
    QHostAddress deviceAddress(int n) { return QHostAddress(u"127.0.1.%1"_s.arg(n)); }

    std::shared_ptr<const PushImage> esp32Image(const QString &version = u"2.0.0"_s, int padding = 64 * 1024)
    {
        TestSupport::TestImageBuilder builder;
        builder.setVersion(version).addSegment(0x40080000, QByteArray(padding, '\x5a'));
        return std::make_shared<const PushImage>(PushImage::fromBytes(builder.build(), u"firmware.bin"_s));
    }

    std::shared_ptr<const PushImage> esp8266Image()
    {
        return std::make_shared<const PushImage>(PushImage::fromBytes(TestSupport::buildEsp8266Image(), u"esp8266.bin"_s));
    }

    PushSettings quickSettings()
    {
        PushSettings settings;
        settings.invitationAttempts = 3;
        settings.invitationReplyTimeoutMs = 300;
        settings.authReplyTimeoutMs = 2000;
        settings.connectBackTimeoutMs = 1000;
        settings.stallTimeoutMs = 3000;
        settings.resultTimeoutMs = 3000;
        settings.networkRetries = 0;
        settings.retryPauseMs = 100;
        return settings;
    }
} // namespace

// The push client against the simulator's device side, over real sockets in
// the test's network namespace: every authentication scheme, both chip
// flavours, filesystem images, each device error, each network failure,
// cancel, retries, and many devices in one job.
class TestEspotaPush final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_state;
    std::vector<std::unique_ptr<LanDevice>> m_devices;
    ConnectBackListener *m_listener = nullptr;

    LanDevice *addDevice(LanDeviceConfig config, Discovery::MdnsResponder *responder = nullptr)
    {
        config.stateDir = m_state.path();
        if (config.hostName.isEmpty())
            config.hostName = defaultHostName(config.flavour, config.address);
        if (config.flavour == Flavour::Esp8266 && config.port == Esp32DefaultPort)
            config.port = Esp8266DefaultPort;
        if (config.flavour == Flavour::Esp8266 && config.board == u"esp32"_s)
            config.board = u"nodemcuv2"_s;
        m_devices.push_back(std::make_unique<LanDevice>(config, responder));
        const auto started = m_devices.back()->start();
        if (!started)
            qFatal("device did not start: %s", qPrintable(started.error()));
        return m_devices.back().get();
    }

    static LanDeviceConfig fastDevice(int n, Flavour flavour = Flavour::Esp32Pbkdf2)
    {
        LanDeviceConfig config;
        config.address = deviceAddress(n);
        config.flavour = flavour;
        config.flashBytesPerSecond = 0; // as fast as it comes
        config.rebootSilenceMs = 300;
        return config;
    }

    static PushTarget targetOf(const LanDevice *device)
    {
        PushTarget target;
        target.name = device->config().hostName;
        target.address = device->config().address;
        target.port = device->config().port;
        target.board = device->config().board;
        return target;
    }

    struct Run
    {
        PushOutcome outcome;
        QStringList log;
        QList<qint64> progress;
        QList<PushStage> stages;
    };

    Run push(const PushTarget &target, std::shared_ptr<const PushImage> image, const PushSettings &settings,
             std::function<void(EspotaPush &)> during = {})
    {
        Run run;
        EspotaPush push(m_listener, target, std::move(image), settings);
        connect(&push, &EspotaPush::logLine, this, [&](const QString &line) { run.log.append(line); });
        connect(&push, &EspotaPush::progress, this, [&](qint64 acked, qint64) { run.progress.append(acked); });
        connect(&push, &EspotaPush::stageChanged, this, [&](PushStage stage) { run.stages.append(stage); });
        if (during)
            during(push);
        QSignalSpy finished(&push, &EspotaPush::finished);
        push.start();
        if (finished.isEmpty())
            finished.wait(60000);
        if (finished.isEmpty())
            qFatal("push did not finish");
        run.outcome = finished.constFirst().constFirst().value<PushOutcome>();
        return run;
    }

    static bool waitForBoot(LanDevice *device, const QString &version)
    {
        return QTest::qWaitFor([&] { return device->isOnline() && device->runningVersion() == version; }, 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<PushOutcome>();
        QVERIFY(m_state.isValid());
        m_listener = new ConnectBackListener(this);
        const auto port = m_listener->listen(QHostAddress::LocalHost, 0);
        QVERIFY2(port, port ? "" : qPrintable(port.error()));
    }

    void cleanup() { m_devices.clear(); }

    void pushesToEveryFlavourWithoutPassword_data()
    {
        QTest::addColumn<int>("flavour");
        QTest::newRow("ESP32 up to 3.3.0") << int(Flavour::Esp32Md5);
        QTest::newRow("ESP32 3.3.1+") << int(Flavour::Esp32Pbkdf2);
        QTest::newRow("ESP8266") << int(Flavour::Esp8266);
    }
    void pushesToEveryFlavourWithoutPassword()
    {
        QFETCH(int, flavour);
        const auto f = Flavour(flavour);
        LanDevice *device = addDevice(fastDevice(10, f));
        const auto image = f == Flavour::Esp8266 ? esp8266Image() : esp32Image();
        const Run run = push(targetOf(device), image, quickSettings());
        QVERIFY2(run.outcome.succeeded, qPrintable(run.outcome.message));
        QCOMPARE(run.outcome.acknowledgedBytes, image->bytes.size());
        QCOMPARE(run.outcome.attempts, 1);
        QVERIFY(run.stages.contains(PushStage::Sending));
        QCOMPARE(run.stages.constLast(), PushStage::Done);
        if (f != Flavour::Esp8266)
            QVERIFY(waitForBoot(device, u"2.0.0"_s));
    }

    void authenticatesWithEveryScheme_data()
    {
        QTest::addColumn<int>("flavour");
        QTest::addColumn<bool>("storedAsMd5");
        QTest::addColumn<QString>("logged");
        QTest::newRow("ESP32 up to 3.3.0: MD5") << int(Flavour::Esp32Md5) << false << u"authenticating (MD5)"_s;
        QTest::newRow("ESP32 3.3.1+: PBKDF2 with the SHA-256 hash")
            << int(Flavour::Esp32Pbkdf2) << false << u"PBKDF2-HMAC-SHA256, SHA-256 password hash"_s;
        QTest::newRow("ESP32 3.3.1+ given an MD5 hash: fallback on a fresh invitation")
            << int(Flavour::Esp32Pbkdf2) << true << u"PBKDF2-HMAC-SHA256, MD5 password hash"_s;
        QTest::newRow("ESP8266: MD5") << int(Flavour::Esp8266) << false << u"authenticating (MD5)"_s;
    }
    void authenticatesWithEveryScheme()
    {
        QFETCH(int, flavour);
        QFETCH(bool, storedAsMd5);
        QFETCH(QString, logged);
        LanDeviceConfig config = fastDevice(11, Flavour(flavour));
        config.password = u"s3cret-ü"_s;
        config.passwordStoredAsMd5 = storedAsMd5;
        LanDevice *device = addDevice(config);
        PushSettings settings = quickSettings();
        settings.password = u"s3cret-ü"_s;
        const Run run = push(targetOf(device), Flavour(flavour) == Flavour::Esp8266 ? esp8266Image() : esp32Image(), settings);
        QVERIFY2(run.outcome.succeeded, qPrintable(run.outcome.message));
        QVERIFY2(run.log.join(u'\n').contains(logged), qPrintable(run.log.join(u'\n')));
        QVERIFY(run.stages.contains(PushStage::Authenticating));
    }

    void wrongPasswordEndsThePushWithoutRetry_data()
    {
        QTest::addColumn<int>("flavour");
        QTest::addColumn<int>("invitations");
        QTest::newRow("MD5 device: one try") << int(Flavour::Esp32Md5) << 1;
        QTest::newRow("PBKDF2 device: SHA-256 hash, then MD5 hash") << int(Flavour::Esp32Pbkdf2) << 2;
    }
    void wrongPasswordEndsThePushWithoutRetry()
    {
        QFETCH(int, flavour);
        QFETCH(int, invitations);
        LanDeviceConfig config = fastDevice(12, Flavour(flavour));
        config.password = u"right"_s;
        LanDevice *device = addDevice(config);
        PushSettings settings = quickSettings();
        settings.password = u"wrong"_s;
        settings.networkRetries = 3;
        const Run run = push(targetOf(device), esp32Image(), settings);
        QCOMPARE(run.outcome.failure, PushFailure::AuthenticationFailed);
        QCOMPARE(run.outcome.attempts, 1);
        QVERIFY(run.outcome.message.startsWith(u"wrong password"_s));
        QCOMPARE(run.outcome.deviceText, u"Authentication Failed"_s);
        QCOMPARE(run.log.filter(u"invitation "_s).size(), invitations);
        QCOMPARE(device->runningVersion(), u"1.0.0"_s);
    }

    void aDeviceAskingForAPasswordNobodyGaveIsReported()
    {
        LanDeviceConfig config = fastDevice(13);
        config.password = u"pw"_s;
        LanDevice *device = addDevice(config);
        const Run run = push(targetOf(device), esp32Image(), quickSettings());
        QCOMPARE(run.outcome.failure, PushFailure::PasswordRequired);
        QVERIFY(run.outcome.message.contains(u"--password-env"_s));
    }

    void filesystemImagesGoAsCommand100()
    {
        LanDevice *device = addDevice(fastDevice(14));
        QSignalSpy started(device, &LanDevice::updateStarted);
        PushSettings settings = quickSettings();
        settings.command = Command::Filesystem;
        const auto littlefs = std::make_shared<const PushImage>(PushImage::fromBytes(QByteArray(96 * 1024, '\x11'), u"littlefs.bin"_s));
        const Run run = push(targetOf(device), littlefs, settings);
        QVERIFY2(run.outcome.succeeded, qPrintable(run.outcome.message));
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.constFirst().constFirst().value<Command>(), Command::Filesystem);
        QTRY_VERIFY_WITH_TIMEOUT(device->isOnline(), 10000);
        QCOMPARE(device->runningVersion(), u"1.0.0"_s);
    }

    void imageCheckRefusesBeforeAnyTraffic()
    {
        LanDevice *device = addDevice(fastDevice(15));
        QSignalSpy started(device, &LanDevice::updateStarted);
        const Run run = push(targetOf(device), esp8266Image(), quickSettings());
        QCOMPARE(run.outcome.failure, PushFailure::Refused);
        QVERIFY(run.outcome.message.contains(u"--force"_s));
        QVERIFY(run.log.filter(u"invitation"_s).isEmpty());
        QCOMPARE(started.size(), 0);
    }

    void forcedPastTheCheckTheDeviceHasTheLastWord()
    {
        LanDevice *device = addDevice(fastDevice(16));
        PushSettings settings = quickSettings();
        settings.force = true;
        settings.networkRetries = 2;
        const auto notAnApp = std::make_shared<const PushImage>(PushImage::fromBytes(QByteArray(8192, '\x42'), u"data.bin"_s));
        const Run run = push(targetOf(device), notAnApp, settings);
        // An ESP32 stops after its first 4 KiB block without a word; the
        // cause is the image, so it is a device verdict and never retried.
        QCOMPARE(run.outcome.failure, PushFailure::DeviceError);
        QVERIFY2(run.outcome.message.contains(u"0xE9"_s) && run.outcome.message.contains(u"--fs"_s),
                 qPrintable(run.outcome.message));
        QCOMPARE(run.outcome.attempts, 1);
        QCOMPARE(device->runningVersion(), u"1.0.0"_s);
    }

    void md5MismatchIsTheDevicesVerdict()
    {
        LanDevice *device = addDevice(fastDevice(17));
        PushImage image = *esp32Image();
        image.md5Hex = Auth::md5Hex("something else");
        const Run run = push(targetOf(device), std::make_shared<const PushImage>(image), quickSettings());
        QCOMPARE(run.outcome.failure, PushFailure::DeviceError);
        QCOMPARE(run.outcome.deviceText, u"MD5 Check Failed"_s);
        QCOMPARE(device->runningVersion(), u"1.0.0"_s);
    }

    void esp8266RefusesBeforeTheTransferWhenTheImageDoesNotFit()
    {
        LanDeviceConfig config = fastDevice(18, Flavour::Esp8266);
        config.failure = LanFailure::NotEnoughSpace;
        LanDevice *device = addDevice(config);
        const Run run = push(targetOf(device), esp8266Image(), quickSettings());
        QCOMPARE(run.outcome.failure, PushFailure::DeviceRefused);
        QVERIFY2(run.outcome.deviceText.contains(u"Not Enough Space"_s), qPrintable(run.outcome.deviceText));
        QVERIFY(run.outcome.message.contains(u"partition"_s));
    }

    void aDroppedConnectionIsRetriedAndCounted()
    {
        LanDeviceConfig config = fastDevice(19);
        config.failure = LanFailure::DropAtPercent;
        config.failureAtPercent = 40;
        LanDevice *device = addDevice(config);
        PushSettings settings = quickSettings();
        settings.networkRetries = 2;
        const Run run = push(targetOf(device), esp32Image(), settings);
        QCOMPARE(run.outcome.failure, PushFailure::ConnectionLost);
        QCOMPARE(run.outcome.attempts, 3);
        QCOMPARE(run.log.filter(u"retrying in"_s).size(), 2);
        QVERIFY2(run.outcome.message.contains(u"after 3 attempts"_s), qPrintable(run.outcome.message));
    }

    void aDeviceThatNeverConnectsBackPointsAtTheFirewall()
    {
        LanDeviceConfig config = fastDevice(20);
        config.failure = LanFailure::NeverConnectBack;
        LanDevice *device = addDevice(config);
        PushSettings settings = quickSettings();
        settings.networkRetries = 1;
        // Longer than the device's own 3 s connect attempt, as the default
        // 10 s is: the retry finds the device idle again.
        settings.connectBackTimeoutMs = 3500;
        const Run run = push(targetOf(device), esp32Image(), settings);
        QCOMPARE(run.outcome.failure, PushFailure::NoConnectBack);
        QCOMPARE(run.outcome.attempts, 2);
        const QString port = QString::number(m_listener->port());
        QVERIFY2(run.outcome.message.contains(u"firewall"_s) && run.outcome.message.contains(u"TCP port "_s + port)
                     && run.outcome.message.contains(deviceAddress(20).toString()),
                 qPrintable(run.outcome.message));
    }

    void aLostFinalOkIsProbablySuccess()
    {
        LanDeviceConfig config = fastDevice(21);
        config.failure = LanFailure::NoFinalOk;
        LanDevice *device = addDevice(config);
        const Run run = push(targetOf(device), esp32Image(), quickSettings());
        QCOMPARE(run.outcome.failure, PushFailure::ResultLost);
        QVERIFY(run.outcome.probablySucceeded);
        QVERIFY(!run.outcome.succeeded);
        QVERIFY(run.outcome.message.contains(u"probably succeeded"_s));
        QCOMPARE(run.outcome.attempts, 1);
    }

    void silenceAfterEveryInvitationIsNoAnswer()
    {
        PushTarget nobody;
        nobody.name = u"ghost"_s;
        nobody.address = deviceAddress(99);
        nobody.port = 3232;
        PushSettings settings = quickSettings();
        settings.networkRetries = 1;
        const Run run = push(nobody, esp32Image(), settings);
        QCOMPARE(run.outcome.failure, PushFailure::NoAnswer);
        QCOMPARE(run.outcome.attempts, 2);
        QCOMPARE(run.log.filter(u"invitation "_s).size(), 2 * settings.invitationAttempts);
        QVERIFY(run.outcome.message.contains(u"UDP port 3232"_s));
    }

    void cancelStopsAtOnceAndTheDeviceKeepsItsFirmware()
    {
        LanDeviceConfig config = fastDevice(22);
        config.flashBytesPerSecond = 100 * 1024;
        config.rebootSilenceMs = 100;
        LanDevice *device = addDevice(config);
        const Run run = push(targetOf(device), esp32Image(u"2.0.0"_s, 256 * 1024), quickSettings(), [](EspotaPush &p) {
            connect(&p, &EspotaPush::progress, &p, [&p](qint64 acked, qint64 total) {
                if (acked * 4 > total)
                    p.cancel();
            });
        });
        QCOMPARE(run.outcome.failure, PushFailure::Cancelled);
        QVERIFY(run.outcome.acknowledgedBytes < run.outcome.totalBytes);
        QTest::qWait(1500); // the device's receive timeout passes
        QCOMPARE(device->runningVersion(), u"1.0.0"_s);
        QVERIFY(device->isOnline());
    }

    void progressIsWhatTheDeviceAcknowledgedAndNeverGoesBack()
    {
        LanDeviceConfig config = fastDevice(23);
        config.flashBytesPerSecond = 2 * 1024 * 1024;
        config.linkDelayMs = 2;
        LanDevice *device = addDevice(config);
        const auto image = esp32Image(u"2.0.0"_s, 200 * 1024);
        const Run run = push(targetOf(device), image, quickSettings());
        QVERIFY2(run.outcome.succeeded, qPrintable(run.outcome.message));
        QVERIFY(run.progress.size() > 20);
        QVERIFY(std::is_sorted(run.progress.cbegin(), run.progress.cend()));
        QCOMPARE(run.progress.constLast(), image->bytes.size());
    }

    void aJobPushesManyDevicesAndOneFailureStopsNoOther()
    {
        QList<PushTarget> targets;
        for (int n = 30; n < 36; ++n) {
            LanDeviceConfig config = fastDevice(n, n % 2 ? Flavour::Esp32Md5 : Flavour::Esp32Pbkdf2);
            config.password = u"fleet"_s;
            if (n == 33)
                config.password = u"another"_s;
            targets.append(targetOf(addDevice(config)));
        }
        PushJobOptions options;
        options.settings = quickSettings();
        options.settings.password = u"fleet"_s;
        options.concurrency = 3;
        options.listenAddress = QHostAddress::LocalHost;
        options.listenPort = 0;
        PushJob job(targets, esp32Image(), options);
        int mostInFlight = 0;
        connect(&job, &PushJob::deviceChanged, this, [&] {
            int inFlight = 0;
            for (int i = 0; i < job.count(); ++i) {
                const PushStage s = job.device(i).stage;
                inFlight += s == PushStage::Inviting || s == PushStage::Authenticating || s == PushStage::Connecting
                            || s == PushStage::Sending || s == PushStage::WaitingForResult;
            }
            mostInFlight = std::max(mostInFlight, inFlight);
        });
        QSignalSpy finished(&job, &PushJob::finished);
        QVERIFY(!job.start());
        QVERIFY(finished.wait(30000));
        const PushJobSummary summary = job.summary();
        QCOMPARE(summary.devices, 6);
        QCOMPARE(summary.confirmed, 5);
        QCOMPARE(summary.failed, 1);
        QVERIFY(mostInFlight <= 3);
        QCOMPARE(job.device(3).outcome.failure, PushFailure::AuthenticationFailed);
        QVERIFY(job.device(3).detail.startsWith(u"wrong password"_s));
        for (int i : {0, 1, 2, 4, 5})
            QCOMPARE(job.device(i).stage, PushStage::Done);
        // Each device keeps its own log.
        QVERIFY(job.device(0).log.join(u'\n').contains(targets[0].name));
        QVERIFY(!job.device(0).log.join(u'\n').contains(targets[1].name));
        QVERIFY(summary.text().startsWith(u"6 devices: 5 done, 1 failed"_s));
    }

    void aJobConfirmsEachDeviceByItsReannouncement()
    {
        Discovery::MdnsTransport transport(QStringList {u"lo"_s});
        QString error;
        QVERIFY2(transport.start(&error), qPrintable(error));
        Discovery::MdnsResponder responder(&transport);
        Discovery::MdnsBrowser browser(&transport, {u"_arduino._tcp"_s});
        browser.setMaximumQueryInterval(1000);
        browser.start();

        LanDeviceConfig good = fastDevice(40);
        LanDeviceConfig rollsBack = fastDevice(41);
        rollsBack.failure = LanFailure::RebootIntoOldImage;
        LanDeviceConfig current = fastDevice(42);
        current.version = u"2.0.0"_s;
        const QList<LanDevice *> devices {addDevice(good, &responder), addDevice(rollsBack, &responder),
                                          addDevice(current, &responder)};
        QTRY_COMPARE_WITH_TIMEOUT(browser.instances().size(), 3, 10000);
        QList<PushTarget> targets;
        for (const auto &instance : browser.instances())
            targets.append(PushTarget::fromService(instance));
        std::sort(targets.begin(), targets.end(), [](const PushTarget &a, const PushTarget &b) {
            return a.address.toIPv4Address() < b.address.toIPv4Address();
        });

        PushJobOptions options;
        options.settings = quickSettings();
        options.skipSameVersion = true;
        options.confirmTimeoutMs = 10000;
        options.listenAddress = QHostAddress::LocalHost;
        options.listenPort = 0;
        PushJob job(targets, esp32Image(), options, &browser);
        QSignalSpy finished(&job, &PushJob::finished);
        QVERIFY(!job.start());
        QVERIFY(finished.wait(30000));

        QCOMPARE(job.device(0).confirmation, Confirmation::Confirmed);
        QVERIFY2(job.device(0).detail.contains(u"re-announced running 2.0.0"_s), qPrintable(job.device(0).detail));
        QCOMPARE(job.device(1).confirmation, Confirmation::NotConfirmed);
        QVERIFY2(job.device(1).detail.contains(u"running 1.0.0, not 2.0.0"_s), qPrintable(job.device(1).detail));
        QCOMPARE(job.device(2).stage, PushStage::Skipped);
        QCOMPARE(job.device(2).detail, u"already running 2.0.0"_s);
        const PushJobSummary summary = job.summary();
        QCOMPARE(summary.confirmed, 1);
        QCOMPARE(summary.unconfirmed, 1);
        QCOMPARE(summary.skipped, 1);
        Q_UNUSED(devices);
    }

    void onlyOnlineLeavesOutDevicesNotHeardOnMdns()
    {
        Discovery::MdnsTransport transport(QStringList {u"lo"_s});
        QString error;
        QVERIFY2(transport.start(&error), qPrintable(error));
        Discovery::MdnsBrowser browser(&transport, {u"_arduino._tcp"_s});
        browser.start();
        LanDevice *silent = addDevice(fastDevice(43)); // no responder: not on mDNS
        PushJobOptions options;
        options.settings = quickSettings();
        options.onlyOnline = true;
        options.listenPort = 0;
        PushJob job({targetOf(silent)}, esp32Image(), options, &browser);
        QSignalSpy finished(&job, &PushJob::finished);
        QVERIFY(!job.start());
        QVERIFY(finished.size() == 1 || finished.wait(5000));
        QCOMPARE(job.device(0).stage, PushStage::Skipped);
        QVERIFY(job.device(0).detail.contains(u"offline"_s));
    }

    void cancellingAJobStopsEveryDevice()
    {
        QList<PushTarget> targets;
        for (int n = 50; n < 53; ++n) {
            LanDeviceConfig config = fastDevice(n);
            config.flashBytesPerSecond = 50 * 1024;
            targets.append(targetOf(addDevice(config)));
        }
        PushJobOptions options;
        options.settings = quickSettings();
        options.concurrency = 2;
        options.listenPort = 0;
        PushJob job(targets, esp32Image(u"2.0.0"_s, 200 * 1024), options);
        QSignalSpy finished(&job, &PushJob::finished);
        QVERIFY(!job.start());
        QTRY_VERIFY_WITH_TIMEOUT(job.device(0).acknowledgedBytes > 0, 5000);
        job.cancel();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(job.summary().cancelled, 3);
    }

    void aBusyConnectBackPortIsReportedWithWhatToDo()
    {
        ConnectBackListener first;
        const auto port = first.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port);
        ConnectBackListener second;
        const auto clash = second.listen(QHostAddress::LocalHost, port.value());
        QVERIFY(!clash);
        QVERIFY2(clash.error().contains(u"--host-port"_s), qPrintable(clash.error()));
    }

    // One job, ArduinoOTA and ESPHome nodes side by side; one ESPHome node
    // fails with a device error, the others are done.
    void aMixedJobPushesArduinoAndEsphomeDevices()
    {
        QList<PushTarget> targets;
        for (int n : {40, 41})
            targets.append(targetOf(addDevice(fastDevice(n))));
        struct Sink final : UpdateSink
        {
            std::optional<qint64> capacity(Command) const override { return 0x1E0000; }
            std::optional<UpdateError> begin(Command, qint64) override { return std::nullopt; }
            std::optional<UpdateError> write(qint64, QByteArrayView) override { return std::nullopt; }
            std::optional<UpdateError> finish() override { return std::nullopt; }
            void abort() override {}
        } sink;
        std::vector<std::unique_ptr<Esphome::OtaDevice>> nodes;
        for (int n : {42, 43}) {
            auto node = std::make_unique<Esphome::OtaDevice>(&sink);
            Esphome::DeviceBehaviour behaviour;
            behaviour.password = u"fleet"_s;
            behaviour.flashBytesPerSecond = 0;
            if (n == 43)
                behaviour.failWith = 0x8B; // MD5 mismatch at the end
            node->setBehaviour(behaviour);
            QVERIFY(node->listen(deviceAddress(n), 3232).hasValue());
            PushTarget target;
            target.name = u"esphome-%1"_s.arg(n);
            target.address = deviceAddress(n);
            target.protocol = PushProtocol::Esphome;
            target.platform = u"ESP32"_s;
            targets.append(target);
            nodes.push_back(std::move(node));
        }
        PushJobOptions options;
        options.settings = quickSettings();
        options.settings.password = u"fleet"_s;
        options.listenAddress = QHostAddress::LocalHost;
        options.listenPort = 0;
        PushJob job(targets, esp32Image(), options);
        QSignalSpy finished(&job, &PushJob::finished);
        QVERIFY(!job.start());
        QVERIFY(finished.wait(30000));
        const PushJobSummary summary = job.summary();
        QCOMPARE(summary.devices, 4);
        QCOMPARE(summary.confirmed, 3);
        QCOMPARE(summary.failed, 1);
        QCOMPARE(job.device(3).outcome.failure, PushFailure::DeviceError);
        QCOMPARE(job.device(3).outcome.attempts, 1);
        QVERIFY2(job.device(3).detail.contains(Esphome::explainError(0x8B, 0).left(20)), qPrintable(job.device(3).detail));
        QVERIFY(summary.text().contains(u"3 done, 1 failed"_s));
    }

};

QTEST_GUILESS_MAIN(TestEspotaPush)
#include "tst_espotapush.moc"
