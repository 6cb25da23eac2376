#include "esphomelandevice.h"

#include <QDir>

#include "discovery/mdnsresponder.h"
#include "logging.h"
#include "slotflash.h"

using namespace Qt::Literals::StringLiterals;

namespace Simulator
{
    QString esphomeMac(const QHostAddress &address)
    {
        return u"240ac4%1"_s.arg(address.toIPv4Address() & 0xFFFFFF, 6, 16, QLatin1Char('0'));
    }

    EsphomeLanDevice::EsphomeLanDevice(const EsphomeDeviceConfig &config, Discovery::MdnsResponder *responder,
                                       QObject *parent)
        : QObject(parent), m_config(config), m_responder(responder)
    {
        const bool noSpace = config.failure == LanFailure::NotEnoughSpace;
        m_flash = std::make_unique<SlotFlash>(QDir(config.stateDir).filePath(config.hostName), config.appPartitionSize, 0);
        Esphome::DeviceBehaviour behaviour = config.behaviour;
        // The partition check is the device's; an image bigger than the slot
        // is refused at begin() with the platform's not-enough-space code (an
        // empty flash would read as "no update partition" instead).
        behaviour.partitionSize = noSpace ? 1 : config.appPartitionSize;
        if (config.failure == LanFailure::DropAtPercent)
            behaviour.dropAtPercent = config.failureAtPercent;
        m_device = std::make_unique<Esphome::OtaDevice>(m_flash.get());
        m_device->setBehaviour(behaviour);

        connect(m_device.get(), &Esphome::OtaDevice::updateStarted, this, &EsphomeLanDevice::updateStarted);
        connect(m_device.get(), &Esphome::OtaDevice::updateFinished, this, &EsphomeLanDevice::updateFinished);
        connect(m_device.get(), &Esphome::OtaDevice::restartRequested, this, &EsphomeLanDevice::onRestartRequested);

        m_rebootTimer.setSingleShot(true);
        connect(&m_rebootTimer, &QTimer::timeout, this, [this] {
            m_flash->boot(m_config.failure == LanFailure::RebootIntoOldImage);
            const auto up = bootUp();
            if (!up)
                qCWarning(lcSimulator).noquote() << m_config.hostName << "cannot come back:" << up.error();
        });
    }

    EsphomeLanDevice::~EsphomeLanDevice()
    {
        m_device.reset();
        if (m_responder && m_mdnsId >= 0)
            m_responder->withdraw(m_mdnsId);
    }

    quint16 EsphomeLanDevice::otaPort() const
    {
        return m_config.behaviour.platform == Esphome::Platform::Esp8266 ? 8266 : 3232;
    }

    QString EsphomeLanDevice::runningVersion() const
    {
        return m_flash->runningVersion();
    }

    Result<bool, QString> EsphomeLanDevice::start()
    {
        const auto loaded = m_flash->load(m_config.version);
        if (!loaded)
            return u"%1: %2"_s.arg(m_config.hostName, loaded.error());
        return bootUp();
    }

    Result<bool, QString> EsphomeLanDevice::bootUp()
    {
        const auto listening = m_device->listen(m_config.address, otaPort());
        if (!listening)
            return u"%1: cannot listen on %2"_s.arg(m_config.hostName, listening.error());
        m_online = true;
        publish();
        qCInfo(lcSimulator).noquote() << m_config.hostName << "(ESPHome) up on" << m_config.address.toString()
                                      << "running" << runningVersion();
        Q_EMIT booted(runningVersion());
        return true;
    }

    void EsphomeLanDevice::publish()
    {
        if (!m_responder)
            return;
        Discovery::ServiceDescription service;
        service.instanceName = m_config.hostName;
        service.serviceType = u"_esphomelib._tcp"_s;
        service.port = Esphome::DefaultApiPort; // the native API; the OTA port is not announced
        service.txt = txtRecords(m_config, runningVersion());
        service.hostName = m_config.hostName;
        service.addresses = {m_config.address};
        m_mdnsId = m_responder->publish(service);
    }

    QList<std::pair<QByteArray, QByteArray>> EsphomeLanDevice::txtRecords(const EsphomeDeviceConfig &config,
                                                                          const QString &projectVersion)
    {
        QList<std::pair<QByteArray, QByteArray>> txt;
        if (!config.friendlyName.isEmpty())
            txt.append({"friendly_name", config.friendlyName.toUtf8()});
        txt.append({"version", config.esphomeVersion.toUtf8()});
        txt.append({"mac", esphomeMac(config.address).toUtf8()});
        txt.append({QByteArray("platform"),
                    QByteArray(config.behaviour.platform == Esphome::Platform::Esp8266 ? "ESP8266" : "ESP32")});
        txt.append({"board", config.board.toUtf8()});
        txt.append({QByteArray("network"), QByteArray("wifi")});
        if (!config.projectName.isEmpty()) {
            txt.append({"project_name", config.projectName.toUtf8()});
            txt.append({"project_version", projectVersion.toUtf8()});
        }
        return txt;
    }

    void EsphomeLanDevice::onRestartRequested()
    {
        // App.safe_reboot(): no goodbye, nothing answers until the new image runs.
        m_online = false;
        m_device->powerOff();
        if (m_responder && m_mdnsId >= 0)
            m_responder->withdrawSilently(m_mdnsId);
        m_mdnsId = -1;
        Q_EMIT rebooting();
        m_rebootTimer.start(m_config.rebootSilenceMs);
    }
} // namespace Simulator
