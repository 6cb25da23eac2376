#include "publickey.h"

#include <QCryptographicHash>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "keypem.h"
#include "logging.h"
#include "opensslptr.h"

using namespace Qt::Literals::StringLiterals;

namespace Firmware
{
    PublicKey::PublicKey(std::shared_ptr<EVP_PKEY> key)
        : m_key(std::move(key))
        , m_der(KeyPem::subjectPublicKeyInfo(m_key.get()))
        , m_keyId(QString::fromLatin1(QCryptographicHash::hash(m_der, QCryptographicHash::Sha256).toHex()))
    {
    }

    Result<PublicKey, KeyError> PublicKey::checked(EVP_PKEY *key)
    {
        std::shared_ptr<EVP_PKEY> owned = KeyPem::share(key);
        if (const auto what = KeyPem::notP256(key)) {
            return KeyError{KeyError::Kind::WrongKeyType,
                            u"the public key is %1; release manifests are signed with ECDSA P-256"_s.arg(*what)};
        }
        PublicKey publicKey(std::move(owned));
        if (publicKey.m_der.isEmpty())
            return KeyError{KeyError::Kind::CryptoFailure, u"the public key could not be encoded"_s};
        return publicKey;
    }

    Result<PublicKey, KeyError> PublicKey::fromPem(QByteArrayView pem)
    {
        const QList<KeyPem::Block> blocks = KeyPem::blocks(pem);
        for (const KeyPem::Block &block : blocks) {
            if (KeyPem::isPrivateKeyLabel(block.label)) {
                return KeyError{KeyError::Kind::PrivateKeyGiven,
                                u"this is a private key; give its public key (keep the private key secret)"_s};
            }
            if (block.label != "PUBLIC KEY")
                continue;
            const OpenSsl::BioPtr bio = OpenSsl::memoryBio(block.pem);
            EVP_PKEY *key = bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr;
            if (!key) {
                qCDebug(lcCrypto) << "public key PEM does not decode:" << OpenSsl::takeErrors();
                return KeyError{KeyError::Kind::NotAKey, u"the PUBLIC KEY block is damaged"_s};
            }
            return checked(key);
        }
        if (!blocks.isEmpty()) {
            return KeyError{KeyError::Kind::NotAKey, u"expected a \"PUBLIC KEY\" PEM block, found \"%1\""_s
                            .arg(QString::fromLatin1(blocks.first().label))};
        }
        return KeyError{KeyError::Kind::NotAKey,
                        u"no PEM block found; expected \"-----BEGIN PUBLIC KEY-----\""_s};
    }

    Result<PublicKey, KeyError> PublicKey::fromDer(QByteArrayView subjectPublicKeyInfo)
    {
        if (subjectPublicKeyInfo.size() > KeyPem::MaxPemBytes)
            return KeyError{KeyError::Kind::NotAKey, u"too many bytes for a public key"_s};
        const unsigned char *cursor = OpenSsl::bytes(subjectPublicKeyInfo);
        EVP_PKEY *key = d2i_PUBKEY(nullptr, &cursor, long(subjectPublicKeyInfo.size()));
        if (!key) {
            OpenSsl::takeErrors();
            return KeyError{KeyError::Kind::NotAKey, u"not a DER SubjectPublicKeyInfo"_s};
        }
        if (cursor != OpenSsl::bytes(subjectPublicKeyInfo) + subjectPublicKeyInfo.size()) {
            EVP_PKEY_free(key);
            return KeyError{KeyError::Kind::NotAKey, u"bytes follow the DER SubjectPublicKeyInfo"_s};
        }
        return checked(key);
    }

    QByteArray PublicKey::toPem() const
    {
        const OpenSsl::BioPtr out(BIO_new(BIO_s_mem()));
        if (!out || PEM_write_bio_PUBKEY(out.get(), m_key.get()) != 1) {
            qCWarning(lcCrypto) << "cannot write a public key PEM:" << OpenSsl::takeErrors();
            return {};
        }
        return OpenSsl::bioContents(out.get());
    }

    QByteArray PublicKey::toDer() const
    {
        return m_der;
    }

    QString PublicKey::keyId() const
    {
        return m_keyId;
    }

    bool PublicKey::verifies(QByteArrayView message, QByteArrayView derSignature) const
    {
        if (derSignature.isEmpty())
            return false;
        const OpenSsl::MdCtxPtr context(EVP_MD_CTX_new());
        if (!context
            || EVP_DigestVerifyInit_ex(context.get(), nullptr, "SHA256", nullptr, nullptr, m_key.get(), nullptr) != 1) {
            qCWarning(lcCrypto) << "cannot set up ECDSA verification:" << OpenSsl::takeErrors();
            return false;
        }
        static const unsigned char nothing = 0;
        const unsigned char *data = message.isEmpty() ? &nothing : OpenSsl::bytes(message);
        const int verdict = EVP_DigestVerify(context.get(), OpenSsl::bytes(derSignature), size_t(derSignature.size()),
                                             data, size_t(message.size()));
        OpenSsl::takeErrors(); // a signature that does not verify queues an error too
        return verdict == 1;
    }
} // namespace Firmware
