#include "imagereader.h"

#include <QCryptographicHash>
#include <QFile>

#include "imagebytes.h"
#include "logging.h"
#include "memoryregion.h"

using namespace Qt::Literals::StringLiterals;
using namespace Firmware::ImageBytes;

namespace Firmware
{
    namespace
    {
        constexpr quint8 ImageMagic = 0xE9;
        constexpr quint32 AppDescMagic = 0xABCD5432;
        constexpr quint8 BootloaderDescMagic = 0x50;
        constexpr qint64 Esp32HeaderSize = 24;
        constexpr qint64 Esp8266HeaderSize = 8;
        constexpr qint64 SegmentHeaderSize = 8;
        constexpr qint64 AppDescSize = 256;
        constexpr int MaxSegments = 16;
        constexpr quint32 MaxSegmentLength = 16 * 1024 * 1024;
        constexpr qint64 Esp8266AppOffset = 0x1000;

        using Failure = ImageError::Kind;

        ImageError fail(Failure kind, qint64 offset, const QString &message)
        {
            return ImageError {kind, offset, message};
        }

        // The ESP8266 header has no chip id: bytes 8..11 are the first segment's
        // load address. On ESP32-family images they are wp_pin and pin drive
        // strengths, which never form an address in the ESP8266's memory map.
        bool looksLikeEsp8266(QByteArrayView image)
        {
            if (!has(image, 8, 4))
                return false;
            const quint32 firstLoad = le32(image, 8);
            return (firstLoad >= 0x3FFE8000 && firstLoad < 0x40000000)   // DRAM
                || (firstLoad >= 0x40100000 && firstLoad < 0x40110000)   // IRAM
                || (firstLoad >= 0x40200000 && firstLoad < 0x40300000);  // flash-mapped IROM
        }

        // Segments, zero padding, checksum and (optionally) the appended hash of
        // an image that starts at imageOffset; fills those fields of `out`.
        std::optional<ImageError> readBody(QByteArrayView file, qint64 imageOffset, qint64 headerSize,
                                           int segmentCount, FirmwareImage &out)
        {
            qint64 offset = imageOffset + headerSize;
            quint8 computed = 0xEF;
            for (int index = 0; index < segmentCount; ++index) {
                if (!has(file, offset, SegmentHeaderSize)) {
                    return fail(Failure::TooManySegments, offset,
                                u"The header at %1 says %2 segments, but the file ends at %3 before the header of segment %4: the segment count is wrong or the file is truncated."_s
                                    .arg(hex(imageOffset)).arg(segmentCount).arg(hex(file.size())).arg(index));
                }
                ImageSegment segment;
                segment.index = index;
                segment.headerOffset = offset;
                segment.loadAddress = le32(file, offset);
                segment.length = le32(file, offset + 4);
                segment.dataOffset = offset + SegmentHeaderSize;
                segment.region = memoryRegionName(out.chip, segment.loadAddress);
                if (segment.length >= MaxSegmentLength || segment.length % 4 != 0) {
                    return fail(Failure::BadSegment, offset + 4,
                                u"Segment %1 (header at %2) has length %3; a segment is a multiple of 4 bytes and under 16 MiB. The image is corrupt."_s
                                    .arg(index).arg(hex(offset)).arg(hex(segment.length)));
                }
                if (!has(file, segment.dataOffset, segment.length)) {
                    return fail(Failure::SegmentPastEnd, segment.dataOffset,
                                u"Segment %1 (header at %2) claims %3 bytes of data, which run past the end of the file at %4: the file is truncated or the segment length is wrong."_s
                                    .arg(index).arg(hex(offset)).arg(hex(segment.length)).arg(hex(file.size())));
                }
                for (char byte : file.sliced(segment.dataOffset, segment.length))
                    computed ^= static_cast<quint8>(byte);
                out.segments.append(segment);
                offset = segment.dataOffset + segment.length;
            }

            // Zero padding so that the checksum byte is the last of a 16-byte line.
            const qint64 checksumOffset = offset + (15 - (offset - imageOffset) % 16);
            if (!has(file, checksumOffset, 1)) {
                return fail(Failure::Truncated, file.size(),
                            u"The file ends at %1, before the checksum byte at %2: the file is truncated."_s
                                .arg(hex(file.size()), hex(checksumOffset)));
            }
            out.checksumOffset = checksumOffset;
            out.checksum = u8(file, checksumOffset);
            if (out.checksum != computed) {
                return fail(Failure::ChecksumMismatch, checksumOffset,
                            u"Checksum byte at %1 is %2, but the segment data gives %3: the image was corrupted after it was built."_s
                                .arg(hex(checksumOffset), hex(out.checksum), hex(computed)));
            }
            out.imageEnd = checksumOffset + 1;

            if (out.hashAppended) {
                if (!has(file, out.imageEnd, 32)) {
                    return fail(Failure::Truncated, file.size(),
                                u"The header says a SHA-256 is appended at %1, but the file ends at %2: the file is truncated."_s
                                    .arg(hex(out.imageEnd), hex(file.size())));
                }
                out.appendedSha256 = file.sliced(out.imageEnd, 32).toByteArray();
                const QByteArray computedHash = QCryptographicHash::hash(
                    file.sliced(imageOffset, out.imageEnd - imageOffset), QCryptographicHash::Sha256);
                if (computedHash != out.appendedSha256) {
                    return fail(Failure::AppendedHashMismatch, out.imageEnd,
                                u"The SHA-256 appended at %1 is %2, but the image bytes hash to %3: the image was corrupted after it was built."_s
                                    .arg(hex(out.imageEnd), QString::fromLatin1(out.appendedSha256.toHex()),
                                         QString::fromLatin1(computedHash.toHex())));
                }
                out.imageEnd += 32;
            }
            return std::nullopt;
        }

        std::optional<ImageError> readAppDescriptor(QByteArrayView file, FirmwareImage &out)
        {
            const ImageSegment &first = out.segments.constFirst();
            const bool fits = first.length >= AppDescSize;
            if (fits && le32(file, first.dataOffset) == AppDescMagic) {
                const qint64 at = first.dataOffset;
                AppDescriptor desc;
                desc.secureVersion = le32(file, at + 4);
                desc.version = fixedString(file, at + 16, 32);
                desc.projectName = fixedString(file, at + 48, 32);
                desc.compileTime = fixedString(file, at + 80, 16);
                desc.compileDate = fixedString(file, at + 96, 16);
                desc.idfVersion = fixedString(file, at + 112, 32);
                desc.elfSha256 = file.sliced(at + 144, 32).toByteArray();
                desc.minEfuseBlockRevisionFull = le16(file, at + 176);
                desc.maxEfuseBlockRevisionFull = le16(file, at + 178);
                desc.mmuPageSizeLog2 = u8(file, at + 180);
                out.appDescriptor = desc;
                return std::nullopt;
            }
            if (first.length >= 40 && u8(file, first.dataOffset) == BootloaderDescMagic) {
                return fail(Failure::Bootloader, first.dataOffset,
                            u"This is an ESP-IDF second-stage bootloader (bootloader descriptor at %1, built with %2), not an application: it is flashed with esptool at the bootloader offset and cannot be sent over the air."_s
                                .arg(hex(first.dataOffset), fixedString(file, first.dataOffset + 8, 32)));
            }
            const bool anyFlashMapped = std::any_of(out.segments.cbegin(), out.segments.cend(), [&](const ImageSegment &s) {
                return isFlashMapped(out.chip, s.loadAddress);
            });
            const QString hint = anyFlashMapped
                ? u"The image may come from a build without ESP-IDF's app descriptor; rebuild with ESP-IDF or Arduino-ESP32."_s
                : u"No segment loads to flash, so this looks like a bootloader or a RAM-only image, not an application."_s;
            return fail(Failure::AppDescriptorMissing, first.dataOffset,
                        u"No application descriptor (magic 0xABCD5432) at %1, the start of segment 0. %2"_s
                            .arg(hex(first.dataOffset), hint));
        }

        Result<FirmwareImage, ImageError> readEsp32(QByteArrayView file)
        {
            if (!has(file, 0, Esp32HeaderSize)) {
                return fail(Failure::Truncated, file.size(),
                            u"The file is %1 bytes long and ends inside the 24-byte image header: it is truncated."_s.arg(file.size()));
            }
            FirmwareImage image;
            const quint16 chipId = le16(file, 12);
            const std::optional<Chip> chip = chipByImageId(chipId);
            if (!chip) {
                return fail(Failure::UnknownChip, 12,
                            u"Chip id %1 at offset 0xc is not a chip this tool knows (ESP32 0, S2 2, C3 5, S3 9, C2 12, C6 13, H2 16, P4 18, C61 20, C5 23, H21 25, H4 28, E22 31, S31 32). The image is corrupt or for a newer chip."_s
                                .arg(hex(chipId)));
            }
            image.chip = *chip;
            const int segmentCount = u8(file, 1);
            if (segmentCount == 0 || segmentCount > MaxSegments) {
                return fail(Failure::TooManySegments, 1,
                            u"The header says %1 segments; an image has 1 to 16."_s.arg(segmentCount));
            }
            image.flashMode = u8(file, 2);
            image.flashSizeCode = u8(file, 3) >> 4;
            image.flashFrequencyCode = u8(file, 3) & 0x0F;
            image.entryPoint = le32(file, 4);
            image.wpPin = u8(file, 8);
            image.minChipRevision = u8(file, 14);
            image.minChipRevisionFull = le16(file, 15);
            image.maxChipRevisionFull = le16(file, 17);
            const quint8 hashAppended = u8(file, 23);
            if (hashAppended > 1) {
                return fail(Failure::BadHeader, 23,
                            u"The hash-appended flag at offset 0x17 is %1; esptool writes only 0 or 1. The header is corrupt."_s.arg(hex(hashAppended)));
            }
            image.hashAppended = hashAppended == 1;

            if (auto error = readBody(file, 0, Esp32HeaderSize, segmentCount, image))
                return *error;
            if (auto error = readAppDescriptor(file, image))
                return *error;
            return image;
        }

        Result<FirmwareImage, ImageError> readEsp8266At(QByteArrayView file, qint64 imageOffset)
        {
            if (!has(file, imageOffset, Esp8266HeaderSize)) {
                return fail(Failure::Truncated, file.size(),
                            u"The file ends at %1 inside the 8-byte ESP8266 image header at %2: it is truncated."_s
                                .arg(hex(file.size()), hex(imageOffset)));
            }
            if (u8(file, imageOffset) != ImageMagic) {
                return fail(Failure::NotAnImage, imageOffset,
                            u"Expected an ESP8266 application image (magic 0xE9) at %1 after the bootloader, found %2."_s
                                .arg(hex(imageOffset), hex(u8(file, imageOffset))));
            }
            FirmwareImage image;
            image.chip = esp8266Chip();
            image.imageOffset = imageOffset;
            const int segmentCount = u8(file, imageOffset + 1);
            if (segmentCount == 0 || segmentCount > MaxSegments) {
                return fail(Failure::TooManySegments, imageOffset + 1,
                            u"The ESP8266 header at %1 says %2 segments; an image has 1 to 16."_s.arg(hex(imageOffset)).arg(segmentCount));
            }
            image.flashMode = u8(file, imageOffset + 2);
            image.flashSizeCode = u8(file, imageOffset + 3) >> 4;
            image.flashFrequencyCode = u8(file, imageOffset + 3) & 0x0F;
            image.entryPoint = le32(file, imageOffset + 4);
            if (auto error = readBody(file, imageOffset, Esp8266HeaderSize, segmentCount, image))
                return *error;
            return image;
        }

        // Arduino-ESP8266 builds put the eboot loader at 0 and the application
        // at 0x1000; a plain esptool image is the application itself.
        Result<FirmwareImage, ImageError> readEsp8266(QByteArrayView file)
        {
            Result<FirmwareImage, ImageError> first = readEsp8266At(file, 0);
            if (!first)
                return first;
            const bool appFollows = first->imageEnd <= Esp8266AppOffset && has(file, Esp8266AppOffset, 1)
                && u8(file, Esp8266AppOffset) == ImageMagic;
            if (!appFollows)
                return first;
            Result<FirmwareImage, ImageError> app = readEsp8266At(file, Esp8266AppOffset);
            if (app) {
                app.value().bootloaderNote = u"eboot bootloader at 0x0 (%1 segment(s), entry %2)"_s
                                                  .arg(first->segments.size()).arg(hex(first->entryPoint));
            }
            return app;
        }

        std::optional<ImageError> readSignatureSector(QByteArrayView file, FirmwareImage &image)
        {
            // espsecure pads the image with 0xFF to 4 KiB and appends the sector there.
            const qint64 sectorOffset = (image.imageEnd + SecureBootV2::SectorSize - 1) / SecureBootV2::SectorSize
                * SecureBootV2::SectorSize;
            if (!has(file, sectorOffset, 1) || u8(file, sectorOffset) != 0xE7)
                return std::nullopt;
            if (!has(file, sectorOffset, SecureBootV2::SectorSize)) {
                return fail(Failure::Truncated, file.size(),
                            u"A Secure Boot V2 signature sector starts at %1, but the file ends at %2 before its 4096 bytes: the file is truncated."_s
                                .arg(hex(sectorOffset), hex(file.size())));
            }
            auto sector = SecureBootV2::parseSector(file.sliced(sectorOffset, SecureBootV2::SectorSize), sectorOffset);
            if (!sector)
                return fail(Failure::BadSignatureSector, sector.error().offset, sector.error().message);
            image.signatureSector = sector.value();
            return std::nullopt;
        }
    } // namespace

    Result<FirmwareImage, ImageError> ImageReader::read(QByteArrayView file)
    {
        if (file.isEmpty())
            return fail(Failure::Empty, 0, u"The file is empty."_s);
        if (file.size() > MaxFileSize) {
            return fail(Failure::NotAnImage, MaxFileSize,
                        u"The file is %1 bytes, larger than the 64 MiB any ESP flash can hold: it is not a firmware image."_s.arg(file.size()));
        }
        const quint8 magic = u8(file, 0);
        if (magic == 0xAA && file.size() >= 2 && u8(file, 1) == 0x50) {
            return fail(Failure::PartitionTable, 0,
                        u"This is a partition table (entries start with 0xAA 0x50), not an application image. Pick the application .bin of the build."_s);
        }
        if (magic != ImageMagic) {
            const QString extra = magic == 0xEA
                ? u" (0xEA is an ESP8266 \"version 2\" image, which this tool does not read; build a plain image)"_s
                : QString();
            return fail(Failure::NotAnImage, 0,
                        u"The file starts with %1, not the ESP image magic 0xE9%2: it is not an ESP32 or ESP8266 firmware image."_s
                            .arg(hex(magic), extra));
        }

        Result<FirmwareImage, ImageError> image = looksLikeEsp8266(file) ? readEsp8266(file) : readEsp32(file);
        if (!image)
            return image;
        FirmwareImage &ready = image.value();
        if (!ready.isEsp8266()) {
            if (auto error = readSignatureSector(file, ready))
                return *error;
        }
        ready.fileSize = file.size();
        ready.fileSha256 = QCryptographicHash::hash(file, QCryptographicHash::Sha256);
        ready.fileMd5 = QCryptographicHash::hash(file, QCryptographicHash::Md5);
        qCDebug(lcFirmware) << "read" << ready.chip.name << "image," << ready.segments.size() << "segments";
        return image;
    }

    Result<FirmwareImage, ImageError> ImageReader::readFile(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(Failure::FileUnreadable, -1,
                        u"Cannot open %1: %2."_s.arg(path, file.errorString()));
        }
        if (file.size() > MaxFileSize) {
            return fail(Failure::NotAnImage, MaxFileSize,
                        u"%1 is %2 bytes, larger than the 64 MiB any ESP flash can hold: it is not a firmware image."_s
                            .arg(path).arg(file.size()));
        }
        const QByteArray bytes = file.readAll();
        if (file.error() != QFileDevice::NoError) {
            return fail(Failure::FileUnreadable, -1,
                        u"Cannot read %1: %2."_s.arg(path, file.errorString()));
        }
        return read(bytes);
    }
} // namespace Firmware
