// ota-fleet-sim's ESPHome nodes, run as a program: the mDNS announcement
// (seen with Discovery::MdnsBrowser on lo) and a raw push that makes a node
// reboot into the pushed version.
#include <QCryptographicHash>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include "discovery/mdnsbrowser.h"
#include "discovery/mdnstransport.h"
#include "esphome/esphomewire.h"
#include "testimagebuilder.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    const QHostAddress NodeAddress(u"127.0.5.20"_s);

    // A blocking client (the device is another process), as far as the size:
    // magic, features, size. answers collects the bytes the device sent.
    struct RawClient
    {
        QTcpSocket socket;
        QByteArray answers;

        bool sendSize(quint32 size)
        {
            socket.connectToHost(NodeAddress, 3232);
            if (!socket.waitForConnected(3000))
                return false;
            socket.write(QByteArray(Esphome::Magic, sizeof Esphome::Magic));
            expect(2);
            socket.write(QByteArray(1, char(0x03))); // 2025.10 client: compression, SHA-256
            expect(2);                                // 40 41
            char header[4] = {char(size >> 24), char(size >> 16), char(size >> 8), char(size)};
            socket.write(header, 4);
            expect(1);
            return true;
        }

        void expect(qsizetype n)
        {
            while (socket.bytesAvailable() < n && socket.waitForReadyRead(5000)) {}
            answers += socket.read(n);
        }
    };

    // The whole exchange: the bytes the device answered, in hex.
    QByteArray push(const QByteArray &image)
    {
        RawClient client;
        if (!client.sendSize(quint32(image.size())))
            return "no connection";
        client.socket.write(QCryptographicHash::hash(image, QCryptographicHash::Md5).toHex());
        client.expect(1);
        for (qsizetype offset = 0; offset < image.size(); offset += Esphome::ChunkBytes) {
            client.socket.write(image.mid(offset, Esphome::ChunkBytes));
            client.expect(1);
        }
        client.expect(2);
        client.socket.write(QByteArray(1, '\0'));
        client.socket.waitForBytesWritten(1000);
        client.socket.waitForDisconnected(3000);
        return client.answers.toHex();
    }

    // Starts ota-fleet-sim with one ESPHome node and these options; its output until "ready:".
    QByteArray startNode(QProcess &sim, const QStringList &options)
    {
        sim.setProcessChannelMode(QProcess::MergedChannels);
        sim.start(QStringLiteral(FLEETSIM_PATH), QStringList{u"--lan-devices"_s, u"0"_s, u"--esphome-devices"_s, u"1"_s,
                                                             u"--base-address"_s, NodeAddress.toString()}
                                                     + options);
        QByteArray out;
        if (!QTest::qWaitFor([&] {
                out += sim.readAll();
                return out.contains("ready:") || sim.state() == QProcess::NotRunning;
            }, 10000))
            out += "\n(no ready line within 10 s)";
        return out;
    }
} // namespace

class TestEsphomeSim final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void announcesAndRebootsIntoThePushedVersion()
    {
        QProcess sim;
        QByteArray out = startNode(sim, {u"--reboot-ms"_s, u"500"_s, u"--flash-rate"_s, u"0"_s});
        QVERIFY2(out.contains("ready: 1 devices"), out.constData());
        QVERIFY2(out.contains("esphome v2 2025.11.2 ESP32 1.0.0 auth=no"), out.constData());

        Discovery::MdnsTransport transport({u"lo"_s});
        QString error;
        QVERIFY2(transport.start(&error), qPrintable(error));
        Discovery::MdnsBrowser browser(&transport, {u"_esphomelib._tcp"_s});
        browser.setMaximumQueryInterval(1000);
        browser.start();
        const auto announced = [&browser](const QString &version) -> std::optional<Discovery::ServiceInstance> {
            for (const Discovery::ServiceInstance &i : browser.instances())
                if (i.instanceName == u"esphome-000514"_s && i.txt.value(u"project_version"_s) == version)
                    return i;
            return std::nullopt;
        };
        QTRY_VERIFY_WITH_TIMEOUT(announced(u"1.0.0"_s).has_value(), 8000);
        const Discovery::ServiceInstance first = *announced(u"1.0.0"_s);
        QCOMPARE(first.port, quint16(6053)); // the API port; OTA is not announced
        QCOMPARE(first.txtStrings, (QList<QByteArray>{"version=2025.11.2", "mac=240ac4000514", "platform=ESP32",
                                                      "board=esp32dev", "network=wifi", "project_name=ota.sim",
                                                      "project_version=1.0.0"}));

        TestSupport::TestImageBuilder builder;
        builder.setVersion(u"2.0.0"_s);
        const QByteArray image = builder.build();
        QByteArray expected = "000240414243";
        for (qsizetype offset = 0; offset < image.size(); offset += Esphome::ChunkBytes)
            expected += "47";
        QCOMPARE(push(image), expected + "4445");
        QTRY_VERIFY_WITH_TIMEOUT(announced(u"2.0.0"_s).has_value(), 8000);
        out += sim.readAll();
        QVERIFY2(out.contains("esphome-000514 booted 2.0.0"), out.constData());
        sim.terminate();
        QVERIFY(sim.waitForFinished(5000));
    }

    void aFailureModeIsChosenOnTheCommandLine()
    {
        QProcess sim;
        const QByteArray out = startNode(sim, {u"--esphome-failure"_s, u"not-enough-space"_s});
        QVERIFY2(out.contains("ready: 1 devices"), out.constData());
        RawClient client;
        QVERIFY(client.sendSize(200000));
        QCOMPARE(client.answers.toHex(), QByteArray("0002404189")); // 0x89: no room on ESP32
        sim.terminate();
        QVERIFY(sim.waitForFinished(5000));
    }

    void aFailureAnEsphomeDeviceCannotHaveIsRefused_data()
    {
        QTest::addColumn<QString>("failure");
        QTest::addColumn<QString>("saying");
        QTest::newRow("ArduinoOTA only") << u"never-connect-back"_s << u"is not a failure an ESPHome device has"_s;
        QTest::newRow("no such mode") << u"explode"_s << u"is not a failure an ESPHome device has"_s;
        QTest::newRow("percentage on another mode") << u"not-enough-space:30"_s << u"only drop-at-percent takes"_s;
        QTest::newRow("percentage out of range") << u"drop-at-percent:130"_s << u"0 to 100"_s;
    }

    void aFailureAnEsphomeDeviceCannotHaveIsRefused()
    {
        QFETCH(QString, failure);
        QFETCH(QString, saying);
        QProcess sim;
        const QByteArray out = startNode(sim, {u"--esphome-failure"_s, failure});
        QTRY_COMPARE_WITH_TIMEOUT(sim.state(), QProcess::NotRunning, 5000);
        QVERIFY(sim.exitCode() != 0);
        QVERIFY2(out.contains(saying.toUtf8()), out.constData());
        QVERIFY(!out.contains("ready:"));
    }
};

QTEST_GUILESS_MAIN(TestEsphomeSim)
#include "tst_esphomesim.moc"
