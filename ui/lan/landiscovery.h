#pragma once

#include <memory>

#include <QObject>
#include <QStringList>

namespace Discovery
{
    class MdnsBrowser;
    class MdnsTransport;
} // namespace Discovery
namespace Models
{
    class LanDeviceModel;
}

// mDNS browsing for the LAN page: ArduinoOTA and ESPHome instances, on the
// interfaces asked for only (loopback by default, so a demo announces and
// queries nothing on the operator's network), fed into the device model.
class LanDiscovery final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanDiscovery)
public:
    explicit LanDiscovery(Models::LanDeviceModel *model, QObject *parent = nullptr);
    ~LanDiscovery() override;

    // (Re)starts browsing on these interfaces; empty means every interface.
    void start(const QStringList &interfaceNames);
    QStringList interfaceNames() const { return m_interfaces; }
    bool isRunning() const;
    // Null until started; the push job confirms re-announcements through it.
    Discovery::MdnsBrowser *browser() const { return m_browser.get(); }

    // A direct query to each of these rows' devices.
    void checkNow(const QList<int> &rows);

Q_SIGNALS:
    // "Listening on lo", or why it cannot.
    void statusChanged(const QString &text, bool failed);
    void checked(const QString &deviceName, bool answered, int elapsedMs);

private:
    Models::LanDeviceModel *m_model;
    QStringList m_interfaces;
    std::unique_ptr<Discovery::MdnsTransport> m_transport;
    std::unique_ptr<Discovery::MdnsBrowser> m_browser;
};
