#pragma once

#include <memory>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <openssl/types.h>

#include "keyerror.h"
#include "publickey.h"
#include "result.h"

namespace Firmware
{
    // An ECDSA P-256 private key that signs release manifests. Always holds a
    // key; copies share it. Its PEM form is PKCS#8 encrypted with a
    // passphrase (AES-256-CBC, PBKDF2); the unencrypted form exists only
    // through the explicitly named toUnencryptedPem().
    class SigningKey final
    {
    public:
        // Longest passphrase OpenSSL's PEM readers (and the openssl tool) accept.
        static constexpr qsizetype MaxPassphraseBytes = 1023;

        static Result<SigningKey, KeyError> generate();

        // Reads "ENCRYPTED PRIVATE KEY" (PKCS#8), "PRIVATE KEY" or the
        // traditional "EC PRIVATE KEY" PEM, skipping other blocks such as
        // "EC PARAMETERS". Errors: PassphraseRequired, WrongPassphrase,
        // NotAKey, PublicKeyGiven, WrongKeyType.
        static Result<SigningKey, KeyError> fromPem(QByteArrayView pem, QByteArrayView passphrase = {});

        // PKCS#8 "ENCRYPTED PRIVATE KEY" PEM. An empty passphrase is refused (BadPassphrase).
        Result<QByteArray, KeyError> toEncryptedPem(QByteArrayView passphrase) const;
        // PKCS#8 "PRIVATE KEY" PEM, unprotected: only for a caller that was
        // told explicitly to write the key in the clear.
        Result<QByteArray, KeyError> toUnencryptedPem() const;

        const PublicKey &publicKey() const { return m_publicKey; }
        QString keyId() const { return m_publicKey.keyId(); }

        // DER ECDSA-Sig-Value over SHA-256(message).
        Result<QByteArray, KeyError> sign(QByteArrayView message) const;

    private:
        SigningKey(std::shared_ptr<EVP_PKEY> key, PublicKey publicKey);
        static Result<SigningKey, KeyError> checked(EVP_PKEY *key);

        std::shared_ptr<EVP_PKEY> m_key;
        PublicKey m_publicKey;
    };
} // namespace Firmware
