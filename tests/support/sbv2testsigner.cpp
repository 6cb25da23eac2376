#include "sbv2testsigner.h"

#include <algorithm>

#include <QDir>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QtEndian>

#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "firmware/opensslptr.h"
#include "testimagebuilder.h"

using namespace Qt::Literals::StringLiterals;
namespace OpenSsl = Firmware::OpenSsl;

namespace TestSupport
{
    namespace
    {
        // Offsets written out from PROTOCOLS.md 4.2 on purpose, not taken
        // from the reader's layout table: a shared mistake would go unseen.
        constexpr qsizetype BlockSize = 1216;
        constexpr qsizetype SectorSize = 4096;
        constexpr qsizetype CrcAt = 1196;

        // Test keys only. They are public in this source tree and sign
        // nothing but fuzz seeds; never burn their digests into a chip.
        constexpr char FuzzRsaKey[] = R"(-----BEGIN PRIVATE KEY-----
MIIG/QIBADANBgkqhkiG9w0BAQEFAASCBucwggbjAgEAAoIBgQChjrDOJfhgMRwQ
KZmZZpqOmP0sG1bGDXWVDz5BZQoGGCRpNz39POI4+/WHfQUaxdhWrXWEJhVE5AyY
1on53chYzuFcWSy9JOR0I09Cv9N64HlUlI2Z2Z8+PanvcsYE0M3SIYJeygwTlH40
NEIbcoT+9o/mdWkS8ErVDcddVA9WwzmYgy3DUcKerhZVafI8mPG3qGwzxk2fpX/A
omONrVGymJbK/3Oyh7J/3kmPU34T0dbjGb1xbq3V6MnVwp0KGGJxd3P2s6rEKxuK
ESzhuN5VX4g1/j7t15U8bBdQ0RVhqJ61qaZXdwGubx0kxN1Q3eo1Dl7RagJUToC+
y4M9CHYNAJaxbROY3lZ0fB8Civhla02UPvqjkuT5fDVEZQvSc6dGLLaRPaCP1+XO
FuQp2BfOX/syk1+fc/B763LAb5oaKxKBcg0GlbXv2Vnv+FsR/ZcrDFE1vfOS1IFA
Y84rzrHHKSgBiUk3srCRjnwb6VgboLBj5z75A2/CREQrynpib4cCAwEAAQKCAYAE
2pWjS+6/bRpLvgQ4YKXKHPyWQ6gCwUrEFLYpHtEDR9xoMNmy7w5Y6fEBhhcOK92J
FSMPulkvPa7HNMLmd+xaBrUsoh0+/YnDl3/9IGhJK89ZZDEw6yHmq9GcORWL9X4J
jyoskON1/yMfjGZkDrfCNUQzh1mF0SRebFCOFEV1tN3ZIC/Sy3UOcWqIXGuDuJCi
lPPTRmT0o/NHpVlaW1e2BvGY3b3rIjqRrusE3FxQWiCbqB1R+CJO5/SQcI1pTTwz
qGTKUKWNWSs/c626edK1uOeKapPz8nCztgr0/F3GbZWRDUErSXSIY0EADDZs2vqD
RELQ48NukVcwQ++VxBgqjyDZa1zmKbpdniHL0v2Gq6Itp7zIBwXHBE8rjYg71v3s
tmxm5mDUsHs2hA1Tui2a8+schdog4wbxxuQ4vSmpYXRHuAWck0KHfQPJualkIVHn
oPLT6SXJ+rbGldR3zkC3NlIDHPJcG03Um4KyKZJdObACtTGkfPSemDr+9XH7mgkC
gcEA31i960rMUoaFgHX/Gvyowo6bga4Bvp2aOq05ttn9WJBSDmrap1XqOOrnSquk
Km8Bb/nlX0QxciLI+50WeVkbSCg5n5fU+8lpPlIfurWx0ci3aIYNzypeAP6RpAqt
pVMyPYTSAiLeQrzxg8EC/S4HTgCxpFDMwsyivtjiaiYMPYHpBnV0EIpd5+9d56uS
UiqAsSlCHJEZHDcRDGbw3LnB0V2yThudOLSBu7Ac+KGLBGo8OykxrdUJBZb45fUf
pQ2LAoHBALktWDYgukzihp1xa6S6wUTba/KTR2MudGvfBcW9Ahb1t1AoiMouYGsD
UJiLDhszDewdLLehaysjjv0m50cKw5sztg8TOG88H1o+WxO5iXLZu5PgIglZmdFY
TOyUpHdWDdcTI/bioJ5TAOb4KLYnna5UW5IJBbMHRt+MQh2uQ413aQkN2LiQVfvA
eUVZQCFfoTWEm8sKDF9oKfS4usWxJdsjD5Uj5EklMhjpg3RgC6eF3MUfxyB1YCor
VP/T7o+ddQKBwQCMhfcoXW1k1wKUKqmRPzqm/rbUxriOR/bLyEWxyEHgQR1/uLdN
5X5yxUk07/1gPWt4GpC4ed1qZHxz4whK3UePBNAMm6kDqluvPFh+TudMiK7s8rsp
hwySL5lOzvEmPcw0bKb9dRbGgr6qGPxac2VhLIqYScYrIjmbPjZmdv3ojR4iVC/s
YEJpNW+t3YM4c0l5Le5MrvZPjE4LsZEGL1HE+uC+yB0JmnitsEbqICmpY3X1+xso
tgrxG2YKuUlpvbUCgcB2sH+3weZnXVJXG9mY7jLuhY19H7VD9wScF4jFo03xlXD3
qeNzY6JdNPS1sXtLJ8AmtNRypr3gGpyN2h+nQ1j4434vz2v+sBSQbSNHU0asHK7E
K4blY07aBbTYdrWr37ZjQlts5Pl6QU10vV6q0l2Y3W0L/0ht5Z4hru65w3Z8+CqU
qRFdyvWxtT6Fmp0mRvs3KFYLH9eqV0N9HeJo0BCpkqFsQGMUFwkzOokNUHpn178X
gjTJszH+FWQXzak81/kCgcAwh0BA2QzU8QhDd0HGMcc7ZegLND0KEcTMZOYffj3m
rMLZcqtOsr/TRjuQWHEqXgkDM5uK8Pd8iZKvsvmJpcuV0xCBkrppBSx+Dhp7d4Tu
bYtcrtXCbu9egFBKLbcp5NMt9mnuiRiWzYuGIRDJMh2P2M/TQ6mNKtVdXt6AaE/c
O74RVW0tbFi4OGaaT4JlaBv2dhaCgCwhgTn6Qexl1Yq08R7mqVge4uhXI4/HUt7S
TLZ5nM0SVTX38NIarEgFBPE=
-----END PRIVATE KEY-----
)";
        constexpr char FuzzP192Key[] = R"(-----BEGIN PRIVATE KEY-----
MG8CAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQEEVTBTAgEBBBgNjTJl8aBNigLnjk1i
KftIbn81hZxvQBWhNAMyAAS85qN4ttPF2EoYF6GNjKHcRGXgsQsUlfHiHgBqCwWG
x6HMLz2kL5O6V6zmlf+Z52c=
-----END PRIVATE KEY-----
)";
        constexpr char FuzzP256Key[] = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg84q8GM0IVFLvhaZY
miacKHpFzN0pgC9koWbtoBhb6NGhRANCAAQiw6DKoJZ2wyVyKo6nq7nsc21oxW3v
j+7XO4nzbiHHduc/g1VftWcGjEpL9873VyKDBKsFiZl28LRjG2DiGdlz
-----END PRIVATE KEY-----
)";
        constexpr char FuzzP384Key[] = R"(-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDBFht/nh5KBWzu9KF+o
345nkTwJFtKfhOXBoxyaDPrUyARefD3tl6bVZkspYtmrpQmhZANiAASvx38apduB
0RW1V4uJ1YMHZF+pnGOamkKy3c5hBCKnOPhEyJn14963ehfoGycu+mXUPCw/eULN
meYppt+nABZ+5x+SDLp0Qcr9Z7P+TN50VCbJO6h9I6qlEnN8m+R5s6k=
-----END PRIVATE KEY-----
)";

        struct Curve
        {
            const char *groupName;
            quint8 curveId;
            qsizetype coordinateSize;
        };

        Curve curveOf(Sbv2Scheme scheme)
        {
            switch (scheme) {
            case Sbv2Scheme::EcdsaP192: return {"prime192v1", 1, 24};
            case Sbv2Scheme::EcdsaP256: return {"prime256v1", 2, 32};
            case Sbv2Scheme::EcdsaP384: return {"secp384r1", 3, 48};
            case Sbv2Scheme::Rsa3072Pss: break;
            }
            return {nullptr, 0, 0};
        }

        // Bit by bit, unlike the reader's table-driven CRC: zlib's CRC-32.
        quint32 zlibCrc32(QByteArrayView data)
        {
            quint32 crc = 0xFFFFFFFFu;
            for (const char byte : data) {
                crc ^= static_cast<quint8>(byte);
                for (int bit = 0; bit < 8; ++bit)
                    crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
            }
            return ~crc;
        }

        void put(QByteArray &block, qsizetype offset, QByteArrayView bytes)
        {
            Q_ASSERT(offset + bytes.size() <= block.size());
            std::copy(bytes.begin(), bytes.end(), block.begin() + offset);
        }

        void putLe32(QByteArray &block, qsizetype offset, quint32 value)
        {
            qToLittleEndian(value, block.data() + offset);
        }

        QByteArray littleEndian(const BIGNUM *number, qsizetype size)
        {
            const QByteArray bytes = OpenSsl::bignumBytes(number, size, true);
            if (bytes.isEmpty())
                qFatal("sbv2testsigner: a number does not fit %lld bytes", static_cast<long long>(size));
            return bytes;
        }

        OpenSsl::BignumPtr bnParam(const EVP_PKEY *key, const char *name)
        {
            BIGNUM *raw = nullptr;
            if (EVP_PKEY_get_bn_param(key, name, &raw) != 1)
                qFatal("sbv2testsigner: cannot read key parameter %s", name);
            return OpenSsl::BignumPtr(raw);
        }

        QByteArray digestOf(QByteArrayView data, bool sha384)
        {
            QByteArray digest(sha384 ? 48 : 32, '\0');
            unsigned int size = 0;
            if (EVP_Digest(data.data(), static_cast<size_t>(data.size()), OpenSsl::bytes(digest), &size,
                           sha384 ? EVP_sha384() : EVP_sha256(), nullptr) != 1
                || size != static_cast<unsigned int>(digest.size())) {
                qFatal("sbv2testsigner: digest failed");
            }
            return digest;
        }

        // A signature over an already computed digest, as espsecure signs
        // with Prehashed(): RSA-PSS (MGF1-SHA256, salt 32) or DER ECDSA.
        QByteArray signDigest(EVP_PKEY *key, QByteArrayView digest, bool rsa)
        {
            const OpenSsl::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
            const EVP_MD *md = digest.size() == 48 ? EVP_sha384() : EVP_sha256();
            bool ready = ctx && EVP_PKEY_sign_init(ctx.get()) == 1 && EVP_PKEY_CTX_set_signature_md(ctx.get(), md) == 1;
            if (ready && rsa) {
                ready = EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PSS_PADDING) == 1
                    && EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), 32) == 1
                    && EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), EVP_sha256()) == 1;
            }
            size_t size = 0;
            if (!ready || EVP_PKEY_sign(ctx.get(), nullptr, &size, OpenSsl::bytes(digest), static_cast<size_t>(digest.size())) != 1)
                qFatal("sbv2testsigner: cannot set up signing: %s", qPrintable(OpenSsl::takeErrors()));
            QByteArray signature(static_cast<qsizetype>(size), '\0');
            if (EVP_PKEY_sign(ctx.get(), OpenSsl::bytes(signature), &size, OpenSsl::bytes(digest), static_cast<size_t>(digest.size())) != 1)
                qFatal("sbv2testsigner: signing failed: %s", qPrintable(OpenSsl::takeErrors()));
            signature.resize(static_cast<qsizetype>(size));
            return signature;
        }

        void fillRsaBlock(QByteArray &block, EVP_PKEY *key, const QByteArray &digest)
        {
            const OpenSsl::BignumPtr n = bnParam(key, OSSL_PKEY_PARAM_RSA_N);
            const OpenSsl::BignumPtr e = bnParam(key, OSSL_PKEY_PARAM_RSA_E);
            const OpenSsl::BnCtxPtr ctx(BN_CTX_new());
            const OpenSsl::BignumPtr two(BN_new());
            const OpenSsl::BignumPtr exponent(BN_new());
            const OpenSsl::BignumPtr rinv(BN_new());
            const OpenSsl::BignumPtr twoTo32(BN_new());
            // R^2 mod n as 2^6144 mod n by modular exponentiation (the reader
            // shifts and reduces instead), and m' from a modular inverse.
            if (!BN_set_word(two.get(), 2) || !BN_set_word(exponent.get(), 6144)
                || !BN_mod_exp(rinv.get(), two.get(), exponent.get(), n.get(), ctx.get()) || !BN_set_word(twoTo32.get(), 1)
                || !BN_lshift(twoTo32.get(), twoTo32.get(), 32)) {
                qFatal("sbv2testsigner: RSA arithmetic failed");
            }
            const OpenSsl::BignumPtr inverse(BN_mod_inverse(nullptr, n.get(), twoTo32.get(), ctx.get()));
            if (!inverse)
                qFatal("sbv2testsigner: n has no inverse mod 2^32");
            const quint64 mprime = (quint64(1) << 32) - BN_get_word(inverse.get());

            block[1] = char(0x02);
            put(block, 4, digest);
            put(block, 36, littleEndian(n.get(), 384));
            put(block, 420, littleEndian(e.get(), 4));
            put(block, 424, littleEndian(rinv.get(), 384));
            putLe32(block, 808, static_cast<quint32>(mprime & 0xFFFFFFFFu));
            QByteArray signature = signDigest(key, digest, true);
            if (signature.size() != 384)
                qFatal("sbv2testsigner: RSA signature is not 384 bytes");
            std::reverse(signature.begin(), signature.end());
            put(block, 812, signature);
        }

        void fillEcdsaBlock(QByteArray &block, EVP_PKEY *key, Sbv2Scheme scheme, const QByteArray &digest)
        {
            const Curve curve = curveOf(scheme);
            const bool p384 = scheme == Sbv2Scheme::EcdsaP384;
            const qsizetype curveAt = p384 ? 52 : 36;
            const qsizetype signatureAt = p384 ? 149 : 101;
            const qsizetype size = curve.coordinateSize;

            block[1] = char(0x03);
            block[2] = char(p384 ? 0x01 : 0x00);
            put(block, 4, digest);
            block[curveAt] = char(curve.curveId);
            put(block, curveAt + 1, littleEndian(bnParam(key, OSSL_PKEY_PARAM_EC_PUB_X).get(), size));
            put(block, curveAt + 1 + size, littleEndian(bnParam(key, OSSL_PKEY_PARAM_EC_PUB_Y).get(), size));

            const QByteArray der = signDigest(key, digest, false);
            const unsigned char *in = OpenSsl::bytes(der);
            const OpenSsl::EcdsaSigPtr signature(d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size())));
            if (!signature)
                qFatal("sbv2testsigner: cannot decode the ECDSA signature");
            put(block, signatureAt, littleEndian(ECDSA_SIG_get0_r(signature.get()), size));
            put(block, signatureAt + size, littleEndian(ECDSA_SIG_get0_s(signature.get()), size));
        }

        std::optional<Sbv2Scheme> schemeOf(const EVP_PKEY *key)
        {
            if (EVP_PKEY_is_a(key, "RSA"))
                return EVP_PKEY_get_bits(key) == 3072 ? std::optional(Sbv2Scheme::Rsa3072Pss) : std::nullopt;
            char name[80] = {};
            size_t length = 0;
            if (!EVP_PKEY_is_a(key, "EC") || EVP_PKEY_get_group_name(key, name, sizeof name, &length) != 1)
                return std::nullopt;
            for (Sbv2Scheme scheme : {Sbv2Scheme::EcdsaP192, Sbv2Scheme::EcdsaP256, Sbv2Scheme::EcdsaP384}) {
                if (qstrcmp(name, curveOf(scheme).groupName) == 0)
                    return scheme;
            }
            return std::nullopt;
        }

        bool writeSeed(const QString &dir, const QString &name, const QByteArray &bytes)
        {
            QFile file(dir + u'/' + name);
            return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
        }
    } // namespace

    Sbv2TestKey::Sbv2TestKey(Sbv2Scheme scheme, std::shared_ptr<EVP_PKEY> key)
        : m_scheme(scheme), m_key(std::move(key))
    {
    }

    Sbv2TestKey Sbv2TestKey::generate(Sbv2Scheme scheme)
    {
        EVP_PKEY *key = scheme == Sbv2Scheme::Rsa3072Pss
            ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(3072))
            : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curveOf(scheme).groupName);
        if (!key)
            qFatal("sbv2testsigner: key generation failed: %s", qPrintable(OpenSsl::takeErrors()));
        return Sbv2TestKey(scheme, std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free));
    }

    Sbv2TestKey Sbv2TestKey::shared(Sbv2Scheme scheme)
    {
        static QMutex mutex;
        static QHash<int, Sbv2TestKey> keys;
        const QMutexLocker locker(&mutex);
        const auto found = keys.constFind(static_cast<int>(scheme));
        if (found != keys.cend())
            return *found;
        return *keys.insert(static_cast<int>(scheme), generate(scheme));
    }

    Sbv2TestKey Sbv2TestKey::fuzzKey(Sbv2Scheme scheme)
    {
        const char *pem = FuzzRsaKey;
        switch (scheme) {
        case Sbv2Scheme::Rsa3072Pss: pem = FuzzRsaKey; break;
        case Sbv2Scheme::EcdsaP192: pem = FuzzP192Key; break;
        case Sbv2Scheme::EcdsaP256: pem = FuzzP256Key; break;
        case Sbv2Scheme::EcdsaP384: pem = FuzzP384Key; break;
        }
        const std::optional<Sbv2TestKey> key = fromPrivateKeyPem(pem);
        if (!key || key->scheme() != scheme)
            qFatal("sbv2testsigner: a compiled-in fuzz key does not load");
        return *key;
    }

    std::optional<Sbv2TestKey> Sbv2TestKey::fromPrivateKeyPem(QByteArrayView pem)
    {
        const OpenSsl::BioPtr bio = OpenSsl::memoryBio(pem);
        EVP_PKEY *raw = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
        std::shared_ptr<EVP_PKEY> key(raw, EVP_PKEY_free);
        OpenSsl::takeErrors();
        if (!key)
            return std::nullopt;
        const std::optional<Sbv2Scheme> scheme = schemeOf(key.get());
        if (!scheme)
            return std::nullopt;
        return Sbv2TestKey(*scheme, std::move(key));
    }

    QByteArray Sbv2TestKey::publicKeyPem() const
    {
        const OpenSsl::BioPtr bio(BIO_new(BIO_s_mem()));
        if (!bio || PEM_write_bio_PUBKEY(bio.get(), m_key.get()) != 1)
            qFatal("sbv2testsigner: cannot write the public key");
        return OpenSsl::bioContents(bio.get());
    }

    QByteArray Sbv2TestKey::privateKeyPem() const
    {
        const OpenSsl::BioPtr bio(BIO_new(BIO_s_mem()));
        if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
            qFatal("sbv2testsigner: cannot write the private key");
        return OpenSsl::bioContents(bio.get());
    }

    QByteArray Sbv2TestKey::signatureBlock(QByteArrayView paddedData) const
    {
        QByteArray block(BlockSize, '\0');
        block[0] = char(0xE7);
        const QByteArray digest = digestOf(paddedData, m_scheme == Sbv2Scheme::EcdsaP384);
        if (m_scheme == Sbv2Scheme::Rsa3072Pss)
            fillRsaBlock(block, m_key.get(), digest);
        else
            fillEcdsaBlock(block, m_key.get(), m_scheme, digest);
        resealSbv2Block(block, 0);
        return block;
    }

    QByteArray buildSbv2Sector(QByteArrayView paddedData, const QList<Sbv2TestKey> &keys)
    {
        if (keys.isEmpty() || keys.size() > 3)
            qFatal("sbv2testsigner: a sector holds 1 to 3 blocks, not %lld", static_cast<long long>(keys.size()));
        QByteArray sector;
        for (const Sbv2TestKey &key : keys)
            sector += key.signatureBlock(paddedData);
        sector.resize(SectorSize, '\xff');
        return sector;
    }

    QByteArray signSbv2(const QByteArray &data, const QList<Sbv2TestKey> &keys)
    {
        const QByteArray padded = padTo4k(data);
        return padded + buildSbv2Sector(padded, keys);
    }

    void resealSbv2Block(QByteArray &bytes, qsizetype blockOffset)
    {
        Q_ASSERT(blockOffset >= 0 && blockOffset + BlockSize <= bytes.size());
        putLe32(bytes, blockOffset + CrcAt, zlibCrc32(QByteArrayView(bytes).sliced(blockOffset, CrcAt)));
    }

    void writeSbv2FuzzSeeds(const QString &dir)
    {
        QDir().mkpath(dir);
        const Sbv2TestKey rsa = Sbv2TestKey::fuzzKey(Sbv2Scheme::Rsa3072Pss);
        const Sbv2TestKey p192 = Sbv2TestKey::fuzzKey(Sbv2Scheme::EcdsaP192);
        const Sbv2TestKey p256 = Sbv2TestKey::fuzzKey(Sbv2Scheme::EcdsaP256);
        const Sbv2TestKey p384 = Sbv2TestKey::fuzzKey(Sbv2Scheme::EcdsaP384);
        QByteArray data(1000, '\0');
        for (qsizetype i = 0; i < data.size(); ++i)
            data[i] = char(i * 37 + 11);

        const QList<std::pair<QString, QList<Sbv2TestKey>>> sets = {
            {u"rsa"_s, {rsa}},
            {u"p192"_s, {p192}},
            {u"p256"_s, {p256}},
            {u"p384"_s, {p384}},
            {u"p256-rsa"_s, {p256, rsa}},
            {u"p192-p384-p256"_s, {p192, p384, p256}},
        };
        for (const auto &[name, keys] : sets) {
            // A bare sector is also a signed file whose image is empty.
            writeSeed(dir, name + u"-sector"_s, buildSbv2Sector(QByteArrayView(), keys));
            writeSeed(dir, name + u"-signed"_s, signSbv2(data, keys));
        }
    }
} // namespace TestSupport
