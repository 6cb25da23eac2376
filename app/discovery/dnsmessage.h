#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>

#include "dnsname.h"
#include "result.h"

// DNS messages as mDNS (RFC 6762) and DNS-SD (RFC 6763) use them.
namespace Discovery
{
    namespace RecordType
    {
        constexpr quint16 A = 1;
        constexpr quint16 PTR = 12;
        constexpr quint16 TXT = 16;
        constexpr quint16 AAAA = 28;
        constexpr quint16 SRV = 33;
        constexpr quint16 NSEC = 47;
        constexpr quint16 ANY = 255;
    } // namespace RecordType

    constexpr quint16 ClassIn = 1;

    struct DnsQuestion
    {
        DnsName name;
        quint16 type = RecordType::ANY;
        quint16 klass = ClassIn;         // without the top bit
        bool unicastResponse = false;    // the QU bit (top bit of the class)
    };

    struct SrvData
    {
        quint16 priority = 0;
        quint16 weight = 0;
        quint16 port = 0;
        DnsName target;
    };

    struct NsecData
    {
        DnsName nextName;
        QList<quint16> types;            // the types the bitmap says exist, ascending
    };

    // One resource record. Exactly one of the typed data members is
    // meaningful, chosen by `type`; other types keep their bytes in rawData.
    struct DnsRecord
    {
        DnsName name;
        quint16 type = 0;
        quint16 klass = ClassIn;         // without the top bit
        bool cacheFlush = false;         // the top bit of the class in a response
        quint32 ttl = 0;                 // seconds; 0 is a goodbye

        DnsName ptr;                     // PTR
        SrvData srv;                     // SRV
        QList<QByteArray> txt;           // TXT: the strings as sent ("key=value", "key")
        QHostAddress address;            // A, AAAA
        NsecData nsec;                   // NSEC
        QByteArray rawData;              // any other type

        // Same name, type, class and data (the TTL and cache-flush bit are
        // not part of a record's identity, RFC 6762 section 10.2).
        bool sameRecordAs(const DnsRecord &other) const;
    };

    struct DnsMessage
    {
        static constexpr quint16 ResponseFlag = 0x8000;
        static constexpr quint16 AuthoritativeFlag = 0x0400;
        static constexpr quint16 TruncatedFlag = 0x0200;

        quint16 id = 0;
        quint16 flags = 0;
        QList<DnsQuestion> questions;
        QList<DnsRecord> answers;
        QList<DnsRecord> authorities;
        QList<DnsRecord> additionals;

        bool isResponse() const { return flags & ResponseFlag; }
        bool isTruncated() const { return flags & TruncatedFlag; }
    };

    struct DnsError
    {
        enum class Kind
        {
            Truncated,          // the message ends inside the header, a name, a question or a record
            PointerLoop,        // compression pointers that never reach a name's end
            PointerForward,     // a compression pointer to its own position or later (RFC 1035 points back)
            PointerOutOfRange,  // a compression pointer past the end of the message
            LabelTooLong,       // a label over 63 bytes, or an 0x40/0x80 label type
            NameTooLong,        // a name over 255 bytes once expanded
            BadRecordData,      // rdata whose own length disagrees with its contents (SRV, A, AAAA, NSEC ...)
            TxtPastEnd,         // a TXT string length running past the record's data
            TrailingBytes,      // bytes after the last record the counts announce
        };
        Kind kind;
        qint64 offset = 0;     // where in the message
        QString message;
    };

    class DnsCodec final
    {
    public:
        // Any input gives a message or an error, never a crash or an
        // out-of-bounds read. Counts that promise more than the message holds
        // are Truncated.
        static Result<DnsMessage, DnsError> parse(QByteArrayView packet);

        // Encodes with name compression. Records whose type has no typed
        // member are written from rawData.
        static QByteArray encode(const DnsMessage &message);
    };

    // TXT helpers (RFC 6763 section 6): "key=value" pairs, keys case-insensitive,
    // the first occurrence of a key wins, a key without "=" has an empty value.
    QList<QByteArray> encodeTxt(const QList<std::pair<QByteArray, QByteArray>> &pairs);
    QHash<QString, QString> decodeTxt(const QList<QByteArray> &strings);
} // namespace Discovery
