#pragma once

#include <memory>

#include <QObject>
#include <QPointer>
#include <QTimer>

#include "espota/espotawire.h"
#include "landeviceconfig.h"
#include "result.h"

namespace Discovery
{
    class MdnsResponder;
}
namespace Espota
{
    class EspotaDevice;
}

namespace Simulator
{
    class SlotFlash;

    // One simulated ArduinoOTA device on the LAN: the espota device side on
    // its own 127.x address, `_arduino._tcp` announced through a shared mDNS
    // responder, and a flash of slot files. After a successful update it
    // reboots: silent (no goodbye, no espota) for rebootSilenceMs, then back
    // with the new image's version, or the old one (RebootIntoOldImage).
    class LanDevice final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(LanDevice)

    public:
        // responder may be null: no mDNS.
        LanDevice(const LanDeviceConfig &config, Discovery::MdnsResponder *responder, QObject *parent = nullptr);
        ~LanDevice() override; // withdraws its service with a goodbye

        // Reads the slot state, binds UDP, publishes mDNS. Error: why not
        // (the address or port is taken, the state directory is unusable).
        Result<bool, QString> start();

        const LanDeviceConfig &config() const { return m_config; }
        QString runningVersion() const;
        QString activeSlot() const;
        QString slotDirectory() const; // <stateDir>/<hostName>
        bool isOnline() const { return m_online; }
        // The TXT records announced for a version, in the order the flavour's core adds them.
        static QList<std::pair<QByteArray, QByteArray>> txtRecords(const LanDeviceConfig &config, const QString &version);

    Q_SIGNALS:
        void updateStarted(Espota::Command command, qint64 size);
        void progress(qint64 bytes, qint64 total);
        void updateFinished(bool ok, const QString &text);
        void rebooting();
        void booted(const QString &version);

    private:
        void onRestartRequested();
        Result<bool, QString> bootUp();
        void publish();

        LanDeviceConfig m_config;
        QPointer<Discovery::MdnsResponder> m_responder;
        std::unique_ptr<SlotFlash> m_flash;
        std::unique_ptr<Espota::EspotaDevice> m_device;
        QTimer m_rebootTimer;
        int m_mdnsId = -1;
        bool m_online = false;
    };
} // namespace Simulator
