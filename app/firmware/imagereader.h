#pragma once

#include <QByteArrayView>
#include <QString>

#include "firmwareimage.h"
#include "imageerror.h"
#include "result.h"

namespace Firmware
{
    // Reads ESP32-family and ESP8266 application images (PROTOCOLS.md 3 and 4).
    // Every field is bounds-checked before it is read: any input, however
    // broken, gives either an image or an ImageError, never a crash.
    class ImageReader final
    {
    public:
        static constexpr qint64 MaxFileSize = 64 * 1024 * 1024; // larger than any flash an ESP32 has

        static Result<FirmwareImage, ImageError> read(QByteArrayView file);
        static Result<FirmwareImage, ImageError> readFile(const QString &path);
    };
} // namespace Firmware
