#pragma once

#include <QJsonObject>

#include "firmwareimage.h"
#include "imageerror.h"

namespace Firmware
{
    // The JSON form of what the image reader knows, shared by `otactl inspect
    // --json` and the server's firmware records. Hashes are lower-case hex;
    // addresses and offsets are numbers.
    QJsonObject imageToJson(const FirmwareImage &image);
    QJsonObject imageErrorToJson(const ImageError &error);
    // "v0.3" from major*100+minor; "any" for the 0xFFFF "no limit" value.
    QString chipRevisionText(quint16 full);
} // namespace Firmware
