#pragma once

#include <memory>
#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <openssl/types.h>

#include "firmware/securebootv2.h"

// A test-time stand-in for `espsecure sign-data --version 2`: makes keys and
// writes signature blocks and sectors straight from PROTOCOLS.md 4.2, with its
// own offsets and CRC code, so tests do not check the reader against itself.
namespace TestSupport
{
    using Sbv2Scheme = Firmware::SecureBootV2::Scheme;

    class Sbv2TestKey final
    {
    public:
        // A new key: RSA-3072 (e = 65537) or an EC key on P-192/P-256/P-384.
        static Sbv2TestKey generate(Sbv2Scheme scheme);
        // One key per scheme for the whole process: RSA-3072 generation takes
        // a noticeable fraction of a second, and most tests need any key.
        static Sbv2TestKey shared(Sbv2Scheme scheme);
        // Fixed keys compiled into this library, never used for anything
        // real: the fuzz target verifies with them, so seeds signed with
        // them reach the signature checks.
        static Sbv2TestKey fuzzKey(Sbv2Scheme scheme);
        // A private key in PEM (PKCS#8, or the "RSA/EC PRIVATE KEY" forms the
        // openssl tool writes); nullopt when it is not a key of a scheme.
        static std::optional<Sbv2TestKey> fromPrivateKeyPem(QByteArrayView pem);

        Sbv2Scheme scheme() const { return m_scheme; }
        QByteArray publicKeyPem() const;
        QByteArray privateKeyPem() const;

        // The 1216-byte block over data (the image, already padded to 4 KiB).
        QByteArray signatureBlock(QByteArrayView paddedData) const;

    private:
        Sbv2TestKey(Sbv2Scheme scheme, std::shared_ptr<EVP_PKEY> key);

        Sbv2Scheme m_scheme;
        std::shared_ptr<EVP_PKEY> m_key; // shared: copies of a test key are cheap
    };

    // 4096 bytes: one block per key (1 to 3) in slot order, then 0xFF.
    QByteArray buildSbv2Sector(QByteArrayView paddedData, const QList<Sbv2TestKey> &keys);

    // What espsecure sign-data writes: data padded with 0xFF to 4 KiB, then the sector.
    QByteArray signSbv2(const QByteArray &data, const QList<Sbv2TestKey> &keys);

    // zlib CRC-32 of bytes 0..1195 of the block at blockOffset, written to
    // its CRC field: tests change a field and reseal the block with it.
    void resealSbv2Block(QByteArray &bytes, qsizetype blockOffset);

    // Seeds for fuzz_sbv2sector: signed files and bare sectors for each
    // scheme and for 1 to 3 blocks, made with the fuzzKey()s.
    void writeSbv2FuzzSeeds(const QString &dir);
} // namespace TestSupport
