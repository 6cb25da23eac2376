#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "espotadevicelink.h"
#include "espotawire.h"

class QTcpSocket;

namespace Espota
{
    class DeviceUpdater;

    // Failure modes a simulated device can be told to show (docs/fleet-sim.md).
    struct DeviceFaults
    {
        int dropAtPercent = -1;        // reset the TCP connection once this share of the image arrived; <0 never
        bool neverConnectBack = false; // as if a host firewall dropped the connect-back
        bool withholdFinalOk = false;  // close after the last ack without sending "OK"
    };

    // The TCP data phase of one update, the device side (PROTOCOLS.md 1.5):
    // connect back from the device's own address, read (ESP32: up to 1460
    // bytes a step, 1000 ms receive timeout, ack re-sent up to 3 times;
    // ESP8266: up to 4096, no timeout while connected), ack each write with
    // its decimal count, then "OK" or the Update error line.
    //
    // Flash pacing: after writing N bytes the device reads again only
    // N / flashBytesPerSecond later, and it takes from the socket no more
    // than a device's TCP window, so the sender feels real backpressure.
    // Everything crosses the link model: data becomes visible delay ms after
    // it was read from the socket, and what the device sends leaves delay ms
    // after it was written.
    class DeviceTransfer final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(DeviceTransfer)

    public:
        struct Settings
        {
            Flavour flavour = Flavour::Esp32Pbkdf2;
            QHostAddress localAddress;
            QHostAddress hostAddress;
            quint16 hostPort = 0;
            int linkDelayMs = 0;
            int flashBytesPerSecond = 0; // 0: no pacing
            DeviceFaults faults;
        };

        static constexpr int Esp32ReadSize = 1460;
        static constexpr int Esp8266ReadSize = 4096;
        static constexpr int ReceiveTimeoutMs = 1000; // ArduinoOTA _ota_timeout
        static constexpr int AckRetries = 3;
        static constexpr int ConnectTimeoutMs = 3000; // NetworkClient connect timeout
        static constexpr int Esp8266ResultDelayMs = 1000;
        static constexpr qint64 TcpWindow = 5744;     // lwIP TCP_WND on Arduino-ESP32

        DeviceTransfer(const Settings &settings, DeviceUpdater *updater, QObject *parent = nullptr);
        ~DeviceTransfer() override;

        void start();
        // The device lost power: nothing more is read or sent.
        void cut();

    Q_SIGNALS:
        void progress(qint64 bytes, qint64 total);
        // The device's part is over (result sent or not); ok: the update was applied.
        void finished(bool ok, const QString &errorText);

    private:
        void onConnected();
        void pull();
        void step();
        void scheduleStep(qint64 inMicroseconds);
        void onReceiveTimeout();
        void endUpdate();
        void sendLater(const QByteArray &bytes, int extraMs = 0);
        void closeLater(bool reset);
        void finish(bool ok, const QString &errorText);
        bool peerGone() const;
        // Microseconds: a 1460-byte write at 400 KB/s is 3.65 ms, and whole
        // milliseconds would make the flash 20 % faster than asked.
        qint64 nowUs() const { return m_clock.nsecsElapsed() / 1000; }

        Settings m_settings;
        DeviceUpdater *m_updater;
        QPointer<QTcpSocket> m_socket;
        DeviceLink m_inbound;
        DeviceLink m_outbound;
        QElapsedTimer m_clock;
        QTimer m_stepTimer;
        QTimer m_receiveTimer;
        QTimer m_connectTimer;
        QByteArray m_arrived;
        qint64 m_inFlight = 0;   // read from the socket, not yet taken by the device
        qint64 m_pacedUntil = 0; // microseconds on m_clock: the flash is busy until then
        qint64 m_waitingSince = 0; // when the bytes now in m_arrived were first there
        qint64 m_total = 0;
        qint64 m_lastWritten = 0;
        int m_tried = 0;
        bool m_connected = false;
        bool m_peerClosed = false;
        bool m_done = false;     // nothing more is read
        bool m_finished = false; // the result is out
    };
} // namespace Espota
