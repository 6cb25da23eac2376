#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

#include "blobstorage.h"
#include "result.h"
#include "storeerror.h"

namespace Store
{
    class Database;

    struct Release
    {
        QString sha256; // of the image; the release's identity
        QString version;
        QString project;
        QString chip;
        qint64 size = 0;
        QByteArray manifestBytes; // the exact canonical bytes that were signed
        QByteArray signature;     // DER ECDSA over manifestBytes
        QString keyId;
        QString blobPath;         // relative to the data directory
        QString uploadedBy;
        QDateTime uploadedAt;
    };

    // What the registry hands over once the upload passed its checks (image,
    // manifest, signature against a trusted key). The store checks only that
    // the image is the one the fields describe (SHA-256 and size).
    struct NewRelease
    {
        QString sha256;
        QString version;
        QString project;
        QString chip;
        QByteArray manifestBytes;
        QByteArray signature;
        QString keyId;
        QString uploadedBy;
    };

    class ReleaseStore final
    {
    public:
        ReleaseStore(const Database &db, const QString &dataDir) : m_db(db), m_blobs(dataDir) {}

        // Writes the image blob (atomically), then the row. The same image
        // with the same manifest and signature again returns the release
        // already stored; with a new manifest and signature (re-signed after
        // a key was revoked) those replace the old ones, keeping version and
        // project (Conflict otherwise).
        Result<Release, StoreError> add(const NewRelease &release, QByteArrayView image);
        Result<std::optional<Release>, StoreError> find(const QString &sha256);
        Result<QList<Release>, StoreError> list(); // newest first
        // A byte range of a release's image, for HTTP range requests.
        Result<QByteArray, StoreError> readImage(const QString &sha256, qint64 offset = 0, qint64 length = -1) const;

        const BlobStorage &blobs() const { return m_blobs; }

    private:
        const Database &m_db;
        BlobStorage m_blobs;
    };
} // namespace Store
