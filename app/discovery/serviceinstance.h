#pragma once

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>

#include "dnsname.h"

namespace Discovery
{
    // How we last heard from an instance: the UI shows its age and source,
    // never a bare "online" dot.
    enum class HeardVia
    {
        Announcement,   // an unsolicited multicast response (a device announcing itself)
        QueryAnswer,    // an answer to one of our queries (continuous browsing)
        CheckNow,       // an answer to a "check now" liveness query
    };
    QString heardViaName(HeardVia via); // "announcement", "query answer", "check now"

    // One DNS-SD service instance as the browser knows it.
    struct ServiceInstance
    {
        DnsName fullName;            // "esp32-a1b2c3._arduino._tcp.local"
        QString instanceName;        // "esp32-a1b2c3"
        QString serviceType;         // "_arduino._tcp"
        QString hostName;            // SRV target, "esp32-a1b2c3.local"; empty until resolved
        quint16 port = 0;
        QList<QHostAddress> addresses;
        QList<QByteArray> txtStrings;   // as sent
        QHash<QString, QString> txt;    // decoded, keys lower-case
        QDateTime firstSeen;         // UTC
        QDateTime lastHeard;         // UTC
        HeardVia lastHeardVia = HeardVia::Announcement;
        int interfaceIndex = 0;      // where it was last heard

        // SRV, TXT and at least one address known.
        bool isResolved() const { return !hostName.isEmpty() && !addresses.isEmpty() && port != 0; }
    };
} // namespace Discovery
