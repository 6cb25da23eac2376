#include "espotapush.h"

#include <QElapsedTimer>
#include <QNetworkDatagram>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>

#include "ackstream.h"
#include "connectbacklistener.h"
#include "logging.h"

namespace Espota
{
    namespace
    {
        // Without acknowledgements for this long while the window is full,
        // one more chunk goes out: a wrongly split ack run must not stop the
        // transfer, and the device's own timeout is a second.
        constexpr int QuietNudgeMs = 400;
    } // namespace

    struct EspotaPush::Private
    {
        EspotaPush *q;
        ConnectBackListener *listener;
        PushTarget target;
        std::shared_ptr<const PushImage> image;
        PushSettings settings;

        PushStage stage = PushStage::Queued;
        bool done = false;
        int attempts = 0;
        int invitationsSent = 0;
        bool md5Fallback = false;    // PBKDF2 device refused the SHA-256 password hash
        AuthScheme scheme = AuthScheme::Md5;

        QUdpSocket *udp = nullptr;
        QTcpSocket *tcp = nullptr;
        QTimer phaseTimer;
        QTimer retryTimer;
        QTimer quietTimer;
        QElapsedTimer clock;

        AckStream acks {0};
        qint64 sent = 0;
        qint64 acked = 0;
        qint64 extraWindow = 0;
        bool ackSinceQuietTick = false;

        qint64 total() const { return image->bytes.size(); }
        int percent() const { return total() == 0 ? 0 : static_cast<int>(acked * 100 / total()); }

        void log(const QString &line)
        {
            const QString stamped = QStringLiteral("[%1 s] %2").arg(clock.elapsed() / 1000.0, 0, 'f', 2).arg(line);
            qCInfo(lcEspota).noquote() << target.name << stamped;
            Q_EMIT q->logLine(stamped);
        }

        void setStage(PushStage next)
        {
            if (stage == next)
                return;
            stage = next;
            Q_EMIT q->stageChanged(next);
        }

        void beginAttempt()
        {
            ++attempts;
            const bool esp32 = target.family() == Firmware::ChipFamily::Esp32;
            acks = AckStream(esp32 ? AckStream::Esp32LargestRead : settings.windowBytes);
            sent = acked = extraWindow = 0;
            invitationsSent = 0;
            md5Fallback = false;
            udp = new QUdpSocket(q);
            udp->bind(QHostAddress::AnyIPv4, 0);
            QObject::connect(udp, &QUdpSocket::readyRead, q, [this] { onDatagrams(); });
            listener->expect(target.address, q, [this](QTcpSocket *socket) { onConnected(socket); });
            sendInvitation();
        }

        void sendInvitation()
        {
            setStage(PushStage::Inviting);
            const Invitation invitation {settings.command, listener->port(), total(), image->md5Hex};
            udp->writeDatagram(invitation.encode(), target.address, target.effectivePort());
            ++invitationsSent;
            log(QStringLiteral("invitation %1 of %2 sent to %3 (%4, %5 bytes, connect back to port %6)")
                    .arg(invitationsSent)
                    .arg(settings.invitationAttempts)
                    .arg(target.endpoint(),
                         settings.command == Command::Filesystem ? QStringLiteral("filesystem") : QStringLiteral("firmware"))
                    .arg(total())
                    .arg(listener->port()));
            phaseTimer.start(settings.invitationReplyTimeoutMs);
        }

        void onDatagrams()
        {
            while (udp && udp->hasPendingDatagrams()) {
                const QNetworkDatagram datagram = udp->receiveDatagram();
                if (!datagram.senderAddress().isEqual(target.address, QHostAddress::ConvertV4MappedToIPv4))
                    continue;
                onReply(datagram.data());
                if (done)
                    return;
            }
        }

        void onReply(const QByteArray &reply)
        {
            const QByteArray text = reply.trimmed();
            if (stage == PushStage::Inviting) {
                if (text == Reply::Ok) {
                    if (!settings.password.isEmpty())
                        log(QStringLiteral("device accepted without asking for the password"));
                    else
                        log(QStringLiteral("device accepted (no password)"));
                    enterConnecting();
                } else if (text.startsWith(Reply::AuthPrefix.trimmed())) {
                    const QList<QByteArray> parts = text.split(' ');
                    const QByteArray nonce = parts.value(1);
                    const auto nonceScheme = schemeForNonce(nonce);
                    if (!nonceScheme)
                        return finish(PushFailure::DeviceRefused,
                                      QStringLiteral("%1 sent a password challenge of unknown form (a %2-character nonce; "
                                                     "ArduinoOTA sends 32 or 64): is it an ArduinoOTA device?")
                                          .arg(target.name)
                                          .arg(nonce.size()));
                    if (settings.password.isEmpty())
                        return finish(PushFailure::PasswordRequired,
                                      QStringLiteral("%1 asks for a password: give it with --password-env VAR "
                                                     "(the variable holding the OTA password)")
                                          .arg(target.name));
                    sendAuth(*nonceScheme, nonce);
                } else if (text.startsWith("ERR")) {
                    QString deviceText = QString::fromUtf8(text);
                    if (deviceText.startsWith(QLatin1StringView(Reply::EspErrorPrefix.trimmed())))
                        deviceText = deviceText.sliced(Reply::EspErrorPrefix.trimmed().size()).trimmed();
                    finish(PushFailure::DeviceRefused,
                           QStringLiteral("%1 refused the update before the transfer: %2")
                               .arg(target.name, explainDeviceError(deviceText, total())),
                           deviceText);
                } else {
                    log(QStringLiteral("ignoring an unexpected reply: \"%1\"").arg(QString::fromUtf8(text.left(80))));
                }
            } else if (stage == PushStage::Authenticating) {
                if (text == Reply::Ok) {
                    log(QStringLiteral("authenticated (%1)").arg(authSchemeName(scheme)));
                    enterConnecting();
                } else if (text.contains(Reply::AuthenticationFailed.first(14))) { // "Authentication"
                    if (scheme == AuthScheme::Pbkdf2Sha256 && !md5Fallback && !settings.passwordHashIsMd5) {
                        md5Fallback = true;
                        log(QStringLiteral("device refused the SHA-256 password hash; inviting again to try the MD5 "
                                           "hash (a device given setPasswordHash() with an MD5 hash)"));
                        sendInvitation();
                        return;
                    }
                    finish(PushFailure::AuthenticationFailed,
                           QStringLiteral("wrong password: %1 answered \"Authentication Failed\" (%2); "
                                          "check the password the firmware sets with ArduinoOTA.setPassword()")
                               .arg(target.name, authSchemeName(scheme)),
                           QString::fromUtf8(text));
                } else {
                    log(QStringLiteral("ignoring an unexpected reply: \"%1\"").arg(QString::fromUtf8(text.left(80))));
                }
            }
        }

        void sendAuth(AuthScheme nonceScheme, const QByteArray &nonce)
        {
            scheme = nonceScheme;
            setStage(PushStage::Authenticating);
            const auto hashKind = (scheme == AuthScheme::Md5 || md5Fallback || settings.passwordHashIsMd5) ? Auth::PasswordHash::Md5
                                                                             : Auth::PasswordHash::Sha256;
            const QByteArray passwordHash = Auth::passwordHash(settings.password, hashKind);
            AuthAnswer answer;
            answer.clientNonce = Auth::clientNonce(scheme, image->fileName, total(), image->md5Hex,
                                                   target.address.toString());
            answer.response = Auth::response(scheme, passwordHash, nonce, answer.clientNonce);
            udp->writeDatagram(answer.encode(), target.address, target.effectivePort());
            log(QStringLiteral("authenticating (%1%2)")
                    .arg(authSchemeName(scheme),
                         scheme == AuthScheme::Pbkdf2Sha256
                             ? (hashKind == Auth::PasswordHash::Md5 ? QStringLiteral(", MD5 password hash")
                                                                    : QStringLiteral(", SHA-256 password hash"))
                             : QString()));
            phaseTimer.start(settings.authReplyTimeoutMs);
        }

        void enterConnecting()
        {
            setStage(PushStage::Connecting);
            if (tcp)
                return startSending();
            phaseTimer.start(settings.connectBackTimeoutMs);
        }

        void onConnected(QTcpSocket *socket)
        {
            if (done) {
                socket->deleteLater();
                return;
            }
            tcp = socket;
            tcp->setParent(q);
            tcp->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            QObject::connect(tcp, &QTcpSocket::readyRead, q, [this] { onTcpData(); });
            QObject::connect(tcp, &QTcpSocket::bytesWritten, q, [this] { pump(); });
            QObject::connect(tcp, &QTcpSocket::disconnected, q, [this] { onTcpClosed(); });
            if (stage == PushStage::Inviting || stage == PushStage::Authenticating)
                log(QStringLiteral("device connected back before its UDP OK was read; carrying on"));
            startSending();
        }

        void startSending()
        {
            if (udp) {
                udp->deleteLater();
                udp = nullptr;
            }
            setStage(PushStage::Sending);
            log(QStringLiteral("device connected from %1; sending").arg(tcp->peerAddress().toString()));
            phaseTimer.start(settings.stallTimeoutMs);
            quietTimer.start(QuietNudgeMs);
            pump();
        }

        void pump()
        {
            if (!tcp || done || stage != PushStage::Sending)
                return;
            const qint64 window = settings.windowBytes + extraWindow;
            while (sent < total() && sent - acked < window && tcp->bytesToWrite() < window) {
                const qint64 n = std::min<qint64>({settings.chunkBytes, total() - sent, window - (sent - acked)});
                tcp->write(image->bytes.constData() + sent, n);
                sent += n;
            }
        }

        void onTcpData()
        {
            if (!tcp || done)
                return;
            acks.append(tcp->readAll());
            ackSinceQuietTick = true;
            const qint64 now = acks.acknowledged(sent);
            if (now > acked) {
                acked = now;
                Q_EMIT q->progress(acked, total());
                if (stage == PushStage::Sending)
                    phaseTimer.start(settings.stallTimeoutMs);
            }
            if (acks.hasResultText() && acks.resultComplete())
                return onResult();
            if (stage == PushStage::Sending && sent == total() && acked >= total()) {
                quietTimer.stop();
                setStage(PushStage::WaitingForResult);
                log(QStringLiteral("all %1 bytes acknowledged; waiting for the device's verdict").arg(total()));
                phaseTimer.start(settings.resultTimeoutMs);
            }
            pump();
        }

        void onQuietTick()
        {
            if (stage != PushStage::Sending)
                return;
            if (!ackSinceQuietTick && sent < total() && sent - acked >= settings.windowBytes + extraWindow)
                extraWindow += settings.chunkBytes;
            ackSinceQuietTick = false;
            pump();
        }

        void onResult()
        {
            const QString text = QString::fromUtf8(acks.resultText());
            if (acks.resultIsOk()) {
                acked = total();
                Q_EMIT q->progress(acked, total());
                log(QStringLiteral("device answered OK: the update is written and the device restarts"));
                return finish(PushFailure::None, QStringLiteral("updated"));
            }
            finish(PushFailure::DeviceError, explainDeviceError(text, total()), text);
        }

        void onTcpClosed()
        {
            if (done || !tcp)
                return;
            acks.append(tcp->readAll());
            const qint64 now = acks.acknowledged(sent);
            if (now > acked) {
                acked = now;
                Q_EMIT q->progress(acked, total());
            }
            if (acks.hasResultText())
                return onResult();
            if (acked >= total())
                return finish(PushFailure::ResultLost,
                              QStringLiteral("every byte was acknowledged but %1 closed the connection without a final OK: "
                                             "the update probably succeeded; confirm when the device re-announces")
                                  .arg(target.name));
            networkFailure(PushFailure::ConnectionLost,
                           QStringLiteral("the connection to %1 was lost at %2% (%3 of %4 bytes acknowledged)")
                               .arg(target.name)
                               .arg(percent())
                               .arg(acked)
                               .arg(total()));
        }

        void onPhaseTimeout()
        {
            switch (stage) {
            case PushStage::Inviting:
                if (invitationsSent < settings.invitationAttempts)
                    return sendInvitation();
                return networkFailure(
                    PushFailure::NoAnswer,
                    QStringLiteral("no answer from %1 (%2) to %3 invitations in %4 s: check that it is powered, on this "
                                   "network, and runs ArduinoOTA on UDP port %5 (ESP32 3232, ESP8266 8266)")
                        .arg(target.name, target.endpoint())
                        .arg(invitationsSent)
                        .arg(invitationsSent * settings.invitationReplyTimeoutMs / 1000.0, 0, 'f', 0)
                        .arg(target.effectivePort()));
            case PushStage::Authenticating:
                return networkFailure(PushFailure::NoAnswer,
                                      QStringLiteral("%1 did not answer the password challenge within %2 s")
                                          .arg(target.name)
                                          .arg(settings.authReplyTimeoutMs / 1000.0, 0, 'f', 0));
            case PushStage::Connecting:
                return networkFailure(
                    PushFailure::NoConnectBack,
                    QStringLiteral("%1 accepted the invitation but never connected back to TCP port %2 on this computer "
                                   "within %3 s. Likely cause: a firewall here blocks TCP port %2 from %4; allow it "
                                   "(for example: sudo ufw allow from %4 to any port %2 proto tcp) or pick an open port "
                                   "with --host-port. (An ESP32 that cannot prepare its flash stays silent the same way.)")
                        .arg(target.name)
                        .arg(listener->port())
                        .arg(settings.connectBackTimeoutMs / 1000.0, 0, 'f', 0)
                        .arg(target.address.toString()));
            case PushStage::Sending:
                return networkFailure(PushFailure::Stalled,
                                      QStringLiteral("no acknowledgement from %1 for %2 s at %3% (%4 of %5 bytes)")
                                          .arg(target.name)
                                          .arg(settings.stallTimeoutMs / 1000.0, 0, 'f', 0)
                                          .arg(percent())
                                          .arg(acked)
                                          .arg(total()));
            case PushStage::WaitingForResult:
                return finish(PushFailure::ResultLost,
                              QStringLiteral("every byte was acknowledged but %1 sent no final OK within %2 s: the update "
                                             "probably succeeded; confirm when the device re-announces")
                                  .arg(target.name)
                                  .arg(settings.resultTimeoutMs / 1000.0, 0, 'f', 0));
            default:
                return;
            }
        }

        void closeAttempt()
        {
            phaseTimer.stop();
            quietTimer.stop();
            listener->forget(q);
            if (udp) {
                udp->deleteLater();
                udp = nullptr;
            }
            if (tcp) {
                QObject::disconnect(tcp, nullptr, q, nullptr);
                tcp->abort();
                tcp->deleteLater();
                tcp = nullptr;
            }
        }

        // An ESP32 checks the magic byte when it writes its first 4 KiB block
        // and then stops without a word; an ESP8266 waits for the host to
        // give up. Either way the cause is the image, and resending is futile.
        bool refusedForMagic() const
        {
            if (settings.command != Command::Flash || image->bytes.isEmpty())
                return false;
            const auto first = static_cast<quint8>(image->bytes.front());
            return first != 0xE9 && first != 0x1F;
        }

        void networkFailure(PushFailure failure, const QString &message)
        {
            if ((failure == PushFailure::ConnectionLost || failure == PushFailure::Stalled) && refusedForMagic())
                return finish(PushFailure::DeviceError,
                              QStringLiteral("%1 stopped after %2 bytes without a verdict: the image does not start with "
                                             "0xE9, which a device refuses as firmware (Wrong Magic Byte); a filesystem "
                                             "image must be sent as one (--fs)")
                                  .arg(target.name)
                                  .arg(acked));
            closeAttempt();
            const int retriesDone = attempts - 1;
            if (retriesDone < settings.networkRetries) {
                log(QStringLiteral("%1; retrying in %2 s (retry %3 of %4)")
                        .arg(message)
                        .arg(settings.retryPauseMs / 1000.0, 0, 'f', 1)
                        .arg(retriesDone + 1)
                        .arg(settings.networkRetries));
                setStage(PushStage::Queued);
                retryTimer.start(settings.retryPauseMs);
                return;
            }
            finish(failure, attempts > 1 ? QStringLiteral("%1 (after %2 attempts)").arg(message).arg(attempts) : message);
        }

        void finish(PushFailure failure, const QString &message, const QString &deviceText = {})
        {
            if (done)
                return;
            closeAttempt();
            retryTimer.stop();
            done = true;
            PushOutcome outcome;
            outcome.succeeded = failure == PushFailure::None;
            outcome.probablySucceeded = failure == PushFailure::ResultLost;
            outcome.failure = failure;
            outcome.message = message;
            outcome.deviceText = deviceText;
            outcome.acknowledgedBytes = acked;
            outcome.totalBytes = total();
            outcome.attempts = attempts;
            outcome.elapsedMs = clock.elapsed();
            if (!outcome.succeeded)
                log(message);
            setStage(outcome.succeeded ? PushStage::Done : PushStage::Failed);
            Q_EMIT q->finished(outcome);
        }
    };

    EspotaPush::EspotaPush(ConnectBackListener *listener, PushTarget target, std::shared_ptr<const PushImage> image,
                           PushSettings settings, QObject *parent)
        : DevicePushSession(parent)
        , d(std::make_unique<Private>())
    {
        d->q = this;
        d->listener = listener;
        d->target = std::move(target);
        d->image = std::move(image);
        d->settings = std::move(settings);
        d->phaseTimer.setSingleShot(true);
        d->retryTimer.setSingleShot(true);
        connect(&d->phaseTimer, &QTimer::timeout, this, [this] { d->onPhaseTimeout(); });
        connect(&d->retryTimer, &QTimer::timeout, this, [this] { d->beginAttempt(); });
        connect(&d->quietTimer, &QTimer::timeout, this, [this] { d->onQuietTick(); });
    }

    EspotaPush::~EspotaPush()
    {
        if (!d->done)
            d->closeAttempt();
    }

    void EspotaPush::start()
    {
        d->clock.start();
        const PushImage &image = *d->image;
        d->log(QStringLiteral("pushing %1 (%2 bytes, MD5 %3%4) to %5 (%6)")
                   .arg(image.fileName)
                   .arg(image.bytes.size())
                   .arg(QString::fromLatin1(image.md5Hex),
                        image.version().isEmpty() ? QString() : QStringLiteral(", version %1").arg(image.version()),
                        d->target.name, d->target.endpoint()));
        if (const auto refusal = imageRefusal(image, d->target, d->settings.command)) {
            if (!d->settings.force)
                return d->finish(PushFailure::Refused, *refusal);
            d->log(QStringLiteral("forced past the image check: %1").arg(*refusal));
        }
        if (!d->listener->isListening())
            return d->finish(PushFailure::ListenFailed,
                             QStringLiteral("not listening for the device's connection (internal: the listener was not started)"));
        d->beginAttempt();
    }

    void EspotaPush::cancel()
    {
        if (d->done)
            return;
        d->finish(PushFailure::Cancelled,
                  QStringLiteral("cancelled at %1%; %2 keeps running its current firmware").arg(d->percent()).arg(d->target.name));
    }

    const PushTarget &EspotaPush::target() const { return d->target; }
    PushStage EspotaPush::stage() const { return d->stage; }
    qint64 EspotaPush::acknowledgedBytes() const { return d->acked; }
} // namespace Espota
