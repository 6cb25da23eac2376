#include "mdnspacketpacker.h"

#include "logging.h"
#include "mdnsresponderrecords.h"

namespace Discovery::ResponderDetail
{
    namespace
    {
        constexpr int HeaderSize = 12;
        constexpr int RecordFixedSize = 10; // type, class, TTL, rdata length
        constexpr int QuestionFixedSize = 4;

        // The bytes a name adds given the suffixes already in the packet:
        // new labels in full, then a 2-byte pointer or the root byte.
        int nameCost(const DnsName &name, const QSet<DnsName> &present, QSet<DnsName> &added)
        {
            const QList<QByteArray> &labels = name.labels();
            int cost = 0;
            for (qsizetype i = 0; i < labels.size(); ++i) {
                const DnsName suffix(labels.mid(i));
                if (present.contains(suffix) || added.contains(suffix))
                    return cost + 2;
                added.insert(suffix);
                cost += 1 + int(labels.at(i).size());
            }
            return cost + 1;
        }

        int recordCost(const DnsRecord &r, const QSet<DnsName> &present, QSet<DnsName> &added)
        {
            int cost = nameCost(r.name, present, added) + RecordFixedSize;
            switch (r.type) {
            case RecordType::A:
                return cost + 4;
            case RecordType::AAAA:
                return cost + 16;
            case RecordType::PTR:
                return cost + nameCost(r.ptr, present, added);
            case RecordType::SRV:
                return cost + 6 + nameCost(r.srv.target, present, added);
            case RecordType::TXT: {
                int txt = 0;
                for (const QByteArray &s : r.txt)
                    txt += 1 + int(s.size());
                return cost + std::max(txt, 1);
            }
            case RecordType::NSEC: {
                // The codec compresses the next name too (RFC 6762 section 18.14); one bitmap window.
                const quint16 highest = r.nsec.types.isEmpty() ? 0 : *std::max_element(r.nsec.types.cbegin(), r.nsec.types.cend());
                return cost + nameCost(r.nsec.nextName, present, added) + 2 + (highest & 0xff) / 8 + 1;
            }
            default:
                return cost + int(r.rawData.size());
            }
        }

        QByteArray questionKey(const DnsQuestion &q)
        {
            QByteArray key("?");
            for (const QByteArray &label : q.name.labels())
                key.append(label.toLower()).append('.');
            key.append(char(q.type >> 8)).append(char(q.type & 0xff));
            return key;
        }
    } // namespace

    PacketPacker::PacketPacker(DnsMessage header, int maxSize) : m_header(std::move(header)), m_maxSize(maxSize) {}

    int PacketPacker::estimateGroup(const RecordGroup &group, Packet &packet, bool commit) const
    {
        QSet<DnsName> added;
        QList<QByteArray> newKeys;
        int cost = 0;
        for (const DnsQuestion &q : group.questions) {
            const QByteArray key = questionKey(q);
            if (packet.keys.contains(key) || newKeys.contains(key))
                continue;
            newKeys.append(key);
            cost += nameCost(q.name, packet.names, added) + QuestionFixedSize;
        }
        for (const auto *section : {&group.answers, &group.authorities, &group.additionals}) {
            for (const DnsRecord &r : *section) {
                const QByteArray key = recordKey(r);
                if (packet.keys.contains(key) || newKeys.contains(key))
                    continue;
                newKeys.append(key);
                cost += recordCost(r, packet.names, added);
            }
        }
        if (commit) {
            packet.names.unite(added);
            for (const QByteArray &key : std::as_const(newKeys))
                packet.keys.insert(key);
            packet.estimate += cost;
        }
        return cost;
    }

    void PacketPacker::add(RecordGroup group)
    {
        if (m_packets.isEmpty() || m_packets.constLast().groups.isEmpty()) {
            if (m_packets.isEmpty())
                m_packets.append(Packet());
        } else {
            Packet &last = m_packets.last();
            if (last.estimate + estimateGroup(group, last, false) > m_maxSize)
                m_packets.append(Packet());
        }
        Packet &packet = m_packets.last();
        if (packet.groups.isEmpty()) {
            packet.estimate = HeaderSize;
            QSet<DnsName> added;
            for (const DnsQuestion &q : std::as_const(m_header.questions))
                packet.estimate += nameCost(q.name, packet.names, added) + QuestionFixedSize;
            packet.names.unite(added);
        }
        estimateGroup(group, packet, true);
        packet.groups.append(std::move(group));
    }

    DnsMessage PacketPacker::materialize(const QList<RecordGroup> &groups) const
    {
        DnsMessage message = m_header;
        QSet<QByteArray> seen;
        const auto once = [&seen](const QByteArray &key) {
            if (seen.contains(key))
                return false;
            seen.insert(key);
            return true;
        };
        for (const RecordGroup &g : groups) {
            for (const DnsQuestion &q : g.questions)
                if (once(questionKey(q)))
                    message.questions.append(q);
            for (const DnsRecord &r : g.answers)
                if (once(recordKey(r)))
                    message.answers.append(r);
            for (const DnsRecord &r : g.authorities)
                if (once(QByteArray("A") + recordKey(r)))
                    message.authorities.append(r);
        }
        // Additionals last, so one already answered by a later group is not repeated.
        for (const RecordGroup &g : groups)
            for (const DnsRecord &r : g.additionals)
                if (once(recordKey(r)))
                    message.additionals.append(r);
        return message;
    }

    void PacketPacker::encodeSplitting(const QList<RecordGroup> &groups, QList<QByteArray> &out) const
    {
        QByteArray bytes = DnsCodec::encode(materialize(groups));
        if (bytes.size() <= m_maxSize || groups.size() == 1) {
            if (bytes.size() > m_maxSize)
                qCDebug(lcDiscovery) << "one record group needs" << bytes.size() << "bytes, over the limit" << m_maxSize;
            out.append(std::move(bytes));
            return;
        }
        qCDebug(lcMdnsWire) << "size estimate too low:" << bytes.size() << "bytes for" << groups.size() << "groups; splitting";
        const qsizetype half = groups.size() / 2;
        encodeSplitting(groups.mid(0, half), out);
        encodeSplitting(groups.mid(half), out);
    }

    QList<QByteArray> PacketPacker::finish()
    {
        QList<QByteArray> out;
        for (const Packet &packet : std::as_const(m_packets))
            if (!packet.groups.isEmpty())
                encodeSplitting(packet.groups, out);
        m_packets.clear();
        return out;
    }

    QByteArray PacketPacker::finishSingle()
    {
        QList<QByteArray> packets = finish();
        if (packets.isEmpty())
            return DnsCodec::encode(m_header);
        if (packets.size() > 1) {
            // The flags are bytes 2 and 3 of the header.
            packets[0][2] = char(quint8(packets[0][2]) | (DnsMessage::TruncatedFlag >> 8));
        }
        return packets.constFirst();
    }
} // namespace Discovery::ResponderDetail
