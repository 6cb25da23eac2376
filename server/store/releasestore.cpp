#include "releasestore.h"

#include <QFile>
#include <QSqlQuery>

#include "database.h"
#include "sqlhelpers.h"

using namespace Qt::Literals::StringLiterals;

namespace Store
{
    namespace
    {
        const QString Select = u"SELECT sha256, version, project, chip, size_bytes, manifest_bytes, signature, key_id, "
                               "blob_path, uploaded_by, uploaded_at FROM releases "_s;

        Release releaseFrom(const QSqlQuery &q)
        {
            return Release{q.value(0).toString(),     q.value(1).toString(),    q.value(2).toString(),
                           q.value(3).toString(),     q.value(4).toLongLong(),  q.value(5).toByteArray(),
                           q.value(6).toByteArray(),  q.value(7).toString(),    q.value(8).toString(),
                           q.value(9).toString(),     Sql::fromMs(q.value(10))};
        }

        Result<std::optional<Release>, StoreError> findIn(const QSqlDatabase &db, const QString &sha256)
        {
            return Sql::first(
                Sql::run(db, u"finding release %1"_s.arg(sha256), Select + u"WHERE sha256 = ?"_s, {sha256}), releaseFrom);
        }
    } // namespace

    Result<Release, StoreError> ReleaseStore::add(const NewRelease &release, QByteArrayView image)
    {
        const QString actual = Sql::sha256Hex(image);
        if (actual != release.sha256) {
            return StoreError{StoreError::Kind::InvalidInput,
                              u"the image's SHA-256 is %1, not %2 as the release says"_s.arg(actual, release.sha256)};
        }
        if (release.manifestBytes.isEmpty() || release.signature.isEmpty() || release.keyId.isEmpty())
            return StoreError{StoreError::Kind::InvalidInput, u"a release needs its manifest, signature and key id"_s};
        return m_db.transaction([&](QSqlDatabase &db) -> Result<Release, StoreError> {
            auto existing = findIn(db, release.sha256);
            if (!existing)
                return existing.error();
            if (existing.value()) {
                if (!m_blobs.contains(release.sha256)) { // lost on disk: put it back
                    if (auto restored = m_blobs.put(image); !restored)
                        return restored.error();
                }
                Release kept = *existing.value();
                if (kept.manifestBytes == release.manifestBytes && kept.signature == release.signature)
                    return kept;
                // The same image signed again (a new key after a revocation, new notes): the
                // new manifest and signature replace the old, but never its version or project.
                if (kept.version != release.version || kept.project != release.project) {
                    return StoreError{StoreError::Kind::Conflict,
                                      u"these bytes are already release %1 %2; a new manifest for them must keep that "
                                      "project and version"_s.arg(kept.project, kept.version)};
                }
                auto updated = Sql::run(db, u"re-signing release %1"_s.arg(release.sha256),
                                        u"UPDATE releases SET manifest_bytes = ?, signature = ?, key_id = ? WHERE sha256 = ?"_s,
                                        {release.manifestBytes, release.signature, release.keyId, release.sha256});
                if (!updated)
                    return updated.error();
                kept.manifestBytes = release.manifestBytes;
                kept.signature = release.signature;
                kept.keyId = release.keyId;
                return kept;
            }
            auto key = Sql::run(db, u"checking key %1"_s.arg(release.keyId),
                                u"SELECT 1 FROM trusted_keys WHERE key_id = ?"_s, {release.keyId});
            if (!key)
                return key.error();
            if (!key.value().next()) {
                return StoreError{StoreError::Kind::InvalidInput,
                                  u"release %1 is signed by key %2, which is not in the trusted keys"_s.arg(
                                      release.sha256, release.keyId)};
            }
            const bool blobWasThere = m_blobs.contains(release.sha256);
            if (auto stored = m_blobs.put(image); !stored)
                return stored.error();
            const Release added{release.sha256,  release.version,     release.project,
                                release.chip,    image.size(),        release.manifestBytes,
                                release.signature, release.keyId,     BlobStorage::relativePath(release.sha256),
                                release.uploadedBy, m_db.now()};
            auto inserted = Sql::run(db, u"adding release %1"_s.arg(release.sha256),
                                     u"INSERT INTO releases (sha256, version, project, chip, size_bytes, manifest_bytes, "
                                     "signature, key_id, blob_path, uploaded_by, uploaded_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                                     {added.sha256, added.version, added.project, added.chip, added.size,
                                      added.manifestBytes, added.signature, added.keyId, added.blobPath,
                                      added.uploadedBy, Sql::msOrNull(added.uploadedAt)});
            if (!inserted) {
                if (!blobWasThere) // a failed upload leaves nothing behind
                    QFile::remove(m_blobs.absolutePath(release.sha256));
                return inserted.error();
            }
            return added;
        });
    }

    Result<std::optional<Release>, StoreError> ReleaseStore::find(const QString &sha256)
    {
        auto db = m_db.connection();
        if (!db)
            return db.error();
        return findIn(db.value(), sha256);
    }

    Result<QList<Release>, StoreError> ReleaseStore::list()
    {
        return Sql::all(Sql::run(m_db, u"listing releases"_s, Select + u"ORDER BY uploaded_at DESC, sha256"_s),
                        releaseFrom);
    }

    Result<QByteArray, StoreError> ReleaseStore::readImage(const QString &sha256, qint64 offset, qint64 length) const
    {
        return m_blobs.read(sha256, offset, length);
    }
} // namespace Store
