#pragma once

#include <optional>

#include <QByteArray>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include "espota/espotadevicelink.h"
#include "espota/espotadevicesink.h"
#include "esphomewire.h"
#include "result.h"

class QTcpServer;
class QTcpSocket;

namespace Esphome
{
    // Which ESPHome generation answers a password-protected connection
    // (PROTOCOLS.md 2.1, 2.3 step 5).
    enum class AuthMode
    {
        Md5Only,        // before 2025.10: always a 0x01 MD5 challenge, feature bit 0x02 ignored
        Transitional,   // 2025.10-2025.12 with ALLOW_OTA_DOWNGRADE_MD5: SHA-256 if offered, else MD5
        Sha256Required, // 2026.1 and later: SHA-256 if offered, else 0x82 at once
    };

    // The device's platform: the default OTA port and the not-enough-space code.
    enum class Platform
    {
        Esp32,   // port 3232, ERROR_ESP32_NOT_ENOUGH_SPACE (0x89)
        Esp8266, // port 8266, ERROR_ESP8266_NOT_ENOUGH_SPACE (0x88)
    };

    // How a simulated device behaves; the defaults are a current ESP32 node.
    struct DeviceBehaviour
    {
        Platform platform = Platform::Esp32;
        quint8 protocolVersion = 2;               // 1 or 2 (2 sends CHUNK_OK per 8 KiB and one for the last partial block)
        AuthMode auth = AuthMode::Sha256Required;
        QString password;                         // empty: no auth (AUTH_OK at once)
        bool supportsCompression = false;         // ESP8266 backends: answers 0x46/flag 0x01 to feature 0x01, gunzips
        bool understandsExtendedProtocol = true;  // answers 48 <flags> when the client sets 0x04; else 40/46
        qint64 partitionSize = 0x1E0000;          // begin(size) beyond it (or the sink's capacity) -> not enough space
        // Forces an error code at the step it belongs to: 0x81, 0x85, 0x86,
        // 0x87, 0x8A, 0x88/0x89 after the size; 0x83 while writing; 0x84,
        // 0x8B, 0x8D at the end (after RECEIVE_OK).
        std::optional<quint8> failWith;
        int dropAtPercent = -1;                   // reset the connection once this share arrived; <0 never
        int linkDelayMs = 0;                      // one-way latency added to everything the device sends
        int flashBytesPerSecond = 400000;         // the device reads no faster than it writes flash; 0: no pacing
    };

    // The device side of ESPHome's native OTA (PROTOCOLS.md 2.3): a TCP
    // server serving one client at a time (a second connection while busy
    // is closed at once, as listen backlog 1 would), the handshake with
    // feature ack and challenge, the size/MD5 header, the data phase with
    // chunk acks (version 2), gunzip for compressed uploads, and the final
    // exchange ending in restartRequested(). The (decompressed) image goes
    // to an Espota::UpdateSink (Command::Flash), e.g. Simulator::SlotFlash.
    class OtaDevice final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(OtaDevice)

    public:
        static constexpr int HandshakeTimeoutMs = 20000; // magic to auth, overall
        static constexpr int DataTimeoutMs = 90000;      // without any data
        static constexpr qsizetype ReadSize = 1024;      // the device reads at most this much a step

        // The sink must outlive the device.
        explicit OtaDevice(Espota::UpdateSink *sink, QObject *parent = nullptr);
        ~OtaDevice() override;

        void setBehaviour(const DeviceBehaviour &behaviour); // takes effect for the next connection
        DeviceBehaviour behaviour() const { return m_behaviour; }
        void setHandshakeTimeout(int milliseconds); // tests shorten them
        void setDataTimeout(int milliseconds);

        // Listens: true, or why not ("127.0.2.1:3232: address in use").
        Result<bool, QString> listen(const QHostAddress &address, quint16 port);
        // Loses power: closes the server and any connection, drops the update.
        void powerOff();
        bool isListening() const;
        bool isBusy() const { return !m_client.isNull(); }
        QHostAddress address() const { return m_address; }
        quint16 port() const { return m_port; }

    Q_SIGNALS:
        void clientConnected(const QHostAddress &peer);
        void authenticationFailed();
        void updateStarted(qint64 size);           // the upload's size (compressed if compressed)
        void progress(qint64 bytes, qint64 total); // upload bytes received
        // ok: the image was written and the client told; else errorCode
        // (the byte sent, 0 when the connection was lost) and why.
        void updateFinished(bool ok, quint8 errorCode, const QString &text);
        // After the client's final 00: the device reboots; its owner powers it off and back on.
        void restartRequested();

    private:
        enum class Phase
        {
            ReadMagic,
            Feature,
            AuthAnswer,
            OtaType,
            Size,
            Md5,
            Data,
            FinalAck,
            Done,
        };

        void onNewConnection();
        void onReadyRead();
        void onDisconnected();
        void step();
        bool handleMagic();
        bool handleFeature();
        bool handleAuthAnswer();
        bool handleOtaType();
        bool handleSize();
        bool handleMd5();
        bool handleData();
        bool handleFinalAck();
        void afterAuth();
        void finishOk();
        void endUpdate();
        void send(const QByteArray &bytes);
        void failWith(quint8 code, const QString &text);
        void lost(const QString &text);
        void closeClient(bool reset);
        void onHandshakeTimeout();
        void onDataTimeout();
        bool forced(quint8 code) const;
        quint8 notEnoughSpaceCode() const;

        Espota::UpdateSink *m_sink;
        DeviceBehaviour m_behaviour;
        DeviceBehaviour m_session; // the behaviour fixed when the client connected
        QTcpServer *m_server = nullptr;
        QPointer<QTcpSocket> m_client;
        QHostAddress m_address;
        quint16 m_port = 0;
        int m_handshakeTimeoutMs = HandshakeTimeoutMs;
        int m_dataTimeoutMs = DataTimeoutMs;
        QTimer m_handshakeTimer;
        QTimer m_dataTimer;
        QTimer m_paceTimer;
        Espota::DeviceLink m_outbound; // what the device sends crosses the link delay
        QElapsedTimer m_clock;

        Phase m_phase = Phase::ReadMagic;
        QByteArray m_buffer;
        quint8 m_clientFeatures = 0;
        bool m_compressed = false;
        bool m_extended = false;
        AuthAlgorithm m_authAlgorithm = AuthAlgorithm::Sha256;
        QByteArray m_nonce;
        qint64 m_size = 0;
        qint64 m_received = 0;
        qint64 m_pacedUntilUs = 0;
        QByteArray m_expectedMd5;
        QCryptographicHash m_md5{QCryptographicHash::Md5};
        QByteArray m_upload; // compressed uploads are kept whole and gunzipped at the end
        bool m_sinkStarted = false;
        bool m_finishedSignalled = false;
        quint64 m_generation = 0; // bumped per connection and on power-off: stale delayed sends do nothing
    };
} // namespace Esphome
