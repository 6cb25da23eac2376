#include "landiscovery.h"

#include "discovery/mdnsbrowser.h"
#include "discovery/mdnstransport.h"
#include "models/landevicemodel.h"

LanDiscovery::LanDiscovery(Models::LanDeviceModel *model, QObject *parent) : QObject(parent), m_model(model) {}

LanDiscovery::~LanDiscovery()
{
    m_browser.reset(); // before the transport it sends through
}

bool LanDiscovery::isRunning() const
{
    return m_browser != nullptr;
}

void LanDiscovery::start(const QStringList &interfaceNames)
{
    m_browser.reset();
    m_transport.reset();
    m_interfaces = interfaceNames;
    auto transport = std::make_unique<Discovery::MdnsTransport>(interfaceNames);
    QString error;
    if (!transport->start(&error)) {
        Q_EMIT statusChanged(tr("LAN discovery could not start: %1").arg(error), true);
        return;
    }
    m_transport = std::move(transport);
    m_browser = std::make_unique<Discovery::MdnsBrowser>(
        m_transport.get(), QStringList {QStringLiteral("_arduino._tcp"), QStringLiteral("_esphomelib._tcp")});
    connect(m_browser.get(), &Discovery::MdnsBrowser::instanceAdded, m_model, &Models::LanDeviceModel::upsert);
    connect(m_browser.get(), &Discovery::MdnsBrowser::instanceUpdated, m_model, &Models::LanDeviceModel::upsert);
    connect(m_browser.get(), &Discovery::MdnsBrowser::instanceRemoved, m_model, &Models::LanDeviceModel::markGone);
    connect(m_browser.get(), &Discovery::MdnsBrowser::livenessChecked, this,
            [this](const Discovery::DnsName &name, bool answered, int elapsedMs) {
                Q_EMIT checked(name.firstLabel(), answered, elapsedMs);
            });
    m_browser->start();
    const QString where = interfaceNames.isEmpty() ? tr("every interface") : interfaceNames.join(QStringLiteral(", "));
    Q_EMIT statusChanged(tr("Looking for ArduinoOTA and ESPHome devices on %1.").arg(where), false);
}

void LanDiscovery::checkNow(const QList<int> &rows)
{
    if (!m_browser)
        return;
    for (const int row : rows)
        m_browser->checkNow(m_model->device(row).fullName);
}
