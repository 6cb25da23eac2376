// The device half of espota against a raw host written from PROTOCOLS.md 1
// (QUdpSocket + QTcpServer), over real sockets on 127.0.0.x.
#include <QElapsedTimer>
#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include "espota/espotadevice.h"
#include "testimagebuilder.h"

using namespace Espota;
using namespace Qt::Literals::StringLiterals;

namespace
{
    const QHostAddress DeviceAddress(u"127.0.0.23"_s);
    const QHostAddress HostAddress(u"127.0.0.1"_s);
    constexpr quint16 DevicePort = 3232;

    // Flash in memory; records where each write went.
    class MemorySink final : public UpdateSink
    {
    public:
        qint64 capacityBytes = 0x1E0000;
        QByteArray flash;
        QList<qint64> writeOffsets;
        bool finished = false;
        bool aborted = false;

        std::optional<qint64> capacity(Command) const override { return capacityBytes; }
        std::optional<UpdateError> begin(Command, qint64 size) override
        {
            flash = QByteArray(size, '\xFF');
            writeOffsets.clear();
            finished = aborted = false;
            return std::nullopt;
        }
        std::optional<UpdateError> write(qint64 offset, QByteArrayView data) override
        {
            writeOffsets.append(offset);
            flash.replace(offset, data.size(), data.toByteArray());
            return std::nullopt;
        }
        std::optional<UpdateError> finish() override
        {
            finished = true;
            return std::nullopt;
        }
        void abort() override { aborted = true; }
    };

    // The host side, as espota.py does it, one step at a time.
    class RawHost
    {
    public:
        RawHost()
        {
            udp.bind(HostAddress, 0);
            server.listen(HostAddress, 0);
        }

        void send(const QByteArray &datagram) { udp.writeDatagram(datagram, DeviceAddress, DevicePort); }
        void invite(const QByteArray &image, Command command = Command::Flash)
        {
            send(Invitation{command, server.serverPort(), image.size(), Auth::md5Hex(image)}.encode());
        }
        // The next datagram from the device; null when none came in time.
        QByteArray reply(int timeoutMs = 2000)
        {
            if (!udp.hasPendingDatagrams() && !QTest::qWaitFor([this] { return udp.hasPendingDatagrams(); }, timeoutMs))
                return {};
            const QNetworkDatagram datagram = udp.receiveDatagram();
            return datagram.data().isNull() ? QByteArray("") : datagram.data();
        }
        void answer(const QByteArray &nonce, const QByteArray &passwordHash, const QByteArray &image)
        {
            const AuthScheme scheme = *schemeForNonce(nonce);
            const QByteArray cnonce = Auth::clientNonce(scheme, u"firmware.bin"_s, image.size(), Auth::md5Hex(image),
                                                        DeviceAddress.toString());
            send(AuthAnswer{cnonce, Auth::response(scheme, passwordHash, nonce, cnonce)}.encode());
        }
        QTcpSocket *accept(int timeoutMs = 3000)
        {
            if (!server.hasPendingConnections()
                && !QTest::qWaitFor([this] { return server.hasPendingConnections(); }, timeoutMs))
                return nullptr;
            return server.nextPendingConnection();
        }
        // Sends the image (or a part) and collects what the device writes until it closes.
        static QByteArray pushAndCollect(QTcpSocket *socket, const QByteArray &data, int timeoutMs = 10000)
        {
            QByteArray received;
            socket->write(data);
            [[maybe_unused]] const bool closed = QTest::qWaitFor(
                [&] {
                    received += socket->readAll();
                    return socket->state() == QAbstractSocket::UnconnectedState;
                },
                timeoutMs);
            return received + socket->readAll();
        }

        QUdpSocket udp;
        QTcpServer server;
    };

    QByteArray esp32Image(int extraBytes = 0)
    {
        TestSupport::TestImageBuilder builder;
        builder.setVersion(u"2.0.0"_s);
        if (extraBytes > 0)
            builder.addSegment(0x3FFB0000, QByteArray(extraBytes / 4 * 4, '\x5A'));
        return builder.build();
    }

    QByteArray imageFor(Flavour flavour, int extraBytes = 0)
    {
        return flavour == Flavour::Esp8266 ? TestSupport::buildEsp8266Image() : esp32Image(extraBytes);
    }

    QByteArray storedHash(Flavour flavour, const QString &password)
    {
        return Auth::passwordHash(password, flavour == Flavour::Esp32Pbkdf2 ? Auth::PasswordHash::Sha256
                                                                           : Auth::PasswordHash::Md5);
    }

    void addFlavours()
    {
        QTest::addColumn<Flavour>("flavour");
        QTest::newRow("esp32-md5") << Flavour::Esp32Md5;
        QTest::newRow("esp32-pbkdf2") << Flavour::Esp32Pbkdf2;
        QTest::newRow("esp8266") << Flavour::Esp8266;
    }
} // namespace

class TestEspotaDevice final : public QObject
{
    Q_OBJECT

private:
    MemorySink m_sink;
    std::unique_ptr<EspotaDevice> m_device;
    std::unique_ptr<RawHost> m_host;

    EspotaDevice *makeDevice(Flavour flavour)
    {
        m_device = std::make_unique<EspotaDevice>(flavour, &m_sink);
        const auto listening = m_device->listen(DeviceAddress, DevicePort);
        if (!listening)
            qWarning() << listening.error();
        return listening ? m_device.get() : nullptr;
    }

    // Invitation (and authentication), then the accepted connection.
    QTcpSocket *startUpload(const QByteArray &image, const QString &password = {})
    {
        m_host->invite(image);
        if (!password.isEmpty()) {
            const QByteArray challenge = m_host->reply();
            if (!challenge.startsWith("AUTH "))
                return nullptr;
            m_host->answer(challenge.mid(5), storedHash(m_device->flavour(), password), image);
        }
        if (m_host->reply() != "OK") // ESP32 at once, ESP8266 after Update.begin()
            return nullptr;
        return m_host->accept();
    }

private Q_SLOTS:
    void init()
    {
        m_sink = MemorySink();
        m_host = std::make_unique<RawHost>();
    }

    void cleanup()
    {
        m_device.reset();
        m_host.reset();
    }

    void aDeviceWithoutPasswordRepliesOkToAnInvitation_data() { addFlavours(); }
    void aDeviceWithoutPasswordRepliesOkToAnInvitation()
    {
        QFETCH(Flavour, flavour);
        QVERIFY(makeDevice(flavour));
        QSignalSpy started(m_device.get(), &EspotaDevice::updateStarted);
        m_host->invite(imageFor(flavour));
        QCOMPARE(m_host->reply(), "OK"_ba);
        QCOMPARE(started.size(), 1);
        QCOMPARE(m_device->state(), EspotaDevice::State::RunUpdate);
    }

    void aSecondDeviceOnTheSameAddressAndPortIsRefused()
    {
        QVERIFY(makeDevice(Flavour::Esp32Pbkdf2));
        EspotaDevice twin(Flavour::Esp32Pbkdf2, &m_sink);
        const auto listening = twin.listen(DeviceAddress, DevicePort);
        QVERIFY(!listening);
        QVERIFY2(listening.error().contains(u"127.0.0.23:3232"), qPrintable(listening.error()));
    }

    void aPasswordedDeviceChallengesWithTheNonceLengthOfItsScheme_data()
    {
        QTest::addColumn<Flavour>("flavour");
        QTest::addColumn<int>("nonceLength");
        QTest::newRow("esp32-md5: 32") << Flavour::Esp32Md5 << 32;
        QTest::newRow("esp32-pbkdf2: 64") << Flavour::Esp32Pbkdf2 << 64;
        QTest::newRow("esp8266: 32") << Flavour::Esp8266 << 32;
    }
    void aPasswordedDeviceChallengesWithTheNonceLengthOfItsScheme()
    {
        QFETCH(Flavour, flavour);
        QFETCH(int, nonceLength);
        QVERIFY(makeDevice(flavour));
        m_device->setPassword(u"admin"_s);
        m_host->invite(imageFor(flavour));
        const QByteArray challenge = m_host->reply();
        QVERIFY2(challenge.startsWith("AUTH "), challenge.constData());
        QCOMPARE(challenge.size(), 5 + nonceLength);
        QVERIFY(QByteArray::fromHex(challenge.mid(5)).toHex() == challenge.mid(5));
        QCOMPARE(m_device->state(), EspotaDevice::State::WaitAuth);
    }

    void theRightPasswordStartsTheUpdate_data()
    {
        QTest::addColumn<Flavour>("flavour");
        QTest::addColumn<bool>("hashStoredAsMd5");
        QTest::newRow("esp32-md5") << Flavour::Esp32Md5 << false;
        QTest::newRow("esp32-pbkdf2") << Flavour::Esp32Pbkdf2 << false;
        QTest::newRow("esp32-pbkdf2, MD5 hash stored") << Flavour::Esp32Pbkdf2 << true;
        QTest::newRow("esp8266") << Flavour::Esp8266 << false;
    }
    void theRightPasswordStartsTheUpdate()
    {
        QFETCH(Flavour, flavour);
        QFETCH(bool, hashStoredAsMd5);
        QVERIFY(makeDevice(flavour));
        const QByteArray md5Hash = Auth::passwordHash(u"s3cret"_s, Auth::PasswordHash::Md5);
        if (hashStoredAsMd5)
            m_device->setPasswordHash(md5Hash);
        else
            m_device->setPassword(u"s3cret"_s);
        const QByteArray image = imageFor(flavour);
        m_host->invite(image);
        const QByteArray challenge = m_host->reply();
        QVERIFY(challenge.startsWith("AUTH "));
        m_host->answer(challenge.mid(5), hashStoredAsMd5 ? md5Hash : storedHash(flavour, u"s3cret"_s), image);
        QCOMPARE(m_host->reply(), "OK"_ba);
        QCOMPARE(m_device->state(), EspotaDevice::State::RunUpdate);
        QVERIFY(m_host->accept());
    }

    void aWrongPasswordFailsAndTheDeviceReturnsToIdle_data() { addFlavours(); }
    void aWrongPasswordFailsAndTheDeviceReturnsToIdle()
    {
        QFETCH(Flavour, flavour);
        QVERIFY(makeDevice(flavour));
        m_device->setPassword(u"s3cret"_s);
        QSignalSpy failed(m_device.get(), &EspotaDevice::authenticationFailed);
        const QByteArray image = imageFor(flavour);
        m_host->invite(image);
        const QByteArray challenge = m_host->reply();
        m_host->answer(challenge.mid(5), storedHash(flavour, u"wrong"_s), image);
        QCOMPARE(m_host->reply(), "Authentication Failed"_ba);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(m_device->state(), EspotaDevice::State::Idle);
        m_host->invite(image); // a fresh challenge, as espota's MD5 retry expects
        const QByteArray again = m_host->reply();
        QVERIFY(again.startsWith("AUTH "));
        QVERIFY(again != challenge);
    }

    void anMd5HashOnAPbkdf2DeviceRefusesTheSha256Answer()
    {
        QVERIFY(makeDevice(Flavour::Esp32Pbkdf2));
        m_device->setPasswordHash(Auth::passwordHash(u"admin"_s, Auth::PasswordHash::Md5));
        const QByteArray image = esp32Image();
        m_host->invite(image);
        const QByteArray challenge = m_host->reply();
        QCOMPARE(challenge.size(), 5 + 64);
        m_host->answer(challenge.mid(5), Auth::passwordHash(u"admin"_s, Auth::PasswordHash::Sha256), image);
        QCOMPARE(m_host->reply(), "Authentication Failed"_ba);
    }

    void waitAuthDropsAResentInvitationAndReturnsToIdle()
    {
        QVERIFY(makeDevice(Flavour::Esp32Md5));
        m_device->setPassword(u"admin"_s);
        const QByteArray image = esp32Image();
        m_host->invite(image);
        QVERIFY(m_host->reply().startsWith("AUTH "));
        m_host->invite(image); // not "200 ...": dropped, state IDLE
        QCOMPARE(m_host->reply(400), QByteArray());
        QCOMPARE(m_device->state(), EspotaDevice::State::Idle);
        m_host->invite(image);
        QVERIFY(m_host->reply().startsWith("AUTH "));
    }

    void anAuthAnswerWithWrongLengthsIsDropped()
    {
        QVERIFY(makeDevice(Flavour::Esp32Pbkdf2));
        m_device->setPassword(u"admin"_s);
        m_host->invite(esp32Image());
        QVERIFY(m_host->reply().startsWith("AUTH "));
        m_host->send("200 " + QByteArray(32, 'a') + ' ' + QByteArray(32, 'b') + '\n'); // MD5 lengths on a 3.3.1+ device
        QCOMPARE(m_host->reply(400), QByteArray());
        QCOMPARE(m_device->state(), EspotaDevice::State::Idle);
    }

    void badInvitationsAreIgnoredSilently_data()
    {
        QTest::addColumn<QByteArray>("datagram");
        const QByteArray md5(32, 'a');
        QTest::newRow("command 1") << "1 40000 1000 " + md5 + '\n';
        QTest::newRow("command 200 in IDLE") << "200 40000 1000 " + md5 + '\n';
        QTest::newRow("md5 of 31") << "0 40000 1000 " + md5.left(31) + '\n';
        QTest::newRow("md5 of 33") << "0 40000 1000 " + md5 + "a\n";
        QTest::newRow("port 0") << "0 0 1000 " + md5 + '\n';
        QTest::newRow("no numbers") << "hello"_ba;
        QTest::newRow("empty") << QByteArray("");
    }
    void badInvitationsAreIgnoredSilently()
    {
        QFETCH(QByteArray, datagram);
        QVERIFY(makeDevice(Flavour::Esp32Pbkdf2));
        m_host->send(datagram);
        QCOMPARE(m_host->reply(400), QByteArray());
        QCOMPARE(m_device->state(), EspotaDevice::State::Idle);
    }

    void theDeviceConnectsBackFromItsOwnAddress()
    {
        QVERIFY(makeDevice(Flavour::Esp32Pbkdf2));
        QTcpSocket *socket = startUpload(esp32Image());
        QVERIFY(socket);
        QCOMPARE(socket->peerAddress(), DeviceAddress);
    }

    void acksAreDecimalCountsThatSumToTheImageSize_data()
    {
        QTest::addColumn<Flavour>("flavour");
        QTest::addColumn<int>("maxRead");
        QTest::newRow("esp32-md5") << Flavour::Esp32Md5 << 1460;
        QTest::newRow("esp32-pbkdf2") << Flavour::Esp32Pbkdf2 << 1460;
        QTest::newRow("esp8266") << Flavour::Esp8266 << 4096;
    }
    void acksAreDecimalCountsThatSumToTheImageSize()
    {
        QFETCH(Flavour, flavour);
        QFETCH(int, maxRead);
        QVERIFY(makeDevice(flavour));
        m_device->setFlashRate(0);
        QSignalSpy progress(m_device.get(), &EspotaDevice::progress);
        QSignalSpy finished(m_device.get(), &EspotaDevice::updateFinished);
        QSignalSpy restart(m_device.get(), &EspotaDevice::restartRequested);
        const QByteArray image = imageFor(flavour, 20000);
        QTcpSocket *socket = startUpload(image);
        QVERIFY(socket);
        const QByteArray wire = RawHost::pushAndCollect(socket, image);

        QByteArray expected;
        qint64 previous = 0;
        for (const QList<QVariant> &args : std::as_const(progress)) {
            const qint64 count = args.at(0).toLongLong() - previous;
            QVERIFY(count > 0 && count <= maxRead);
            expected += QByteArray::number(count); // no delimiter: they coalesce on the wire
            previous = args.at(0).toLongLong();
        }
        QCOMPARE(previous, image.size());
        QCOMPARE(wire, expected + "OK");
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(m_sink.flash, image);
        QVERIFY(m_sink.finished);
        QTRY_COMPARE_WITH_TIMEOUT(restart.size(), 1, 3000);
        QVERIFY(!m_device->isListening());
    }

    void theFirst16BytesAreWrittenLastAfterTheMd5Check()
    {
        QVERIFY(makeDevice(Flavour::Esp32Pbkdf2));
        const QByteArray image = esp32Image(10000);
        QTcpSocket *socket = startUpload(image);
        QVERIFY(socket);
        RawHost::pushAndCollect(socket, image);
        QVERIFY(m_sink.writeOffsets.size() >= 2);
        QCOMPARE(m_sink.writeOffsets.constFirst(), 16);
        QCOMPARE(m_sink.writeOffsets.constLast(), 0);
    }

    void aFilesystemImageNeedsNoMagicByte()
    {
        QVERIFY(makeDevice(Flavour::Esp32Pbkdf2));
        const QByteArray image(9000, '\x00');
        m_host->invite(image, Command::Filesystem);
        QCOMPARE(m_host->reply(), "OK"_ba);
        QTcpSocket *socket = m_host->accept();
        QVERIFY(socket);
        QVERIFY(RawHost::pushAndCollect(socket, image).endsWith("OK"));
    }

    void aMismatchedMd5EndsWithTheFlavoursErrorLine_data() { addFlavours(); }
    void aMismatchedMd5EndsWithTheFlavoursErrorLine()
    {
        QFETCH(Flavour, flavour);
        QVERIFY(makeDevice(flavour));
        QSignalSpy finished(m_device.get(), &EspotaDevice::updateFinished);
        const QByteArray image = imageFor(flavour);
        const QByteArray claimed(32, 'b');
        m_host->send(Invitation{Command::Flash, m_host->server.serverPort(), image.size(), claimed}.encode());
        QCOMPARE(m_host->reply(), "OK"_ba);
        QTcpSocket *socket = m_host->accept();
        QVERIFY(socket);
        const QByteArray wire = RawHost::pushAndCollect(socket, image);
        const QByteArray line = flavour == Flavour::Esp8266
            ? "ERROR[7]: MD5 verification failed: expected: " + claimed + ", calculated: " + Auth::md5Hex(image) + '\n'
            : "MD5 Check Failed\r\n"_ba;
        QVERIFY2(wire.endsWith(line), wire.constData());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(!m_sink.finished);
        QCOMPARE(m_device->state(), EspotaDevice::State::Idle);
    }

    void anEsp32WithAWrongMagicByteStopsAckingAndGivesUpAfterItsTimeout()
    {
        QVERIFY(makeDevice(Flavour::Esp32Pbkdf2));
        QSignalSpy finished(m_device.get(), &EspotaDevice::updateFinished);
        QByteArray image = esp32Image(10000);
        image[0] = '\x00';
        QTcpSocket *socket = startUpload(image);
        QVERIFY(socket);
        QElapsedTimer clock;
        clock.start();
        const QByteArray wire = RawHost::pushAndCollect(socket, image);
        // Update.write() buffers a 4096-byte sector; the magic byte is checked
        // when it is flushed: acks stop there, no error text reaches the host.
        QVERIFY(!wire.contains("Magic"));
        QVERIFY(!wire.endsWith("OK"));
        QVERIFY(clock.elapsed() >= 900);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(1).toString(), u"Receive Failed: Wrong Magic Byte"_s);
    }

    void anEsp8266AcceptsAGzipMagicByte()
    {
        QVERIFY(makeDevice(Flavour::Esp8266));
        QByteArray image = TestSupport::buildEsp8266Image();
        image[0] = '\x1F';
        QTcpSocket *socket = startUpload(image);
        QVERIFY(socket);
        QVERIFY(RawHost::pushAndCollect(socket, image).endsWith("OK"));
    }

    void anEsp8266WithAWrongMagicByteWaitsForTheHostToGiveUp()
    {
        QVERIFY(makeDevice(Flavour::Esp8266));
        QSignalSpy finished(m_device.get(), &EspotaDevice::updateFinished);
        QByteArray image = TestSupport::buildEsp8266Image();
        image[0] = '\x00';
        QTcpSocket *socket = startUpload(image);
        QVERIFY(socket);
        socket->write(image);
        QTest::qWait(1500);
        QCOMPARE(finished.size(), 0); // no receive timeout while connected
        socket->disconnectFromHost();
        QVERIFY(finished.wait(2000));
        QCOMPARE(finished.at(0).at(1).toString(), u"Magic byte is not 0xE9"_s);
    }

    void anEsp8266RefusesAnImageTooLargeOverUdp()
    {
        QVERIFY(makeDevice(Flavour::Esp8266));
        m_sink.capacityBytes = 1024;
        m_host->invite(TestSupport::buildEsp8266Image());
        QCOMPARE(m_host->reply(), "ERR: ERROR[4]: Not Enough Space\n"_ba);
        QCOMPARE(m_device->state(), EspotaDevice::State::Idle);
        QVERIFY(!m_host->accept(500));
    }

    void anEsp32SaysOkThenNeverConnectsWhenTheImageIsTooLarge()
    {
        QVERIFY(makeDevice(Flavour::Esp32Pbkdf2));
        m_sink.capacityBytes = 1024;
        QSignalSpy finished(m_device.get(), &EspotaDevice::updateFinished);
        m_host->invite(esp32Image(4000));
        QCOMPARE(m_host->reply(), "OK"_ba); // before Update.begin()
        QVERIFY(!m_host->accept(800));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(1).toString(), u"Bad Size Given"_s);
        QCOMPARE(m_device->state(), EspotaDevice::State::Idle);
    }

    void anEsp32ResendsItsLastAckThreeTimesThenReportsReceiveFailed()
    {
        QVERIFY(makeDevice(Flavour::Esp32Pbkdf2));
        m_device->setFlashRate(0);
        QSignalSpy finished(m_device.get(), &EspotaDevice::updateFinished);
        const QByteArray image = esp32Image(20000);
        QTcpSocket *socket = startUpload(image);
        QVERIFY(socket);
        QElapsedTimer clock;
        clock.start();
        const QByteArray wire = RawHost::pushAndCollect(socket, image.left(1000));
        QCOMPARE(wire, "1000100010001000"_ba);
        QVERIFY2(clock.elapsed() >= 3800, QByteArray::number(clock.elapsed()).constData());
        QCOMPARE(finished.at(0).at(1).toString(), u"Receive Failed"_s);
        QVERIFY(m_sink.aborted);
    }

    void dropAtPercentResetsTheConnectionPartWay()
    {
        QVERIFY(makeDevice(Flavour::Esp32Pbkdf2));
        DeviceFaults faults;
        faults.dropAtPercent = 30;
        m_device->setFaults(faults);
        m_device->setFlashRate(0);
        QSignalSpy progress(m_device.get(), &EspotaDevice::progress);
        QSignalSpy finished(m_device.get(), &EspotaDevice::updateFinished);
        const QByteArray image = esp32Image(40000);
        QTcpSocket *socket = startUpload(image);
        QVERIFY(socket);
        const QByteArray wire = RawHost::pushAndCollect(socket, image);
        QVERIFY(!wire.endsWith("OK"));
        const qint64 received = progress.constLast().at(0).toLongLong();
        QVERIFY(received * 100 >= image.size() * 30);
        QVERIFY(received < image.size());
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(m_device->state(), EspotaDevice::State::Idle);
    }

    void neverConnectBackLeavesTheHostWaiting()
    {
        QVERIFY(makeDevice(Flavour::Esp32Pbkdf2));
        DeviceFaults faults;
        faults.neverConnectBack = true;
        m_device->setFaults(faults);
        QSignalSpy finished(m_device.get(), &EspotaDevice::updateFinished);
        m_host->invite(esp32Image());
        QCOMPARE(m_host->reply(), "OK"_ba);
        QVERIFY(!m_host->accept(1000));
        QVERIFY(finished.wait(DeviceTransfer::ConnectTimeoutMs + 1000));
        QCOMPARE(finished.at(0).at(1).toString(), u"Connect Failed"_s);
    }

    void withholdFinalOkClosesAfterTheLastAckAndStillRestarts()
    {
        QVERIFY(makeDevice(Flavour::Esp32Pbkdf2));
        DeviceFaults faults;
        faults.withholdFinalOk = true;
        m_device->setFaults(faults);
        QSignalSpy restart(m_device.get(), &EspotaDevice::restartRequested);
        const QByteArray image = esp32Image(5000);
        QTcpSocket *socket = startUpload(image);
        QVERIFY(socket);
        const QByteArray wire = RawHost::pushAndCollect(socket, image);
        QVERIFY(!wire.isEmpty());
        QVERIFY(!wire.contains("OK"));
        QTRY_COMPARE_WITH_TIMEOUT(restart.size(), 1, 2000);
        QVERIFY(m_sink.finished);
    }

    void anEsp8266SendsOkASecondAfterTheLastAck()
    {
        QVERIFY(makeDevice(Flavour::Esp8266));
        m_device->setFlashRate(0);
        const QByteArray image = TestSupport::buildEsp8266Image();
        QTcpSocket *socket = startUpload(image);
        QVERIFY(socket);
        socket->write(image);
        QElapsedTimer clock;
        QByteArray wire;
        QVERIFY(QTest::qWaitFor([&] {
            wire += socket->readAll();
            if (!clock.isValid() && !wire.isEmpty())
                clock.start();
            return wire.endsWith("OK");
        }, 5000));
        QVERIFY2(clock.elapsed() >= 900, QByteArray::number(clock.elapsed()).constData());
    }

    void theLinkDelayIsAppliedBothWays()
    {
        QVERIFY(makeDevice(Flavour::Esp32Pbkdf2));
        m_device->setLinkDelay(150);
        QElapsedTimer clock;
        clock.start();
        m_host->invite(esp32Image());
        QCOMPARE(m_host->reply(), "OK"_ba);
        const qint64 roundTrip = clock.elapsed();
        QVERIFY2(roundTrip >= 290 && roundTrip < 800, QByteArray::number(roundTrip).constData());
    }

    void theFlashRatePacesTheTransfer()
    {
        QVERIFY(makeDevice(Flavour::Esp32Pbkdf2));
        m_device->setFlashRate(400000);
        const QByteArray image = esp32Image(200000);
        QTcpSocket *socket = startUpload(image);
        QVERIFY(socket);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(RawHost::pushAndCollect(socket, image).endsWith("OK"));
        QVERIFY2(clock.elapsed() >= 450, QByteArray::number(clock.elapsed()).constData());
        QVERIFY2(clock.elapsed() < 3000, QByteArray::number(clock.elapsed()).constData());
    }

    void backpressureHoldsTheImageInTheHostsSendBuffer()
    {
        QVERIFY(makeDevice(Flavour::Esp32Pbkdf2));
        m_device->setFlashRate(100000);
        const QByteArray image = esp32Image(400000);
        QTcpSocket *socket = startUpload(image);
        QVERIFY(socket);
        socket->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, 16384);
        socket->write(image);
        QTest::qWait(500);
        // After 0.5 s at 100 KB/s the device took ~50 KB and buffers no more
        // than a device would: the rest still waits on the host.
        QVERIFY2(socket->bytesToWrite() > 100000, QByteArray::number(socket->bytesToWrite()).constData());
    }
};

QTEST_GUILESS_MAIN(TestEspotaDevice)
#include "tst_espotadevice.moc"
