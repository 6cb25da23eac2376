#include "dnsreader.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "dnswire.h"

using namespace Qt::Literals::StringLiterals;
using namespace Discovery::Wire;

namespace Discovery
{
    namespace
    {
        using Failure = DnsError::Kind;

        DnsError fail(Failure kind, qint64 offset, const QString &message)
        {
            return DnsError {kind, offset, message};
        }

        // Names inside record data must end inside it; other names inside the message.
        QString endOf(Failure overrun, qint64 limit)
        {
            return overrun == Failure::Truncated ? u"the message ends at %1"_s.arg(hex(limit))
                                                 : u"the record data ends at %1"_s.arg(hex(limit));
        }
    } // namespace

    DnsReader::DnsReader(QByteArrayView packet)
        : m_packet(packet)
    {
    }

    Result<DnsMessage, DnsError> DnsReader::read() const
    {
        if (!has(m_packet, 0, HeaderSize)) {
            return fail(Failure::Truncated, 0,
                        u"The message is %1 bytes, shorter than the 12-byte DNS header at 0x0."_s.arg(m_packet.size()));
        }
        DnsMessage message;
        message.id = be16(m_packet, 0);
        message.flags = be16(m_packet, 2);
        const quint16 questionCount = be16(m_packet, 4);
        // Nothing is reserved from the counts: they may lie, and each item
        // read consumes bytes, so the loops end with the message.
        qint64 offset = HeaderSize;
        for (int index = 0; index < questionCount; ++index) {
            DnsQuestion question;
            if (auto error = readQuestion(offset, index, question))
                return *error;
            message.questions.append(std::move(question));
        }
        const std::array<std::pair<QStringView, QList<DnsRecord> *>, 3> sections {{
            {u"answer", &message.answers},
            {u"authority", &message.authorities},
            {u"additional", &message.additionals},
        }};
        for (int s = 0; s < 3; ++s) {
            const quint16 count = be16(m_packet, 6 + 2 * s);
            for (int index = 0; index < count; ++index) {
                DnsRecord record;
                if (auto error = readRecord(offset, sections[s].first, index, record))
                    return *error;
                sections[s].second->append(std::move(record));
            }
        }
        if (offset != m_packet.size()) {
            return fail(Failure::TrailingBytes, offset,
                        u"The questions and records the header counts end at %1, but the message goes on to %2: %3 bytes belong to nothing."_s
                            .arg(hex(offset), hex(m_packet.size()))
                            .arg(m_packet.size() - offset));
        }
        return message;
    }

    std::optional<DnsError> DnsReader::readName(qint64 &offset, qint64 limit, DnsError::Kind overrun, DnsName &out) const
    {
        const qint64 nameStart = offset;
        qint64 pos = offset;
        qint64 sequenceStart = offset; // where the labels being read began: pointers must lead before it
        qint64 resumeAt = -1;          // just past the first pointer, once one was followed
        qint64 encodedLength = 1;      // the root byte
        int hops = 0;
        QList<QByteArray> labels;
        for (;;) {
            if (pos >= limit) {
                return fail(overrun, pos, u"The name at %1 needs a label length byte at %2, but %3."_s
                                              .arg(hex(nameStart), hex(pos), endOf(overrun, limit)));
            }
            const quint8 lengthByte = u8(m_packet, pos);
            switch (lengthByte & PointerTag) {
            case 0x00: {
                if (lengthByte == 0) {
                    offset = resumeAt < 0 ? pos + 1 : resumeAt;
                    out = DnsName(std::move(labels));
                    return std::nullopt;
                }
                if (lengthByte > limit - pos - 1) {
                    return fail(overrun, pos, u"The name at %1 has a %2-byte label at %3, but %4."_s
                                                  .arg(hex(nameStart)).arg(lengthByte).arg(hex(pos), endOf(overrun, limit)));
                }
                encodedLength += 1 + lengthByte;
                if (encodedLength > DnsName::MaxEncodedLength) {
                    return fail(Failure::NameTooLong, pos,
                                u"The name at %1 grows past 255 bytes with the label at %2; DNS names are at most 255 bytes (RFC 1035 3.1)."_s
                                    .arg(hex(nameStart), hex(pos)));
                }
                labels.append(m_packet.sliced(pos + 1, lengthByte).toByteArray());
                pos += 1 + lengthByte;
                break;
            }
            case PointerTag: {
                if (limit - pos < 2) {
                    return fail(overrun, pos, u"The name at %1 has a compression pointer at %2 cut off: %3."_s
                                                  .arg(hex(nameStart), hex(pos), endOf(overrun, limit)));
                }
                const qint64 target = (qint64(lengthByte & 0x3F) << 8) | u8(m_packet, pos + 1);
                if (target >= m_packet.size()) {
                    return fail(Failure::PointerOutOfRange, pos,
                                u"The name at %1 has a compression pointer at %2 to %3, past the end of the message at %4."_s
                                    .arg(hex(nameStart), hex(pos), hex(target), hex(m_packet.size())));
                }
                if (target >= sequenceStart) {
                    return fail(Failure::PointerForward, pos,
                                u"The name at %1 has a compression pointer at %2 to %3, which is not before the labels it ends (from %4); pointers lead back to earlier names."_s
                                    .arg(hex(nameStart), hex(pos), hex(target), hex(sequenceStart)));
                }
                if (++hops > MaxPointerHops) {
                    return fail(Failure::PointerLoop, pos,
                                u"The name at %1 follows more than %2 compression pointers (the last at %3) without reaching its end."_s
                                    .arg(hex(nameStart)).arg(MaxPointerHops).arg(hex(pos)));
                }
                if (resumeAt < 0)
                    resumeAt = pos + 2;
                // Labels at the target are earlier names; they need only stay inside the message.
                sequenceStart = pos = target;
                limit = m_packet.size();
                overrun = Failure::Truncated;
                break;
            }
            default:
                return fail(Failure::LabelTooLong, pos,
                            u"The name at %1 has a label length byte %2 at %3: labels are at most 63 bytes, and the 0x40 and 0x80 label types are not used."_s
                                .arg(hex(nameStart), hex(lengthByte), hex(pos)));
            }
        }
    }

    std::optional<DnsError> DnsReader::readQuestion(qint64 &offset, int index, DnsQuestion &out) const
    {
        const qint64 start = offset;
        if (auto error = readName(offset, m_packet.size(), Failure::Truncated, out.name))
            return error;
        if (!has(m_packet, offset, 4)) {
            return fail(Failure::Truncated, offset,
                        u"Question %1 (name at %2) has its type and class at %3, but the message ends at %4."_s
                            .arg(index + 1)
                            .arg(hex(start), hex(offset), hex(m_packet.size())));
        }
        out.type = be16(m_packet, offset);
        const quint16 klass = be16(m_packet, offset + 2);
        out.klass = klass & ~ClassTopBit;
        out.unicastResponse = klass & ClassTopBit;
        offset += 4;
        return std::nullopt;
    }

    std::optional<DnsError> DnsReader::readRecord(qint64 &offset, QStringView section, int index, DnsRecord &out) const
    {
        const qint64 start = offset;
        if (auto error = readName(offset, m_packet.size(), Failure::Truncated, out.name))
            return error;
        if (!has(m_packet, offset, 10)) {
            return fail(Failure::Truncated, offset,
                        u"The %1 record %2 (name at %3) needs type, class, TTL and data length at %4, but the message ends at %5."_s
                            .arg(section)
                            .arg(index + 1)
                            .arg(hex(start), hex(offset), hex(m_packet.size())));
        }
        out.type = be16(m_packet, offset);
        const quint16 klass = be16(m_packet, offset + 2);
        out.klass = klass & ~ClassTopBit;
        out.cacheFlush = klass & ClassTopBit;
        out.ttl = be32(m_packet, offset + 4);
        const quint16 length = be16(m_packet, offset + 8);
        const qint64 dataStart = offset + 10;
        if (!has(m_packet, dataStart, length)) {
            return fail(Failure::Truncated, dataStart,
                        u"The %1 record %2 (name at %3) announces %4 bytes of data at %5, but the message ends at %6."_s
                            .arg(section)
                            .arg(index + 1)
                            .arg(hex(start))
                            .arg(length)
                            .arg(hex(dataStart), hex(m_packet.size())));
        }
        if (auto error = readRecordData(dataStart, dataStart + length, out))
            return error;
        offset = dataStart + length;
        return std::nullopt;
    }

    std::optional<DnsError> DnsReader::readRecordData(qint64 start, qint64 end, DnsRecord &out) const
    {
        const qint64 length = end - start;
        const auto wrongLength = [&](const QString &what, qint64 expected) {
            return fail(Failure::BadRecordData, start, u"The %1 record data at %2 is %3 bytes; it must be %4."_s
                                                           .arg(what, hex(start))
                                                           .arg(length)
                                                           .arg(expected));
        };
        qint64 pos = start;
        switch (out.type) {
        case RecordType::A:
            if (length != 4)
                return wrongLength(u"A"_s, 4);
            out.address = QHostAddress(be32(m_packet, start));
            return std::nullopt;
        case RecordType::AAAA: {
            if (length != 16)
                return wrongLength(u"AAAA"_s, 16);
            Q_IPV6ADDR address;
            std::memcpy(address.c, m_packet.data() + start, 16);
            out.address = QHostAddress(address);
            return std::nullopt;
        }
        case RecordType::PTR:
            if (auto error = readRdataName(pos, end, out.ptr))
                return error;
            break;
        case RecordType::SRV:
            if (length < 7) {
                return fail(Failure::BadRecordData, start,
                            u"The SRV record data at %1 is %2 bytes; priority, weight, port and target take at least 7."_s
                                .arg(hex(start))
                                .arg(length));
            }
            out.srv.priority = be16(m_packet, start);
            out.srv.weight = be16(m_packet, start + 2);
            out.srv.port = be16(m_packet, start + 4);
            pos = start + 6;
            if (auto error = readRdataName(pos, end, out.srv.target))
                return error;
            break;
        case RecordType::TXT:
            return readTxt(start, end, out.txt);
        case RecordType::NSEC:
            return readNsec(start, end, out.nsec);
        default:
            out.rawData = m_packet.sliced(start, length).toByteArray();
            return std::nullopt;
        }
        if (pos != end) {
            return fail(Failure::BadRecordData, pos,
                        u"The record data at %1 has %2 bytes after its name, which ends at %3; the data length is wrong."_s
                            .arg(hex(start))
                            .arg(end - pos)
                            .arg(hex(pos)));
        }
        return std::nullopt;
    }

    std::optional<DnsError> DnsReader::readRdataName(qint64 &offset, qint64 end, DnsName &out) const
    {
        return readName(offset, end, Failure::BadRecordData, out);
    }

    std::optional<DnsError> DnsReader::readTxt(qint64 start, qint64 end, QList<QByteArray> &out) const
    {
        for (qint64 pos = start; pos < end;) {
            const quint8 length = u8(m_packet, pos);
            if (length > end - pos - 1) {
                return fail(Failure::TxtPastEnd, pos, u"The TXT string at %1 is %2 bytes long, but the record data ends at %3."_s
                                                          .arg(hex(pos))
                                                          .arg(length)
                                                          .arg(hex(end)));
            }
            out.append(m_packet.sliced(pos + 1, length).toByteArray());
            pos += 1 + length;
        }
        // One empty string is how RFC 6763 6.1 writes "no attributes";
        // zero bytes of data (which some responders send) means the same.
        if (out.size() == 1 && out.constFirst().isEmpty())
            out.clear();
        return std::nullopt;
    }

    std::optional<DnsError> DnsReader::readNsec(qint64 start, qint64 end, NsecData &out) const
    {
        qint64 pos = start;
        if (auto error = readRdataName(pos, end, out.nextName))
            return error;
        // RFC 4034 4.1.2 wants ascending windows of 1 to 32 bytes, but
        // python-zeroconf 0.47 writes the window number and length as 16-bit
        // values, which reads as an empty window 0 followed by window 0 again.
        // Its own reader accepts that, and its NSEC arrives in the same packet
        // as the records a browser needs, so empty, repeated and unordered
        // windows are read as the set of types they name.
        QList<quint16> types;
        while (pos < end) {
            if (end - pos < 2) {
                return fail(Failure::BadRecordData, pos,
                            u"The NSEC type bitmap at %1 is cut off: a window needs a number and a length, but the record data ends at %2."_s
                                .arg(hex(pos), hex(end)));
            }
            const int window = u8(m_packet, pos);
            const int length = u8(m_packet, pos + 1);
            if (length > 32 || length > end - pos - 2) {
                return fail(Failure::BadRecordData, pos,
                            u"The NSEC bitmap window %1 at %2 claims %3 bytes; a window holds at most 32 and the record data ends at %4."_s
                                .arg(window)
                                .arg(hex(pos))
                                .arg(length)
                                .arg(hex(end)));
            }
            for (int byteIndex = 0; byteIndex < length; ++byteIndex) {
                const quint8 bits = u8(m_packet, pos + 2 + byteIndex);
                for (int bit = 0; bit < 8; ++bit) {
                    if (bits & (0x80 >> bit))
                        types.append(quint16(window * 256 + byteIndex * 8 + bit));
                }
            }
            pos += 2 + length;
        }
        std::sort(types.begin(), types.end());
        types.erase(std::unique(types.begin(), types.end()), types.end());
        out.types = std::move(types);
        return std::nullopt;
    }
} // namespace Discovery
