#include "chip.h"

using namespace Qt::Literals::StringLiterals;

namespace Firmware
{
    const QList<Chip> &knownChips()
    {
        // IMAGE_CHIP_ID values from esptool targets/*.py (PROTOCOLS.md 3.4).
        static const QList<Chip> chips = {
            {u"esp32"_s, u"ESP32"_s, ChipFamily::Esp32, 0x0000},
            {u"esp32s2"_s, u"ESP32-S2"_s, ChipFamily::Esp32, 0x0002},
            {u"esp32c3"_s, u"ESP32-C3"_s, ChipFamily::Esp32, 0x0005},
            {u"esp32s3"_s, u"ESP32-S3"_s, ChipFamily::Esp32, 0x0009},
            {u"esp32c2"_s, u"ESP32-C2"_s, ChipFamily::Esp32, 0x000C},
            {u"esp32c6"_s, u"ESP32-C6"_s, ChipFamily::Esp32, 0x000D},
            {u"esp32h2"_s, u"ESP32-H2"_s, ChipFamily::Esp32, 0x0010},
            {u"esp32p4"_s, u"ESP32-P4"_s, ChipFamily::Esp32, 0x0012},
            {u"esp32c61"_s, u"ESP32-C61"_s, ChipFamily::Esp32, 0x0014},
            {u"esp32c5"_s, u"ESP32-C5"_s, ChipFamily::Esp32, 0x0017},
            {u"esp32h21"_s, u"ESP32-H21"_s, ChipFamily::Esp32, 0x0019},
            {u"esp32h4"_s, u"ESP32-H4"_s, ChipFamily::Esp32, 0x001C},
            {u"esp32e22"_s, u"ESP32-E22"_s, ChipFamily::Esp32, 0x001F},
            {u"esp32s31"_s, u"ESP32-S31"_s, ChipFamily::Esp32, 0x0020},
            {u"esp8266"_s, u"ESP8266"_s, ChipFamily::Esp8266, std::nullopt},
        };
        return chips;
    }

    std::optional<Chip> chipByImageId(quint16 imageChipId)
    {
        for (const Chip &chip : knownChips()) {
            if (chip.imageChipId == imageChipId)
                return chip;
        }
        return std::nullopt;
    }

    std::optional<Chip> chipByName(QStringView keyOrName)
    {
        QString wanted = keyOrName.trimmed().toString().toLower();
        wanted.remove(u'-');
        wanted.remove(u'_');
        for (const Chip &chip : knownChips()) {
            if (chip.key == wanted)
                return chip;
        }
        return std::nullopt;
    }

    Chip esp8266Chip()
    {
        return *chipByName(u"esp8266");
    }

    QString flashModeName(quint8 spiMode)
    {
        switch (spiMode) {
        case 0: return u"QIO"_s;
        case 1: return u"QOUT"_s;
        case 2: return u"DIO"_s;
        case 3: return u"DOUT"_s;
        case 4: return u"FAST_READ"_s;
        case 5: return u"SLOW_READ"_s;
        default: return u"unknown (%1)"_s.arg(spiMode);
        }
    }

    QString flashSizeName(ChipFamily family, quint8 sizeCode)
    {
        if (family == ChipFamily::Esp8266) {
            static const char *const sizes[] = {"512KB", "256KB", "1MB", "2MB", "4MB", "2MB-c1", "4MB-c1", nullptr, "8MB", "16MB"};
            if (sizeCode < std::size(sizes) && sizes[sizeCode])
                return QString::fromLatin1(sizes[sizeCode]);
            return u"unknown (%1)"_s.arg(sizeCode);
        }
        if (sizeCode <= 7)
            return u"%1MB"_s.arg(1 << sizeCode);
        return u"unknown (%1)"_s.arg(sizeCode);
    }

    QString flashFrequencyName(const Chip &chip, quint8 speedCode)
    {
        // The code is chip-specific (esptool targets/*.py FLASH_FREQUENCY).
        struct Frequencies { const char *f0, *f1, *f2, *fF; };
        Frequencies table {"40m", "26m", "20m", "80m"};
        if (chip.key == u"esp32c2")
            table = {"30m", "20m", "15m", "60m"};
        else if (chip.key == u"esp32h2" || chip.key == u"esp32h4")
            table = {"24m", "16m", "12m", "48m"};
        else if (chip.key == u"esp32c6")
            table = {"80m", nullptr, "20m", nullptr}; // C6 writes 0 for 40m and 80m alike

        const char *name = nullptr;
        switch (speedCode) {
        case 0x0: name = table.f0; break;
        case 0x1: name = table.f1; break;
        case 0x2: name = table.f2; break;
        case 0xF: name = table.fF; break;
        default: break;
        }
        return name ? QString::fromLatin1(name) : u"unknown (0x%1)"_s.arg(speedCode, 0, 16);
    }
} // namespace Firmware
