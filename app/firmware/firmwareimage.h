#pragma once

#include <optional>

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include "chip.h"
#include "securebootv2.h"

namespace Firmware
{
    // esp_app_desc_t (PROTOCOLS.md 3.3), found at the start of segment 0's data.
    struct AppDescriptor
    {
        quint32 secureVersion = 0;
        QString version;
        QString projectName;
        QString compileTime;   // __TIME__, "16:23:40"
        QString compileDate;   // __DATE__, "Jul 25 2024"
        QString idfVersion;
        QByteArray elfSha256;  // 32 raw bytes; all zero when the build did not patch it
        quint16 minEfuseBlockRevisionFull = 0;
        quint16 maxEfuseBlockRevisionFull = 0;
        quint8 mmuPageSizeLog2 = 0; // 0 = chip default

        // compileDate + compileTime as a local date-time; invalid when the
        // strings are not what __DATE__/__TIME__ produce.
        QDateTime buildDateTime() const;
    };

    struct ImageSegment
    {
        int index = 0;
        quint32 loadAddress = 0;
        quint32 length = 0;
        qint64 headerOffset = 0; // of the 8-byte segment header in the file
        qint64 dataOffset = 0;   // of the first data byte in the file
        QString region;          // "DROM", "IROM", "DRAM", "IRAM", "RTC", "padding", or "?"
    };

    // One ESP32-family or ESP8266 application image as read from a file.
    struct FirmwareImage
    {
        Chip chip;
        qint64 imageOffset = 0;  // 0, or 0x1000 for an Arduino ESP8266 file with eboot first
        QString bootloaderNote;  // "eboot bootloader at 0x0", when one precedes the app

        quint8 flashMode = 0;
        quint8 flashSizeCode = 0;
        quint8 flashFrequencyCode = 0;
        quint32 entryPoint = 0;

        // ESP32-family extended header; zero on ESP8266.
        quint8 wpPin = 0;
        quint8 minChipRevision = 0;      // legacy byte
        quint16 minChipRevisionFull = 0; // major*100 + minor
        quint16 maxChipRevisionFull = 0;

        QList<ImageSegment> segments;

        qint64 checksumOffset = 0;
        quint8 checksum = 0;             // stored and verified equal to the computed one
        bool hashAppended = false;
        QByteArray appendedSha256;       // verified when present
        qint64 imageEnd = 0;             // one past the checksum, or past the appended hash

        std::optional<AppDescriptor> appDescriptor;        // always present on ESP32-family apps
        std::optional<SecureBootV2::SignatureSector> signatureSector;

        qint64 fileSize = 0;
        QByteArray fileSha256;
        QByteArray fileMd5;

        bool isEsp8266() const { return chip.family == ChipFamily::Esp8266; }
        QString flashModeName() const;
        QString flashSizeName() const;
        QString flashFrequencyName() const;
    };
} // namespace Firmware
