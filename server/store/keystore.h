#pragma once

#include <optional>

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include "result.h"
#include "storeerror.h"

namespace Store
{
    class Database;

    struct TrustedKey
    {
        QString keyId; // lower-case hex SHA-256 of the DER SubjectPublicKeyInfo (Firmware::PublicKey::keyId)
        QString name;
        QByteArray pem;
        QString addedBy;
        QDateTime addedAt;
        QDateTime revokedAt; // invalid while trusted
        QString revokedBy;

        bool revoked() const { return revokedAt.isValid(); }
    };

    // The public keys release signatures are checked against. A revoked key
    // stays in the table (releases refer to it) and is never trusted again.
    class KeyStore final
    {
    public:
        explicit KeyStore(const Database &db) : m_db(db) {}

        // pem: "-----BEGIN PUBLIC KEY-----", ECDSA P-256. Errors:
        // InvalidInput (not such a key, no name), Duplicate (same key id).
        Result<TrustedKey, StoreError> add(const QByteArray &pem, const QString &name, const QString &by);
        Result<QList<TrustedKey>, StoreError> list();
        Result<TrustedKey, StoreError> revoke(const QString &keyId, const QString &by);
        Result<std::optional<TrustedKey>, StoreError> find(const QString &keyId);
        Result<bool, StoreError> isTrusted(const QString &keyId); // known and not revoked

    private:
        const Database &m_db;
    };
} // namespace Store
