#include "keypem.h"

#include <cstring>

#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "opensslptr.h"

using namespace Qt::Literals::StringLiterals;

namespace Firmware::KeyPem
{
    QList<Block> blocks(QByteArrayView text)
    {
        QList<Block> result;
        if (text.size() > MaxPemBytes)
            return result;
        const OpenSsl::BioPtr in = OpenSsl::memoryBio(text);
        while (in && result.size() < MaxBlocks) {
            char *name = nullptr;
            char *header = nullptr;
            unsigned char *data = nullptr;
            long length = 0;
            if (PEM_read_bio(in.get(), &name, &header, &data, &length) != 1)
                break;
            const OpenSsl::OpenSslCharsPtr ownedName(name);
            const OpenSsl::OpenSslCharsPtr ownedHeader(header);
            const OpenSsl::OpenSslBytesPtr ownedData(data);

            Block block;
            block.label = QByteArray(name);
            block.encrypted = block.label == "ENCRYPTED PRIVATE KEY"
                || (header && std::strstr(header, "ENCRYPTED") != nullptr);
            const OpenSsl::BioPtr out(BIO_new(BIO_s_mem()));
            if (out && PEM_write_bio(out.get(), name, header, data, length) > 0)
                block.pem = OpenSsl::bioContents(out.get());
            result.append(block);
        }
        OpenSsl::takeErrors(); // the read past the last block always queues "no start line"
        return result;
    }

    bool isPrivateKeyLabel(const QByteArray &label)
    {
        return label.endsWith("PRIVATE KEY");
    }

    bool isPublicKeyLabel(const QByteArray &label)
    {
        return label.endsWith("PUBLIC KEY");
    }

    std::optional<QString> notP256(const EVP_PKEY *key)
    {
        if (!EVP_PKEY_is_a(key, "EC")) {
            const char *type = EVP_PKEY_get0_type_name(key);
            return u"a %1 key"_s.arg(type ? QString::fromLatin1(type) : u"unknown"_s);
        }
        char group[80] = {};
        size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &length) != 1) {
            OpenSsl::takeErrors();
            return u"an EC key with explicit curve parameters"_s;
        }
        const QByteArray curve(group, qsizetype(length));
        if (curve == "prime256v1" || curve == "P-256" || curve == "secp256r1")
            return std::nullopt;
        return u"an EC key on curve %1"_s.arg(QString::fromLatin1(curve));
    }

    std::shared_ptr<EVP_PKEY> share(EVP_PKEY *key)
    {
        return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
    }

    QByteArray subjectPublicKeyInfo(const EVP_PKEY *key)
    {
        unsigned char *der = nullptr;
        const int length = i2d_PUBKEY(key, &der);
        const OpenSsl::OpenSslBytesPtr owned(der);
        if (length <= 0 || !der)
            return {};
        return QByteArray(reinterpret_cast<const char *>(der), length);
    }
} // namespace Firmware::KeyPem
