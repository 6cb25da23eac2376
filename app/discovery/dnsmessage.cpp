#include "dnsmessage.h"

#include <algorithm>
#include <cstring>

#include "dnsreader.h"
#include "dnswire.h"
#include "dnswriter.h"

namespace Discovery
{
    namespace
    {
        // RFC 6763 6.1: one empty string and no strings both mean "no attributes".
        bool sameTxt(const QList<QByteArray> &a, const QList<QByteArray> &b)
        {
            const auto isEmptyTxt = [](const QList<QByteArray> &strings) {
                return strings.isEmpty() || (strings.size() == 1 && strings.constFirst().isEmpty());
            };
            return (isEmptyTxt(a) && isEmptyTxt(b)) || a == b;
        }

        QList<quint16> typeSet(QList<quint16> types)
        {
            std::sort(types.begin(), types.end());
            types.erase(std::unique(types.begin(), types.end()), types.end());
            return types;
        }
    } // namespace

    bool DnsRecord::sameRecordAs(const DnsRecord &other) const
    {
        if (type != other.type || klass != other.klass || name != other.name)
            return false;
        switch (type) {
        case RecordType::A:
            return address.toIPv4Address() == other.address.toIPv4Address();
        case RecordType::AAAA: {
            const Q_IPV6ADDR mine = address.toIPv6Address();
            const Q_IPV6ADDR theirs = other.address.toIPv6Address();
            return std::memcmp(mine.c, theirs.c, sizeof(mine.c)) == 0;
        }
        case RecordType::PTR:
            return ptr == other.ptr;
        case RecordType::SRV:
            return srv.priority == other.srv.priority && srv.weight == other.srv.weight && srv.port == other.srv.port
                && srv.target == other.srv.target;
        case RecordType::TXT:
            return sameTxt(txt, other.txt);
        case RecordType::NSEC:
            return nsec.nextName == other.nsec.nextName && typeSet(nsec.types) == typeSet(other.nsec.types);
        default:
            return rawData == other.rawData;
        }
    }

    Result<DnsMessage, DnsError> DnsCodec::parse(QByteArrayView packet)
    {
        return DnsReader(packet).read();
    }

    QByteArray DnsCodec::encode(const DnsMessage &message)
    {
        return DnsWriter().write(message);
    }

    QList<QByteArray> encodeTxt(const QList<std::pair<QByteArray, QByteArray>> &pairs)
    {
        QList<QByteArray> strings;
        strings.reserve(pairs.size());
        for (const auto &[key, value] : pairs) {
            if (key.isEmpty() || key.contains('='))
                continue; // could never be read back as this key
            // A null value is a boolean attribute, written as the key alone
            // (RFC 6763 6.4); an empty one is "key=".
            strings.append(value.isNull() ? key : key + '=' + value);
        }
        return strings;
    }

    QHash<QString, QString> decodeTxt(const QList<QByteArray> &strings)
    {
        QHash<QString, QString> pairs;
        for (const QByteArray &string : strings) {
            if (string.isEmpty() || string.startsWith('='))
                continue; // RFC 6763 6.4: no key, so the string is ignored
            const qsizetype equals = string.indexOf('=');
            QByteArray key = equals < 0 ? string : string.left(equals);
            std::transform(key.begin(), key.end(), key.begin(), Wire::foldAscii);
            const QString keyText = QString::fromUtf8(key);
            if (pairs.contains(keyText))
                continue; // RFC 6763 6.4: only the first occurrence counts
            pairs.insert(keyText, equals < 0 ? QString() : QString::fromUtf8(string.mid(equals + 1)));
        }
        return pairs;
    }
} // namespace Discovery
