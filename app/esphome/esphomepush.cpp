#include "esphomepush.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

#include "esphomegzip.h"
#include "esphomewire.h"

Q_LOGGING_CATEGORY(lcEsphomePush, "ota.esphome.push", QtInfoMsg)

namespace Esphome
{
    using Espota::PushFailure;
    using Espota::PushStage;

    namespace
    {
        // What the client waits for next; each step names the bytes it needs.
        enum class Step
        {
            Version,      // 00 <version>
            Features,     // 40 / 46 / 48 <flags>
            Auth,         // 41, or 01 + 32 hex, or 02 + 64 hex
            AuthResult,   // 41
            Prepare,      // 42 after the size
            Md5,          // 43 after the MD5
            Data,         // 47 per block on version 2
            Receive,      // 44
            End,          // 45
        };

        quint8 code(Response response)
        {
            return quint8(response);
        }
    } // namespace

    struct EsphomePush::Private
    {
        EsphomePush *q = nullptr;
        Espota::PushTarget target;
        std::shared_ptr<const Espota::PushImage> image;
        Espota::PushSettings settings;

        PushStage stage = PushStage::Queued;
        bool done = false;
        int attempts = 0;
        QTcpSocket *tcp = nullptr;
        QTimer replyTimer;
        QTimer retryTimer;
        QElapsedTimer clock;

        Step step = Step::Version;
        QByteArray buffer;
        quint8 version = 0;
        bool extended = false;
        bool compressed = false;
        AuthAlgorithm algorithm = AuthAlgorithm::Md5;
        QByteArray upload;     // the bytes sent: the image, or its gzip
        qint64 sent = 0;       // bytes of upload written to the socket
        qint64 acknowledged = 0;
        QString deviceText;    // the device's error code by name, when it sent one

        void setStage(PushStage next)
        {
            if (stage == next)
                return;
            stage = next;
            Q_EMIT q->stageChanged(next);
        }
        void log(const QString &line)
        {
            qCDebug(lcEsphomePush) << target.name << line;
            Q_EMIT q->logLine(line);
        }
        quint16 port() const
        {
            if (target.port != 0)
                return target.port;
            // PushTarget's family default: ESP8266 8266, else 3232 (ESP32).
            return target.effectivePort();
        }

        void attempt();
        void onConnected();
        void onReadyRead();
        bool handle();
        void sendHeader();
        void sendData();
        void expect(Step next, int timeoutMs);
        bool take(quint8 first, Response expected, const QString &where);
        void deviceError(quint8 errorCode);
        void fail(PushFailure failure, const QString &message);
        void succeed();
        void closeSocket();
    };

    EsphomePush::EsphomePush(Espota::PushTarget target, std::shared_ptr<const Espota::PushImage> image,
                             Espota::PushSettings settings, QObject *parent)
        : DevicePushSession(parent)
        , d(std::make_unique<Private>())
    {
        d->q = this;
        d->target = std::move(target);
        d->image = std::move(image);
        d->settings = std::move(settings);
        d->replyTimer.setSingleShot(true);
        d->retryTimer.setSingleShot(true);
        connect(&d->replyTimer, &QTimer::timeout, this, [this] {
            const bool handshake = d->step < Step::Data;
            d->fail(PushFailure::Stalled,
                    tr("%1 did not answer for %2 s %3; check that it is powered and on the network")
                        .arg(d->target.endpoint())
                        .arg((handshake ? d->settings.esphomeHandshakeTimeoutMs : d->settings.esphomeDataTimeoutMs)
                             / 1000)
                        .arg(handshake ? tr("during the handshake") : tr("during the transfer")));
        });
        connect(&d->retryTimer, &QTimer::timeout, this, [this] { d->attempt(); });
    }

    EsphomePush::~EsphomePush()
    {
        d->closeSocket();
    }

    void EsphomePush::start()
    {
        if (d->attempts > 0 || d->done)
            return;
        d->clock.start();
        if (!d->settings.force) {
            if (const auto refusal = Espota::imageRefusal(*d->image, d->target, Espota::Command::Flash)) {
                d->fail(PushFailure::Refused, *refusal);
                return;
            }
        }
        d->attempt();
    }

    void EsphomePush::cancel()
    {
        if (d->done)
            return;
        d->fail(PushFailure::Cancelled, tr("cancelled; the device keeps its current firmware"));
    }

    const Espota::PushTarget &EsphomePush::target() const
    {
        return d->target;
    }

    Espota::PushStage EsphomePush::stage() const
    {
        return d->stage;
    }

    qint64 EsphomePush::acknowledgedBytes() const
    {
        return d->acknowledged;
    }

    bool EsphomePush::compressed() const
    {
        return d->compressed;
    }

    void EsphomePush::Private::attempt()
    {
        ++attempts;
        closeSocket();
        buffer.clear();
        sent = 0;
        acknowledged = 0;
        compressed = false;
        extended = false;
        deviceText.clear();
        setStage(PushStage::Connecting);
        log(EsphomePush::tr("connecting to %1 (attempt %2)").arg(target.endpoint().section(u':', 0, 0)
                                                                  + u':' + QString::number(port()))
                .arg(attempts));
        tcp = new QTcpSocket(q);
        tcp->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(tcp, &QTcpSocket::connected, q, [this] { onConnected(); });
        connect(tcp, &QTcpSocket::readyRead, q, [this] { onReadyRead(); });
        connect(tcp, &QTcpSocket::bytesWritten, q, [this](qint64) {
            if (step == Step::Data && version == Version1)
                sendData();
        });
        connect(tcp, &QTcpSocket::errorOccurred, q, [this](QAbstractSocket::SocketError error) {
            if (done)
                return;
            // Whatever the device sent before closing (an error code) counts first.
            if (tcp && tcp->bytesAvailable() > 0)
                onReadyRead();
            if (done)
                return;
            if (error == QAbstractSocket::ConnectionRefusedError)
                fail(PushFailure::NoAnswer,
                     EsphomePush::tr("%1 refused the connection: is OTA enabled and the port right?")
                         .arg(target.endpoint()));
            else
                fail(PushFailure::ConnectionLost,
                     EsphomePush::tr("the connection to %1 was lost (%2)").arg(target.endpoint(), tcp->errorString()));
        });
        expect(Step::Version, settings.esphomeHandshakeTimeoutMs);
        tcp->connectToHost(target.address, port());
    }

    void EsphomePush::Private::onConnected()
    {
        tcp->write(magic().toByteArray());
    }

    void EsphomePush::Private::expect(Step next, int timeoutMs)
    {
        step = next;
        replyTimer.start(timeoutMs);
    }

    // Consumes the one-byte reply; anything but the expected one ends the push.
    bool EsphomePush::Private::take(quint8 first, Response expected, const QString &where)
    {
        buffer.remove(0, 1);
        if (first == code(expected))
            return true;
        fail(PushFailure::DeviceRefused,
             EsphomePush::tr("%1 sent %2 %3").arg(target.endpoint(), responseName(first), where));
        return false;
    }

    void EsphomePush::Private::onReadyRead()
    {
        if (!tcp || done)
            return;
        buffer += tcp->readAll();
        while (!done && handle()) {
        }
    }

    // One reply from the buffer: true when it was consumed and more may follow.
    bool EsphomePush::Private::handle()
    {
        if (buffer.isEmpty())
            return false;
        const quint8 first = quint8(buffer.at(0));
        if (isError(first)) {
            deviceError(first);
            return false;
        }
        const int handshakeMs = settings.esphomeHandshakeTimeoutMs;
        const int dataMs = settings.esphomeDataTimeoutMs;
        switch (step) {
        case Step::Version: {
            if (buffer.size() < 2)
                return false;
            version = quint8(buffer.at(1));
            buffer.remove(0, 2);
            if (first != code(Response::Ok) || (version != Version1 && version != Version2)) {
                fail(PushFailure::DeviceRefused,
                     EsphomePush::tr("%1 speaks ESPHome OTA version %2, which this client does not know; "
                                     "push with ESPHome's own tools")
                         .arg(target.endpoint())
                         .arg(version));
                return false;
            }
            log(EsphomePush::tr("device speaks OTA version %1").arg(version));
            tcp->write(QByteArray(1, char(FeatureCompression | FeatureSha256Auth | FeatureExtendedProtocol)));
            expect(Step::Features, handshakeMs);
            return true;
        }
        case Step::Features:
            if (first == code(Response::FeatureFlags)) {
                if (buffer.size() < 2)
                    return false;
                extended = true;
                compressed = quint8(buffer.at(1)) & ServerFeatureCompression;
                buffer.remove(0, 2);
            } else if (first == code(Response::SupportsCompression) || first == code(Response::HeaderOk)) {
                compressed = first == code(Response::SupportsCompression);
                buffer.remove(0, 1);
            } else {
                fail(PushFailure::DeviceRefused,
                     EsphomePush::tr("%1 answered the features with %2; it may not be an ESPHome device")
                         .arg(target.endpoint(), responseName(first)));
                return false;
            }
            upload = compressed ? gzip(image->bytes, 9) : image->bytes;
            if (compressed)
                log(EsphomePush::tr("device takes gzip: %1 bytes become %2").arg(image->bytes.size()).arg(upload.size()));
            expect(Step::Auth, handshakeMs);
            return true;
        case Step::Auth: {
            if (first == code(Response::AuthOk)) {
                buffer.remove(0, 1);
                sendHeader();
                return true;
            }
            if (first != code(Response::RequestAuth) && first != code(Response::RequestSha256Auth)) {
                fail(PushFailure::DeviceRefused,
                     EsphomePush::tr("%1 sent %2 where an authentication request belongs")
                         .arg(target.endpoint(), responseName(first)));
                return false;
            }
            algorithm = first == code(Response::RequestAuth) ? AuthAlgorithm::Md5 : AuthAlgorithm::Sha256;
            const qsizetype length = nonceLength(algorithm);
            if (buffer.size() < 1 + length)
                return false;
            const QByteArray nonce = buffer.mid(1, length);
            buffer.remove(0, 1 + length);
            if (settings.password.isEmpty()) {
                fail(PushFailure::PasswordRequired,
                     EsphomePush::tr("%1 asks for the OTA password (the ota: password: of its YAML); give it with "
                                     "--password")
                         .arg(target.endpoint()));
                return false;
            }
            setStage(PushStage::Authenticating);
            log(EsphomePush::tr("%1 authentication").arg(authAlgorithmName(algorithm)));
            // The client nonce: hex of a hash of random bytes, as long as the device's.
            QByteArray random(length / 2, Qt::Uninitialized);
            for (char &c : random)
                c = char(QRandomGenerator::global()->bounded(256));
            const QByteArray cnonce =
                QCryptographicHash::hash(random, algorithm == AuthAlgorithm::Md5 ? QCryptographicHash::Md5
                                                                                 : QCryptographicHash::Sha256)
                    .toHex();
            tcp->write(cnonce + authResponse(algorithm, settings.password.toUtf8(), nonce, cnonce));
            expect(Step::AuthResult, handshakeMs);
            return true;
        }
        case Step::AuthResult:
            if (!take(first, Response::AuthOk, EsphomePush::tr("after the password")))
                return false;
            sendHeader();
            return true;
        case Step::Prepare:
            if (!take(first, Response::UpdatePrepareOk, EsphomePush::tr("after the size")))
                return false;
            tcp->write(QCryptographicHash::hash(upload, QCryptographicHash::Md5).toHex());
            expect(Step::Md5, dataMs);
            return true;
        case Step::Md5:
            if (!take(first, Response::BinMd5Ok, EsphomePush::tr("after the MD5")))
                return false;
            setStage(PushStage::Sending);
            expect(Step::Data, dataMs);
            sendData();
            return true;
        case Step::Data:
            if (version == Version2 && first == code(Response::ChunkOk)) {
                buffer.remove(0, 1);
                acknowledged = sent;
                Q_EMIT q->progress(acknowledged, upload.size());
                replyTimer.start(dataMs);
                if (sent < upload.size())
                    sendData();
                else {
                    setStage(PushStage::WaitingForResult);
                    step = Step::Receive;
                }
                return true;
            }
            if (first == code(Response::ReceiveOk) && sent == upload.size()) {
                step = Step::Receive; // version 1: no chunk acks, RECEIVE_OK comes next
                return true;
            }
            fail(PushFailure::DeviceRefused,
                 EsphomePush::tr("%1 sent %2 during the transfer").arg(target.endpoint(), responseName(first)));
            return false;
        case Step::Receive:
            if (!take(first, Response::ReceiveOk, EsphomePush::tr("instead of RECEIVE_OK")))
                return false;
            acknowledged = upload.size();
            Q_EMIT q->progress(acknowledged, upload.size());
            setStage(PushStage::WaitingForResult);
            expect(Step::End, dataMs);
            return true;
        case Step::End:
            if (!take(first, Response::UpdateEndOk, EsphomePush::tr("instead of UPDATE_END_OK")))
                return false;
            tcp->write(QByteArray(1, char(code(Response::Ok))));
            tcp->flush();
            succeed();
            return false;
        }
        return false;
    }

    void EsphomePush::Private::sendHeader()
    {
        if (extended)
            tcp->write(QByteArray(1, char(OtaTypeApp)));
        const quint32 size = quint32(upload.size());
        QByteArray header(4, Qt::Uninitialized);
        header[0] = char(size >> 24);
        header[1] = char(size >> 16);
        header[2] = char(size >> 8);
        header[3] = char(size);
        tcp->write(header);
        expect(Step::Prepare, settings.esphomeDataTimeoutMs);
    }

    // Version 2: one 8 KiB block, then wait for its CHUNK_OK. Version 1: keep
    // the socket's buffer topped up to a block; the device paces by TCP.
    void EsphomePush::Private::sendData()
    {
        if (!tcp || done || sent >= upload.size())
            return;
        if (version == Version1 && tcp->bytesToWrite() > ChunkBytes)
            return;
        const qsizetype n = qMin<qsizetype>(ChunkBytes, upload.size() - sent);
        tcp->write(upload.constData() + sent, n);
        sent += n;
        if (version == Version1) {
            // No per-block acks: progress is what left this host.
            acknowledged = sent;
            Q_EMIT q->progress(acknowledged, upload.size());
            if (sent == upload.size()) {
                setStage(PushStage::WaitingForResult);
                expect(Step::Receive, settings.esphomeDataTimeoutMs);
            }
        }
    }

    void EsphomePush::Private::deviceError(quint8 errorCode)
    {
        const QString text = explainError(errorCode, upload.isEmpty() ? image->bytes.size() : upload.size());
        PushFailure failure = PushFailure::DeviceError;
        if (errorCode == code(Response::ErrorAuthInvalid))
            failure = PushFailure::AuthenticationFailed;
        else if (step < Step::Data)
            failure = PushFailure::DeviceRefused;
        deviceText = responseName(errorCode);
        fail(failure, EsphomePush::tr("%1: %2").arg(target.endpoint(), text));
    }

    void EsphomePush::Private::fail(PushFailure failure, const QString &message)
    {
        if (done)
            return;
        replyTimer.stop();
        closeSocket();
        if (Espota::isNetworkFailure(failure) && attempts <= settings.networkRetries) {
            log(EsphomePush::tr("%1; retrying in %2 ms").arg(message).arg(settings.retryPauseMs));
            retryTimer.start(settings.retryPauseMs);
            return;
        }
        done = true;
        log(message);
        Espota::PushOutcome outcome;
        outcome.failure = failure;
        outcome.message = message;
        outcome.deviceText = deviceText;
        outcome.acknowledgedBytes = acknowledged;
        outcome.totalBytes = upload.isEmpty() ? image->bytes.size() : upload.size();
        outcome.attempts = attempts;
        outcome.elapsedMs = clock.isValid() ? clock.elapsed() : 0;
        setStage(PushStage::Failed);
        Q_EMIT q->finished(outcome);
    }

    void EsphomePush::Private::succeed()
    {
        done = true;
        replyTimer.stop();
        // Let the final 00 leave before the socket goes.
        if (tcp) {
            QTcpSocket *socket = tcp;
            tcp = nullptr;
            socket->disconnect(q);
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            socket->disconnectFromHost();
        }
        log(EsphomePush::tr("the device took the image and reboots"));
        Espota::PushOutcome outcome;
        outcome.succeeded = true;
        outcome.acknowledgedBytes = upload.size();
        outcome.totalBytes = upload.size();
        outcome.attempts = attempts;
        outcome.elapsedMs = clock.elapsed();
        setStage(PushStage::Done);
        Q_EMIT q->finished(outcome);
    }

    void EsphomePush::Private::closeSocket()
    {
        if (!tcp)
            return;
        tcp->disconnect(q);
        tcp->abort();
        tcp->deleteLater();
        tcp = nullptr;
    }
} // namespace Esphome
