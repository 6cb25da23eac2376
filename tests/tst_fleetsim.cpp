// ota-fleet-sim: LAN devices in-process (reboot cycle, slot files, mDNS),
// and the real program started with a scenario file and with bad arguments.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkDatagram>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include "discovery/mdnsbrowser.h"
#include "discovery/mdnsresponder.h"
#include "discovery/mdnstransport.h"
#include "landevice.h"
#include "slotflash.h"
#include "testimagebuilder.h"

using namespace Simulator;
using namespace Qt::Literals::StringLiterals;

namespace
{
    // espota's host side in brief: invitation, "OK", connect-back, the image, the result.
    QByteArray push(const QHostAddress &device, quint16 port, const QByteArray &image,
                    Espota::Command command = Espota::Command::Flash)
    {
        QUdpSocket udp;
        QTcpServer server;
        if (!udp.bind(QHostAddress::LocalHost, 0) || !server.listen(QHostAddress::LocalHost, 0))
            return "no sockets";
        udp.writeDatagram(Espota::Invitation{command, server.serverPort(), image.size(), Espota::Auth::md5Hex(image)}.encode(),
                          device, port);
        if (!QTest::qWaitFor([&udp] { return udp.hasPendingDatagrams(); }, 3000))
            return "no reply";
        if (udp.receiveDatagram().data() != "OK")
            return "refused";
        if (!QTest::qWaitFor([&server] { return server.hasPendingConnections(); }, 3000))
            return "no connection";
        QTcpSocket *socket = server.nextPendingConnection();
        socket->write(image);
        QByteArray received;
        [[maybe_unused]] const bool closed = QTest::qWaitFor([&] {
            received += socket->readAll();
            return socket->state() == QAbstractSocket::UnconnectedState;
        }, 10000);
        return received + socket->readAll();
    }

    QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QString txtValue(const Discovery::ServiceInstance &instance, const QString &key)
    {
        return instance.txt.value(key);
    }

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Run fleetSim(const QStringList &arguments)
    {
        QProcess process;
        process.setProgram(QStringLiteral(FLEETSIM_PATH));
        process.setArguments(arguments);
        process.start();
        if (!process.waitForFinished(10000))
            return {};
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }
} // namespace

class TestFleetSim final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Discovery::MdnsTransport> m_transport;
    std::unique_ptr<Discovery::MdnsResponder> m_responder;

    LanDeviceConfig config(const QString &address) const
    {
        LanDeviceConfig c;
        c.address = QHostAddress(address);
        c.hostName = defaultHostName(c.flavour, c.address);
        c.stateDir = m_dir.path();
        c.rebootSilenceMs = 1200;
        c.flashBytesPerSecond = 0;
        return c;
    }

    QString writeScenario(const QString &name, const QByteArray &json) const
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(json);
        return file.fileName();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        m_transport = std::make_unique<Discovery::MdnsTransport>(QStringList{u"lo"_s});
        QString error;
        QVERIFY2(m_transport->start(&error), qPrintable(error));
        m_responder = std::make_unique<Discovery::MdnsResponder>(m_transport.get());
    }

    void cleanup()
    {
        m_responder.reset();
        m_transport.reset();
    }

    void hostNamesFollowTheAddressLikeAFakeMac()
    {
        QCOMPARE(defaultHostName(Espota::Flavour::Esp32Pbkdf2, QHostAddress(u"127.0.0.10"_s)), u"esp32-240ac400000a"_s);
        QCOMPARE(defaultHostName(Espota::Flavour::Esp8266, QHostAddress(u"127.0.1.2"_s)), u"esp8266-000102"_s);
    }

    void txtRecordsComeInEachCoresOrderWithTheFirmwareVersion()
    {
        LanDeviceConfig c = config(u"127.0.0.40"_s);
        c.password = u"pw"_s;
        const auto esp32 = LanDevice::txtRecords(c, u"1.2.3"_s);
        QCOMPARE(esp32.size(), 5);
        QCOMPARE(esp32.at(0).first, "board"_ba);
        QCOMPARE(esp32.at(3), std::make_pair("auth_upload"_ba, "yes"_ba));
        QCOMPARE(esp32.at(4), std::make_pair("fw_version"_ba, "1.2.3"_ba));
        c.flavour = Espota::Flavour::Esp8266;
        c.password.clear();
        const auto esp8266 = LanDevice::txtRecords(c, u"1.2.3"_s);
        QCOMPARE(esp8266.at(0).first, "tcp_check"_ba);
        QCOMPARE(esp8266.at(2).first, "board"_ba);
        QCOMPARE(esp8266.at(3), std::make_pair("auth_upload"_ba, "no"_ba));
    }

    void anImageWithoutDescriptorIsKnownByItsSha256()
    {
        const QString version = SlotFlash::imageVersion(TestSupport::buildEsp8266Image());
        QVERIFY(version.startsWith(u"sha256:"));
        QCOMPARE(version.size(), 7 + 12);
        TestSupport::TestImageBuilder builder;
        builder.setVersion(u"3.1.4"_s);
        QCOMPARE(SlotFlash::imageVersion(builder.build()), u"3.1.4"_s);
    }

    void startFailsWhenTheAddressAndPortAreTaken()
    {
        LanDevice first(config(u"127.0.0.41"_s), nullptr);
        QVERIFY(first.start());
        LanDeviceConfig twin = config(u"127.0.0.41"_s);
        twin.hostName = u"twin"_s;
        LanDevice second(twin, nullptr);
        const auto started = second.start();
        QVERIFY(!started);
        QVERIFY2(started.error().contains(u"127.0.0.41:3232"), qPrintable(started.error()));
    }

    void anUpdateRebootsSilentlyThenComesBackAnnouncingTheNewVersion()
    {
        Discovery::MdnsBrowser browser(m_transport.get(), {u"_arduino._tcp"_s});
        browser.setMaximumQueryInterval(1000);
        QSignalSpy removed(&browser, &Discovery::MdnsBrowser::instanceRemoved);
        browser.start();
        LanDevice device(config(u"127.0.0.42"_s), m_responder.get());
        QSignalSpy rebooting(&device, &LanDevice::rebooting);
        QSignalSpy booted(&device, &LanDevice::booted);
        QVERIFY(device.start());
        const QString host = device.config().hostName;
        const auto announced = [&browser, &host](const QString &version) {
            const auto instances = browser.instances();
            return std::any_of(instances.cbegin(), instances.cend(), [&](const Discovery::ServiceInstance &i) {
                return i.instanceName == host && txtValue(i, u"fw_version"_s) == version && i.port == 3232
                    && i.addresses.contains(QHostAddress(u"127.0.0.42"_s));
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(announced(u"1.0.0"_s), 8000);

        TestSupport::TestImageBuilder builder;
        builder.setVersion(u"2.0.0"_s);
        const QByteArray image = builder.build();
        QCOMPARE(push(device.config().address, 3232, image), "%1OK"_ba.replace("%1", QByteArray::number(image.size())));
        QTRY_COMPARE_WITH_TIMEOUT(rebooting.size(), 1, 2000);
        QVERIFY(!device.isOnline());
        QCOMPARE(push(device.config().address, 3232, image), "no reply"_ba); // silent while it reboots
        QVERIFY(removed.isEmpty());                                           // and no goodbye
        QTRY_COMPARE_WITH_TIMEOUT(booted.size(), 2, 3000);
        QCOMPARE(booted.constLast().at(0).toString(), u"2.0.0"_s);
        QCOMPARE(device.runningVersion(), u"2.0.0"_s);
        QCOMPARE(device.activeSlot(), u"app1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(announced(u"2.0.0"_s), 8000);

        const QDir slots(device.slotDirectory());
        QCOMPARE(readFile(slots.filePath(u"app1.bin"_s)), image);
        const QJsonObject state = QJsonDocument::fromJson(readFile(slots.filePath(u"state.json"_s))).object();
        QCOMPARE(state.value(u"activeSlot"_s).toString(), u"app1"_s);
        QCOMPARE(state.value(u"versions"_s).toObject().value(u"app0"_s).toString(), u"1.0.0"_s);
    }

    void rebootIntoOldImageComesBackOnTheOldVersion()
    {
        LanDeviceConfig c = config(u"127.0.0.43"_s);
        c.failure = LanFailure::RebootIntoOldImage;
        c.rebootSilenceMs = 200;
        LanDevice device(c, m_responder.get());
        QSignalSpy booted(&device, &LanDevice::booted);
        QVERIFY(device.start());
        TestSupport::TestImageBuilder builder;
        builder.setVersion(u"2.0.0"_s);
        const QByteArray image = builder.build();
        QVERIFY(push(c.address, 3232, image).endsWith("OK"));
        QTRY_COMPARE_WITH_TIMEOUT(booted.size(), 2, 3000);
        QCOMPARE(booted.constLast().at(0).toString(), u"1.0.0"_s);
        QCOMPARE(device.activeSlot(), u"app0"_s);
        QCOMPARE(readFile(QDir(device.slotDirectory()).filePath(u"app1.bin"_s)), image); // written, never booted
    }

    void aFilesystemPushWritesFsBinAndKeepsTheVersion()
    {
        LanDeviceConfig c = config(u"127.0.0.44"_s);
        c.rebootSilenceMs = 200;
        LanDevice device(c, nullptr);
        QSignalSpy booted(&device, &LanDevice::booted);
        QVERIFY(device.start());
        const QByteArray fs(12000, '\x42');
        QVERIFY(push(c.address, 3232, fs, Espota::Command::Filesystem).endsWith("OK"));
        QTRY_COMPARE_WITH_TIMEOUT(booted.size(), 2, 3000);
        QCOMPARE(device.runningVersion(), u"1.0.0"_s);
        QCOMPARE(device.activeSlot(), u"app0"_s);
        QCOMPARE(readFile(QDir(device.slotDirectory()).filePath(u"fs.bin"_s)), fs);
    }

    void notEnoughSpaceRefusesEveryImage()
    {
        LanDeviceConfig c = config(u"127.0.0.45"_s);
        c.flavour = Espota::Flavour::Esp8266;
        c.port = Espota::Esp8266DefaultPort;
        c.failure = LanFailure::NotEnoughSpace;
        LanDevice device(c, nullptr);
        QVERIFY(device.start());
        QCOMPARE(push(c.address, c.port, TestSupport::buildEsp8266Image()), "refused"_ba);
    }

    void theProgramRunsAScenarioAndStopsCleanlyOnSigterm()
    {
        const QString scenario = writeScenario(u"fleet.json"_s, R"({
            "baseAddress": "127.0.0.60",
            "defaults": { "version": "0.9.0", "linkDelayMs": 5, "passwordEnv": "FLEETSIM_TEST_PW" },
            "devices": [
                {},
                { "flavour": "esp8266", "board": "nodemcuv2", "failure": "drop-at-percent", "failureAtPercent": 30 },
                { "hostName": "kitchen", "address": "127.0.0.70", "count": 2 }
            ]
        })");
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"FLEETSIM_TEST_PW"_s, u"hunter2"_s);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(FLEETSIM_PATH), {u"--scenario"_s, scenario, u"--state-dir"_s, m_dir.filePath(u"prog"_s)});
        QByteArray out;
        QVERIFY(QTest::qWaitFor([&] {
            out += process.readAllStandardOutput();
            return out.contains("ready:") || process.state() == QProcess::NotRunning;
        }, 10000));
        QVERIFY2(out.contains("ready: 4 devices"), QByteArray(out + process.readAllStandardError()).constData());
        QVERIFY(out.contains("device esp32-240ac400003c 127.0.0.60:3232 esp32-pbkdf2 0.9.0 auth=yes\n"));
        QVERIFY(out.contains("device esp8266-00003d 127.0.0.61:8266 esp8266 0.9.0 auth=yes failure=drop-at-percent\n"));
        QVERIFY(out.contains("device kitchen 127.0.0.70:3232"));
        QVERIFY(out.contains("device kitchen-2 127.0.0.71:3232"));
        QVERIFY(!out.contains("hunter2"));

        QUdpSocket udp; // a passworded device answers an invitation with a challenge
        QVERIFY(udp.bind(QHostAddress::LocalHost, 0));
        udp.writeDatagram(Espota::Invitation{Espota::Command::Flash, 40000, 100, QByteArray(32, 'a')}.encode(),
                          QHostAddress(u"127.0.0.60"_s), 3232);
        QVERIFY(QTest::qWaitFor([&udp] { return udp.hasPendingDatagrams(); }, 3000));
        QVERIFY(udp.receiveDatagram().data().startsWith("AUTH "));

        process.terminate();
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().contains("stopping (signal 15)"));
    }

    void badArgumentsExitWith2AndNameTheField_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("scenario");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option") << QStringList{u"--colour"_s} << QByteArray() << u"colour"_s;
        QTest::newRow("bad flavour") << QStringList{u"--flavour"_s, u"esp33"_s} << QByteArray()
                                     << u"--flavour: 'esp33' is not a flavour"_s;
        QTest::newRow("bad count") << QStringList{u"--lan-devices"_s, u"many"_s} << QByteArray() << u"--lan-devices"_s;
        QTest::newRow("bad base address") << QStringList{u"--base-address"_s, u"localhost"_s} << QByteArray()
                                          << u"--base-address"_s;
        QTest::newRow("bad delay") << QStringList{u"--link-delay-ms"_s, u"-5"_s} << QByteArray()
                                   << u"--link-delay-ms: -5 is out of range"_s;
        QTest::newRow("unset password variable") << QStringList{u"--password-env"_s, u"FLEETSIM_UNSET_VARIABLE"_s}
                                                 << QByteArray() << u"FLEETSIM_UNSET_VARIABLE is not set"_s;
        QTest::newRow("stray argument") << QStringList{u"extra"_s} << QByteArray() << u"unexpected argument 'extra'"_s;
        QTest::newRow("both count and scenario") << QStringList{u"--lan-devices"_s, u"2"_s} << "{}"_ba
                                                 << u"--lan-devices and --scenario"_s;
        QTest::newRow("no-mdns and interface") << QStringList{u"--no-mdns"_s, u"--interface"_s, u"lo"_s} << QByteArray()
                                               << u"--no-mdns and --interface"_s;
        QTest::newRow("missing scenario file") << QStringList{u"--scenario"_s, u"/nonexistent/fleet.json"_s}
                                               << QByteArray() << u"cannot read /nonexistent/fleet.json"_s;
        QTest::newRow("scenario not JSON") << QStringList() << "{ devices: "_ba << u"not JSON"_s;
        QTest::newRow("scenario unknown key") << QStringList() << R"({"devices": [{}], "fleet": 1})"_ba
                                              << u"fleet: unknown key"_s;
        QTest::newRow("scenario without devices") << QStringList() << R"({"devices": []})"_ba
                                                  << u"devices: expected a non-empty array"_s;
        QTest::newRow("scenario unknown field") << QStringList() << R"({"devices": [{"colour": "red"}]})"_ba
                                                << u"devices[0].colour: unknown field"_s;
        QTest::newRow("scenario bad default") << QStringList() << R"({"defaults": {"flavour": 3}, "devices": [{}]})"_ba
                                              << u"defaults.flavour: expected a string"_s;
        QTest::newRow("scenario bad failure") << QStringList() << R"({"devices": [{}, {"failure": "explode"}]})"_ba
                                              << u"devices[1].failure: 'explode' is not a failure mode"_s;
        QTest::newRow("scenario percent out of range")
            << QStringList() << R"({"devices": [{"failureAtPercent": 150}]})"_ba << u"devices[0].failureAtPercent"_s;
        QTest::newRow("scenario bad address") << QStringList() << R"({"devices": [{"address": "127.0.0.300"}]})"_ba
                                              << u"devices[0].address: '127.0.0.300' is not an IPv4 address"_s;
        QTest::newRow("scenario bad host name") << QStringList() << R"({"devices": [{"hostName": "a b"}]})"_ba
                                                << u"devices[0].hostName"_s;
        QTest::newRow("scenario duplicate address")
            << QStringList() << R"({"devices": [{"address": "127.0.0.80"}, {"address": "127.0.0.80", "hostName": "x"}]})"_ba
            << u"127.0.0.80:3232 is used twice"_s;
        QTest::newRow("scenario md5 without password") << QStringList()
                                                       << R"({"devices": [{"passwordStoredAsMd5": true}]})"_ba
                                                       << u"passwordStoredAsMd5 needs a password"_s;
    }
    void badArgumentsExitWith2AndNameTheField()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, scenario);
        QFETCH(QString, message);
        if (!scenario.isNull())
            arguments << u"--scenario"_s << writeScenario(u"bad.json"_s, scenario);
        const Run run = fleetSim(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }

    void helpDocumentsEveryOption()
    {
        const Run run = fleetSim({u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        for (const char *option : {"--lan-devices", "--base-address", "--flavour", "--board", "--password-env",
                                   "--version", "--state-dir", "--link-delay-ms", "--flash-rate", "--reboot-ms",
                                   "--interface", "--scenario"})
            QVERIFY2(run.out.contains(QLatin1String(option)), option);
    }
};

QTEST_GUILESS_MAIN(TestFleetSim)
#include "tst_fleetsim.moc"
