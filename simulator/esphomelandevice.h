#pragma once

#include <memory>

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "esphome/esphomedevice.h"
#include "landeviceconfig.h"
#include "result.h"

namespace Discovery
{
    class MdnsResponder;
}

namespace Simulator
{
    class SlotFlash;

    // One simulated ESPHome node (docs/fleet-sim.md "ESPHome devices").
    struct EsphomeDeviceConfig
    {
        QString hostName;                 // the node name, also the mDNS instance
        QHostAddress address;             // 127.x, one per device
        QString friendlyName;             // friendly_name TXT, only if set
        QString esphomeVersion = QStringLiteral("2025.11.2"); // version TXT: the ESPHome release it was built with
        QString projectName = QStringLiteral("ota.sim");      // project_name TXT; empty: no project TXT
        QString version = QStringLiteral("1.0.0");            // project_version at first
        QString board = QStringLiteral("esp32dev");
        Esphome::DeviceBehaviour behaviour; // platform, protocol version, auth, password, compression, ...
        QString stateDir;
        qint64 appPartitionSize = 0x1E0000;
        int rebootSilenceMs = 3000;
        LanFailure failure = LanFailure::None; // DropAtPercent, NotEnoughSpace and RebootIntoOldImage apply
        int failureAtPercent = 50;
    };

    // "esp32-240ac400000a"-like MAC from the address, as defaultHostName:
    // Espressif OUI 24:0a:c4 and the address's low 24 bits, 12 lowercase hex.
    QString esphomeMac(const QHostAddress &address);

    // An ESPHome node on the LAN: Esphome::OtaDevice on the platform's
    // default OTA port (ESP32 3232, ESP8266 8266), `_esphomelib._tcp`
    // announced with SRV port 6053 (the API port; ESPHome never announces
    // OTA), slot files, and after an update a silent reboot and a
    // re-announcement with the new project_version.
    class EsphomeLanDevice final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(EsphomeLanDevice)

    public:
        EsphomeLanDevice(const EsphomeDeviceConfig &config, Discovery::MdnsResponder *responder,
                         QObject *parent = nullptr);
        ~EsphomeLanDevice() override;

        Result<bool, QString> start();
        const EsphomeDeviceConfig &config() const { return m_config; }
        quint16 otaPort() const;
        QString runningVersion() const;
        bool isOnline() const { return m_online; }
        // The TXT records in the order ESPHome's mDNS component adds them.
        static QList<std::pair<QByteArray, QByteArray>> txtRecords(const EsphomeDeviceConfig &config,
                                                                   const QString &projectVersion);

    Q_SIGNALS:
        void updateStarted(qint64 size);
        void updateFinished(bool ok, quint8 errorCode, const QString &text);
        void rebooting();
        void booted(const QString &version);

    private:
        void onRestartRequested();
        Result<bool, QString> bootUp();
        void publish();

        EsphomeDeviceConfig m_config;
        QPointer<Discovery::MdnsResponder> m_responder;
        std::unique_ptr<SlotFlash> m_flash;
        std::unique_ptr<Esphome::OtaDevice> m_device;
        QTimer m_rebootTimer;
        int m_mdnsId = -1;
        bool m_online = false;
    };
} // namespace Simulator
