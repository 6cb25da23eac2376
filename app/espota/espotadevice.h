#pragma once

#include <memory>

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include "espotadevicesink.h"
#include "espotadevicetransfer.h"
#include "espotawire.h"
#include "result.h"

class QUdpSocket;

namespace Espota
{
    class DeviceUpdater;

    // The device half of espota, as Arduino-ESP32 (up to 3.3.0 and 3.3.1+)
    // and ESP8266 ArduinoOTA behave on the wire, quirks included
    // (PROTOCOLS.md 1.2-1.6): a UDP server in state IDLE, WAITAUTH or
    // RUNUPDATE, the connect-back over TCP from the device's own address, the
    // data phase (DeviceTransfer) and the Update class (DeviceUpdater) over a
    // sink that stores the bytes. Used by ota-fleet-sim and the tests; a link
    // delay and a flash rate make it as slow as a device on Wi-Fi.
    class EspotaDevice final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(EspotaDevice)

    public:
        enum class State
        {
            Idle,
            WaitAuth,
            RunUpdate,
        };
        Q_ENUM(State)

        // The sink must outlive the device.
        EspotaDevice(Flavour flavour, UpdateSink *sink, QObject *parent = nullptr);
        ~EspotaDevice() override;

        // ArduinoOTA.setPassword(): stored as hex MD5 (ESP8266, ESP32 up to
        // 3.3.0) or hex SHA-256 (ESP32 3.3.1+). Empty: no authentication.
        void setPassword(const QString &password);
        // ArduinoOTA.setPasswordHash(): stored verbatim; a 3.3.1+ device given
        // an MD5 hash here keeps it and uses it in the PBKDF2 exchange.
        void setPasswordHash(const QByteArray &hexHash);
        void setLinkDelay(int milliseconds);     // one-way, both directions, UDP and TCP
        void setFlashRate(int bytesPerSecond);   // 0: as fast as the host sends
        void setFaults(const DeviceFaults &faults);

        Flavour flavour() const { return m_flavour; }
        State state() const { return m_state; }
        bool isListening() const;
        QHostAddress address() const { return m_address; }
        quint16 port() const { return m_port; }

        // Binds the UDP port: true, or why not ("127.0.0.23:3232: address in use").
        Result<bool, QString> listen(const QHostAddress &address, quint16 port);
        // Loses power: stops answering at once, says nothing, drops any update.
        void powerOff();

    Q_SIGNALS:
        void stateChanged(Espota::EspotaDevice::State state);
        void authenticationFailed();
        void updateStarted(Espota::Command command, qint64 size);
        void progress(qint64 bytes, qint64 total);
        void updateFinished(bool ok, const QString &errorText);
        // A successful update ends in ESP.restart(): the device has powered
        // itself off; its owner brings it back (listen() again).
        void restartRequested();

    private:
        void onReadyRead();
        void onDatagram(const QByteArray &datagram, const QHostAddress &sender, quint16 senderPort);
        void onInvitation(const Invitation &invitation, const QHostAddress &sender, quint16 senderPort);
        void onAuthAnswer(const QByteArray &datagram, const QHostAddress &sender, quint16 senderPort);
        void runUpdate();
        void startTransfer();
        void onTransferFinished(bool ok, const QString &errorText);
        void reply(const QByteArray &bytes, const QHostAddress &to, quint16 port);
        void setState(State state);
        void backToIdle();
        AuthScheme scheme() const;

        Flavour m_flavour;
        UpdateSink *m_sink;
        std::unique_ptr<DeviceUpdater> m_updater;
        QUdpSocket *m_udp = nullptr;
        DeviceLink m_inbound;
        DeviceLink m_outbound;
        QHostAddress m_address;
        quint16 m_port = 0;
        QByteArray m_passwordHash;
        int m_linkDelayMs = 0;
        int m_flashBytesPerSecond = 0;
        DeviceFaults m_faults;
        State m_state = State::Idle;
        QByteArray m_nonce;
        Invitation m_invitation;
        QHostAddress m_hostAddress;
        quint16 m_hostUdpPort = 0;
        QPointer<DeviceTransfer> m_transfer;
        QList<std::tuple<QByteArray, QHostAddress, quint16>> m_heldDatagrams; // arrived during an update
        quint64 m_generation = 0; // bumped on power-off: stale timers do nothing
    };
} // namespace Espota
