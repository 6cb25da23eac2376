#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include "result.h"

// Secure Boot V2 signature sectors (PROTOCOLS.md section 4): the 4 KiB sector
// espsecure appends after an image padded to 4 KiB, holding up to three
// 1216-byte signature blocks (RSA-3072-PSS or ECDSA P-192/P-256/P-384).
namespace Firmware::SecureBootV2
{
    constexpr qsizetype SectorSize = 4096;
    constexpr qsizetype BlockSize = 1216;
    constexpr int MaxBlocks = 3;

    enum class Scheme
    {
        Rsa3072Pss,   // block version 0x02
        EcdsaP192,    // block version 0x03, curve id 1
        EcdsaP256,    // block version 0x03, curve id 2
        EcdsaP384,    // block version 0x03, curve id 3, SHA-384
    };
    QString schemeName(Scheme scheme); // "RSA-3072-PSS", "ECDSA P-256", ...

    struct SignatureBlock
    {
        int slot = 0;                 // 0..2 within the sector
        qint64 offset = 0;            // of the block within the file
        Scheme scheme = Scheme::Rsa3072Pss;
        QByteArray imageDigest;       // SHA-256 (or SHA-384 for P-384) the block claims
        QByteArray signature;         // as stored in the block (little-endian fields)
        QByteArray publicKeyMaterial; // the bytes the eFuse key digest covers
        // SHA-256 of the public key material: what the chip's eFuse holds
        // (espsecure digest-sbv2-public-key).
        QByteArray keyDigest() const;
    };

    struct SignatureSector
    {
        qint64 offset = 0;            // of the sector within the file
        QList<SignatureBlock> blocks; // valid blocks only, in slot order
    };

    struct SectorError
    {
        enum class Kind
        {
            WrongSize,       // the sector is not exactly 4096 bytes
            NoBlocks,        // slot 0 has no 0xE7 magic: not a signature sector
            BadVersion,      // magic present, version neither 0x02 nor 0x03
            BadCrc,          // CRC-32 over bytes 0..1195 does not match
            BadCurve,        // ECDSA curve id not 1, 2 or 3, or SHA byte inconsistent
        };
        Kind kind;
        qint64 offset = 0;   // where in the file the problem is
        QString message;     // says what is wrong and where, for a person
    };

    // Parses the sector whose first byte is at fileOffset in the file.
    Result<SignatureSector, SectorError> parseSector(QByteArrayView sector, qint64 fileOffset);

    // The sector of a signed file: the last 4096 bytes, when the file length
    // is a nonzero multiple of 4096 and slot 0 carries the 0xE7 magic.
    // Returns nullopt when the file does not end in a signature sector.
    std::optional<Result<SignatureSector, SectorError>> findSector(QByteArrayView file);

    struct VerifyError
    {
        enum class Kind
        {
            NotSigned,        // no signature sector at the end of the data
            BadSector,        // the sector does not parse (see message)
            BadPublicKey,     // the PEM is not an RSA-3072 or ECDSA P-192/256/384 public key
            DigestMismatch,   // the image bytes do not hash to the block's digest
            NoMatchingBlock,  // no block's key is the given key
            BadSignature,     // the block's key matches but the signature does not verify
        };
        Kind kind;
        QString message;
    };

    struct VerifyReport
    {
        int slot = 0;               // the block that verified
        Scheme scheme = Scheme::Rsa3072Pss;
        QByteArray keyDigest;       // SHA-256 of that block's public key material
    };

    // Verifies like espsecure verify-signature --version 2: the signed data is
    // everything before the last 4096 bytes; succeeds if any block verifies
    // with the given public key (PEM text).
    Result<VerifyReport, VerifyError> verify(QByteArrayView signedFile, QByteArrayView publicKeyPem);

    // The eFuse key digest of a public key given as PEM: the same bytes a
    // block built for that key would carry (RSA: n, e, R^2 mod n, -n^-1 mod 2^32).
    Result<QByteArray, VerifyError> keyDigestOfPublicKey(QByteArrayView publicKeyPem);
} // namespace Firmware::SecureBootV2
