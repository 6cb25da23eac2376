#pragma once

#include <optional>

#include <QByteArray>
#include <QString>

#include "espotawire.h"
#include "firmware/firmwareimage.h"
#include "result.h"

namespace Espota
{
    struct PushTarget;

    // The file to push, read once and shared by every device of a job.
    struct PushImage
    {
        QString fileName;     // as given: it enters the client nonce, as espota.py's does
        QByteArray bytes;
        QByteArray md5Hex;
        std::optional<Firmware::FirmwareImage> image; // when the file is an application image
        QString notAnAppReason;                       // why it is not, otherwise

        QString version() const; // the app descriptor's version, or empty

        static Result<PushImage, QString> load(const QString &path);
        static PushImage fromBytes(QByteArray bytes, const QString &fileName);
    };

    // Whether pushing this image to this device as this command makes sense:
    // nullopt if so, otherwise why not and what to do. --force skips it.
    std::optional<QString> imageRefusal(const PushImage &image, const PushTarget &target, Command command);
} // namespace Espota
