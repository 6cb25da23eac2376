#pragma once

#include <optional>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include "result.h"
#include "store/keystore.h"
#include "store/releasestore.h"

namespace Service
{
    // Why an upload was refused: which check failed, in words a person can act on.
    struct UploadRefusal
    {
        enum class Kind
        {
            ManifestInvalid,  // the manifest does not parse or breaks a rule
            ImageInvalid,     // not an ESP app image (or a bootloader, a partition table, broken)
            ChipMismatch,     // an app for another chip than the manifest declares
            ImageMismatch,    // size, SHA-256 or secure version differ from the manifest
            SignatureInvalid, // undecodable, or verifies against no trusted key
            NoTrustedKeys,    // no key is registered (or all are revoked)
            StoreFailed,      // the store could not keep it; nothing was kept
        };

        Kind kind;
        QString message;

        // "manifest-invalid", "image-invalid", ... (the API's error codes)
        static QString kindName(Kind kind);
    };

    // The firmware registry (ROLLOUTS.md "Firmware"): signed uploads checked
    // against the trusted keys, kept by content hash, and looked up by
    // sha256 or version for devices. Releases never change under a sha256,
    // so they are cached once read.
    class FirmwareRegistry final
    {
    public:
        FirmwareRegistry(const Store::Database &db, const QString &dataDir);

        // Checks, in this order: the manifest, the image (an app for the
        // declared chip, matching size, SHA-256 and secure version), the
        // signature against the trusted keys. The same bytes again give the
        // release already stored.
        Result<Store::Release, UploadRefusal> upload(const QByteArray &image, const QByteArray &manifestBytes,
                                                     const QByteArray &signatureText, const QString &uploadedBy);

        Result<std::optional<Store::Release>, Store::StoreError> find(const QString &sha256);
        // The newest release of this version (and project, when given).
        Result<std::optional<Store::Release>, Store::StoreError> findVersion(const QString &version,
                                                                             const QString &project = {});
        // May new rollouts start with this release? Not when its key was revoked.
        Result<bool, Store::StoreError> isStartable(const Store::Release &release);

        Store::KeyStore &keys() { return m_keys; }
        Store::ReleaseStore &releases() { return m_releases; }

    private:
        Store::KeyStore m_keys;
        Store::ReleaseStore m_releases;
        QHash<QString, Store::Release> m_cache; // sha256 -> release
    };
} // namespace Service
