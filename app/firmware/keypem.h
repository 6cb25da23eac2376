#pragma once

// Private to app/firmware: what SigningKey and PublicKey share to read PEM
// text and to check that a key is ECDSA P-256.

#include <memory>
#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <openssl/types.h>

namespace Firmware::KeyPem
{
    constexpr qsizetype MaxPemBytes = 64 * 1024; // a P-256 key file is well under 1 KiB
    constexpr int MaxBlocks = 16;

    struct Block
    {
        QByteArray label;       // "ENCRYPTED PRIVATE KEY", "PUBLIC KEY", "EC PARAMETERS", ...
        bool encrypted = false; // PKCS#8 encrypted, or a "Proc-Type: 4,ENCRYPTED" header
        QByteArray pem;         // this block alone, re-encoded, for OpenSSL's readers
    };

    // The PEM blocks of a text in order; text around them is skipped.
    QList<Block> blocks(QByteArrayView text);

    bool isPrivateKeyLabel(const QByteArray &label);
    bool isPublicKeyLabel(const QByteArray &label);

    // nullopt for an ECDSA P-256 key; otherwise what the key is, for a
    // message: "an RSA key", "an EC key on curve secp384r1".
    std::optional<QString> notP256(const EVP_PKEY *key);

    // Shared ownership of a key, freed with EVP_PKEY_free.
    std::shared_ptr<EVP_PKEY> share(EVP_PKEY *key);

    // DER SubjectPublicKeyInfo (i2d_PUBKEY); empty on failure.
    QByteArray subjectPublicKeyInfo(const EVP_PKEY *key);
} // namespace Firmware::KeyPem
