#pragma once

#include <array>

#include <QByteArray>
#include <QList>
#include <QString>

#include "dnsmessage.h"
#include "dnsname.h"
#include "mdnsresponder.h"

// Private to MdnsResponder: one published service and the records it owns.
namespace Discovery::ResponderDetail
{
    // The records of a service, one kind at a time. Host-level kinds (the
    // addresses and the host NSEC) and the service-type enumeration PTR are
    // shared by every service with the same host or type; the responder
    // answers them through one canonical service so they go out once.
    enum class RecordKind : quint8
    {
        TypePtr,      // _arduino._tcp.local PTR instance (shared)
        EnumPtr,      // _services._dns-sd._udp.local PTR _arduino._tcp.local (shared)
        Srv,          // instance SRV (unique)
        Txt,          // instance TXT (unique)
        AddrV4,       // host A (unique)
        AddrV6,       // host AAAA (unique)
        InstanceNsec, // instance NSEC: only SRV and TXT exist
        HostNsec,     // host NSEC: only the address types we have exist
    };
    constexpr int RecordKindCount = 8;

    enum class TtlMode
    {
        Normal,  // the service's TTLs, cache-flush on unique records
        Goodbye, // TTL 0 (RFC 6762 section 10.1)
        Legacy,  // TTL capped at 10 s, no cache-flush bit (RFC 6762 section 6.7)
    };

    bool isHostKind(RecordKind kind);
    bool isSharedKind(RecordKind kind); // PTRs: answers to them are delayed 20-120 ms

    struct PublishedService
    {
        enum class State
        {
            Probing,    // sending probes (or waiting to, after a lost tie-break)
            Announcing, // probing won; announcements under way
            Announced,  // both announcements sent
        };

        int id = 0;
        ServiceDescription description; // instanceName and hostName are the names in use
        QString originalInstance;
        DnsName typeName;               // _arduino._tcp.local
        DnsName instanceName;           // esp32-a1b2c3._arduino._tcp.local
        DnsName hostName;               // esp32-a1b2c3.local

        State state = State::Probing;
        bool announced = false;         // isAnnounced(): an announcement went out for the current names
        bool everMulticast = false;     // some record may sit in caches: goodbyes are needed
        int probesSent = 0;
        int announcementsSent = 0;
        qint64 nextAt = 0;              // responder clock, ms
        int recentConflicts = 0;
        qint64 conflictWindowStart = 0;
        std::array<qint64, RecordKindCount> lastMulticast;

        PublishedService() { lastMulticast.fill(-1'000'000); }
        bool answers() const { return state != State::Probing; }
        bool hasIpv4() const;
        bool hasIpv6() const;
        void setNames(const QString &instance, const QString &host);
    };

    DnsName servicesEnumerationName(); // _services._dns-sd._udp.local
    DnsName serviceTypeName(const QString &serviceType);
    DnsName hostDnsName(const QString &host);

    QList<DnsRecord> makeRecords(const PublishedService &service, RecordKind kind, TtlMode mode);
    // The records a probe claims for a name (the authority section).
    QList<DnsRecord> claimedRecords(const PublishedService &service, bool forHost);

    // Uncompressed rdata as RFC 6762 section 8.2 compares it.
    QByteArray canonicalRdata(const DnsRecord &record);
    // Identity for de-duplication: name (case-folded), type, class and rdata.
    QByteArray recordKey(const DnsRecord &record);
    // Simultaneous probe tie-break (RFC 6762 section 8.2): negative when ours
    // is lexicographically earlier (we lose), 0 when identical, positive when we win.
    int compareProbeRecords(QList<DnsRecord> ours, QList<DnsRecord> theirs);

    // "esp32 (2)" -> "esp32 (3)"; "esp32" -> "esp32 (2)" (RFC 6763 section 9 style).
    QString nextInstanceName(const QString &name);
    // "esp32-2" -> "esp32-3"; "esp32" -> "esp32-2".
    QString nextHostName(const QString &name);
} // namespace Discovery::ResponderDetail
