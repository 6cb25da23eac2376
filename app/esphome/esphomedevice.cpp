#include "esphomedevice.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>

#include "esphomegzip.h"
#include "esphomewire.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    Q_LOGGING_CATEGORY(lcEsphomeDevice, "ota.esphome.device", QtInfoMsg)
}

namespace Esphome
{
    namespace
    {
        quint8 code(Response response)
        {
            return static_cast<quint8>(response);
        }

        QByteArray bytes(std::initializer_list<quint8> values)
        {
            QByteArray out;
            for (quint8 value : values)
                out.append(char(value));
            return out;
        }

        // Codes belonging to begin(size), to the flash writes and to end().
        bool isPrepareError(quint8 c)
        {
            return c == 0x81 || c == 0x85 || c == 0x86 || c == 0x87 || c == 0x88 || c == 0x89 || c == 0x8A
                || c == 0x8C;
        }
    } // namespace

    OtaDevice::OtaDevice(Espota::UpdateSink *sink, QObject *parent) : QObject(parent), m_sink(sink), m_outbound(this)
    {
        m_handshakeTimer.setSingleShot(true);
        m_dataTimer.setSingleShot(true);
        m_paceTimer.setSingleShot(true);
        m_paceTimer.setTimerType(Qt::PreciseTimer);
        connect(&m_handshakeTimer, &QTimer::timeout, this, &OtaDevice::onHandshakeTimeout);
        connect(&m_dataTimer, &QTimer::timeout, this, &OtaDevice::onDataTimeout);
        connect(&m_paceTimer, &QTimer::timeout, this, &OtaDevice::step);
        m_clock.start();
    }

    OtaDevice::~OtaDevice()
    {
        powerOff();
    }

    void OtaDevice::setBehaviour(const DeviceBehaviour &behaviour)
    {
        m_behaviour = behaviour;
    }

    void OtaDevice::setHandshakeTimeout(int milliseconds)
    {
        m_handshakeTimeoutMs = milliseconds;
    }

    void OtaDevice::setDataTimeout(int milliseconds)
    {
        m_dataTimeoutMs = milliseconds;
    }

    bool OtaDevice::isListening() const
    {
        return m_server && m_server->isListening();
    }

    Result<bool, QString> OtaDevice::listen(const QHostAddress &address, quint16 port)
    {
        powerOff();
        auto *server = new QTcpServer(this);
        server->setMaxPendingConnections(1);
        if (!server->listen(address, port)) {
            const QString error = u"%1:%2: %3"_s.arg(address.toString()).arg(port).arg(server->errorString());
            delete server;
            return error;
        }
        m_server = server;
        m_address = address;
        m_port = server->serverPort();
        connect(server, &QTcpServer::newConnection, this, &OtaDevice::onNewConnection);
        qCDebug(lcEsphomeDevice) << "listening on" << address.toString() << m_port;
        return true;
    }

    void OtaDevice::powerOff()
    {
        ++m_generation;
        m_outbound.clear();
        m_handshakeTimer.stop();
        m_dataTimer.stop();
        m_paceTimer.stop();
        if (m_client) {
            QTcpSocket *client = m_client;
            m_client = nullptr;
            client->disconnect(this);
            client->abort();
            client->deleteLater();
            if (m_sinkStarted)
                m_sink->abort();
            m_sinkStarted = false;
        }
        delete m_server;
        m_server = nullptr;
    }

    void OtaDevice::onNewConnection()
    {
        while (m_server && m_server->hasPendingConnections()) {
            QTcpSocket *socket = m_server->nextPendingConnection();
            if (m_client) {
                // One client at a time: the real device's backlog is 1 and it
                // does not accept while an update runs.
                qCDebug(lcEsphomeDevice) << "busy, closing a second connection from" << socket->peerAddress().toString();
                socket->abort();
                socket->deleteLater();
                continue;
            }
            ++m_generation;
            m_client = socket;
            m_session = m_behaviour;
            m_outbound.setDelay(m_session.linkDelayMs);
            m_phase = Phase::ReadMagic;
            m_buffer.clear();
            m_clientFeatures = 0;
            m_compressed = false;
            m_extended = false;
            m_nonce.clear();
            m_size = 0;
            m_received = 0;
            m_pacedUntilUs = 0;
            m_expectedMd5.clear();
            m_md5.reset();
            m_upload.clear();
            m_sinkStarted = false;
            m_finishedSignalled = false;
            // Bounded reads: the flash pace reaches the sender as TCP backpressure.
            socket->setReadBufferSize(ReadSize * 8);
            connect(socket, &QTcpSocket::readyRead, this, &OtaDevice::onReadyRead);
            connect(socket, &QTcpSocket::disconnected, this, &OtaDevice::onDisconnected);
            m_handshakeTimer.start(m_handshakeTimeoutMs);
            Q_EMIT clientConnected(socket->peerAddress());
            step();
        }
    }

    void OtaDevice::onReadyRead()
    {
        step();
    }

    // Runs the state machine on what has arrived; in the data phase it takes
    // at most ReadSize bytes a step, paced by the flash rate.
    void OtaDevice::step()
    {
        while (m_client && m_phase != Phase::Done) {
            if (m_phase == Phase::Data) {
                if (!handleData())
                    return;
                continue;
            }
            m_buffer.append(m_client->readAll());
            bool progressed = false;
            switch (m_phase) {
            case Phase::ReadMagic: progressed = handleMagic(); break;
            case Phase::Feature: progressed = handleFeature(); break;
            case Phase::AuthAnswer: progressed = handleAuthAnswer(); break;
            case Phase::OtaType: progressed = handleOtaType(); break;
            case Phase::Size: progressed = handleSize(); break;
            case Phase::Md5: progressed = handleMd5(); break;
            case Phase::FinalAck: progressed = handleFinalAck(); break;
            case Phase::Data:
            case Phase::Done: break;
            }
            if (!progressed)
                return;
        }
    }

    bool OtaDevice::handleMagic()
    {
        if (m_buffer.size() < qsizetype(sizeof Magic))
            return false;
        const QByteArray received = m_buffer.left(sizeof Magic);
        m_buffer.remove(0, sizeof Magic);
        if (QByteArrayView(received) != magic()) {
            failWith(code(Response::ErrorMagic), u"wrong magic %1"_s.arg(QString::fromLatin1(received.toHex())));
            return false;
        }
        send(bytes({code(Response::Ok), m_session.protocolVersion}));
        m_phase = Phase::Feature;
        return true;
    }

    bool OtaDevice::handleFeature()
    {
        if (m_buffer.isEmpty())
            return false;
        m_clientFeatures = quint8(m_buffer.at(0));
        m_buffer.remove(0, 1);
        const bool wantsCompression = m_clientFeatures & FeatureCompression;
        m_compressed = wantsCompression && m_session.supportsCompression;
        if ((m_clientFeatures & FeatureExtendedProtocol) && m_session.understandsExtendedProtocol) {
            m_extended = true;
            send(bytes({code(Response::FeatureFlags),
                        quint8(m_session.supportsCompression ? ServerFeatureCompression : 0)}));
        } else {
            send(bytes({m_compressed ? code(Response::SupportsCompression) : code(Response::HeaderOk)}));
        }

        if (m_session.password.isEmpty()) {
            send(bytes({code(Response::AuthOk)}));
            afterAuth();
            return true;
        }
        const bool offersSha256 = m_clientFeatures & FeatureSha256Auth;
        AuthAlgorithm algorithm = AuthAlgorithm::Md5;
        switch (m_session.auth) {
        case AuthMode::Md5Only: algorithm = AuthAlgorithm::Md5; break;
        case AuthMode::Transitional:
            algorithm = offersSha256 ? AuthAlgorithm::Sha256 : AuthAlgorithm::Md5;
            break;
        case AuthMode::Sha256Required:
            if (!offersSha256) {
                Q_EMIT authenticationFailed();
                failWith(code(Response::ErrorAuthInvalid), u"SHA256 required: the client offered MD5 only"_s);
                return false;
            }
            algorithm = AuthAlgorithm::Sha256;
            break;
        }
        m_authAlgorithm = algorithm;
        // As the current device: digest_size/4 random bytes, hashed, hex.
        const qsizetype randomBytes = nonceLength(algorithm) / 8;
        QByteArray random(randomBytes, Qt::Uninitialized);
        for (qsizetype i = 0; i < randomBytes; ++i)
            random[i] = char(QRandomGenerator::global()->bounded(256));
        m_nonce = QCryptographicHash::hash(random, algorithm == AuthAlgorithm::Md5 ? QCryptographicHash::Md5
                                                                                  : QCryptographicHash::Sha256)
                      .toHex();
        send(bytes({algorithm == AuthAlgorithm::Md5 ? code(Response::RequestAuth) : code(Response::RequestSha256Auth)})
             + m_nonce);
        m_phase = Phase::AuthAnswer;
        return true;
    }

    bool OtaDevice::handleAuthAnswer()
    {
        const qsizetype length = m_nonce.size();
        if (m_buffer.size() < 2 * length)
            return false;
        const QByteArray cnonce = m_buffer.left(length);
        const QByteArray answer = m_buffer.mid(length, length).toLower();
        m_buffer.remove(0, 2 * length);
        const QByteArray expected = authResponse(m_authAlgorithm, m_session.password.toUtf8(), m_nonce, cnonce);
        if (answer != expected) {
            Q_EMIT authenticationFailed();
            failWith(code(Response::ErrorAuthInvalid),
                     u"%1 authentication failed: wrong password"_s.arg(authAlgorithmName(m_authAlgorithm)));
            return false;
        }
        send(bytes({code(Response::AuthOk)}));
        afterAuth();
        return true;
    }

    void OtaDevice::afterAuth()
    {
        m_handshakeTimer.stop();
        m_dataTimer.start(m_dataTimeoutMs);
        m_phase = m_extended ? Phase::OtaType : Phase::Size;
    }

    bool OtaDevice::handleOtaType()
    {
        if (m_buffer.isEmpty())
            return false;
        const quint8 type = quint8(m_buffer.at(0));
        m_buffer.remove(0, 1);
        if (type != OtaTypeApp) {
            failWith(code(Response::ErrorUnsupportedOtaType), u"OTA type %1 is not supported"_s.arg(type));
            return false;
        }
        m_phase = Phase::Size;
        return true;
    }

    bool OtaDevice::handleSize()
    {
        if (m_buffer.size() < 4)
            return false;
        m_size = 0;
        for (int i = 0; i < 4; ++i)
            m_size = (m_size << 8) | quint8(m_buffer.at(i));
        m_buffer.remove(0, 4);
        m_dataTimer.start(m_dataTimeoutMs);
        if (m_session.failWith && isPrepareError(*m_session.failWith)) {
            failWith(*m_session.failWith, u"begin(%1) refused as told"_s.arg(m_size));
            return false;
        }
        qint64 capacity = m_session.partitionSize;
        if (const auto sinkCapacity = m_sink->capacity(Espota::Command::Flash))
            capacity = std::min(capacity, *sinkCapacity);
        else
            capacity = 0;
        if (capacity == 0) {
            failWith(code(Response::ErrorNoUpdatePartition), u"no OTA update partition"_s);
            return false;
        }
        if (m_size == 0 || m_size > capacity) {
            failWith(notEnoughSpaceCode(), u"%1 bytes do not fit the %2-byte partition"_s.arg(m_size).arg(capacity));
            return false;
        }
        if (!m_compressed) {
            if (const auto error = m_sink->begin(Espota::Command::Flash, m_size)) {
                failWith(*error == Espota::UpdateError::NotEnoughSpace ? notEnoughSpaceCode()
                                                                        : code(Response::ErrorUpdatePrepare),
                         u"the flash refused begin(%1)"_s.arg(m_size));
                return false;
            }
            m_sinkStarted = true;
        }
        send(bytes({code(Response::UpdatePrepareOk)}));
        Q_EMIT updateStarted(m_size);
        m_phase = Phase::Md5;
        return true;
    }

    bool OtaDevice::handleMd5()
    {
        if (m_buffer.size() < 32)
            return false;
        m_expectedMd5 = m_buffer.left(32).toLower();
        m_buffer.remove(0, 32);
        send(bytes({code(Response::BinMd5Ok)}));
        m_phase = Phase::Data;
        return true;
    }

    // One read of at most ReadSize bytes, written to flash; false when
    // nothing more can be done now (no data, or the flash is still busy).
    bool OtaDevice::handleData()
    {
        const qint64 nowUs = m_clock.nsecsElapsed() / 1000;
        if (nowUs < m_pacedUntilUs) {
            if (!m_paceTimer.isActive())
                m_paceTimer.start(int((m_pacedUntilUs - nowUs + 999) / 1000));
            return false;
        }
        const qint64 want = std::min<qint64>(ReadSize, m_size - m_received);
        if (m_buffer.size() < want)
            m_buffer.append(m_client->read(want - m_buffer.size()));
        if (m_buffer.isEmpty())
            return false;
        const QByteArray piece = m_buffer.left(want);
        m_buffer.remove(0, piece.size());
        m_dataTimer.start(m_dataTimeoutMs);

        if (m_session.failWith && *m_session.failWith == code(Response::ErrorWritingFlash)) {
            failWith(code(Response::ErrorWritingFlash), u"flash write failed as told"_s);
            return false;
        }
        m_md5.addData(piece);
        if (m_compressed) {
            m_upload.append(piece);
        } else if (m_sink->write(m_received, piece)) {
            failWith(code(Response::ErrorWritingFlash), u"flash write at %1 failed"_s.arg(m_received));
            return false;
        }
        const qint64 before = m_received;
        m_received += piece.size();
        if (m_session.flashBytesPerSecond > 0)
            m_pacedUntilUs = nowUs + piece.size() * 1000000 / m_session.flashBytesPerSecond;
        Q_EMIT progress(m_received, m_size);

        if (m_session.dropAtPercent >= 0 && m_received * 100 >= qint64(m_session.dropAtPercent) * m_size) {
            lost(u"connection reset as told at %1 %"_s.arg(m_session.dropAtPercent));
            return false;
        }
        if (m_session.protocolVersion >= Version2) {
            const bool crossed = m_received / ChunkBytes > before / ChunkBytes;
            const bool lastPartial = m_received == m_size && m_size % ChunkBytes != 0;
            if (crossed || lastPartial)
                send(bytes({code(Response::ChunkOk)}));
        }
        if (m_received == m_size) {
            send(bytes({code(Response::ReceiveOk)}));
            endUpdate();
            return m_phase == Phase::FinalAck;
        }
        return true;
    }

    void OtaDevice::endUpdate()
    {
        const QByteArray actual = m_md5.result().toHex();
        if (actual != m_expectedMd5 || forced(code(Response::ErrorMd5Mismatch))) {
            failWith(code(Response::ErrorMd5Mismatch),
                     u"MD5 mismatch: expected %1, received %2"_s.arg(QString::fromLatin1(m_expectedMd5),
                                                                      QString::fromLatin1(actual)));
            return;
        }
        if (m_session.failWith && !isPrepareError(*m_session.failWith)
            && *m_session.failWith != code(Response::ErrorWritingFlash)) {
            failWith(*m_session.failWith, u"end() failed as told"_s);
            return;
        }
        if (m_compressed) {
            auto image = gunzip(m_upload, m_session.partitionSize);
            if (!image) {
                failWith(code(Response::ErrorUpdateEnd), u"the compressed image: %1"_s.arg(image.error()));
                return;
            }
            if (m_sink->begin(Espota::Command::Flash, image->size())) {
                failWith(notEnoughSpaceCode(), u"the inflated image (%1 bytes) does not fit"_s.arg(image->size()));
                return;
            }
            m_sinkStarted = true;
            if (m_sink->write(0, *image)) {
                failWith(code(Response::ErrorWritingFlash), u"flash write failed"_s);
                return;
            }
        }
        if (m_sink->finish()) {
            failWith(code(Response::ErrorUpdateEnd), u"the new image did not validate"_s);
            return;
        }
        m_sinkStarted = false;
        send(bytes({code(Response::UpdateEndOk)}));
        m_phase = Phase::FinalAck;
    }

    bool OtaDevice::handleFinalAck()
    {
        if (m_buffer.isEmpty())
            return false;
        m_buffer.clear();
        finishOk();
        return false;
    }

    void OtaDevice::finishOk()
    {
        m_phase = Phase::Done;
        closeClient(false);
        qCInfo(lcEsphomeDevice) << "update complete," << m_size << "bytes, rebooting";
        m_finishedSignalled = true;
        Q_EMIT updateFinished(true, 0, u"Update complete"_s);
        Q_EMIT restartRequested();
    }

    void OtaDevice::onDisconnected()
    {
        if (m_phase == Phase::FinalAck) {
            // The device ignores a missing final ack: the image is written, it reboots.
            finishOk();
            return;
        }
        if (m_phase != Phase::Done)
            lost(u"the client closed the connection during %1"_s.arg(int(m_phase)));
        else
            closeClient(false);
    }

    void OtaDevice::send(const QByteArray &data)
    {
        const quint64 generation = m_generation;
        QPointer<QTcpSocket> client = m_client;
        m_outbound.later([client, data, generation, this] {
            if (generation == m_generation && client)
                client->write(data);
        });
    }

    void OtaDevice::failWith(quint8 errorCode, const QString &text)
    {
        qCInfo(lcEsphomeDevice) << responseName(errorCode) << text;
        send(bytes({errorCode}));
        if (m_sinkStarted)
            m_sink->abort();
        m_sinkStarted = false;
        m_phase = Phase::Done;
        closeClient(false);
        if (!m_finishedSignalled) {
            m_finishedSignalled = true;
            Q_EMIT updateFinished(false, errorCode, text);
        }
    }

    void OtaDevice::lost(const QString &text)
    {
        qCInfo(lcEsphomeDevice) << text;
        if (m_sinkStarted)
            m_sink->abort();
        m_sinkStarted = false;
        m_phase = Phase::Done;
        closeClient(true);
        if (!m_finishedSignalled) {
            m_finishedSignalled = true;
            Q_EMIT updateFinished(false, 0, text);
        }
    }

    // Ends this client's session. A clean close goes behind what is still on
    // the link, so the client reads the last byte before the FIN.
    void OtaDevice::closeClient(bool reset)
    {
        m_handshakeTimer.stop();
        m_dataTimer.stop();
        m_paceTimer.stop();
        QPointer<QTcpSocket> client = m_client;
        m_client = nullptr;
        if (!client)
            return;
        client->disconnect(this);
        if (reset) {
            m_outbound.clear();
            client->abort();
            client->deleteLater();
            return;
        }
        // Deleted once the FIN went out: deleting a closing socket would drop the last bytes.
        connect(client, &QAbstractSocket::disconnected, client, &QObject::deleteLater);
        m_outbound.later([client] {
            if (!client)
                return;
            client->disconnectFromHost();
            if (client->state() == QAbstractSocket::UnconnectedState)
                client->deleteLater();
        });
    }

    void OtaDevice::onHandshakeTimeout()
    {
        lost(u"handshake took longer than %1 ms"_s.arg(m_handshakeTimeoutMs));
    }

    void OtaDevice::onDataTimeout()
    {
        lost(u"no data for %1 ms"_s.arg(m_dataTimeoutMs));
    }

    bool OtaDevice::forced(quint8 errorCode) const
    {
        return m_session.failWith && *m_session.failWith == errorCode;
    }

    quint8 OtaDevice::notEnoughSpaceCode() const
    {
        return m_session.platform == Platform::Esp8266 ? code(Response::ErrorEsp8266NotEnoughSpace)
                                                        : code(Response::ErrorEsp32NotEnoughSpace);
    }
} // namespace Esphome
