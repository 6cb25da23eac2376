#pragma once

#include <QByteArray>
#include <QHash>

#include "dnsmessage.h"

namespace Discovery
{
    // Private to the DNS codec: writes one message, compressing names
    // against the suffixes already written. DnsCodec::encode is the public
    // entry. Whatever it is given, the bytes it writes parse again: a name
    // that is not isValid() is written cut to what DNS can carry.
    class DnsWriter final
    {
    public:
        QByteArray write(const DnsMessage &message);

    private:
        void writeQuestion(const DnsQuestion &question);
        void writeRecord(const DnsRecord &record);
        void writeRecordData(const DnsRecord &record);
        void writeTxt(const QList<QByteArray> &strings);
        void writeNsec(const NsecData &nsec);
        void writeName(const DnsName &name);
        void write16(quint16 value);
        void write32(quint32 value);

        QByteArray m_out;
        // Each name suffix written so far (as its exact wire bytes, so case
        // is kept) to the offset it starts at.
        QHash<QByteArray, quint16> m_suffixOffsets;
    };
} // namespace Discovery
