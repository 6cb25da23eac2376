#include "firmwareregistry.h"

#include "firmware/imagereader.h"
#include "firmware/manifestsigner.h"
#include "firmware/publickey.h"
#include "firmware/releasemanifest.h"
#include "serverlogging.h"

using namespace Qt::Literals::StringLiterals;

namespace Service
{
    QString UploadRefusal::kindName(Kind kind)
    {
        switch (kind) {
        case Kind::ManifestInvalid: return u"manifest-invalid"_s;
        case Kind::ImageInvalid: return u"image-invalid"_s;
        case Kind::ChipMismatch: return u"chip-mismatch"_s;
        case Kind::ImageMismatch: return u"image-mismatch"_s;
        case Kind::SignatureInvalid: return u"signature-invalid"_s;
        case Kind::NoTrustedKeys: return u"no-trusted-keys"_s;
        case Kind::StoreFailed: return u"store-unavailable"_s;
        }
        return {};
    }

    FirmwareRegistry::FirmwareRegistry(const Store::Database &db, const QString &dataDir)
        : m_keys(db)
        , m_releases(db, dataDir)
    {
    }

    Result<Store::Release, UploadRefusal> FirmwareRegistry::upload(const QByteArray &image,
                                                                   const QByteArray &manifestBytes,
                                                                   const QByteArray &signatureText,
                                                                   const QString &uploadedBy)
    {
        using Kind = UploadRefusal::Kind;
        const auto manifest = Firmware::ReleaseManifest::parse(manifestBytes);
        if (!manifest)
            return UploadRefusal{Kind::ManifestInvalid, u"the manifest is not valid: "_s + manifest.error().message};
        const auto parsed = Firmware::ImageReader::read(image);
        if (!parsed) {
            return UploadRefusal{Kind::ImageInvalid,
                                 u"the image is not an ESP application image: "_s + parsed.error().message};
        }
        if (parsed.value().chip.key != manifest.value().chip) {
            return UploadRefusal{Kind::ChipMismatch,
                                 u"the image is an application for %1, but the manifest declares chip \"%2\"; sign a "
                                 u"manifest made from this image (otactl sign)"_s.arg(parsed.value().chip.name,
                                                                                      manifest.value().chip)};
        }
        if (const auto matches = manifest.value().checkMatchesImage(parsed.value()); !matches)
            return UploadRefusal{Kind::ImageMismatch, matches.error().message};

        const auto trusted = m_keys.list();
        if (!trusted)
            return UploadRefusal{Kind::StoreFailed, trusted.error().message};
        QList<Firmware::PublicKey> keys;
        for (const Store::TrustedKey &key : trusted.value()) {
            if (key.revoked())
                continue;
            if (auto publicKey = Firmware::PublicKey::fromPem(key.pem))
                keys.append(std::move(publicKey).value());
            else
                qCWarning(lcServer) << "trusted key" << key.keyId << "does not read:" << publicKey.error().message;
        }
        if (keys.isEmpty()) {
            return UploadRefusal{Kind::NoTrustedKeys,
                                 u"the server trusts no signing key yet: an admin adds the public key first "
                                 u"(POST /api/v1/keys, or otactl key add)"_s};
        }
        const auto signature = Firmware::ManifestSigner::decodeSignature(signatureText);
        if (!signature)
            return UploadRefusal{Kind::SignatureInvalid, u"the signature does not read: "_s + signature.error().message};
        const auto match = Firmware::ManifestSigner::verify(manifestBytes, signature.value(), keys);
        if (!match) {
            return UploadRefusal{Kind::SignatureInvalid,
                                 u"the signature verifies against no trusted key (%1); sign with a key an admin has "
                                 u"added, or ask an admin to add yours"_s.arg(match.error().message)};
        }

        Store::NewRelease release{manifest.value().sha256, manifest.value().version, manifest.value().project,
                                  manifest.value().chip,   manifestBytes,              signature.value(),
                                  match.value().keyId,     uploadedBy};
        auto stored = m_releases.add(release, image);
        if (!stored && stored.error().kind == Store::StoreError::Kind::Conflict)
            return UploadRefusal{Kind::ImageMismatch, stored.error().message};
        if (!stored)
            return UploadRefusal{Kind::StoreFailed, stored.error().message};
        m_cache.insert(stored.value().sha256, stored.value());
        return stored.value();
    }

    Result<std::optional<Store::Release>, Store::StoreError> FirmwareRegistry::find(const QString &sha256)
    {
        if (const auto it = m_cache.constFind(sha256); it != m_cache.cend())
            return std::optional<Store::Release>(*it);
        auto found = m_releases.find(sha256);
        if (found && found.value())
            m_cache.insert(sha256, *found.value());
        return found;
    }

    Result<std::optional<Store::Release>, Store::StoreError> FirmwareRegistry::findVersion(const QString &version,
                                                                                           const QString &project)
    {
        auto all = m_releases.list();
        if (!all)
            return all.error();
        for (const Store::Release &release : all.value()) {
            if (release.version == version && (project.isEmpty() || release.project == project))
                return std::optional<Store::Release>(release);
        }
        return std::optional<Store::Release>();
    }

    Result<bool, Store::StoreError> FirmwareRegistry::isStartable(const Store::Release &release)
    {
        return m_keys.isTrusted(release.keyId);
    }
} // namespace Service
