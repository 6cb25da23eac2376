#include "dnswriter.h"

#include <algorithm>
#include <array>

#include "dnswire.h"

using namespace Discovery::Wire;

namespace Discovery
{
    namespace
    {
        // The labels of `name` the wire can carry: no empty labels (a zero
        // length byte would end the name there), labels cut to 63 bytes,
        // and no label that would take the name past 255 bytes.
        QList<QByteArray> writableLabels(const DnsName &name)
        {
            if (name.isValid())
                return name.labels();
            QList<QByteArray> labels;
            qsizetype length = 1;
            for (const QByteArray &label : name.labels()) {
                if (label.isEmpty())
                    continue;
                const QByteArray cut = label.left(DnsName::MaxLabelLength);
                if (length + 1 + cut.size() > DnsName::MaxEncodedLength)
                    break;
                length += 1 + cut.size();
                labels.append(cut);
            }
            return labels;
        }

        // The wire bytes of labels[from..], without the root.
        QByteArray suffixKey(const QList<QByteArray> &labels, qsizetype from)
        {
            QByteArray key;
            for (qsizetype i = from; i < labels.size(); ++i) {
                key += char(labels.at(i).size());
                key += labels.at(i);
            }
            return key;
        }

        quint16 countOf(qsizetype size)
        {
            return quint16(qMin<qsizetype>(size, 0xFFFF));
        }
    } // namespace

    QByteArray DnsWriter::write(const DnsMessage &message)
    {
        m_out.clear();
        m_suffixOffsets.clear();
        write16(message.id);
        write16(message.flags);
        const std::array<const QList<DnsRecord> *, 3> sections {&message.answers, &message.authorities, &message.additionals};
        write16(countOf(message.questions.size()));
        for (const QList<DnsRecord> *section : sections)
            write16(countOf(section->size()));
        for (qsizetype i = 0; i < countOf(message.questions.size()); ++i)
            writeQuestion(message.questions.at(i));
        for (const QList<DnsRecord> *section : sections) {
            for (qsizetype i = 0; i < countOf(section->size()); ++i)
                writeRecord(section->at(i));
        }
        return m_out;
    }

    void DnsWriter::writeQuestion(const DnsQuestion &question)
    {
        writeName(question.name);
        write16(question.type);
        write16((question.klass & ~ClassTopBit) | (question.unicastResponse ? ClassTopBit : 0));
    }

    void DnsWriter::writeRecord(const DnsRecord &record)
    {
        writeName(record.name);
        write16(record.type);
        write16((record.klass & ~ClassTopBit) | (record.cacheFlush ? ClassTopBit : 0));
        write32(record.ttl);
        const qsizetype lengthAt = m_out.size();
        write16(0);
        writeRecordData(record);
        // At most 0xFFFF: every kind of data below is capped.
        qToBigEndian(quint16(m_out.size() - lengthAt - 2), m_out.data() + lengthAt);
    }

    void DnsWriter::writeRecordData(const DnsRecord &record)
    {
        switch (record.type) {
        case RecordType::A:
            write32(record.address.toIPv4Address());
            break;
        case RecordType::AAAA: {
            const Q_IPV6ADDR address = record.address.toIPv6Address();
            m_out.append(reinterpret_cast<const char *>(address.c), 16);
            break;
        }
        case RecordType::PTR:
            writeName(record.ptr);
            break;
        case RecordType::SRV:
            write16(record.srv.priority);
            write16(record.srv.weight);
            write16(record.srv.port);
            writeName(record.srv.target); // RFC 6762 18.14 allows compressing it in mDNS
            break;
        case RecordType::TXT:
            writeTxt(record.txt);
            break;
        case RecordType::NSEC:
            writeNsec(record.nsec);
            break;
        default:
            m_out += record.rawData.left(MaxRdataLength);
            break;
        }
    }

    void DnsWriter::writeTxt(const QList<QByteArray> &strings)
    {
        if (strings.isEmpty()) {
            m_out += '\0'; // RFC 6763 6.1: no attributes is one empty string, never no data
            return;
        }
        qsizetype written = 0;
        for (const QByteArray &string : strings) {
            const QByteArray cut = string.left(MaxTxtStringLength);
            if (written + 1 + cut.size() > MaxRdataLength)
                break;
            m_out += char(cut.size());
            m_out += cut;
            written += 1 + cut.size();
        }
    }

    void DnsWriter::writeNsec(const NsecData &nsec)
    {
        writeName(nsec.nextName);
        QList<quint16> types = nsec.types;
        std::sort(types.begin(), types.end());
        types.erase(std::unique(types.begin(), types.end()), types.end());
        // RFC 4034 4.1.2: per window of 256 types, a bitmap cut after its last non-zero byte.
        for (qsizetype i = 0; i < types.size();) {
            const int window = types.at(i) >> 8;
            std::array<quint8, 32> bitmap {};
            int length = 0;
            for (; i < types.size() && (types.at(i) >> 8) == window; ++i) {
                const int low = types.at(i) & 0xFF;
                bitmap[low / 8] |= quint8(0x80 >> (low % 8));
                length = low / 8 + 1;
            }
            m_out += char(window);
            m_out += char(length);
            m_out.append(reinterpret_cast<const char *>(bitmap.data()), length);
        }
    }

    void DnsWriter::writeName(const DnsName &name)
    {
        const QList<QByteArray> labels = writableLabels(name);
        for (qsizetype i = 0; i < labels.size(); ++i) {
            const QByteArray key = suffixKey(labels, i);
            const auto written = m_suffixOffsets.constFind(key);
            if (written != m_suffixOffsets.cend()) {
                write16(quint16(PointerTag << 8) | *written);
                return;
            }
            if (m_out.size() < MaxPointerTarget)
                m_suffixOffsets.insert(key, quint16(m_out.size()));
            m_out += char(labels.at(i).size());
            m_out += labels.at(i);
        }
        m_out += '\0';
    }

    void DnsWriter::write16(quint16 value)
    {
        const quint16 big = qToBigEndian(value);
        m_out.append(reinterpret_cast<const char *>(&big), 2);
    }

    void DnsWriter::write32(quint32 value)
    {
        const quint32 big = qToBigEndian(value);
        m_out.append(reinterpret_cast<const char *>(&big), 4);
    }
} // namespace Discovery
