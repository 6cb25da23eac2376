#include "releasecheck.h"

#include <QJsonValue>

#include "firmware/manifestsigner.h"

using namespace Qt::Literals::StringLiterals;

namespace Simulator
{
    Result<ReleaseOffer, QString> ReleaseOffer::fromJson(const QJsonObject &release)
    {
        QStringList problems;
        const auto text = [&](const QString &key) {
            const QJsonValue v = release.value(key);
            if (!v.isString() || v.toString().isEmpty())
                problems.append(u"release.%1: expected a non-empty string"_s.arg(key));
            return v.toString();
        };
        ReleaseOffer offer;
        offer.version = text(u"version"_s);
        offer.sha256 = text(u"sha256"_s).toLower();
        offer.manifest = text(u"manifest"_s).toUtf8();
        offer.signature = text(u"signature"_s).toLatin1();
        offer.url = text(u"url"_s);
        const QJsonValue size = release.value(u"size"_s);
        if (!size.isDouble() || size.toDouble() < 1)
            problems.append(u"release.size: expected a positive number of bytes"_s);
        offer.size = qint64(size.toDouble());
        if (!offer.url.isEmpty() && !offer.url.startsWith(u'/'))
            problems.append(u"release.url: expected a path on the server such as /api/v1/device/releases/<sha>/image"_s);
        if (!problems.isEmpty())
            return problems.join(u"; ");
        return offer;
    }

    Result<Firmware::ReleaseManifest, Refusal> ReleaseCheck::beforeDownload(const ReleaseOffer &offer,
                                                                            const QList<Firmware::PublicKey> &trusted,
                                                                            const QString &deviceChip)
    {
        const auto signature = Firmware::ManifestSigner::verify(offer.manifest, offer.signature, trusted);
        if (!signature)
            return Refusal{u"verification"_s, u"signature check failed: "_s + signature.error().message};
        const auto manifest = Firmware::ReleaseManifest::parse(offer.manifest);
        if (!manifest)
            return Refusal{u"verification"_s, u"manifest invalid: "_s + manifest.error().message};
        if (manifest->sha256 != offer.sha256 || manifest->size != offer.size || manifest->version != offer.version)
            return Refusal{u"verification"_s,
                           u"the offer (%1, %2 bytes, sha256 %3) does not match its signed manifest (%4, %5 bytes, "
                           "sha256 %6)"_s.arg(offer.version)
                               .arg(offer.size)
                               .arg(offer.sha256.left(12), manifest->version)
                               .arg(manifest->size)
                               .arg(manifest->sha256.left(12))};
        if (manifest->chip != deviceChip)
            return Refusal{u"rejected"_s, u"release %1 is built for %2; this device is an %3"_s.arg(manifest->version,
                                                                                                   manifest->chip, deviceChip)};
        return *manifest;
    }

    Result<bool, QString> ReleaseCheck::downloadedImage(const Firmware::ReleaseManifest &manifest, qint64 size,
                                                        const QString &sha256Hex)
    {
        if (size != manifest.size)
            return u"downloaded %1 bytes; the manifest says %2"_s.arg(size).arg(manifest.size);
        if (sha256Hex != manifest.sha256)
            return u"downloaded image has sha256 %1; the manifest says %2"_s.arg(sha256Hex, manifest.sha256);
        return true;
    }
} // namespace Simulator
