#pragma once

#include <QByteArray>
#include <QList>
#include <QSet>

#include "dnsmessage.h"

namespace Discovery::ResponderDetail
{
    // Records that belong together (a PTR answer with its SRV, TXT and
    // addresses; a probe's questions with its claims): kept in one packet
    // whenever they fit in one.
    struct RecordGroup
    {
        QList<DnsQuestion> questions;
        QList<DnsRecord> answers;
        QList<DnsRecord> authorities;
        QList<DnsRecord> additionals;
    };

    // Packs groups into as few DNS messages as fit under a size limit
    // (RFC 6762 section 17: 9000 bytes at most; an Ethernet MTU on real
    // interfaces). Sizes are estimated with name compression as each group
    // is added; every finished packet is encoded and, if the estimate was
    // wrong, split again, so no packet of several groups exceeds the limit.
    // Duplicates (the same record, or an additional already answered) are
    // dropped within a packet.
    class PacketPacker final
    {
    public:
        PacketPacker(DnsMessage header, int maxSize);

        void add(RecordGroup group);
        QList<QByteArray> finish();
        // Only the first packet, with TC set when groups were left out (legacy unicast).
        QByteArray finishSingle();

    private:
        struct Packet
        {
            QList<RecordGroup> groups;
            QSet<QByteArray> keys;
            QSet<DnsName> names;
            int estimate = 0;
        };

        int estimateGroup(const RecordGroup &group, Packet &packet, bool commit) const;
        DnsMessage materialize(const QList<RecordGroup> &groups) const;
        void encodeSplitting(const QList<RecordGroup> &groups, QList<QByteArray> &out) const;

        DnsMessage m_header;
        int m_maxSize;
        QList<Packet> m_packets;
    };
} // namespace Discovery::ResponderDetail
