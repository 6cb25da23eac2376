#pragma once

#include <optional>

#include <QByteArrayView>

#include "dnsmessage.h"

namespace Discovery
{
    // Private to the DNS codec: reads one message with every length and
    // pointer checked against the bytes there are. DnsCodec::parse is the
    // public entry.
    class DnsReader final
    {
    public:
        explicit DnsReader(QByteArrayView packet);

        Result<DnsMessage, DnsError> read() const;

    private:
        // Each reader starts at `offset` and, on success, moves it past what it read.
        std::optional<DnsError> readName(qint64 &offset, qint64 limit, DnsError::Kind overrun, DnsName &out) const;
        std::optional<DnsError> readQuestion(qint64 &offset, int index, DnsQuestion &out) const;
        std::optional<DnsError> readRecord(qint64 &offset, QStringView section, int index, DnsRecord &out) const;
        std::optional<DnsError> readRecordData(qint64 start, qint64 end, DnsRecord &out) const;
        std::optional<DnsError> readRdataName(qint64 &offset, qint64 end, DnsName &out) const;
        std::optional<DnsError> readTxt(qint64 start, qint64 end, QList<QByteArray> &out) const;
        std::optional<DnsError> readNsec(qint64 start, qint64 end, NsecData &out) const;

        QByteArrayView m_packet;
    };
} // namespace Discovery
