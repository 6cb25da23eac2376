#pragma once

#include <QByteArray>

namespace TestSupport
{
    // Keys of the kinds release manifests must not be signed with, made at
    // test time, for tests that check they are refused.
    enum class ForeignKey
    {
        Rsa2048,
        EcP384,
        Ed25519,
    };

    QByteArray foreignPrivateKeyPem(ForeignKey kind); // unencrypted PKCS#8
    QByteArray foreignPublicKeyPem(ForeignKey kind);  // SubjectPublicKeyInfo
} // namespace TestSupport
