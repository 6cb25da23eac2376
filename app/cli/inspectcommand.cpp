#include "inspectcommand.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include "firmware/imagejson.h"
#include "firmware/imagereader.h"

using namespace Qt::Literals::StringLiterals;
using namespace Firmware;

namespace Cli
{
    namespace
    {
        QString hex(qint64 value, int width = 0)
        {
            return u"0x%1"_s.arg(value, width, 16, QChar(u'0'));
        }

        void row(const QString &label, const QString &value)
        {
            out() << label.leftJustified(16) << value << "\n";
        }

        void printImage(const QString &path, const FirmwareImage &image)
        {
            const QLocale c = QLocale::c();
            row(u"File"_s, u"%1 (%2 bytes)"_s.arg(QFileInfo(path).fileName(), c.toString(image.fileSize)));
            if (image.isEsp8266()) {
                row(u"Format"_s, u"ESP8266 application image (no chip id, no app descriptor)"_s);
                if (!image.bootloaderNote.isEmpty())
                    row(u"Bootloader"_s, u"%1; application at %2"_s.arg(image.bootloaderNote, hex(image.imageOffset)));
                row(u"Chip"_s, image.chip.name);
            } else {
                row(u"Format"_s, u"ESP32-family application image"_s);
                row(u"Chip"_s, u"%1 (chip id %2)"_s.arg(image.chip.name).arg(*image.chip.imageChipId));
                row(u"Chip revision"_s, u"min %1, max %2"_s.arg(chipRevisionText(image.minChipRevisionFull),
                                                                 chipRevisionText(image.maxChipRevisionFull)));
            }
            row(u"Flash"_s, u"%1, %2, %3"_s.arg(image.flashModeName(), image.flashSizeName(), image.flashFrequencyName()));
            row(u"Entry point"_s, hex(image.entryPoint, 8));
            row(u"Segments"_s, QString::number(image.segments.size()));
            out() << "  #  load addr   length      file offset  region\n";
            for (const ImageSegment &segment : image.segments) {
                out() << "  " << QString::number(segment.index).leftJustified(2) << " "
                      << hex(segment.loadAddress, 8) << "  " << hex(segment.length, 8) << "  "
                      << hex(segment.dataOffset, 8) << "   " << segment.region << "\n";
            }
            row(u"Checksum"_s, u"%1 at %2, valid"_s.arg(hex(image.checksum, 2), hex(image.checksumOffset)));
            row(u"Appended hash"_s, image.hashAppended
                    ? u"SHA-256 %1, valid"_s.arg(QString::fromLatin1(image.appendedSha256.toHex()))
                    : u"none"_s);
            if (image.appDescriptor) {
                const AppDescriptor &desc = *image.appDescriptor;
                row(u"Project"_s, desc.projectName);
                row(u"Version"_s, desc.version);
                row(u"IDF version"_s, desc.idfVersion);
                row(u"Built"_s, u"%1 %2"_s.arg(desc.compileDate, desc.compileTime));
                row(u"Secure version"_s, QString::number(desc.secureVersion));
                row(u"ELF SHA-256"_s, QString::fromLatin1(desc.elfSha256.toHex()));
            }
            if (image.signatureSector) {
                row(u"Secure Boot V2"_s, u"signature sector at %1, %2 block(s)"_s
                                             .arg(hex(image.signatureSector->offset)).arg(image.signatureSector->blocks.size()));
                for (const SecureBootV2::SignatureBlock &block : image.signatureSector->blocks) {
                    out() << "  block " << block.slot << ": " << SecureBootV2::schemeName(block.scheme)
                          << ", key digest " << block.keyDigest().toHex() << "\n";
                }
                out() << "  (signatures not checked: use otactl verify-sbv2 IMAGE --pubkey KEY.pem)\n";
            } else if (!image.isEsp8266()) {
                row(u"Secure Boot V2"_s, u"not signed"_s);
            }
            row(u"SHA-256"_s, QString::fromLatin1(image.fileSha256.toHex()));
            row(u"MD5"_s, QString::fromLatin1(image.fileMd5.toHex()));
        }
    } // namespace

    QString InspectCommand::summary() const
    {
        return u"Read an ESP32 or ESP8266 application image and show what it is: chip, flash settings, "
               u"segments, checksum and appended hash (verified), the app descriptor (project, version, "
               u"IDF version, build date, secure version), any Secure Boot V2 signature sector, and the "
               u"file's SHA-256 and MD5.\n\nExit codes: 0 the image is valid, 1 it is not (stderr says what "
               u"is wrong and at which offset), 2 usage error."_s;
    }

    int InspectCommand::run(const QStringList &arguments)
    {
        QCommandLineParser parser;
        const QCommandLineOption json(u"json"_s, u"Print JSON for scripts instead of text."_s);
        parser.addOption(json);
        parser.addPositionalArgument(u"image"_s, u"The .bin file to read."_s);
        if (auto done = parse(parser, arguments, u"IMAGE"_s))
            return *done;
        if (parser.positionalArguments().size() != 1)
            return fail(UsageError, u"expected exactly one IMAGE file; try 'otactl inspect --help'"_s);

        const QString path = parser.positionalArguments().constFirst();
        const auto image = ImageReader::readFile(path);
        if (parser.isSet(json)) {
            QJsonObject result {{u"file"_s, path}, {u"valid"_s, image.hasValue()}};
            if (image)
                result.insert(u"image"_s, imageToJson(*image));
            else
                result.insert(u"error"_s, imageErrorToJson(image.error()));
            out() << QJsonDocument(result).toJson(QJsonDocument::Indented);
        }
        if (!image)
            return fail(CheckFailed, u"%1: %2"_s.arg(path, image.error().message));
        if (!parser.isSet(json))
            printImage(path, *image);
        return Ok;
    }
} // namespace Cli
