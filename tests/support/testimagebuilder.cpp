#include "testimagebuilder.h"

#include <QCryptographicHash>
#include <QtEndian>

namespace TestSupport
{
    namespace
    {
        void appendLe32(QByteArray &out, quint32 value)
        {
            char bytes[4];
            qToLittleEndian(value, bytes);
            out.append(bytes, 4);
        }

        void appendLe16(QByteArray &out, quint16 value)
        {
            char bytes[2];
            qToLittleEndian(value, bytes);
            out.append(bytes, 2);
        }

        QByteArray fixedString(const QString &text, qsizetype size)
        {
            QByteArray bytes = text.toUtf8().left(size);
            bytes.resize(size, '\0');
            return bytes;
        }

        // Segments, zero padding so that (offset + 1) % 16 == 0, then the checksum byte.
        void appendSegmentsAndChecksum(QByteArray &image, const QList<TestImageBuilder::Segment> &segments)
        {
            quint8 checksum = 0xEF;
            for (const TestImageBuilder::Segment &segment : segments) {
                appendLe32(image, segment.loadAddress);
                appendLe32(image, quint32(segment.data.size()));
                image.append(segment.data);
                for (char byte : segment.data)
                    checksum ^= quint8(byte);
            }
            while ((image.size() + 1) % 16 != 0)
                image.append('\0');
            image.append(char(checksum));
        }

        QByteArray filler(qsizetype size, quint8 seed)
        {
            QByteArray data(size, '\0');
            for (qsizetype i = 0; i < size; ++i)
                data[i] = char(quint8(seed + i * 7));
            return data;
        }
    } // namespace

    TestImageBuilder::TestImageBuilder(quint16 chipId) : m_chipId(chipId) {}

    TestImageBuilder &TestImageBuilder::setChipId(quint16 chipId) { m_chipId = chipId; return *this; }
    TestImageBuilder &TestImageBuilder::setVersion(const QString &version) { m_version = version; return *this; }
    TestImageBuilder &TestImageBuilder::setProjectName(const QString &name) { m_projectName = name; return *this; }
    TestImageBuilder &TestImageBuilder::setIdfVersion(const QString &idfVersion) { m_idfVersion = idfVersion; return *this; }
    TestImageBuilder &TestImageBuilder::setCompileDate(const QString &date) { m_compileDate = date; return *this; }
    TestImageBuilder &TestImageBuilder::setCompileTime(const QString &time) { m_compileTime = time; return *this; }
    TestImageBuilder &TestImageBuilder::setSecureVersion(quint32 secureVersion) { m_secureVersion = secureVersion; return *this; }
    TestImageBuilder &TestImageBuilder::setElfSha256(const QByteArray &sha256) { m_elfSha256 = sha256; return *this; }
    TestImageBuilder &TestImageBuilder::setHashAppended(bool appended) { m_hashAppended = appended; return *this; }
    TestImageBuilder &TestImageBuilder::setEntryPoint(quint32 entry) { m_entryPoint = entry; return *this; }
    TestImageBuilder &TestImageBuilder::setAppDescriptor(bool present) { m_withAppDescriptor = present; return *this; }

    TestImageBuilder &TestImageBuilder::setChipRevisions(quint16 minFull, quint16 maxFull)
    {
        m_minChipRevFull = minFull;
        m_maxChipRevFull = maxFull;
        return *this;
    }

    TestImageBuilder &TestImageBuilder::setFlash(quint8 mode, quint8 sizeCode, quint8 frequencyCode)
    {
        m_flashMode = mode;
        m_flashSizeCode = sizeCode;
        m_flashFrequencyCode = frequencyCode;
        return *this;
    }

    TestImageBuilder &TestImageBuilder::addSegment(quint32 loadAddress, const QByteArray &data)
    {
        m_extraSegments.append({loadAddress, data});
        return *this;
    }

    quint32 TestImageBuilder::defaultDromAddress(quint16 chipId)
    {
        switch (chipId) {
        case 0x0000: return 0x3F400020; // ESP32
        case 0x0002: return 0x3F000020; // ESP32-S2
        case 0x000D: // ESP32-C6
        case 0x0010: // ESP32-H2
        case 0x0017: // ESP32-C5
        case 0x0014: // ESP32-C61
            return 0x42800020;
        case 0x0012: return 0x40000020; // ESP32-P4
        default: return 0x3C000020;     // C3, S3, C2 and the rest
        }
    }

    QByteArray TestImageBuilder::appDescriptor() const
    {
        QByteArray desc;
        appendLe32(desc, 0xABCD5432);
        appendLe32(desc, m_secureVersion);
        desc.append(8, '\0');
        desc.append(fixedString(m_version, 32));
        desc.append(fixedString(m_projectName, 32));
        desc.append(fixedString(m_compileTime, 16));
        desc.append(fixedString(m_compileDate, 16));
        desc.append(fixedString(m_idfVersion, 32));
        QByteArray elf = m_elfSha256.left(32);
        elf.resize(32, '\0');
        desc.append(elf);
        appendLe16(desc, 0);   // min_efuse_blk_rev_full
        appendLe16(desc, 199); // max_efuse_blk_rev_full
        desc.append(char(0));  // mmu_page_size
        desc.append(75, '\0');
        Q_ASSERT(desc.size() == 256);
        return desc;
    }

    QByteArray TestImageBuilder::build() const
    {
        QByteArray image;
        image.append(char(0xE9));
        image.append(char(1 + m_extraSegments.size()));
        image.append(char(m_flashMode));
        image.append(char((m_flashSizeCode << 4) | (m_flashFrequencyCode & 0x0F)));
        appendLe32(image, m_entryPoint);
        image.append(char(0xEE));       // wp_pin disabled
        image.append(3, '\0');          // spi_pin_drv
        appendLe16(image, m_chipId);
        image.append(char(m_minChipRevFull / 100));
        appendLe16(image, m_minChipRevFull);
        appendLe16(image, m_maxChipRevFull);
        image.append(4, '\0');
        image.append(char(m_hashAppended ? 1 : 0));
        Q_ASSERT(image.size() == 24);

        QList<Segment> segments;
        QByteArray drom = m_withAppDescriptor ? appDescriptor() : filler(256, 0x50);
        drom.append(filler(1024, 0x11));
        segments.append({defaultDromAddress(m_chipId), drom});
        segments.append(m_extraSegments);
        appendSegmentsAndChecksum(image, segments);

        if (m_hashAppended)
            image.append(QCryptographicHash::hash(image, QCryptographicHash::Sha256));
        return image;
    }

    QByteArray buildEsp8266Image(bool withEboot)
    {
        const auto v1Image = [](quint32 entry, const QList<TestImageBuilder::Segment> &segments) {
            QByteArray image;
            image.append(char(0xE9));
            image.append(char(segments.size()));
            image.append(char(2));    // DIO
            image.append(char(0x40)); // 4MB, 40m
            appendLe32(image, entry);
            appendSegmentsAndChecksum(image, segments);
            return image;
        };

        QByteArray file;
        if (withEboot) {
            file = v1Image(0x4010F000, {{0x4010F000, filler(0x100, 0x21)}});
            file.append(QByteArray(0x1000 - file.size(), '\xFF'));
        }
        file.append(v1Image(0x401000E0, {{0x40201010, filler(0x800, 0x31)},
                                         {0x40100000, filler(0x200, 0x41)},
                                         {0x3FFE8000, filler(0x80, 0x51)}}));
        return file;
    }

    QByteArray reseal(QByteArray image)
    {
        const int count = quint8(image.at(1));
        qsizetype offset = 24;
        quint8 checksum = 0xEF;
        for (int i = 0; i < count; ++i) {
            const quint32 length = qFromLittleEndian<quint32>(image.constData() + offset + 4);
            for (qsizetype k = 0; k < qsizetype(length); ++k)
                checksum ^= quint8(image.at(offset + 8 + k));
            offset += 8 + length;
        }
        offset += 15 - offset % 16;
        image[offset] = char(checksum);
        if (image.at(23) == 1) {
            const QByteArray hash = QCryptographicHash::hash(image.first(offset + 1), QCryptographicHash::Sha256);
            image.replace(offset + 1, 32, hash);
        }
        return image;
    }

    QByteArray padTo4k(QByteArray data)
    {
        const qsizetype remainder = data.size() % 4096;
        if (remainder != 0)
            data.append(QByteArray(4096 - remainder, '\xFF'));
        return data;
    }
} // namespace TestSupport
