#include "manifestsigner.h"

#include <cstring>
#include <optional>

#include <openssl/ec.h>

#include "logging.h"
#include "opensslptr.h"

using namespace Qt::Literals::StringLiterals;

namespace Firmware
{
    namespace
    {
        using Kind = SignatureError::Kind;

        // The bytes themselves when they are exactly one DER ECDSA-Sig-Value
        // (SEQUENCE of two INTEGERs, minimal encoding, nothing after it).
        std::optional<QByteArray> strictDer(QByteArrayView bytes)
        {
            if (bytes.isEmpty() || bytes.size() > ManifestSigner::MaxSignatureText)
                return std::nullopt;
            const unsigned char *cursor = OpenSsl::bytes(bytes);
            const OpenSsl::EcdsaSigPtr signature(d2i_ECDSA_SIG(nullptr, &cursor, long(bytes.size())));
            if (!signature) {
                OpenSsl::takeErrors();
                return std::nullopt;
            }
            if (cursor != OpenSsl::bytes(bytes) + bytes.size())
                return std::nullopt;
            unsigned char *der = nullptr;
            const int length = i2d_ECDSA_SIG(signature.get(), &der);
            const OpenSsl::OpenSslBytesPtr owned(der);
            if (length != bytes.size() || !der || std::memcmp(der, bytes.data(), size_t(length)) != 0)
                return std::nullopt; // BER, not DER: the same signature must have one encoding
            return bytes.toByteArray();
        }

        bool isAsciiSpace(char c)
        {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
        }
    } // namespace

    Result<QByteArray, SignatureError> ManifestSigner::sign(QByteArrayView manifestBytes, const SigningKey &key)
    {
        auto signature = key.sign(manifestBytes);
        if (!signature)
            return SignatureError{Kind::SigningFailed, signature.error().message, {}};
        qCDebug(lcCrypto) << "signed" << manifestBytes.size() << "manifest bytes with key" << key.keyId();
        return std::move(signature).value();
    }

    QByteArray ManifestSigner::toBase64(QByteArrayView derSignature)
    {
        return derSignature.toByteArray().toBase64();
    }

    Result<QByteArray, SignatureError> ManifestSigner::decodeSignature(QByteArrayView derOrBase64)
    {
        if (derOrBase64.size() > MaxSignatureText) {
            return SignatureError{Kind::Undecodable, u"the signature is %1 bytes; an ECDSA P-256 signature is "
                                  "at most 72 bytes of DER or 96 characters of base64"_s.arg(derOrBase64.size()), {}};
        }
        if (auto der = strictDer(derOrBase64))
            return *der;

        QByteArray text;
        text.reserve(derOrBase64.size());
        for (const char c : derOrBase64) {
            if (!isAsciiSpace(c))
                text.append(c);
        }
        if (text.isEmpty())
            return SignatureError{Kind::Undecodable, u"the signature is empty"_s, {}};
        const auto decoded = QByteArray::fromBase64Encoding(
            text, QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
        if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok) {
            return SignatureError{Kind::Undecodable,
                                  u"the signature is neither DER nor base64 text of a DER ECDSA signature"_s, {}};
        }
        if (auto der = strictDer(decoded.decoded))
            return *der;
        return SignatureError{Kind::Undecodable, u"the signature's base64 text decodes to %1 bytes that are not "
                              "a DER ECDSA signature"_s.arg(decoded.decoded.size()), {}};
    }

    Result<ManifestSigner::Match, SignatureError> ManifestSigner::verify(QByteArrayView manifestBytes,
                                                                         QByteArrayView signature,
                                                                         const QList<PublicKey> &trustedKeys)
    {
        if (trustedKeys.isEmpty()) {
            return SignatureError{Kind::NoTrustedKeys,
                                  u"no trusted public keys are configured, so no signature can be accepted"_s, {}};
        }
        const auto der = decodeSignature(signature);
        if (!der)
            return der.error();

        QStringList tried;
        for (qsizetype i = 0; i < trustedKeys.size(); ++i) {
            const PublicKey &key = trustedKeys.at(i);
            if (key.verifies(manifestBytes, der.value())) {
                qCDebug(lcCrypto) << "manifest signature verified with key" << key.keyId();
                return Match{key.keyId(), i};
            }
            tried << key.keyId();
        }
        qCDebug(lcCrypto) << "manifest signature matches none of" << tried.size() << "trusted keys";
        return SignatureError{Kind::NoKeyMatched, u"the signature does not verify over these manifest bytes with "
                              "any of the %1 trusted key(s); key ids tried: %2"_s.arg(tried.size()).arg(tried.join(u", ")),
                              tried};
    }

    Result<ManifestSigner::Match, SignatureError> ManifestSigner::verify(QByteArrayView manifestBytes,
                                                                         QByteArrayView signature,
                                                                         const PublicKey &key)
    {
        return verify(manifestBytes, signature, QList<PublicKey>{key});
    }
} // namespace Firmware
