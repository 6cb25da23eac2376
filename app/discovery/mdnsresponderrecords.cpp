#include "mdnsresponderrecords.h"

#include <algorithm>

#include <QRegularExpression>
#include <QtEndian>

using namespace Qt::Literals::StringLiterals;

namespace Discovery::ResponderDetail
{
    namespace
    {
        constexpr quint32 LegacyTtlCap = 10;

        void appendName(QByteArray &out, const DnsName &name)
        {
            for (const QByteArray &label : name.labels()) {
                out.append(char(label.size()));
                out.append(label);
            }
            out.append('\0');
        }

        void appendU16(QByteArray &out, quint16 value)
        {
            out.append(char(value >> 8));
            out.append(char(value & 0xff));
        }

        DnsRecord baseRecord(const DnsName &name, quint16 type, quint32 ttl, bool unique, TtlMode mode)
        {
            DnsRecord r;
            r.name = name;
            r.type = type;
            r.klass = ClassIn;
            switch (mode) {
            case TtlMode::Normal:
                r.ttl = ttl;
                r.cacheFlush = unique;
                break;
            case TtlMode::Goodbye:
                r.ttl = 0;
                r.cacheFlush = unique;
                break;
            case TtlMode::Legacy:
                r.ttl = std::min(ttl, LegacyTtlCap);
                r.cacheFlush = false;
                break;
            }
            return r;
        }

        QList<DnsRecord> addressRecords(const PublishedService &s, QAbstractSocket::NetworkLayerProtocol protocol,
                                        TtlMode mode)
        {
            QList<DnsRecord> out;
            const quint16 type = protocol == QAbstractSocket::IPv4Protocol ? RecordType::A : RecordType::AAAA;
            for (const QHostAddress &address : s.description.addresses) {
                if (address.protocol() != protocol)
                    continue;
                DnsRecord r = baseRecord(s.hostName, type, s.description.hostTtl, true, mode);
                r.address = address;
                r.address.setScopeId({}); // a link-local scope is ours, not part of the record
                out.append(r);
            }
            return out;
        }
    } // namespace

    bool isHostKind(RecordKind kind)
    {
        return kind == RecordKind::AddrV4 || kind == RecordKind::AddrV6 || kind == RecordKind::HostNsec;
    }

    bool isSharedKind(RecordKind kind)
    {
        return kind == RecordKind::TypePtr || kind == RecordKind::EnumPtr;
    }

    bool PublishedService::hasIpv4() const
    {
        return std::any_of(description.addresses.cbegin(), description.addresses.cend(),
                           [](const QHostAddress &a) { return a.protocol() == QAbstractSocket::IPv4Protocol; });
    }

    bool PublishedService::hasIpv6() const
    {
        return std::any_of(description.addresses.cbegin(), description.addresses.cend(),
                           [](const QHostAddress &a) { return a.protocol() == QAbstractSocket::IPv6Protocol; });
    }

    void PublishedService::setNames(const QString &instance, const QString &host)
    {
        description.instanceName = instance;
        description.hostName = host;
        instanceName = DnsName::serviceInstance(instance, typeName);
        hostName = hostDnsName(host);
    }

    DnsName servicesEnumerationName()
    {
        return DnsName({"_services", "_dns-sd", "_udp", "local"});
    }

    DnsName serviceTypeName(const QString &serviceType)
    {
        QString type = serviceType;
        while (type.endsWith(u'.'))
            type.chop(1);
        if (!type.endsWith(u".local"_s, Qt::CaseInsensitive))
            type += u".local"_s;
        return DnsName::fromDotted(type);
    }

    DnsName hostDnsName(const QString &host)
    {
        QString bare = host;
        while (bare.endsWith(u'.'))
            bare.chop(1);
        if (bare.endsWith(u".local"_s, Qt::CaseInsensitive))
            bare.chop(6);
        return DnsName({bare.toUtf8(), "local"});
    }

    QList<DnsRecord> makeRecords(const PublishedService &s, RecordKind kind, TtlMode mode)
    {
        const ServiceDescription &d = s.description;
        switch (kind) {
        case RecordKind::TypePtr: {
            DnsRecord r = baseRecord(s.typeName, RecordType::PTR, d.otherTtl, false, mode);
            r.ptr = s.instanceName;
            return {r};
        }
        case RecordKind::EnumPtr: {
            DnsRecord r = baseRecord(servicesEnumerationName(), RecordType::PTR, d.otherTtl, false, mode);
            r.ptr = s.typeName;
            return {r};
        }
        case RecordKind::Srv: {
            DnsRecord r = baseRecord(s.instanceName, RecordType::SRV, d.hostTtl, true, mode);
            r.srv.port = d.port;
            r.srv.target = s.hostName;
            return {r};
        }
        case RecordKind::Txt: {
            DnsRecord r = baseRecord(s.instanceName, RecordType::TXT, d.otherTtl, true, mode);
            r.txt = encodeTxt(d.txt);
            if (r.txt.isEmpty())
                r.txt = {QByteArray()}; // RFC 6763 section 6.1: one empty string, never no data
            return {r};
        }
        case RecordKind::AddrV4:
            return addressRecords(s, QAbstractSocket::IPv4Protocol, mode);
        case RecordKind::AddrV6:
            return addressRecords(s, QAbstractSocket::IPv6Protocol, mode);
        case RecordKind::InstanceNsec: {
            DnsRecord r = baseRecord(s.instanceName, RecordType::NSEC, d.hostTtl, true, mode);
            r.nsec.nextName = s.instanceName;
            r.nsec.types = {RecordType::TXT, RecordType::SRV};
            return {r};
        }
        case RecordKind::HostNsec: {
            DnsRecord r = baseRecord(s.hostName, RecordType::NSEC, d.hostTtl, true, mode);
            r.nsec.nextName = s.hostName;
            if (s.hasIpv4())
                r.nsec.types.append(RecordType::A);
            if (s.hasIpv6())
                r.nsec.types.append(RecordType::AAAA);
            return {r};
        }
        }
        return {};
    }

    QList<DnsRecord> claimedRecords(const PublishedService &s, bool forHost)
    {
        if (forHost)
            return makeRecords(s, RecordKind::AddrV4, TtlMode::Normal) + makeRecords(s, RecordKind::AddrV6, TtlMode::Normal);
        return makeRecords(s, RecordKind::Srv, TtlMode::Normal) + makeRecords(s, RecordKind::Txt, TtlMode::Normal);
    }

    QByteArray canonicalRdata(const DnsRecord &r)
    {
        QByteArray out;
        switch (r.type) {
        case RecordType::A: {
            const quint32 v4 = r.address.toIPv4Address();
            for (int shift = 24; shift >= 0; shift -= 8)
                out.append(char((v4 >> shift) & 0xff));
            return out;
        }
        case RecordType::AAAA: {
            const Q_IPV6ADDR v6 = r.address.toIPv6Address();
            return QByteArray(reinterpret_cast<const char *>(v6.c), 16);
        }
        case RecordType::PTR:
            appendName(out, r.ptr);
            return out;
        case RecordType::SRV:
            appendU16(out, r.srv.priority);
            appendU16(out, r.srv.weight);
            appendU16(out, r.srv.port);
            appendName(out, r.srv.target);
            return out;
        case RecordType::TXT:
            for (const QByteArray &s : r.txt) {
                out.append(char(std::min<qsizetype>(s.size(), 255)));
                out.append(s.left(255));
            }
            if (r.txt.isEmpty())
                out.append('\0');
            return out;
        case RecordType::NSEC:
            appendName(out, r.nsec.nextName);
            for (quint16 t : r.nsec.types)
                appendU16(out, t);
            return out;
        default:
            return r.rawData;
        }
    }

    QByteArray recordKey(const DnsRecord &r)
    {
        QByteArray key;
        for (const QByteArray &label : r.name.labels()) {
            key.append(label.toLower());
            key.append('.');
        }
        appendU16(key, r.type);
        appendU16(key, r.klass);
        QByteArray rdata = canonicalRdata(r);
        if (r.type == RecordType::PTR || r.type == RecordType::SRV || r.type == RecordType::NSEC)
            rdata = rdata.toLower(); // names inside compare without case
        key.append(rdata);
        return key;
    }

    int compareProbeRecords(QList<DnsRecord> ours, QList<DnsRecord> theirs)
    {
        const auto order = [](const DnsRecord &a, const DnsRecord &b) {
            if (a.klass != b.klass)
                return a.klass < b.klass;
            if (a.type != b.type)
                return a.type < b.type;
            return canonicalRdata(a) < canonicalRdata(b);
        };
        std::sort(ours.begin(), ours.end(), order);
        std::sort(theirs.begin(), theirs.end(), order);
        const qsizetype n = std::min(ours.size(), theirs.size());
        for (qsizetype i = 0; i < n; ++i) {
            if (order(ours.at(i), theirs.at(i)))
                return -1;
            if (order(theirs.at(i), ours.at(i)))
                return 1;
        }
        // All shared entries equal: the side with records left over is later and wins.
        if (ours.size() == theirs.size())
            return 0;
        return ours.size() > theirs.size() ? 1 : -1;
    }

    QString nextInstanceName(const QString &name)
    {
        static const QRegularExpression numbered(u"^(.*) \\((\\d+)\\)$"_s);
        const QRegularExpressionMatch m = numbered.match(name);
        if (m.hasMatch())
            return m.captured(1) + u" ("_s + QString::number(m.captured(2).toLongLong() + 1) + u')';
        return name + u" (2)"_s;
    }

    QString nextHostName(const QString &name)
    {
        // Only a short counter counts as ours: "esp32-112233" ends in MAC digits, not a rename.
        static const QRegularExpression numbered(u"^(.*)-([1-9]\\d{0,2})$"_s);
        const QRegularExpressionMatch m = numbered.match(name);
        if (m.hasMatch())
            return m.captured(1) + u'-' + QString::number(m.captured(2).toLongLong() + 1);
        return name + u"-2"_s;
    }
} // namespace Discovery::ResponderDetail
