#include "securebootv2keys.h"

#include <algorithm>

#include <QtEndian>

#include <openssl/core_names.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "logging.h"
#include "opensslptr.h"
#include "securebootv2layout.h"

using namespace Qt::Literals::StringLiterals;

namespace Firmware::SecureBootV2::Keys
{
    namespace
    {
        // A PEM public key is a few hundred bytes; far more is a wrong file,
        // and is refused before OpenSSL's decoders spend time on it.
        constexpr qsizetype MaxPemSize = 64 * 1024;

        VerifyError badKey(const QString &why)
        {
            return VerifyError{VerifyError::Kind::BadPublicKey, why};
        }

        QByteArray reversed(QByteArrayView data)
        {
            QByteArray out = data.toByteArray();
            std::reverse(out.begin(), out.end());
            return out;
        }

        // -n^-1 mod 2^32 by Newton's iteration: each step doubles the number
        // of correct low bits, and any odd n is its own inverse mod 8.
        quint32 montgomeryMprime(quint32 n0)
        {
            quint32 inverse = n0;
            for (int i = 0; i < 4; ++i)
                inverse *= 2u - n0 * inverse;
            return 0u - inverse;
        }

        Result<QByteArray, VerifyError> rsaMaterial(const EVP_PKEY *key)
        {
            if (EVP_PKEY_get_bits(key) != 3072)
                return badKey(u"The RSA key has %1 bits; Secure Boot V2 uses RSA-3072 only"_s.arg(EVP_PKEY_get_bits(key)));
            BIGNUM *rawN = nullptr;
            BIGNUM *rawE = nullptr;
            const bool gotN = EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &rawN) == 1;
            const bool gotE = EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &rawE) == 1;
            const OpenSsl::BignumPtr n(rawN);
            const OpenSsl::BignumPtr e(rawE);
            if (!gotN || !gotE)
                return badKey(u"The RSA key's modulus or exponent cannot be read (%1)"_s.arg(OpenSsl::takeErrors()));
            if (!BN_is_odd(n.get()))
                return badKey(u"The RSA key's modulus is even, so it is not an RSA key"_s);

            const QByteArray nLe = OpenSsl::bignumBytes(n.get(), Layout::RsaModulusSize, true);
            const QByteArray eLe = OpenSsl::bignumBytes(e.get(), 4, true);
            if (nLe.isEmpty())
                return badKey(u"The RSA key's modulus does not fit 384 bytes"_s);
            if (eLe.isEmpty())
                return badKey(u"The RSA key's exponent does not fit the block's 32-bit field"_s);

            // rinv = R^2 mod n with R = 2^3072: the Montgomery constant the
            // chip's RSA peripheral takes ready-made from the block.
            const OpenSsl::BnCtxPtr ctx(BN_CTX_new());
            const OpenSsl::BignumPtr rSquared(BN_new());
            const OpenSsl::BignumPtr rinv(BN_new());
            if (!ctx || !rSquared || !rinv || !BN_set_bit(rSquared.get(), 2 * 3072)
                || !BN_nnmod(rinv.get(), rSquared.get(), n.get(), ctx.get())) {
                return badKey(u"Cannot compute R^2 mod n for the RSA key (%1)"_s.arg(OpenSsl::takeErrors()));
            }
            const QByteArray rinvLe = OpenSsl::bignumBytes(rinv.get(), Layout::RsaModulusSize, true);

            char mprime[4];
            qToLittleEndian(montgomeryMprime(qFromLittleEndian<quint32>(nLe.constData())), mprime);
            return QByteArray(nLe + eLe + rinvLe + QByteArray(mprime, 4));
        }

        std::optional<Scheme> ecdsaScheme(const EVP_PKEY *key, QString *curve)
        {
            char name[80] = {};
            size_t length = 0;
            if (EVP_PKEY_get_group_name(key, name, sizeof name, &length) != 1)
                return std::nullopt;
            *curve = QString::fromLatin1(name);
            int nid = OBJ_sn2nid(name);
            if (nid == NID_undef)
                nid = EC_curve_nist2nid(name);
            switch (nid) {
            case NID_X9_62_prime192v1: return Scheme::EcdsaP192;
            case NID_X9_62_prime256v1: return Scheme::EcdsaP256;
            case NID_secp384r1: return Scheme::EcdsaP384;
            default: return std::nullopt;
            }
        }

        Result<QByteArray, VerifyError> ecdsaMaterial(const EVP_PKEY *key, Scheme scheme)
        {
            const Layout::SchemeLayout &layout = Layout::layoutOf(scheme);
            BIGNUM *rawX = nullptr;
            BIGNUM *rawY = nullptr;
            const bool gotX = EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &rawX) == 1;
            const bool gotY = EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &rawY) == 1;
            const OpenSsl::BignumPtr x(rawX);
            const OpenSsl::BignumPtr y(rawY);
            if (!gotX || !gotY)
                return badKey(u"The EC key's public point cannot be read (%1)"_s.arg(OpenSsl::takeErrors()));
            const QByteArray xLe = OpenSsl::bignumBytes(x.get(), layout.coordinateSize, true);
            const QByteArray yLe = OpenSsl::bignumBytes(y.get(), layout.coordinateSize, true);
            if (xLe.isEmpty() || yLe.isEmpty())
                return badKey(u"The EC key's public point does not fit its curve"_s);
            QByteArray material = QByteArray(1, char(layout.curveId)) + xLe + yLe;
            material.resize(layout.materialSize, '\0'); // P-192 leaves 16 zero bytes in the 64-byte field
            return material;
        }

        // The first public key among the PEM blocks. PEM_read_bio and d2i
        // are used rather than OSSL_DECODER, which takes three times as long
        // to set up: verify() runs once per file, but the fuzzer runs it
        // thousands of times.
        Result<OpenSsl::PkeyPtr, VerifyError> decodePem(QByteArrayView pem)
        {
            const OpenSsl::BioPtr bio = OpenSsl::memoryBio(pem);
            for (int block = 0; bio && block < 8; ++block) {
                char *rawName = nullptr;
                char *rawHeader = nullptr;
                unsigned char *rawData = nullptr;
                long length = 0;
                const bool read = PEM_read_bio(bio.get(), &rawName, &rawHeader, &rawData, &length) == 1;
                const OpenSsl::OpenSslCharsPtr name(rawName);
                const OpenSsl::OpenSslCharsPtr header(rawHeader);
                const OpenSsl::OpenSslBytesPtr data(rawData);
                if (!read)
                    break;
                const QByteArrayView label(name.get());
                if (label.contains("PRIVATE KEY")) {
                    OpenSsl::takeErrors();
                    return badKey(u"This is a private key; give the public key instead "
                                  "(espsecure extract-public-key --version 2, or openssl pkey -pubout)"_s);
                }
                const unsigned char *in = data.get();
                OpenSsl::PkeyPtr key;
                if (label == "PUBLIC KEY")
                    key.reset(d2i_PUBKEY(nullptr, &in, length));
                else if (label == "RSA PUBLIC KEY")
                    key.reset(d2i_PublicKey(EVP_PKEY_RSA, nullptr, &in, length));
                else
                    continue; // "EC PARAMETERS" and the like may precede the key
                const QString errors = OpenSsl::takeErrors();
                if (!key) {
                    qCDebug(lcCrypto) << "cannot decode the" << label << "PEM block:" << errors;
                    return badKey(u"Not a PEM public key: the \"%1\" block does not decode"_s.arg(QString::fromLatin1(label)));
                }
                return key;
            }
            OpenSsl::takeErrors();
            return badKey(u"Not a PEM public key: no \"PUBLIC KEY\" or \"RSA PUBLIC KEY\" block"_s);
        }

        Result<OpenSsl::PkeyPtr, QString> keyFromParams(const char *type, OSSL_PARAM_BLD *builder)
        {
            const OpenSsl::ParamsPtr params(OSSL_PARAM_BLD_to_param(builder));
            const OpenSsl::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
            EVP_PKEY *raw = nullptr;
            if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1
                || EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
                return OpenSsl::takeErrors();
            }
            return OpenSsl::PkeyPtr(raw);
        }

        // The block's own key, built from its raw fields (n and e, or X and Y).
        Result<OpenSsl::PkeyPtr, QString> keyOfBlock(const SignatureBlock &block)
        {
            const Layout::SchemeLayout &layout = Layout::layoutOf(block.scheme);
            const QByteArrayView material(block.publicKeyMaterial);
            if (material.size() != layout.materialSize)
                return u"the key material is %1 bytes, not %2"_s.arg(material.size()).arg(layout.materialSize);
            const OpenSsl::ParamBldPtr builder(OSSL_PARAM_BLD_new());
            if (!builder)
                return OpenSsl::takeErrors();
            if (block.scheme == Scheme::Rsa3072Pss) {
                const OpenSsl::BignumPtr n = OpenSsl::bignumFromBytes(material.first(Layout::RsaModulusSize), true);
                const OpenSsl::BignumPtr e = OpenSsl::bignumFromBytes(material.sliced(Layout::RsaExponentAt, 4), true);
                if (!n || !e || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1
                    || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
                    return OpenSsl::takeErrors();
                }
                return keyFromParams("RSA", builder.get());
            }
            // An uncompressed SEC1 point: 0x04, then X and Y big-endian.
            const qsizetype size = layout.coordinateSize;
            const QByteArray point = QByteArray(1, '\x04') + reversed(material.sliced(1, size))
                                     + reversed(material.sliced(1 + size, size));
            if (OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, layout.curveName, 0) != 1
                || OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                                    static_cast<size_t>(point.size())) != 1) {
                return OpenSsl::takeErrors();
            }
            return keyFromParams("EC", builder.get());
        }

        // r and s, little-endian in the block, as the DER SEQUENCE OpenSSL verifies.
        QByteArray ecdsaDer(const SignatureBlock &block)
        {
            const qsizetype size = Layout::layoutOf(block.scheme).coordinateSize;
            const QByteArrayView stored(block.signature);
            OpenSsl::BignumPtr r = OpenSsl::bignumFromBytes(stored.first(size), true);
            OpenSsl::BignumPtr s = OpenSsl::bignumFromBytes(stored.sliced(size, size), true);
            const OpenSsl::EcdsaSigPtr signature(ECDSA_SIG_new());
            if (!r || !s || !signature || ECDSA_SIG_set0(signature.get(), r.get(), s.get()) != 1)
                return {};
            // ECDSA_SIG_set0 took ownership of both numbers.
            static_cast<void>(r.release());
            static_cast<void>(s.release());
            const int length = i2d_ECDSA_SIG(signature.get(), nullptr);
            if (length <= 0)
                return {};
            QByteArray der(length, '\0');
            unsigned char *out = OpenSsl::bytes(der);
            return i2d_ECDSA_SIG(signature.get(), &out) == length ? der : QByteArray();
        }
    } // namespace

    Result<KeyMaterial, VerifyError> fromPem(QByteArrayView pem)
    {
        if (pem.trimmed().isEmpty())
            return badKey(u"The public key is empty"_s);
        if (pem.size() > MaxPemSize)
            return badKey(u"The public key is %1 bytes; a PEM public key has a few hundred"_s.arg(pem.size()));

        auto decoded = decodePem(pem);
        if (!decoded)
            return decoded.error();
        const OpenSsl::PkeyPtr key = std::move(decoded).value();

        if (EVP_PKEY_is_a(key.get(), "RSA")) {
            auto material = rsaMaterial(key.get());
            if (!material)
                return material.error();
            return KeyMaterial{Scheme::Rsa3072Pss, std::move(material).value()};
        }
        if (EVP_PKEY_is_a(key.get(), "EC")) {
            QString curve;
            const std::optional<Scheme> scheme = ecdsaScheme(key.get(), &curve);
            if (!scheme) {
                return badKey(u"The EC key is on curve %1; Secure Boot V2 uses P-192, P-256 or P-384"_s
                                  .arg(curve.isEmpty() ? u"(explicit parameters)"_s : curve));
            }
            auto material = ecdsaMaterial(key.get(), *scheme);
            if (!material)
                return material.error();
            return KeyMaterial{*scheme, std::move(material).value()};
        }
        return badKey(u"The key is of type %1; Secure Boot V2 uses RSA-3072 or ECDSA P-192/P-256/P-384"_s
                          .arg(QString::fromLatin1(EVP_PKEY_get0_type_name(key.get()))));
    }

    Result<bool, QString> signatureVerifies(const SignatureBlock &block)
    {
        const Layout::SchemeLayout &layout = Layout::layoutOf(block.scheme);
        if (block.imageDigest.size() != layout.digestSize || block.signature.size() != layout.signatureSize)
            return u"the block's digest or signature field has the wrong size"_s;
        auto key = keyOfBlock(block);
        if (!key) {
            // The chip would refuse such a block too: say so, not "bad signature".
            return u"the public key in the block is not a valid %1 key (%2)"_s.arg(schemeName(block.scheme), key.error());
        }

        const bool rsa = block.scheme == Scheme::Rsa3072Pss;
        const EVP_MD *digest = layout.digestSize == 48 ? EVP_sha384() : EVP_sha256();
        const OpenSsl::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.value().get(), nullptr));
        if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_signature_md(ctx.get(), digest) != 1)
            return u"OpenSSL cannot set up the verification (%1)"_s.arg(OpenSsl::takeErrors());
        if (rsa
            && (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PSS_PADDING) != 1
                || EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), 32) != 1
                || EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), EVP_sha256()) != 1)) {
            return u"OpenSSL cannot set up RSA-PSS (%1)"_s.arg(OpenSsl::takeErrors());
        }

        // The block stores the RSA signature byte-reversed for the chip's
        // little-endian RSA peripheral, and r, s little-endian for micro-ecc.
        const QByteArray signature = rsa ? reversed(block.signature) : ecdsaDer(block);
        if (signature.isEmpty()) {
            OpenSsl::takeErrors();
            return false;
        }
        const int verified = EVP_PKEY_verify(ctx.get(), OpenSsl::bytes(signature), static_cast<size_t>(signature.size()),
                                             OpenSsl::bytes(block.imageDigest), static_cast<size_t>(block.imageDigest.size()));
        const QString errors = OpenSsl::takeErrors();
        if (verified != 1 && !errors.isEmpty())
            qCDebug(lcCrypto) << "signature check of block" << block.slot << "failed:" << errors;
        return verified == 1;
    }
} // namespace Firmware::SecureBootV2::Keys
