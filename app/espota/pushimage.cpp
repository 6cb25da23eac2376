#include "pushimage.h"

#include <QFile>
#include <QFileInfo>

#include "firmware/imagereader.h"
#include "pushtarget.h"

namespace Espota
{
    QString PushImage::version() const
    {
        return image && image->appDescriptor ? image->appDescriptor->version : QString();
    }

    PushImage PushImage::fromBytes(QByteArray bytes, const QString &fileName)
    {
        PushImage pushImage;
        pushImage.fileName = fileName;
        pushImage.md5Hex = Auth::md5Hex(bytes);
        auto read = Firmware::ImageReader::read(bytes);
        if (read)
            pushImage.image = std::move(read).value();
        else
            pushImage.notAnAppReason = read.error().message;
        pushImage.bytes = std::move(bytes);
        return pushImage;
    }

    Result<PushImage, QString> PushImage::load(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        if (file.size() == 0)
            return QStringLiteral("%1 is empty: nothing to push").arg(path);
        if (file.size() > Firmware::ImageReader::MaxFileSize)
            return QStringLiteral("%1 is %2 bytes, larger than any ESP flash; is it the right file?")
                .arg(path)
                .arg(file.size());
        return fromBytes(file.readAll(), path);
    }

    std::optional<QString> imageRefusal(const PushImage &image, const PushTarget &target, Command command)
    {
        if (command == Command::Filesystem) {
            if (image.image)
                return QStringLiteral("%1 is an application image (%2 %3), not a filesystem image: "
                                      "push it without --fs, or add --force to write it to the filesystem partition")
                    .arg(image.fileName, image.image->chip.name, image.version());
            return std::nullopt; // a filesystem image has no header to check
        }
        if (!image.image)
            return QStringLiteral("%1 cannot be pushed as firmware: %2 Only an application image can; "
                                  "a filesystem image goes with --fs.")
                .arg(image.fileName, image.notAnAppReason.endsWith(u'.') ? image.notAnAppReason
                                                                        : image.notAnAppReason + u'.');
        const Firmware::Chip &imageChip = image.image->chip;
        // ESPHome also runs on chips that take no ESP image: RP2040 and
        // LibreTiny's BK72xx, RTL87xx and LN882x. Their own builds are not
        // ESP images, so sending one of those needs --force.
        if (const QString platform = target.platform.toUpper(); target.protocol == PushProtocol::Esphome
                                                                 && !platform.isEmpty() && platform != u"ESP32"
                                                                 && platform != u"ESP8266")
            return QStringLiteral("%1 is built for %2, but %3 runs ESPHome on %4 (board \"%5\"): an ESP image "
                                  "would not boot there; pick that device's own build and push it with --force")
                .arg(image.fileName, imageChip.name, target.name, target.platform, target.board);
        const auto targetFamily = target.family();
        if (targetFamily && *targetFamily != imageChip.family) {
            const QString device = *targetFamily == Firmware::ChipFamily::Esp8266 ? QStringLiteral("an ESP8266")
                                                                                  : QStringLiteral("an ESP32-family chip");
            return QStringLiteral("%1 is built for %2, but %3 is %4 (board \"%5\"): it would not boot; "
                                  "pick the build for that device, or --force if the board name is wrong")
                .arg(image.fileName, imageChip.name, target.name, device, target.board);
        }
        if (const auto targetChip = target.chip(); targetChip && !(*targetChip == imageChip))
            return QStringLiteral("%1 is built for %2, but %3 announces board \"%4\" (%5): it would not boot; "
                                  "pick the build for that chip, or --force if the board name is wrong")
                .arg(image.fileName, imageChip.name, target.name, target.board, targetChip->name);
        return std::nullopt;
    }
} // namespace Espota
