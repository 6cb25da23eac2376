// The device side of ESPHome native OTA against a raw client written from
// PROTOCOLS.md 2.3, byte by byte, over real sockets on 127.0.5.x.
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include "esphome/esphomedevice.h"
#include "esphome/esphomegzip.h"
#include "esphome/esphomewire.h"

using namespace Esphome;
using namespace Qt::Literals::StringLiterals;

namespace
{
    const QHostAddress DeviceAddress(u"127.0.5.1"_s);
    constexpr quint16 DevicePort = 3232;
    constexpr int WaitMs = 5000;

    // Flash in memory.
    class MemorySink final : public Espota::UpdateSink
    {
    public:
        qint64 capacityBytes = 0x1E0000;
        QByteArray flash = QByteArrayLiteral("old image");
        QByteArray pending;
        bool aborted = false;

        std::optional<qint64> capacity(Espota::Command) const override { return capacityBytes; }
        std::optional<Espota::UpdateError> begin(Espota::Command, qint64 size) override
        {
            pending = QByteArray(size, '\xFF');
            aborted = false;
            return std::nullopt;
        }
        std::optional<Espota::UpdateError> write(qint64 offset, QByteArrayView data) override
        {
            pending.replace(offset, data.size(), data.toByteArray());
            return std::nullopt;
        }
        std::optional<Espota::UpdateError> finish() override
        {
            flash = pending;
            return std::nullopt;
        }
        void abort() override { aborted = true; }
    };

    QByteArray image(int size)
    {
        QByteArray out(size, Qt::Uninitialized);
        for (int i = 0; i < size; ++i)
            out[i] = char((i * 7 + i / 251) & 0xFF);
        return out;
    }

    QByteArray byte(quint8 value)
    {
        return QByteArray(1, char(value));
    }

    // The client, one step at a time, as espota2.py does it.
    class RawClient
    {
    public:
        QTcpSocket socket;

        bool connectToDevice()
        {
            socket.connectToHost(DeviceAddress, DevicePort);
            return socket.waitForConnected(WaitMs);
        }
        void send(const QByteArray &data)
        {
            socket.write(data);
            socket.flush();
        }
        // Exactly n bytes, or fewer when the device closed or went quiet.
        QByteArray read(qsizetype n, int timeoutMs = WaitMs)
        {
            (void)QTest::qWaitFor([&] { return socket.bytesAvailable() >= n || socket.state() != QAbstractSocket::ConnectedState; },
                            timeoutMs);
            return socket.read(n);
        }
        bool closedByDevice(int timeoutMs = WaitMs)
        {
            return QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
        }
        // Magic, version, features: the feature answer.
        QByteArray hello(quint8 features, quint8 expectedVersion = 2)
        {
            send(QByteArray(magic().data(), magic().size()));
            const QByteArray version = read(2);
            if (version != byte(0) + byte(expectedVersion))
                return "version " + version.toHex();
            send(byte(features));
            const QByteArray answer = read(1);
            if (answer == byte(0x48))
                return answer + read(1);
            return answer;
        }
        // Answers a challenge: the byte after it (41 or 82).
        QByteArray answerChallenge(const QByteArray &password)
        {
            const QByteArray type = read(1);
            if (type == byte(0x41) || type.isEmpty() || type == byte(0x82))
                return type;
            const AuthAlgorithm algorithm = type == byte(0x01) ? AuthAlgorithm::Md5 : AuthAlgorithm::Sha256;
            const QByteArray nonce = read(nonceLength(algorithm));
            const QByteArray cnonce = QByteArray(nonceLength(algorithm), 'c');
            send(cnonce + authResponse(algorithm, password, nonce, cnonce));
            return read(1);
        }
        // Size and MD5: the answer to the size (42 or an error), then 43.
        QByteArray header(const QByteArray &upload, const QByteArray &md5Hex = {})
        {
            const quint32 size = quint32(upload.size());
            send(byte(quint8(size >> 24)) + byte(quint8(size >> 16)) + byte(quint8(size >> 8)) + byte(quint8(size)));
            const QByteArray prepared = read(1);
            if (prepared != byte(0x42))
                return prepared;
            send(md5Hex.isEmpty() ? QCryptographicHash::hash(upload, QCryptographicHash::Md5).toHex() : md5Hex);
            return prepared + read(1);
        }
        // The data in 8 KiB blocks, waiting for a CHUNK_OK after each with
        // version 2; returns how many acks came and what followed.
        QByteArray upload(const QByteArray &data, bool version2, int *chunkAcks)
        {
            *chunkAcks = 0;
            for (qsizetype offset = 0; offset < data.size(); offset += ChunkBytes) {
                send(data.mid(offset, ChunkBytes));
                if (version2) {
                    const QByteArray ack = read(1);
                    if (ack != byte(0x47))
                        return ack;
                    ++*chunkAcks;
                }
            }
            return read(1); // 44
        }
    };
} // namespace

class TestEsphomeDevice final : public QObject
{
    Q_OBJECT

private:
    MemorySink m_sink;
    std::unique_ptr<OtaDevice> m_device;
    std::unique_ptr<RawClient> m_client;

    void startDevice(const DeviceBehaviour &behaviour)
    {
        m_device->setBehaviour(behaviour);
        auto listening = m_device->listen(DeviceAddress, DevicePort);
        QVERIFY2(listening.hasValue(), qPrintable(listening ? QString() : listening.error()));
        QVERIFY(m_client->connectToDevice());
    }

    // A whole update with the client's features; returns the bytes after the data.
    void fullUpdate(const QByteArray &data, quint8 features, const QByteArray &password, int *acks, bool version2)
    {
        const QByteArray hello = m_client->hello(features, version2 ? 2 : 1);
        QVERIFY(!hello.isEmpty() && !isError(quint8(hello.at(0))));
        QCOMPARE(m_client->answerChallenge(password), byte(0x41));
        if (hello.startsWith(byte(0x48)))
            m_client->send(byte(OtaTypeApp));
        QCOMPARE(m_client->header(data), byte(0x42) + byte(0x43));
        QCOMPARE(m_client->upload(data, version2, acks), byte(0x44));
        QCOMPARE(m_client->read(1), byte(0x45));
        m_client->send(byte(0x00));
    }

    // Hello without auth, then size and MD5: the device waits for data.
    void toDataPhase(const QByteArray &upload, quint8 features = 0x03, const QByteArray &md5Hex = {})
    {
        QVERIFY(!m_client->hello(features).isEmpty());
        QCOMPARE(m_client->read(1), byte(0x41));
        QCOMPARE(m_client->header(upload, md5Hex), byte(0x42) + byte(0x43));
    }

private Q_SLOTS:
    void init()
    {
        m_sink = MemorySink();
        m_device = std::make_unique<OtaDevice>(&m_sink);
        m_client = std::make_unique<RawClient>();
    }

    void cleanup()
    {
        m_client.reset();
        m_device.reset();
    }

    void versions_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("expectedAcks");
        QTest::newRow("v1") << 1 << 20000 << 0;
        QTest::newRow("v2 partial last block") << 2 << 20000 << 3;
        QTest::newRow("v2 whole blocks") << 2 << 16384 << 2;
    }
    void versions()
    {
        QFETCH(int, version);
        QFETCH(int, size);
        QFETCH(int, expectedAcks);
        DeviceBehaviour behaviour;
        behaviour.protocolVersion = quint8(version);
        behaviour.flashBytesPerSecond = 0;
        startDevice(behaviour);
        QSignalSpy restart(m_device.get(), &OtaDevice::restartRequested);
        QSignalSpy finished(m_device.get(), &OtaDevice::updateFinished);
        const QByteArray data = image(size);
        int acks = -1;
        fullUpdate(data, 0x07, {}, &acks, version == 2);
        QCOMPARE(acks, expectedAcks);
        QTRY_COMPARE(restart.size(), 1);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(m_sink.flash, data);
        QVERIFY(m_client->closedByDevice());
    }

    void featureAnswers_data()
    {
        QTest::addColumn<int>("features");
        QTest::addColumn<bool>("compression");
        QTest::addColumn<bool>("extended");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("2024 client, ESP32") << 0x01 << false << true << QByteArray("\x40", 1);
        QTest::newRow("2024 client, ESP8266") << 0x01 << true << true << QByteArray("\x46", 1);
        QTest::newRow("current client, extended ESP32") << 0x07 << false << true << QByteArray("\x48\x00", 2);
        QTest::newRow("current client, extended ESP8266") << 0x07 << true << true << QByteArray("\x48\x01", 2);
        QTest::newRow("current client, old ESP8266") << 0x07 << true << false << QByteArray("\x46", 1);
        QTest::newRow("current client, old ESP32") << 0x07 << false << false << QByteArray("\x40", 1);
        QTest::newRow("sha256 only") << 0x02 << true << true << QByteArray("\x40", 1);
    }
    void featureAnswers()
    {
        QFETCH(int, features);
        QFETCH(bool, compression);
        QFETCH(bool, extended);
        QFETCH(QByteArray, expected);
        DeviceBehaviour behaviour;
        behaviour.supportsCompression = compression;
        behaviour.understandsExtendedProtocol = extended;
        startDevice(behaviour);
        QCOMPARE(m_client->hello(quint8(features)), expected);
        QCOMPARE(m_client->read(1), byte(0x41)); // no password
    }

    void authentication_data()
    {
        QTest::addColumn<AuthMode>("mode");
        QTest::addColumn<int>("features");
        QTest::addColumn<QByteArray>("challenge");
        QTest::newRow("md5-only device, current client") << AuthMode::Md5Only << 0x07 << byte(0x01);
        QTest::newRow("transitional, current client") << AuthMode::Transitional << 0x07 << byte(0x02);
        QTest::newRow("transitional, 2024 client") << AuthMode::Transitional << 0x01 << byte(0x01);
        QTest::newRow("sha256 required, current client") << AuthMode::Sha256Required << 0x07 << byte(0x02);
        QTest::newRow("sha256 required, 2024 client") << AuthMode::Sha256Required << 0x01 << byte(0x82);
    }
    void authentication()
    {
        QFETCH(AuthMode, mode);
        QFETCH(int, features);
        QFETCH(QByteArray, challenge);
        DeviceBehaviour behaviour;
        behaviour.auth = mode;
        behaviour.password = u"s3cret"_s;
        behaviour.understandsExtendedProtocol = false;
        startDevice(behaviour);
        QSignalSpy failed(m_device.get(), &OtaDevice::authenticationFailed);
        QVERIFY(!m_client->hello(quint8(features)).isEmpty());
        const QByteArray type = m_client->read(1);
        QCOMPARE(type, challenge);
        if (challenge == byte(0x82)) {
            QVERIFY(m_client->closedByDevice());
            QCOMPARE(failed.size(), 1);
            return;
        }
        const AuthAlgorithm algorithm = type == byte(0x01) ? AuthAlgorithm::Md5 : AuthAlgorithm::Sha256;
        const QByteArray nonce = m_client->read(nonceLength(algorithm));
        QCOMPARE(nonce.size(), nonceLength(algorithm));
        QVERIFY(QByteArray::fromHex(nonce).toHex() == nonce);
        const QByteArray cnonce(nonceLength(algorithm), 'e');
        m_client->send(cnonce + authResponse(algorithm, "s3cret", nonce, cnonce));
        QCOMPARE(m_client->read(1), byte(0x41));
        QCOMPARE(failed.size(), 0);
    }

    void wrongPassword()
    {
        DeviceBehaviour behaviour;
        behaviour.password = u"s3cret"_s;
        startDevice(behaviour);
        QSignalSpy failed(m_device.get(), &OtaDevice::authenticationFailed);
        QCOMPARE(m_client->hello(0x03), byte(0x40));
        QCOMPARE(m_client->answerChallenge("wrong"), byte(0x82));
        QVERIFY(m_client->closedByDevice());
        QCOMPARE(failed.size(), 1);
    }

    void wrongMagic()
    {
        startDevice({});
        m_client->send(QByteArray("\x6C\x26\xF7\x5C\x46", 5));
        QCOMPARE(m_client->read(1), byte(0x80));
        QVERIFY(m_client->closedByDevice());
    }

    void forcedErrors_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("step");
        for (int c : {0x81, 0x85, 0x86, 0x87, 0x8A})
            QTest::addRow("0x%x at begin", c) << c << u"size"_s;
        QTest::addRow("0x83 while writing") << 0x83 << u"data"_s;
        for (int c : {0x84, 0x8B, 0x8D})
            QTest::addRow("0x%x at end", c) << c << u"end"_s;
    }
    void forcedErrors()
    {
        QFETCH(int, code);
        QFETCH(QString, step);
        DeviceBehaviour behaviour;
        behaviour.failWith = quint8(code);
        behaviour.flashBytesPerSecond = 0;
        startDevice(behaviour);
        QSignalSpy finished(m_device.get(), &OtaDevice::updateFinished);
        const QByteArray data = image(12000);
        QCOMPARE(m_client->hello(0x03), byte(0x40));
        QCOMPARE(m_client->read(1), byte(0x41));
        const QByteArray header = m_client->header(data);
        if (step == u"size"_s) {
            QCOMPARE(header, byte(quint8(code)));
        } else {
            QCOMPARE(header, byte(0x42) + byte(0x43));
            m_client->send(data);
            QByteArray answers;
            (void)QTest::qWaitFor([&] {
                answers += m_client->socket.readAll();
                return m_client->socket.state() == QAbstractSocket::UnconnectedState;
            }, WaitMs);
            answers += m_client->socket.readAll();
            QVERIFY2(answers.endsWith(byte(quint8(code))), answers.toHex().constData());
            if (step == u"end"_s)
                QVERIFY(answers.contains(byte(0x44)));
        }
        QVERIFY(m_client->closedByDevice());
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(finished.at(0).at(1).value<quint8>(), quint8(code));
        QCOMPARE(m_sink.flash, QByteArray("old image"));
    }

    void tooLarge_data()
    {
        QTest::addColumn<Platform>("platform");
        QTest::addColumn<int>("expected");
        QTest::newRow("ESP32") << Platform::Esp32 << 0x89;
        QTest::newRow("ESP8266") << Platform::Esp8266 << 0x88;
    }
    void tooLarge()
    {
        QFETCH(Platform, platform);
        QFETCH(int, expected);
        DeviceBehaviour behaviour;
        behaviour.platform = platform;
        behaviour.partitionSize = 10000;
        startDevice(behaviour);
        QCOMPARE(m_client->hello(0x03), byte(0x40));
        QCOMPARE(m_client->read(1), byte(0x41));
        QCOMPARE(m_client->header(image(10001)), byte(quint8(expected)));
        QVERIFY(m_client->closedByDevice());
    }

    void md5Mismatch()
    {
        DeviceBehaviour behaviour;
        behaviour.flashBytesPerSecond = 0;
        startDevice(behaviour);
        const QByteArray data = image(9000);
        toDataPhase(data, 0x03, QByteArray(32, '0'));
        int acks = 0;
        QCOMPARE(m_client->upload(data, true, &acks), byte(0x44));
        QCOMPARE(m_client->read(1), byte(0x8B));
        QVERIFY(m_client->closedByDevice());
        QVERIFY(m_sink.aborted);
        QCOMPARE(m_sink.flash, QByteArray("old image"));
    }

    // ESP8266: size and MD5 are of the gzip bytes, the flash gets the image.
    void compressedUpload()
    {
        DeviceBehaviour behaviour;
        behaviour.platform = Platform::Esp8266;
        behaviour.supportsCompression = true;
        behaviour.understandsExtendedProtocol = false;
        behaviour.flashBytesPerSecond = 0;
        startDevice(behaviour);
        QSignalSpy started(m_device.get(), &OtaDevice::updateStarted);
        const QByteArray data = image(50000);
        const QByteArray packed = gzip(data);
        QVERIFY(!packed.isEmpty() && packed.size() < data.size());
        QCOMPARE(m_client->hello(0x07), byte(0x46));
        QCOMPARE(m_client->read(1), byte(0x41));
        QCOMPARE(m_client->header(packed), byte(0x42) + byte(0x43));
        int acks = 0;
        QCOMPARE(m_client->upload(packed, true, &acks), byte(0x44));
        QCOMPARE(m_client->read(1), byte(0x45));
        m_client->send(byte(0x00));
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.at(0).at(0).toLongLong(), qint64(packed.size()));
        QTRY_COMPARE(m_sink.flash, data);
    }

    void damagedGzip()
    {
        DeviceBehaviour behaviour;
        behaviour.supportsCompression = true;
        behaviour.flashBytesPerSecond = 0;
        startDevice(behaviour);
        QByteArray packed = gzip(image(30000));
        packed.truncate(packed.size() - 100);
        toDataPhase(packed, 0x01);
        int acks = 0;
        QCOMPARE(m_client->upload(packed, true, &acks), byte(0x44));
        QCOMPARE(m_client->read(1), byte(0x84));
        QCOMPARE(m_sink.flash, QByteArray("old image"));
    }

    void connectionLostKeepsOldImage()
    {
        DeviceBehaviour behaviour;
        behaviour.dropAtPercent = 50;
        behaviour.flashBytesPerSecond = 0;
        startDevice(behaviour);
        QSignalSpy finished(m_device.get(), &OtaDevice::updateFinished);
        const QByteArray data = image(40000);
        toDataPhase(data);
        m_client->send(data);
        QVERIFY(m_client->closedByDevice());
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(1).value<quint8>(), quint8(0));
        QVERIFY(m_sink.aborted);
        QCOMPARE(m_sink.flash, QByteArray("old image"));
        // The device takes the next client.
        RawClient next;
        QVERIFY(next.connectToDevice());
        QCOMPARE(next.hello(0x03), byte(0x40));
    }

    void clientGoneMidTransfer()
    {
        DeviceBehaviour behaviour;
        behaviour.flashBytesPerSecond = 0;
        startDevice(behaviour);
        QSignalSpy finished(m_device.get(), &OtaDevice::updateFinished);
        const QByteArray data = image(40000);
        toDataPhase(data);
        m_client->send(data.left(10000));
        QTest::qWait(100);
        m_client->socket.abort();
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(m_sink.aborted);
        QCOMPARE(m_sink.flash, QByteArray("old image"));
    }

    void secondClientWhileBusy()
    {
        startDevice({});
        QCOMPARE(m_client->hello(0x03), byte(0x40));
        RawClient second;
        second.socket.connectToHost(DeviceAddress, DevicePort);
        QVERIFY(second.closedByDevice());
        QCOMPARE(m_client->read(1), byte(0x41)); // the first goes on
    }

    void handshakeTimeout()
    {
        m_device->setHandshakeTimeout(200);
        startDevice({});
        QSignalSpy finished(m_device.get(), &OtaDevice::updateFinished);
        m_client->send(QByteArray(magic().data(), 3));
        QVERIFY(m_client->closedByDevice(2000));
    }

    void dataTimeout()
    {
        m_device->setDataTimeout(300);
        DeviceBehaviour behaviour;
        behaviour.flashBytesPerSecond = 0;
        startDevice(behaviour);
        QSignalSpy finished(m_device.get(), &OtaDevice::updateFinished);
        const QByteArray data = image(20000);
        toDataPhase(data);
        m_client->send(data.left(5000));
        QVERIFY(m_client->closedByDevice(3000));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(m_sink.flash, QByteArray("old image"));
    }

    // The flash model: 64 KiB at 200 KB/s takes about 0.33 s.
    void flashPacing()
    {
        DeviceBehaviour behaviour;
        behaviour.flashBytesPerSecond = 200000;
        startDevice(behaviour);
        QElapsedTimer clock;
        clock.start();
        int acks = 0;
        fullUpdate(image(65536), 0x03, {}, &acks, true);
        QVERIFY2(clock.elapsed() >= 300, qPrintable(QString::number(clock.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestEsphomeDevice)
#include "tst_esphomedevice.moc"
