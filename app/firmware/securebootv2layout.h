#pragma once

#include <QtGlobal>

#include "securebootv2.h"

// Private to app/firmware: where each field of a 1216-byte signature block
// sits (PROTOCOLS.md 4.2), shared by the parser and the key code so the two
// cannot disagree about an offset.
namespace Firmware::SecureBootV2::Layout
{
    constexpr quint8 Magic = 0xE7;
    constexpr quint8 VersionRsa = 0x02;
    constexpr quint8 VersionEcdsa = 0x03;
    constexpr qsizetype VersionOffset = 1;
    constexpr qsizetype ShaVariantOffset = 2; // ECDSA only: 0x00 SHA-256, 0x01 SHA-384
    constexpr qsizetype DigestOffset = 4;
    constexpr qsizetype CrcOffset = 1196;     // CRC-32 over bytes 0..1195
    constexpr quint8 ShaVariant256 = 0x00;
    constexpr quint8 ShaVariant384 = 0x01;

    // RSA-3072 public key material (bytes 36..811), relative to its start.
    constexpr qsizetype RsaModulusSize = 384;
    constexpr qsizetype RsaExponentAt = 384;
    constexpr qsizetype RsaRinvAt = 388;
    constexpr qsizetype RsaMprimeAt = 772;

    struct SchemeLayout
    {
        Scheme scheme;
        quint8 version;
        quint8 shaVariant;         // ECDSA only
        quint8 curveId;            // ECDSA only; stored first in the key material
        const char *curveName;     // OpenSSL group name; ECDSA only
        qsizetype digestSize;      // 32 (SHA-256) or 48 (SHA-384)
        qsizetype materialOffset;  // what the eFuse key digest covers
        qsizetype materialSize;
        qsizetype coordinateSize;  // ECDSA: bytes of X, Y, r and s each
        qsizetype signatureOffset;
        qsizetype signatureSize;   // the whole stored field (P-192: 48 bytes used of 64)
    };

    inline constexpr SchemeLayout Schemes[] = {
        {Scheme::Rsa3072Pss, VersionRsa, 0, 0, nullptr, 32, 36, 776, 0, 812, 384},
        {Scheme::EcdsaP192, VersionEcdsa, ShaVariant256, 1, "prime192v1", 32, 36, 65, 24, 101, 64},
        {Scheme::EcdsaP256, VersionEcdsa, ShaVariant256, 2, "prime256v1", 32, 36, 65, 32, 101, 64},
        {Scheme::EcdsaP384, VersionEcdsa, ShaVariant384, 3, "secp384r1", 48, 52, 97, 48, 149, 96},
    };

    inline constexpr const SchemeLayout &layoutOf(Scheme scheme)
    {
        for (const SchemeLayout &layout : Schemes) {
            if (layout.scheme == scheme)
                return layout;
        }
        return Schemes[0];
    }

    static_assert(layoutOf(Scheme::EcdsaP384).signatureOffset + layoutOf(Scheme::EcdsaP384).signatureSize <= CrcOffset);
    static_assert(layoutOf(Scheme::Rsa3072Pss).signatureOffset + layoutOf(Scheme::Rsa3072Pss).signatureSize == CrcOffset);
} // namespace Firmware::SecureBootV2::Layout
