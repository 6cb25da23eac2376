#include "imagejson.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Firmware
{
    namespace
    {
        QString hexText(const QByteArray &bytes)
        {
            return QString::fromLatin1(bytes.toHex());
        }

        QJsonObject descriptorToJson(const AppDescriptor &desc)
        {
            const QDateTime built = desc.buildDateTime();
            return QJsonObject {
                {u"project"_s, desc.projectName},
                {u"version"_s, desc.version},
                {u"idfVersion"_s, desc.idfVersion},
                {u"compileDate"_s, desc.compileDate},
                {u"compileTime"_s, desc.compileTime},
                {u"buildDate"_s, built.isValid() ? built.toString(Qt::ISODate) : QString()},
                {u"secureVersion"_s, qint64(desc.secureVersion)},
                {u"elfSha256"_s, hexText(desc.elfSha256)},
                {u"minEfuseBlockRevision"_s, chipRevisionText(desc.minEfuseBlockRevisionFull)},
                {u"maxEfuseBlockRevision"_s, chipRevisionText(desc.maxEfuseBlockRevisionFull)},
            };
        }

        QJsonObject sectorToJson(const SecureBootV2::SignatureSector &sector)
        {
            QJsonArray blocks;
            for (const SecureBootV2::SignatureBlock &block : sector.blocks) {
                blocks.append(QJsonObject {
                    {u"slot"_s, block.slot},
                    {u"offset"_s, block.offset},
                    {u"scheme"_s, SecureBootV2::schemeName(block.scheme)},
                    {u"imageDigest"_s, hexText(block.imageDigest)},
                    {u"keyDigest"_s, hexText(block.keyDigest())},
                });
            }
            return QJsonObject {{u"offset"_s, sector.offset}, {u"blocks"_s, blocks}};
        }
    } // namespace

    QString chipRevisionText(quint16 full)
    {
        if (full == 0xFFFF)
            return u"any"_s;
        return u"v%1.%2"_s.arg(full / 100).arg(full % 100);
    }

    QJsonObject imageToJson(const FirmwareImage &image)
    {
        QJsonArray segments;
        for (const ImageSegment &segment : image.segments) {
            segments.append(QJsonObject {
                {u"index"_s, segment.index},
                {u"loadAddress"_s, qint64(segment.loadAddress)},
                {u"length"_s, qint64(segment.length)},
                {u"fileOffset"_s, segment.dataOffset},
                {u"region"_s, segment.region},
            });
        }
        QJsonObject json {
            {u"format"_s, image.isEsp8266() ? u"esp8266-app"_s : u"esp32-app"_s},
            {u"chip"_s, image.chip.key},
            {u"chipName"_s, image.chip.name},
            {u"imageOffset"_s, image.imageOffset},
            {u"flashMode"_s, image.flashModeName()},
            {u"flashSize"_s, image.flashSizeName()},
            {u"flashFrequency"_s, image.flashFrequencyName()},
            {u"entryPoint"_s, qint64(image.entryPoint)},
            {u"segments"_s, segments},
            {u"checksum"_s, image.checksum},
            {u"checksumOffset"_s, image.checksumOffset},
            {u"checksumValid"_s, true},
            {u"hashAppended"_s, image.hashAppended},
            {u"imageEnd"_s, image.imageEnd},
            {u"fileSize"_s, image.fileSize},
            {u"sha256"_s, hexText(image.fileSha256)},
            {u"md5"_s, hexText(image.fileMd5)},
        };
        if (image.chip.imageChipId)
            json.insert(u"chipId"_s, *image.chip.imageChipId);
        if (!image.bootloaderNote.isEmpty())
            json.insert(u"bootloader"_s, image.bootloaderNote);
        if (!image.isEsp8266()) {
            json.insert(u"minChipRevision"_s, chipRevisionText(image.minChipRevisionFull));
            json.insert(u"maxChipRevision"_s, chipRevisionText(image.maxChipRevisionFull));
        }
        if (image.hashAppended)
            json.insert(u"appendedSha256"_s, hexText(image.appendedSha256));
        if (image.appDescriptor)
            json.insert(u"app"_s, descriptorToJson(*image.appDescriptor));
        if (image.signatureSector)
            json.insert(u"secureBootV2"_s, sectorToJson(*image.signatureSector));
        return json;
    }

    QJsonObject imageErrorToJson(const ImageError &error)
    {
        QJsonObject json {{u"kind"_s, ImageError::kindName(error.kind)}, {u"message"_s, error.message}};
        if (error.offset >= 0)
            json.insert(u"offset"_s, error.offset);
        return json;
    }
} // namespace Firmware
