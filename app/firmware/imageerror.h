#pragma once

#include <QString>

namespace Firmware
{
    // Why a file is not a usable application image. The kind is for code and
    // tests; the message is for a person and names the offset where it can.
    struct ImageError
    {
        enum class Kind
        {
            FileUnreadable,        // could not open or read the file
            Empty,                 // zero bytes
            NotAnImage,            // no 0xE9 magic; nothing we recognise
            PartitionTable,        // a partition table (0xAA 0x50 entries), not an app
            Bootloader,            // a second-stage bootloader image, not an app
            Truncated,             // the file ends inside a header, the checksum or the hash
            BadHeader,             // a header field has a value no tool writes
            TooManySegments,       // segment count 0 or above 16, or more headers than the file holds
            BadSegment,            // a segment length not a multiple of 4, or >= 16 MiB
            SegmentPastEnd,        // a segment's data runs past the end of the file
            ChecksumMismatch,      // the stored XOR checksum differs from the data
            AppendedHashMismatch,  // the appended SHA-256 differs from the image bytes
            UnknownChip,           // chip id not in PROTOCOLS.md 3.4
            AppDescriptorMissing,  // ESP32-family image with no esp_app_desc_t at 0x20
            BadSignatureSector,    // a Secure Boot V2 sector is present but malformed
        };

        Kind kind;
        qint64 offset = -1;    // where in the file; -1 when not about one place
        QString message;

        static QString kindName(Kind kind); // "truncated", "checksum-mismatch", ... for --json
    };
} // namespace Firmware
