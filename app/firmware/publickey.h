#pragma once

#include <memory>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <openssl/types.h>

#include "keyerror.h"
#include "result.h"

namespace Firmware
{
    // An ECDSA P-256 public key that verifies release manifest signatures: a
    // trusted key of the server, or the public half of a SigningKey. Always
    // holds a key; copies share it.
    class PublicKey final
    {
    public:
        // "-----BEGIN PUBLIC KEY-----" (SubjectPublicKeyInfo). Text around
        // the block is ignored. Errors: NotAKey, PrivateKeyGiven, WrongKeyType.
        static Result<PublicKey, KeyError> fromPem(QByteArrayView pem);
        // DER SubjectPublicKeyInfo, exactly (no trailing bytes).
        static Result<PublicKey, KeyError> fromDer(QByteArrayView subjectPublicKeyInfo);

        QByteArray toPem() const;
        QByteArray toDer() const; // DER SubjectPublicKeyInfo, as i2d_PUBKEY writes it

        // Lower-case hex SHA-256 of toDer(): the same as
        // `openssl pkey -pubin -in key.pem -outform DER | sha256sum`.
        QString keyId() const;

        // Does derSignature (DER ECDSA-Sig-Value) sign SHA-256(message) with this key?
        bool verifies(QByteArrayView message, QByteArrayView derSignature) const;

        bool operator==(const PublicKey &other) const { return m_der == other.m_der; }

    private:
        friend class SigningKey;
        explicit PublicKey(std::shared_ptr<EVP_PKEY> key);
        static Result<PublicKey, KeyError> checked(EVP_PKEY *key);

        std::shared_ptr<EVP_PKEY> m_key;
        QByteArray m_der;
        QString m_keyId;
    };
} // namespace Firmware
