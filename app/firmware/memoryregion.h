#pragma once

#include <QString>

#include "chip.h"

namespace Firmware
{
    // Which part of a chip's address space a segment loads to: flash-mapped
    // code or data, internal RAM, or esptool's alignment padding.
    QString memoryRegionName(const Chip &chip, quint32 loadAddress);
    bool isFlashMapped(const Chip &chip, quint32 loadAddress);
} // namespace Firmware
