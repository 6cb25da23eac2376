#include "keystore.h"

#include <QSqlQuery>

#include "database.h"
#include "firmware/publickey.h"
#include "sqlhelpers.h"

using namespace Qt::Literals::StringLiterals;

namespace Store
{
    namespace
    {
        const QString Select =
            u"SELECT key_id, name, pem, added_by, added_at, revoked_at, revoked_by FROM trusted_keys "_s;

        TrustedKey keyFrom(const QSqlQuery &q)
        {
            return TrustedKey{q.value(0).toString(), q.value(1).toString(), q.value(2).toString().toUtf8(),
                              q.value(3).toString(), Sql::fromMs(q.value(4)), Sql::fromMs(q.value(5)),
                              q.value(6).toString()};
        }

        Result<std::optional<TrustedKey>, StoreError> findIn(const QSqlDatabase &db, const QString &keyId)
        {
            return Sql::first(Sql::run(db, u"finding key %1"_s.arg(keyId), Select + u"WHERE key_id = ?"_s, {keyId}),
                              keyFrom);
        }
    } // namespace

    Result<TrustedKey, StoreError> KeyStore::add(const QByteArray &pem, const QString &name, const QString &by)
    {
        const auto key = Firmware::PublicKey::fromPem(pem);
        if (!key)
            return StoreError{StoreError::Kind::InvalidInput, u"not a trusted-key candidate: "_s + key.error().message};
        if (name.trimmed().isEmpty())
            return StoreError{StoreError::Kind::InvalidInput, u"a trusted key needs a name"_s};
        const QString keyId = key->keyId();
        return m_db.transaction([&](QSqlDatabase &db) -> Result<TrustedKey, StoreError> {
            auto existing = findIn(db, keyId);
            if (!existing)
                return existing.error();
            if (const auto &known = existing.value()) {
                return StoreError{StoreError::Kind::Duplicate,
                                  known->revoked()
                                      ? u"key %1 was added before as \"%2\" and revoked by %3; a revoked key is never "
                                        "trusted again: sign with a new key"_s.arg(keyId, known->name, known->revokedBy)
                                      : u"key %1 is already trusted, as \"%2\""_s.arg(keyId, known->name)};
            }
            const TrustedKey added{keyId, name, key->toPem(), by, Sql::fromMs(Sql::msOrNull(m_db.now())), {}, {}};
            auto inserted = Sql::run(db, u"adding key %1"_s.arg(keyId),
                                     u"INSERT INTO trusted_keys (key_id, name, pem, added_by, added_at) VALUES (?, ?, ?, ?, ?)"_s,
                                     {keyId, name, QString::fromUtf8(added.pem), by, Sql::msOrNull(added.addedAt)});
            if (!inserted)
                return inserted.error();
            return added;
        });
    }

    Result<QList<TrustedKey>, StoreError> KeyStore::list()
    {
        return Sql::all(Sql::run(m_db, u"listing keys"_s, Select + u"ORDER BY added_at, key_id"_s), keyFrom);
    }

    Result<TrustedKey, StoreError> KeyStore::revoke(const QString &keyId, const QString &by)
    {
        return m_db.transaction([&](QSqlDatabase &db) -> Result<TrustedKey, StoreError> {
            auto existing = findIn(db, keyId);
            if (!existing)
                return existing.error();
            if (!existing.value())
                return StoreError{StoreError::Kind::NotFound, u"there is no key %1"_s.arg(keyId)};
            TrustedKey key = *existing.value();
            if (key.revoked()) {
                return StoreError{StoreError::Kind::Conflict,
                                  u"key %1 (\"%2\") was already revoked by %3"_s.arg(keyId, key.name, key.revokedBy)};
            }
            key.revokedAt = Sql::fromMs(Sql::msOrNull(m_db.now()));
            key.revokedBy = by;
            auto updated = Sql::run(db, u"revoking key %1"_s.arg(keyId),
                                    u"UPDATE trusted_keys SET revoked_at = ?, revoked_by = ? WHERE key_id = ?"_s,
                                    {Sql::msOrNull(key.revokedAt), by, keyId});
            if (!updated)
                return updated.error();
            return key;
        });
    }

    Result<std::optional<TrustedKey>, StoreError> KeyStore::find(const QString &keyId)
    {
        auto db = m_db.connection();
        if (!db)
            return db.error();
        return findIn(db.value(), keyId);
    }

    Result<bool, StoreError> KeyStore::isTrusted(const QString &keyId)
    {
        auto key = find(keyId);
        if (!key)
            return key.error();
        return key.value() && !key.value()->revoked();
    }
} // namespace Store
