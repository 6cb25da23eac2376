#pragma once

#include <limits>
#include <memory>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/params.h>

// Owning pointers for OpenSSL 3 objects, so every early return frees what it
// made. Shared by Secure Boot V2 verification, the test signer and manifest
// signing: add an alias here rather than a hand-written free in a caller.
namespace Firmware::OpenSsl
{
    template<auto FreeFunction>
    struct Deleter final
    {
        template<typename T>
        void operator()(T *object) const noexcept
        {
            FreeFunction(object);
        }
    };

    template<typename T, auto FreeFunction>
    using Owned = std::unique_ptr<T, Deleter<FreeFunction>>;

    using PkeyPtr = Owned<EVP_PKEY, &EVP_PKEY_free>;
    using PkeyCtxPtr = Owned<EVP_PKEY_CTX, &EVP_PKEY_CTX_free>;
    using MdCtxPtr = Owned<EVP_MD_CTX, &EVP_MD_CTX_free>;
    using MdPtr = Owned<EVP_MD, &EVP_MD_free>; // from EVP_MD_fetch; EVP_sha256() needs no freeing
    using BignumPtr = Owned<BIGNUM, &BN_free>;
    using SecretBignumPtr = Owned<BIGNUM, &BN_clear_free>; // private scalars: wiped before freeing
    using BnCtxPtr = Owned<BN_CTX, &BN_CTX_free>;
    using EcdsaSigPtr = Owned<ECDSA_SIG, &ECDSA_SIG_free>;
    using EcGroupPtr = Owned<EC_GROUP, &EC_GROUP_free>;
    using EcPointPtr = Owned<EC_POINT, &EC_POINT_free>;
    using BioPtr = Owned<BIO, &BIO_free_all>;
    using ParamBldPtr = Owned<OSSL_PARAM_BLD, &OSSL_PARAM_BLD_free>;
    using ParamsPtr = Owned<OSSL_PARAM, &OSSL_PARAM_free>;
    using DecoderCtxPtr = Owned<OSSL_DECODER_CTX, &OSSL_DECODER_CTX_free>;
    using EncoderCtxPtr = Owned<OSSL_ENCODER_CTX, &OSSL_ENCODER_CTX_free>;

    // Memory from OPENSSL_malloc (i2d_* with a null buffer, BN_bn2hex, ...).
    inline void freeOpenSslMemory(void *memory) noexcept { OPENSSL_free(memory); }
    using OpenSslBytesPtr = Owned<unsigned char, &freeOpenSslMemory>;
    using OpenSslCharsPtr = Owned<char, &freeOpenSslMemory>;

    inline const unsigned char *bytes(QByteArrayView data)
    {
        return reinterpret_cast<const unsigned char *>(data.data());
    }

    inline unsigned char *bytes(QByteArray &data)
    {
        return reinterpret_cast<unsigned char *>(data.data());
    }

    // Takes every queued error, so a failure here is not blamed on the next
    // unrelated OpenSSL call in the same thread. Empty when nothing was queued.
    inline QString takeErrors()
    {
        QString text;
        while (const unsigned long code = ERR_get_error()) {
            char buffer[256];
            ERR_error_string_n(code, buffer, sizeof buffer);
            if (!text.isEmpty())
                text += u"; ";
            text += QString::fromLatin1(buffer);
        }
        return text;
    }

    // A read-only memory BIO over data the caller keeps alive.
    inline BioPtr memoryBio(QByteArrayView data)
    {
        if (data.size() > std::numeric_limits<int>::max())
            return {};
        return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    }

    // Everything written into a memory BIO (PEM_write_bio_*, ...).
    inline QByteArray bioContents(BIO *bio)
    {
        char *data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        return size > 0 && data ? QByteArray(data, size) : QByteArray();
    }

    // A non-negative number as exactly `size` big- or little-endian bytes;
    // empty when it does not fit.
    inline QByteArray bignumBytes(const BIGNUM *number, qsizetype size, bool littleEndian)
    {
        if (!number || BN_is_negative(number) || BN_num_bytes(number) > size || size > std::numeric_limits<int>::max())
            return {};
        QByteArray out(size, '\0');
        const int written = littleEndian ? BN_bn2lebinpad(number, bytes(out), static_cast<int>(size))
                                         : BN_bn2binpad(number, bytes(out), static_cast<int>(size));
        return written == size ? out : QByteArray();
    }

    inline BignumPtr bignumFromBytes(QByteArrayView data, bool littleEndian)
    {
        if (data.size() > std::numeric_limits<int>::max())
            return {};
        const int size = static_cast<int>(data.size());
        return BignumPtr(littleEndian ? BN_lebin2bn(bytes(data), size, nullptr) : BN_bin2bn(bytes(data), size, nullptr));
    }
} // namespace Firmware::OpenSsl
