#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace TestSupport
{
    // Writes valid ESP32-family application images the way esptool's
    // elf2image does (PROTOCOLS.md 3): 24-byte header, segments with the
    // esp_app_desc_t at the start of segment 0, zero padding, XOR checksum,
    // optional appended SHA-256. Tests corrupt the result to make bad cases.
    class TestImageBuilder final
    {
    public:
        struct Segment
        {
            quint32 loadAddress = 0;
            QByteArray data; // length must be a multiple of 4
        };

        explicit TestImageBuilder(quint16 chipId = 0);

        TestImageBuilder &setChipId(quint16 chipId);
        TestImageBuilder &setVersion(const QString &version);
        TestImageBuilder &setProjectName(const QString &name);
        TestImageBuilder &setIdfVersion(const QString &idfVersion);
        TestImageBuilder &setCompileDate(const QString &date); // "Jul 25 2024"
        TestImageBuilder &setCompileTime(const QString &time); // "16:23:40"
        TestImageBuilder &setSecureVersion(quint32 secureVersion);
        TestImageBuilder &setElfSha256(const QByteArray &sha256);
        TestImageBuilder &setHashAppended(bool appended);
        TestImageBuilder &setChipRevisions(quint16 minFull, quint16 maxFull);
        TestImageBuilder &setFlash(quint8 mode, quint8 sizeCode, quint8 frequencyCode);
        TestImageBuilder &setEntryPoint(quint32 entry);
        // Without it, segment 0 holds no esp_app_desc_t (a bootloader-like image).
        TestImageBuilder &setAppDescriptor(bool present);
        // Extra segments after the DROM segment that carries the descriptor.
        TestImageBuilder &addSegment(quint32 loadAddress, const QByteArray &data);

        QByteArray build() const;

        // Offsets into what build() returns, for tests that corrupt it.
        static constexpr qsizetype SegmentCountOffset = 1;
        static constexpr qsizetype ChipIdOffset = 12;
        static constexpr qsizetype HashAppendedOffset = 23;
        static constexpr qsizetype FirstSegmentHeaderOffset = 24;
        static constexpr qsizetype AppDescriptorOffset = 32;

        // The default DROM load address of each chip, ending in ...0020 as linkers place it.
        static quint32 defaultDromAddress(quint16 chipId);

    private:
        QByteArray appDescriptor() const;

        quint16 m_chipId = 0;
        QString m_version = QStringLiteral("1.0.0");
        QString m_projectName = QStringLiteral("test_app");
        QString m_idfVersion = QStringLiteral("v5.2.2");
        QString m_compileDate = QStringLiteral("Jul 25 2024");
        QString m_compileTime = QStringLiteral("16:23:40");
        quint32 m_secureVersion = 0;
        QByteArray m_elfSha256 = QByteArray(32, '\x5a');
        bool m_hashAppended = true;
        quint16 m_minChipRevFull = 0;
        quint16 m_maxChipRevFull = 99;
        quint8 m_flashMode = 2;      // DIO
        quint8 m_flashSizeCode = 2;  // 4MB
        quint8 m_flashFrequencyCode = 0;
        quint32 m_entryPoint = 0x40080000;
        bool m_withAppDescriptor = true;
        QList<Segment> m_extraSegments;
    };

    // An Arduino-ESP8266 style file: a small eboot image at 0, 0xFF up to
    // 0x1000, then the application image (8-byte header, no chip id).
    QByteArray buildEsp8266Image(bool withEboot = true);

    // Recomputes the checksum byte and appended SHA-256 of an ESP32-family
    // image after a test changed its segment data or header, so that only the
    // change under test is wrong. The segment structure must still be intact.
    QByteArray reseal(QByteArray image);

    // Pads with 0xFF to the next multiple of 4096, as espsecure sign-data does.
    QByteArray padTo4k(QByteArray data);
} // namespace TestSupport
