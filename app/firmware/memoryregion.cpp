#include "memoryregion.h"

using namespace Qt::Literals::StringLiterals;

namespace Firmware
{
    namespace
    {
        struct FlashWindows
        {
            quint32 iromStart, iromEnd, dromStart, dromEnd;
        };

        // IROM_MAP_* / DROM_MAP_* of esptool targets/*.py. On the newest chips
        // code and data share one window; it is reported as "flash".
        FlashWindows flashWindows(const Chip &chip)
        {
            const QString &key = chip.key;
            if (key == u"esp32")
                return {0x400D0000, 0x40400000, 0x3F400000, 0x3F800000};
            if (key == u"esp32s2")
                return {0x40080000, 0x40B80000, 0x3F000000, 0x3F3F0000};
            if (key == u"esp32s3")
                return {0x42000000, 0x44000000, 0x3C000000, 0x3E000000};
            if (key == u"esp32c3")
                return {0x42000000, 0x42800000, 0x3C000000, 0x3C800000};
            if (key == u"esp32c2")
                return {0x42000000, 0x42400000, 0x3C000000, 0x3C400000};
            if (key == u"esp32c6" || key == u"esp32h2" || key == u"esp32h4" || key == u"esp32h21")
                return {0x42000000, 0x42800000, 0x42800000, 0x43000000};
            if (key == u"esp32c5" || key == u"esp32c61")
                return {0x42000000, 0x44000000, 0x42000000, 0x44000000};
            if (key == u"esp32p4" || key == u"esp32s31")
                return {0x40000000, 0x54000000, 0x40000000, 0x54000000};
            if (key == u"esp32e22")
                return {0x3C000000, 0x40000000, 0x3C000000, 0x40000000};
            if (key == u"esp8266")
                return {0x40200000, 0x40300000, 0, 0};
            return {0, 0, 0, 0};
        }

        bool inside(quint32 address, quint32 start, quint32 end)
        {
            return address >= start && address < end;
        }
    } // namespace

    bool isFlashMapped(const Chip &chip, quint32 loadAddress)
    {
        const FlashWindows w = flashWindows(chip);
        return inside(loadAddress, w.iromStart, w.iromEnd) || inside(loadAddress, w.dromStart, w.dromEnd);
    }

    QString memoryRegionName(const Chip &chip, quint32 loadAddress)
    {
        // The ROM loader skips addresses below 0x10000000: esptool uses them
        // for the padding segments that align flash-mapped segments to MMU pages.
        if (chip.family == ChipFamily::Esp32 && loadAddress < 0x10000000)
            return u"padding"_s;
        const FlashWindows w = flashWindows(chip);
        const bool irom = inside(loadAddress, w.iromStart, w.iromEnd);
        const bool drom = inside(loadAddress, w.dromStart, w.dromEnd);
        if (irom && drom)
            return u"flash"_s;
        if (irom)
            return u"IROM"_s;
        if (drom)
            return u"DROM"_s;
        return u"RAM"_s;
    }
} // namespace Firmware
