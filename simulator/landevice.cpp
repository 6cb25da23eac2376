#include "landevice.h"

#include <QDir>

#include "discovery/mdnsresponder.h"
#include "espota/espotadevice.h"
#include "logging.h"
#include "slotflash.h"

using namespace Qt::Literals::StringLiterals;

namespace Simulator
{
    LanDevice::LanDevice(const LanDeviceConfig &config, Discovery::MdnsResponder *responder, QObject *parent)
        : QObject(parent), m_config(config), m_responder(responder)
    {
        const bool noSpace = config.failure == LanFailure::NotEnoughSpace;
        m_flash = std::make_unique<SlotFlash>(slotDirectory(), noSpace ? 0 : config.appPartitionSize,
                                              noSpace ? 0 : config.fsPartitionSize);
        m_device = std::make_unique<Espota::EspotaDevice>(config.flavour, m_flash.get());
        if (config.passwordStoredAsMd5)
            m_device->setPasswordHash(Espota::Auth::passwordHash(config.password, Espota::Auth::PasswordHash::Md5));
        else
            m_device->setPassword(config.password);
        m_device->setLinkDelay(config.linkDelayMs);
        m_device->setFlashRate(config.flashBytesPerSecond);
        Espota::DeviceFaults faults;
        if (config.failure == LanFailure::DropAtPercent)
            faults.dropAtPercent = config.failureAtPercent;
        faults.neverConnectBack = config.failure == LanFailure::NeverConnectBack;
        faults.withholdFinalOk = config.failure == LanFailure::NoFinalOk;
        m_device->setFaults(faults);

        connect(m_device.get(), &Espota::EspotaDevice::updateStarted, this, &LanDevice::updateStarted);
        connect(m_device.get(), &Espota::EspotaDevice::progress, this, &LanDevice::progress);
        connect(m_device.get(), &Espota::EspotaDevice::updateFinished, this, &LanDevice::updateFinished);
        connect(m_device.get(), &Espota::EspotaDevice::restartRequested, this, &LanDevice::onRestartRequested);

        m_rebootTimer.setSingleShot(true);
        connect(&m_rebootTimer, &QTimer::timeout, this, [this] {
            m_flash->boot(m_config.failure == LanFailure::RebootIntoOldImage);
            const auto up = bootUp();
            if (!up)
                qCWarning(lcSimulator).noquote() << m_config.hostName << "cannot come back:" << up.error();
        });
    }

    LanDevice::~LanDevice()
    {
        m_device.reset();
        if (m_responder && m_mdnsId >= 0)
            m_responder->withdraw(m_mdnsId);
    }

    QString LanDevice::slotDirectory() const
    {
        return QDir(m_config.stateDir).filePath(m_config.hostName);
    }

    QString LanDevice::runningVersion() const
    {
        return m_flash->runningVersion();
    }

    QString LanDevice::activeSlot() const
    {
        return m_flash->activeSlot();
    }

    Result<bool, QString> LanDevice::start()
    {
        const auto loaded = m_flash->load(m_config.version);
        if (!loaded)
            return u"%1: %2"_s.arg(m_config.hostName, loaded.error());
        return bootUp();
    }

    Result<bool, QString> LanDevice::bootUp()
    {
        const auto listening = m_device->listen(m_config.address, m_config.port);
        if (!listening)
            return u"%1: cannot listen on %2"_s.arg(m_config.hostName, listening.error());
        m_online = true;
        publish();
        qCInfo(lcSimulator).noquote() << m_config.hostName << "up on" << m_config.address.toString() << "running"
                                      << runningVersion() << "from" << activeSlot();
        Q_EMIT booted(runningVersion());
        return true;
    }

    void LanDevice::publish()
    {
        if (!m_responder)
            return;
        Discovery::ServiceDescription service;
        service.instanceName = m_config.hostName;
        service.serviceType = u"_arduino._tcp"_s;
        service.port = m_config.port;
        service.txt = txtRecords(m_config, runningVersion());
        service.hostName = m_config.hostName;
        service.addresses = {m_config.address};
        m_mdnsId = m_responder->publish(service);
    }

    QList<std::pair<QByteArray, QByteArray>> LanDevice::txtRecords(const LanDeviceConfig &config, const QString &version)
    {
        const QByteArray board = config.board.toUtf8();
        const QByteArray auth = config.password.isEmpty() ? "no" : "yes";
        QList<std::pair<QByteArray, QByteArray>> txt;
        if (config.flavour == Espota::Flavour::Esp8266)
            txt = {{"tcp_check", "no"}, {"ssh_upload", "no"}, {"board", board}, {"auth_upload", auth}};
        else
            txt = {{"board", board}, {"tcp_check", "no"}, {"ssh_upload", "no"}, {"auth_upload", auth}};
        txt.append({"fw_version", version.toUtf8()}); // what a firmware that opts in adds
        return txt;
    }

    void LanDevice::onRestartRequested()
    {
        // ESP.restart(): no goodbye, no espota until the new image runs.
        m_online = false;
        if (m_responder && m_mdnsId >= 0)
            m_responder->withdrawSilently(m_mdnsId);
        m_mdnsId = -1;
        qCInfo(lcSimulator).noquote() << m_config.hostName << "rebooting, silent for" << m_config.rebootSilenceMs << "ms";
        Q_EMIT rebooting();
        m_rebootTimer.start(m_config.rebootSilenceMs);
    }
} // namespace Simulator
