#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include "publickey.h"
#include "result.h"
#include "signatureerror.h"
#include "signingkey.h"

namespace Firmware
{
    // Detached signatures over the exact bytes of a release manifest
    // (ReleaseManifest::toJson() when we made it; whatever bytes were
    // uploaded when we check it): ECDSA P-256 over SHA-256, DER
    // ECDSA-Sig-Value, base64 on the wire. Compatible with
    // `openssl dgst -sha256 -sign key.pem` / `-verify pub.pem -signature sig.der`.
    class ManifestSigner final
    {
    public:
        // Longest signature text decodeSignature looks at; a DER P-256
        // signature is at most 72 bytes, 96 characters of base64.
        static constexpr qsizetype MaxSignatureText = 1024;

        struct Match
        {
            QString keyId;          // PublicKey::keyId() of the key that verified
            qsizetype keyIndex = 0; // its position in the list of trusted keys
        };

        // DER ECDSA-Sig-Value.
        static Result<QByteArray, SignatureError> sign(QByteArrayView manifestBytes, const SigningKey &key);

        // The wire form: standard base64 of the DER bytes, one line, no newline.
        static QByteArray toBase64(QByteArrayView derSignature);

        // DER bytes, or base64 text of them (whitespace anywhere is ignored,
        // so wrapped `openssl base64` output and a trailing newline are
        // fine). Returns strict DER: BER variants and trailing bytes are
        // Undecodable. Never crashes, whatever the input.
        static Result<QByteArray, SignatureError> decodeSignature(QByteArrayView derOrBase64);

        // Checks the signature against each trusted key in order and reports
        // the first that verifies. Errors, checked in this order:
        // NoTrustedKeys, Undecodable, NoKeyMatched (listing the ids tried).
        static Result<Match, SignatureError> verify(QByteArrayView manifestBytes, QByteArrayView signature,
                                                    const QList<PublicKey> &trustedKeys);
        static Result<Match, SignatureError> verify(QByteArrayView manifestBytes, QByteArrayView signature,
                                                    const PublicKey &key);
    };
} // namespace Firmware
