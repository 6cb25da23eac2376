#include "espotadevice.h"

#include <QNetworkDatagram>
#include <QTimer>
#include <QUdpSocket>

#include "espotadeviceupdater.h"
#include "logging.h"

using namespace Qt::Literals::StringLiterals;

namespace Espota
{
    namespace
    {
        constexpr int Esp32RestartDelayMs = 10 + 100; // delay(10), then delay(100) before ESP.restart()
        constexpr int Esp8266ConnectDelayMs = 100;    // after the UDP "OK"

        bool equalsConstantTime(QByteArrayView a, QByteArrayView b)
        {
            if (a.size() != b.size())
                return false;
            unsigned char difference = 0;
            for (qsizetype i = 0; i < a.size(); ++i)
                difference |= static_cast<unsigned char>(a[i] ^ b[i]);
            return difference == 0;
        }
    } // namespace

    EspotaDevice::EspotaDevice(Flavour flavour, UpdateSink *sink, QObject *parent)
        : QObject(parent), m_flavour(flavour), m_sink(sink), m_updater(std::make_unique<DeviceUpdater>(flavour, sink))
    {
    }

    EspotaDevice::~EspotaDevice()
    {
        powerOff();
    }

    void EspotaDevice::setPassword(const QString &password)
    {
        if (password.isEmpty()) {
            m_passwordHash.clear();
            return;
        }
        m_passwordHash = Auth::passwordHash(password, m_flavour == Flavour::Esp32Pbkdf2 ? Auth::PasswordHash::Sha256
                                                                                        : Auth::PasswordHash::Md5);
    }

    void EspotaDevice::setPasswordHash(const QByteArray &hexHash)
    {
        if (m_flavour == Flavour::Esp32Pbkdf2 && hexHash.size() == 32)
            qCWarning(lcEspotaDevice) << "an MD5 password hash on a 3.3.1+ device: the host must use the MD5 fallback";
        m_passwordHash = hexHash;
    }

    void EspotaDevice::setLinkDelay(int milliseconds)
    {
        m_linkDelayMs = std::max(0, milliseconds);
        m_inbound.setDelay(m_linkDelayMs);
        m_outbound.setDelay(m_linkDelayMs);
    }

    void EspotaDevice::setFlashRate(int bytesPerSecond)
    {
        m_flashBytesPerSecond = std::max(0, bytesPerSecond);
    }

    void EspotaDevice::setFaults(const DeviceFaults &faults)
    {
        m_faults = faults;
    }

    bool EspotaDevice::isListening() const
    {
        return m_udp && m_udp->state() == QAbstractSocket::BoundState;
    }

    Result<bool, QString> EspotaDevice::listen(const QHostAddress &address, quint16 port)
    {
        powerOff();
        auto *udp = new QUdpSocket(this);
        // No address sharing: a second device on the same address and port is an error, not a silent twin.
        if (!udp->bind(address, port, QAbstractSocket::DontShareAddress)) {
            const QString error = u"%1:%2: %3"_s.arg(address.toString()).arg(port).arg(udp->errorString());
            delete udp;
            return error;
        }
        m_udp = udp;
        m_address = address;
        m_port = port;
        connect(udp, &QUdpSocket::readyRead, this, &EspotaDevice::onReadyRead);
        qCDebug(lcEspotaDevice) << flavourName(m_flavour) << "listening on" << address.toString() << port;
        return true;
    }

    void EspotaDevice::powerOff()
    {
        ++m_generation;
        m_inbound.clear();
        m_heldDatagrams.clear();
        if (m_transfer) {
            disconnect(m_transfer, nullptr, this, nullptr);
            m_transfer->cut();
            m_transfer = nullptr;
        }
        m_updater->abort();
        if (m_udp) {
            delete m_udp;
            m_udp = nullptr;
        }
        setState(State::Idle);
    }

    AuthScheme EspotaDevice::scheme() const
    {
        return m_flavour == Flavour::Esp32Pbkdf2 ? AuthScheme::Pbkdf2Sha256 : AuthScheme::Md5;
    }

    void EspotaDevice::setState(State state)
    {
        if (m_state == state)
            return;
        m_state = state;
        Q_EMIT stateChanged(state);
    }

    void EspotaDevice::onReadyRead()
    {
        while (m_udp && m_udp->hasPendingDatagrams()) {
            const QNetworkDatagram datagram = m_udp->receiveDatagram();
            const QByteArray data = datagram.data();
            const QHostAddress sender = datagram.senderAddress();
            const auto senderPort = static_cast<quint16>(datagram.senderPort());
            m_inbound.later([this, data, sender, senderPort] { onDatagram(data, sender, senderPort); });
        }
    }

    void EspotaDevice::onDatagram(const QByteArray &datagram, const QHostAddress &sender, quint16 senderPort)
    {
        switch (m_state) {
        case State::Idle:
            if (const auto invitation = Invitation::parseAsDevice(datagram))
                onInvitation(*invitation, sender, senderPort);
            else
                qCDebug(lcEspotaDevice) << "ignoring datagram" << datagram.left(64);
            return;
        case State::WaitAuth:
            onAuthAnswer(datagram, sender, senderPort);
            return;
        case State::RunUpdate:
            // handle() runs the update to its end before it reads UDP again.
            m_heldDatagrams.append({datagram, sender, senderPort});
            return;
        }
    }

    void EspotaDevice::onInvitation(const Invitation &invitation, const QHostAddress &sender, quint16 senderPort)
    {
        m_invitation = invitation;
        m_hostAddress = sender;
        m_hostUdpPort = senderPort;
        qCInfo(lcEspotaDevice).noquote() << m_address.toString() << "invitation from" << sender.toString()
                                         << "command" << int(invitation.command) << "size" << invitation.size;
        if (!m_passwordHash.isEmpty()) {
            m_nonce = Auth::newNonce(scheme());
            reply(Reply::AuthPrefix.toByteArray() + m_nonce, sender, senderPort);
            setState(State::WaitAuth);
            return;
        }
        if (m_flavour != Flavour::Esp8266)
            reply(Reply::Ok.toByteArray(), sender, senderPort);
        setState(State::RunUpdate);
        runUpdate();
    }

    void EspotaDevice::onAuthAnswer(const QByteArray &datagram, const QHostAddress &sender, quint16 senderPort)
    {
        const auto answer = AuthAnswer::parseAsDevice(datagram, scheme());
        if (!answer) {
            // Not "200 ..." (a re-sent invitation, say), or "auth param fail": dropped.
            qCInfo(lcEspotaDevice) << "no valid auth answer in WAITAUTH; back to IDLE";
            setState(State::Idle);
            return;
        }
        const QByteArray expected = Auth::response(scheme(), m_passwordHash, m_nonce, answer->clientNonce);
        if (!equalsConstantTime(expected, answer->response)) {
            qCInfo(lcEspotaDevice) << "Authentication Failed from" << sender.toString();
            reply(Reply::AuthenticationFailed.toByteArray(), sender, senderPort);
            setState(State::Idle);
            Q_EMIT authenticationFailed();
            return;
        }
        if (m_flavour != Flavour::Esp8266)
            reply(Reply::Ok.toByteArray(), sender, senderPort);
        setState(State::RunUpdate);
        runUpdate();
    }

    void EspotaDevice::runUpdate()
    {
        const auto refused = m_updater->begin(m_invitation.command, m_invitation.size, m_invitation.md5Hex);
        if (refused) {
            const QString text = updateErrorText(m_flavour, *refused);
            qCInfo(lcEspotaDevice).noquote() << "Update.begin failed:" << text;
            if (m_flavour == Flavour::Esp8266)
                reply(Reply::EspErrorPrefix.toByteArray() + updateErrorLine(m_flavour, *refused), m_hostAddress,
                      m_hostUdpPort);
            // ESP32 says nothing: the host waits for a connection that never comes.
            Q_EMIT updateFinished(false, text);
            backToIdle();
            return;
        }
        Q_EMIT updateStarted(m_invitation.command, m_invitation.size);
        if (m_flavour != Flavour::Esp8266) {
            startTransfer();
            return;
        }
        reply(Reply::Ok.toByteArray(), m_hostAddress, m_hostUdpPort);
        const quint64 generation = m_generation;
        QTimer::singleShot(Esp8266ConnectDelayMs, this, [this, generation] {
            if (generation == m_generation)
                startTransfer();
        });
    }

    void EspotaDevice::startTransfer()
    {
        DeviceTransfer::Settings settings;
        settings.flavour = m_flavour;
        settings.localAddress = m_address;
        settings.hostAddress = m_hostAddress;
        settings.hostPort = m_invitation.hostPort;
        settings.linkDelayMs = m_linkDelayMs;
        settings.flashBytesPerSecond = m_flashBytesPerSecond;
        settings.faults = m_faults;
        // It deletes itself once its socket is closed, after the device moved on.
        auto *transfer = new DeviceTransfer(settings, m_updater.get(), this);
        m_transfer = transfer;
        connect(transfer, &DeviceTransfer::progress, this, &EspotaDevice::progress);
        connect(transfer, &DeviceTransfer::finished, this, &EspotaDevice::onTransferFinished);
        transfer->start();
    }

    void EspotaDevice::onTransferFinished(bool ok, const QString &errorText)
    {
        m_transfer = nullptr;
        qCInfo(lcEspotaDevice).noquote() << m_address.toString() << "update" << (ok ? u"done"_s : errorText);
        Q_EMIT updateFinished(ok, errorText);
        if (!ok) {
            backToIdle();
            return;
        }
        const quint64 generation = m_generation;
        QTimer::singleShot(m_flavour == Flavour::Esp8266 ? 0 : Esp32RestartDelayMs, this, [this, generation] {
            if (generation != m_generation)
                return;
            qCInfo(lcEspotaDevice).noquote() << m_address.toString() << "restarting";
            powerOff();
            Q_EMIT restartRequested();
        });
    }

    void EspotaDevice::backToIdle()
    {
        setState(State::Idle);
        // What arrived meanwhile is read now, one datagram after another.
        const auto held = std::exchange(m_heldDatagrams, {});
        for (const auto &[datagram, sender, senderPort] : held)
            onDatagram(datagram, sender, senderPort);
    }

    void EspotaDevice::reply(const QByteArray &bytes, const QHostAddress &to, quint16 port)
    {
        const QPointer<QUdpSocket> udp = m_udp;
        m_outbound.later([udp, bytes, to, port] {
            if (udp)
                udp->writeDatagram(bytes, to, port);
        });
    }
} // namespace Espota
