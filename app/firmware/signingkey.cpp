#include "signingkey.h"

#include <cstring>

#include <openssl/pem.h>

#include "keypem.h"
#include "logging.h"
#include "opensslptr.h"

using namespace Qt::Literals::StringLiterals;

namespace Firmware
{
    namespace
    {
        // pem_password_cb: hands OpenSSL the passphrase, or refuses when there is none.
        int passphraseCallback(char *buffer, int size, int /*writing*/, void *userData)
        {
            const auto *passphrase = static_cast<const QByteArrayView *>(userData);
            if (passphrase->isEmpty() || passphrase->size() > size)
                return -1;
            std::memcpy(buffer, passphrase->data(), size_t(passphrase->size()));
            return int(passphrase->size());
        }

        KeyError cryptoFailure(const char *what)
        {
            qCWarning(lcCrypto) << what << "failed:" << OpenSsl::takeErrors();
            return KeyError{KeyError::Kind::CryptoFailure, u"OpenSSL failed to %1"_s.arg(QString::fromLatin1(what))};
        }
    } // namespace

    SigningKey::SigningKey(std::shared_ptr<EVP_PKEY> key, PublicKey publicKey)
        : m_key(std::move(key))
        , m_publicKey(std::move(publicKey))
    {
    }

    Result<SigningKey, KeyError> SigningKey::checked(EVP_PKEY *key)
    {
        std::shared_ptr<EVP_PKEY> owned = KeyPem::share(key);
        if (const auto what = KeyPem::notP256(key)) {
            return KeyError{KeyError::Kind::WrongKeyType,
                            u"the private key is %1; release manifests are signed with ECDSA P-256"_s.arg(*what)};
        }
        // The public half on its own, so nothing that holds only the
        // PublicKey can ever reach the private scalar.
        auto publicKey = PublicKey::fromDer(KeyPem::subjectPublicKeyInfo(key));
        if (!publicKey)
            return cryptoFailure("derive the public key");
        return SigningKey(std::move(owned), std::move(publicKey).value());
    }

    Result<SigningKey, KeyError> SigningKey::generate()
    {
        const OpenSsl::PkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
        EVP_PKEY *key = nullptr;
        if (!context || EVP_PKEY_keygen_init(context.get()) != 1
            || EVP_PKEY_CTX_set_group_name(context.get(), "P-256") != 1
            || EVP_PKEY_generate(context.get(), &key) != 1) {
            return cryptoFailure("generate an EC P-256 key");
        }
        auto signingKey = checked(key);
        if (signingKey)
            qCDebug(lcCrypto) << "generated signing key" << signingKey->keyId();
        return signingKey;
    }

    Result<SigningKey, KeyError> SigningKey::fromPem(QByteArrayView pem, QByteArrayView passphrase)
    {
        const QList<KeyPem::Block> blocks = KeyPem::blocks(pem);
        const KeyPem::Block *keyBlock = nullptr;
        for (const KeyPem::Block &block : blocks) {
            if (KeyPem::isPrivateKeyLabel(block.label) || KeyPem::isPublicKeyLabel(block.label)) {
                keyBlock = &block;
                break;
            }
        }
        if (!keyBlock) {
            if (blocks.isEmpty()) {
                return KeyError{KeyError::Kind::NotAKey,
                                u"no PEM block found; expected \"-----BEGIN ENCRYPTED PRIVATE KEY-----\""_s};
            }
            return KeyError{KeyError::Kind::NotAKey, u"expected a private key PEM block, found \"%1\""_s
                            .arg(QString::fromLatin1(blocks.first().label))};
        }
        if (KeyPem::isPublicKeyLabel(keyBlock->label)) {
            return KeyError{KeyError::Kind::PublicKeyGiven,
                            u"this is a public key; signing needs the private key"_s};
        }
        if (keyBlock->encrypted && passphrase.isEmpty()) {
            return KeyError{KeyError::Kind::PassphraseRequired,
                            u"the private key is encrypted; give its passphrase"_s};
        }

        const OpenSsl::BioPtr bio = OpenSsl::memoryBio(keyBlock->pem);
        EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, passphraseCallback, &passphrase) : nullptr;
        if (!key) {
            qCDebug(lcCrypto) << "private key PEM does not decode:" << OpenSsl::takeErrors();
            if (keyBlock->encrypted) {
                return KeyError{KeyError::Kind::WrongPassphrase,
                                u"the passphrase does not decrypt the private key"_s};
            }
            return KeyError{KeyError::Kind::NotAKey, u"the \"%1\" block is damaged"_s
                            .arg(QString::fromLatin1(keyBlock->label))};
        }
        auto signingKey = checked(key);
        if (signingKey && !keyBlock->encrypted)
            qCWarning(lcCrypto) << "signing key" << signingKey->keyId() << "was stored without a passphrase";
        return signingKey;
    }

    Result<QByteArray, KeyError> SigningKey::toEncryptedPem(QByteArrayView passphrase) const
    {
        if (passphrase.isEmpty()) {
            return KeyError{KeyError::Kind::BadPassphrase,
                            u"an empty passphrase would leave the private key unprotected; "
                            "ask for an unencrypted key explicitly if that is really meant"_s};
        }
        if (passphrase.size() > MaxPassphraseBytes) {
            return KeyError{KeyError::Kind::BadPassphrase,
                            u"the passphrase is %1 bytes; OpenSSL reads back at most %2"_s
                            .arg(passphrase.size()).arg(MaxPassphraseBytes)};
        }
        const OpenSsl::BioPtr out(BIO_new(BIO_s_mem()));
        if (!out
            || PEM_write_bio_PKCS8PrivateKey(out.get(), m_key.get(), EVP_aes_256_cbc(), passphrase.data(),
                                             int(passphrase.size()), nullptr, nullptr) != 1) {
            return cryptoFailure("encrypt the private key");
        }
        return OpenSsl::bioContents(out.get());
    }

    Result<QByteArray, KeyError> SigningKey::toUnencryptedPem() const
    {
        const OpenSsl::BioPtr out(BIO_new(BIO_s_mem()));
        if (!out || PEM_write_bio_PrivateKey(out.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
            return cryptoFailure("encode the private key");
        return OpenSsl::bioContents(out.get());
    }

    Result<QByteArray, KeyError> SigningKey::sign(QByteArrayView message) const
    {
        const OpenSsl::MdCtxPtr context(EVP_MD_CTX_new());
        if (!context
            || EVP_DigestSignInit_ex(context.get(), nullptr, "SHA256", nullptr, nullptr, m_key.get(), nullptr) != 1) {
            return cryptoFailure("set up ECDSA signing");
        }
        static const unsigned char nothing = 0;
        const unsigned char *data = message.isEmpty() ? &nothing : OpenSsl::bytes(message);
        size_t length = 0;
        if (EVP_DigestSign(context.get(), nullptr, &length, data, size_t(message.size())) != 1)
            return cryptoFailure("size an ECDSA signature");
        QByteArray signature(qsizetype(length), '\0');
        if (EVP_DigestSign(context.get(), OpenSsl::bytes(signature), &length, data, size_t(message.size())) != 1)
            return cryptoFailure("make an ECDSA signature");
        signature.resize(qsizetype(length));
        return signature;
    }
} // namespace Firmware
