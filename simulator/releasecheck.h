#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "firmware/publickey.h"
#include "firmware/releasemanifest.h"
#include "result.h"

namespace Simulator
{
    // A release as a check-in reply offers it (docs/device-api.md RELEASE).
    struct ReleaseOffer
    {
        QString version;
        QString sha256;
        qint64 size = 0;
        QByteArray manifest;  // the exact signed bytes
        QByteArray signature; // base64 DER
        QString url;          // path of the image, e.g. /api/v1/device/releases/<sha>/image

        // Error: which field is missing or of the wrong type.
        static Result<ReleaseOffer, QString> fromJson(const QJsonObject &release);
    };

    // Why a device will not take a release: the report's failureType and a
    // detail an operator can act on.
    struct Refusal
    {
        QString failureType; // "rejected" (not for this device) or "verification"
        QString detail;
    };

    // The checks a production agent makes before it writes anything:
    // manifest valid, signature by a trusted key over its exact bytes, the
    // offer agrees with the manifest, the chip is this device's; then, after
    // the download, that size and SHA-256 match the manifest.
    class ReleaseCheck final
    {
    public:
        static Result<Firmware::ReleaseManifest, Refusal> beforeDownload(const ReleaseOffer &offer,
                                                                         const QList<Firmware::PublicKey> &trusted,
                                                                         const QString &deviceChip);
        // sha256Hex: lower-case hex of what was downloaded. Error: the detail.
        static Result<bool, QString> downloadedImage(const Firmware::ReleaseManifest &manifest, qint64 size,
                                                     const QString &sha256Hex);
    };
} // namespace Simulator
