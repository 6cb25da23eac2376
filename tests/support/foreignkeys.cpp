#include "foreignkeys.h"

#include <memory>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace TestSupport
{
    namespace
    {
        std::shared_ptr<EVP_PKEY> generate(ForeignKey kind)
        {
            const char *algorithm = kind == ForeignKey::Rsa2048 ? "RSA" : kind == ForeignKey::EcP384 ? "EC" : "ED25519";
            const std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> context(
                EVP_PKEY_CTX_new_from_name(nullptr, algorithm, nullptr), EVP_PKEY_CTX_free);
            if (!context || EVP_PKEY_keygen_init(context.get()) != 1)
                return {};
            if (kind == ForeignKey::Rsa2048 && EVP_PKEY_CTX_set_rsa_keygen_bits(context.get(), 2048) != 1)
                return {};
            if (kind == ForeignKey::EcP384 && EVP_PKEY_CTX_set_group_name(context.get(), "P-384") != 1)
                return {};
            EVP_PKEY *key = nullptr;
            if (EVP_PKEY_generate(context.get(), &key) != 1)
                return {};
            return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
        }

        std::shared_ptr<EVP_PKEY> cached(ForeignKey kind)
        {
            static std::shared_ptr<EVP_PKEY> keys[3];
            std::shared_ptr<EVP_PKEY> &slot = keys[int(kind)];
            if (!slot)
                slot = generate(kind);
            return slot;
        }

        template<typename Write>
        QByteArray pem(Write write)
        {
            const std::unique_ptr<BIO, decltype(&BIO_free_all)> bio(BIO_new(BIO_s_mem()), BIO_free_all);
            if (!bio || !write(bio.get()))
                return {};
            char *data = nullptr;
            const long length = BIO_get_mem_data(bio.get(), &data);
            return QByteArray(data, qsizetype(length));
        }
    } // namespace

    QByteArray foreignPrivateKeyPem(ForeignKey kind)
    {
        const auto key = cached(kind);
        return pem([&key](BIO *bio) {
            return key && PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
        });
    }

    QByteArray foreignPublicKeyPem(ForeignKey kind)
    {
        const auto key = cached(kind);
        return pem([&key](BIO *bio) { return key && PEM_write_bio_PUBKEY(bio, key.get()) == 1; });
    }
} // namespace TestSupport
