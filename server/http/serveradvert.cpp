#include "serveradvert.h"

#include <QNetworkInterface>
#include <QSysInfo>

#include "discovery/mdnsresponder.h"
#include "discovery/mdnstransport.h"
#include "serverlogging.h"

using namespace Qt::Literals::StringLiterals;

namespace Http
{
    ServerAdvert::ServerAdvert(QObject *parent) : QObject(parent) {}

    ServerAdvert::~ServerAdvert()
    {
        if (m_responder)
            m_responder->withdrawAll();
    }

    Result<bool, QString> ServerAdvert::start(const QStringList &interfaces, const ServerIdentity &identity, quint16 port,
                                              bool tls)
    {
        m_transport = new Discovery::MdnsTransport(interfaces, this);
        QString error;
        if (!m_transport->start(&error))
            return u"cannot announce the server by mDNS: %1 (use --no-mdns to run without)"_s.arg(error);
        m_responder = new Discovery::MdnsResponder(m_transport, this);

        Discovery::ServiceDescription service;
        service.instanceName = identity.name;
        service.serviceType = u"_otarollout._tcp"_s;
        service.port = port;
        QString host = QSysInfo::machineHostName().section(u'.', 0, 0);
        service.hostName = host.isEmpty() ? u"ota-server"_s : host;
        for (const QNetworkInterface &interface : m_transport->interfaces()) {
            for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
                const QHostAddress address = entry.ip();
                if (!address.isLinkLocal() || address.protocol() == QAbstractSocket::IPv4Protocol)
                    service.addresses.append(address);
            }
        }
        service.txt = {{"api", QByteArray::number(identity.apiVersion)},
                       {"tls", tls ? "yes" : "no"},
                       {"name", identity.name.toUtf8()},
                       {"version", identity.softwareVersion.toUtf8()}};
        m_responder->publish(service);
        qCInfo(lcServer) << "announcing" << identity.name << "as _otarollout._tcp on port" << port;
        return true;
    }
} // namespace Http
