#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "result.h"
#include "securebootv2.h"

// Private to app/firmware: the OpenSSL side of Secure Boot V2, kept apart
// from the byte parsing so securebootv2.cpp needs no OpenSSL header.
namespace Firmware::SecureBootV2::Keys
{
    // A public key as a signature block would carry it.
    struct KeyMaterial
    {
        Scheme scheme = Scheme::Rsa3072Pss;
        QByteArray material; // the bytes SignatureBlock::publicKeyMaterial holds
    };

    // Fails with VerifyError::Kind::BadPublicKey for anything but an RSA-3072
    // or ECDSA P-192/P-256/P-384 public key in PEM (SubjectPublicKeyInfo or
    // PKCS#1 "RSA PUBLIC KEY").
    Result<KeyMaterial, VerifyError> fromPem(QByteArrayView pem);

    // Checks the block's signature over its own image digest with the key the
    // block carries, as the chip's ROM does. true: it verifies; false: it does
    // not; error: the check could not be made (the message says why).
    Result<bool, QString> signatureVerifies(const SignatureBlock &block);
} // namespace Firmware::SecureBootV2::Keys
