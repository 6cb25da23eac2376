#include "securebootv2.h"

#include <array>

#include <QCryptographicHash>
#include <QStringList>
#include <QtEndian>

#include "imagebytes.h"
#include "logging.h"
#include "securebootv2keys.h"
#include "securebootv2layout.h"

using namespace Qt::Literals::StringLiterals;
using Firmware::ImageBytes::hex;

namespace Firmware::SecureBootV2
{
    namespace
    {
        QString hexByte(quint8 value)
        {
            return u"0x%1"_s.arg(value, 2, 16, QLatin1Char('0'));
        }

        QString hex32(quint32 value)
        {
            return u"0x%1"_s.arg(value, 8, 16, QLatin1Char('0'));
        }

        QString hexBytes(const QByteArray &bytes)
        {
            return QString::fromLatin1(bytes.toHex());
        }

        // zlib's CRC-32 (reflected polynomial 0xEDB88320), which espsecure
        // computes with zlib.crc32 over bytes 0..1195 of each block.
        quint32 crc32(QByteArrayView data)
        {
            static const std::array<quint32, 256> table = [] {
                std::array<quint32, 256> entries{};
                for (quint32 i = 0; i < 256; ++i) {
                    quint32 value = i;
                    for (int bit = 0; bit < 8; ++bit)
                        value = (value & 1u) ? (value >> 1) ^ 0xEDB88320u : value >> 1;
                    entries[i] = value;
                }
                return entries;
            }();
            quint32 crc = 0xFFFFFFFFu;
            for (const char byte : data)
                crc = table[(crc ^ static_cast<quint8>(byte)) & 0xFFu] ^ (crc >> 8);
            return crc ^ 0xFFFFFFFFu;
        }

        QString blockPlace(int slot, qint64 blockOffset)
        {
            return u"Secure Boot V2 block %1 at offset %2"_s.arg(slot).arg(hex(blockOffset));
        }

        SectorError blockError(SectorError::Kind kind, int slot, qint64 blockOffset, qsizetype field, const QString &what)
        {
            return SectorError{kind, blockOffset + field, blockPlace(slot, blockOffset) + u": "_s + what};
        }

        // The ECDSA SHA variant byte and curve id must agree: SHA-256 with
        // P-192 or P-256 (curve id at 36), SHA-384 with P-384 (curve id at 52,
        // after the longer digest).
        Result<Scheme, SectorError> ecdsaScheme(QByteArrayView block, int slot, qint64 blockOffset)
        {
            const quint8 shaVariant = ImageBytes::u8(block, Layout::ShaVariantOffset);
            if (shaVariant != Layout::ShaVariant256 && shaVariant != Layout::ShaVariant384) {
                return blockError(SectorError::Kind::BadCurve, slot, blockOffset, Layout::ShaVariantOffset,
                                  u"SHA variant byte at %1 is %2; espsecure writes 0x00 (SHA-256) or 0x01 (SHA-384)"_s
                                      .arg(hex(blockOffset + Layout::ShaVariantOffset), hexByte(shaVariant)));
            }
            const bool sha384 = shaVariant == Layout::ShaVariant384;
            const qsizetype curveAt = Layout::layoutOf(sha384 ? Scheme::EcdsaP384 : Scheme::EcdsaP256).materialOffset;
            const quint8 curveId = ImageBytes::u8(block, curveAt);
            for (const Layout::SchemeLayout &layout : Layout::Schemes) {
                if (layout.version == Layout::VersionEcdsa && layout.shaVariant == shaVariant && layout.curveId == curveId)
                    return layout.scheme;
            }
            const QString expected = sha384 ? u"3 (P-384) goes with SHA-384 (SHA variant 0x01)"_s
                                            : u"1 (P-192) or 2 (P-256) go with SHA-256 (SHA variant 0x00)"_s;
            return blockError(SectorError::Kind::BadCurve, slot, blockOffset, curveAt,
                              u"curve id at %1 is %2, but only curve id %3"_s.arg(hex(blockOffset + curveAt)).arg(curveId).arg(expected));
        }

        // Checks in espsecure's order: magic (done by the caller), version, CRC, then the curve.
        Result<SignatureBlock, SectorError> parseBlock(QByteArrayView block, int slot, qint64 blockOffset)
        {
            const quint8 version = ImageBytes::u8(block, Layout::VersionOffset);
            if (version != Layout::VersionRsa && version != Layout::VersionEcdsa) {
                return blockError(SectorError::Kind::BadVersion, slot, blockOffset, Layout::VersionOffset,
                                  u"version byte at %1 is %2; espsecure writes 0x02 (RSA-3072) or 0x03 (ECDSA)"_s
                                      .arg(hex(blockOffset + Layout::VersionOffset), hexByte(version)));
            }

            const quint32 storedCrc = qFromLittleEndian<quint32>(block.data() + Layout::CrcOffset);
            const quint32 actualCrc = crc32(block.first(Layout::CrcOffset));
            if (storedCrc != actualCrc) {
                return blockError(SectorError::Kind::BadCrc, slot, blockOffset, Layout::CrcOffset,
                                  u"CRC-32 is %1 but bytes 0..1195 give %2 (CRC field at %3)"_s
                                      .arg(hex32(storedCrc), hex32(actualCrc), hex(blockOffset + Layout::CrcOffset)));
            }

            Scheme scheme = Scheme::Rsa3072Pss;
            if (version == Layout::VersionEcdsa) {
                const auto ecdsa = ecdsaScheme(block, slot, blockOffset);
                if (!ecdsa)
                    return ecdsa.error();
                scheme = ecdsa.value();
            }

            const Layout::SchemeLayout &layout = Layout::layoutOf(scheme);
            SignatureBlock parsed;
            parsed.slot = slot;
            parsed.offset = blockOffset;
            parsed.scheme = scheme;
            parsed.imageDigest = block.sliced(Layout::DigestOffset, layout.digestSize).toByteArray();
            parsed.publicKeyMaterial = block.sliced(layout.materialOffset, layout.materialSize).toByteArray();
            parsed.signature = block.sliced(layout.signatureOffset, layout.signatureSize).toByteArray();
            return parsed;
        }

        QByteArray sha256(QByteArrayView data)
        {
            return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
        }

        QString imageRange(qint64 sectorOffset)
        {
            return sectorOffset == 0 ? u"the empty image"_s : u"bytes 0x0..%1"_s.arg(hex(sectorOffset - 1));
        }

        QString keyList(const SignatureSector &sector)
        {
            QStringList keys;
            for (const SignatureBlock &block : sector.blocks)
                keys << u"block %1: %2, key digest %3"_s.arg(block.slot).arg(schemeName(block.scheme), hexBytes(block.keyDigest()));
            return keys.join(u"; "_s);
        }

        // Why findSector() found no sector, for NotSigned.
        QString notSignedReason(QByteArrayView file)
        {
            if (file.isEmpty())
                return u"The file is empty, so it carries no Secure Boot V2 signature sector"_s;
            if (file.size() % SectorSize != 0) {
                return u"The file is %1 bytes, not a multiple of 4096, so it does not end in a Secure Boot V2 "
                       "signature sector (espsecure pads the image to 4 KiB before appending one)"_s.arg(file.size());
            }
            const qint64 offset = file.size() - SectorSize;
            return u"Not signed: the last 4096 bytes, at offset %1, start with %2, not the Secure Boot V2 block magic 0xe7"_s
                .arg(hex(offset), hexByte(ImageBytes::u8(file, offset)));
        }
    } // namespace

    QString schemeName(Scheme scheme)
    {
        switch (scheme) {
        case Scheme::Rsa3072Pss: return u"RSA-3072-PSS"_s;
        case Scheme::EcdsaP192: return u"ECDSA P-192"_s;
        case Scheme::EcdsaP256: return u"ECDSA P-256"_s;
        case Scheme::EcdsaP384: return u"ECDSA P-384"_s;
        }
        return u"unknown scheme"_s;
    }

    QByteArray SignatureBlock::keyDigest() const
    {
        return sha256(publicKeyMaterial);
    }

    Result<SignatureSector, SectorError> parseSector(QByteArrayView sector, qint64 fileOffset)
    {
        if (sector.size() != SectorSize) {
            return SectorError{SectorError::Kind::WrongSize, fileOffset,
                               u"Secure Boot V2 signature sector at offset %1 is %2 bytes; a sector is exactly 4096"_s
                                   .arg(hex(fileOffset)).arg(sector.size())};
        }
        if (ImageBytes::u8(sector, 0) != Layout::Magic) {
            return SectorError{SectorError::Kind::NoBlocks, fileOffset,
                               u"No Secure Boot V2 signature block at offset %1: the first byte is %2, not the magic 0xe7"_s
                                   .arg(hex(fileOffset), hexByte(ImageBytes::u8(sector, 0)))};
        }

        SignatureSector parsed;
        parsed.offset = fileOffset;
        for (int slot = 0; slot < MaxBlocks; ++slot) {
            const QByteArrayView block = sector.sliced(slot * BlockSize, BlockSize);
            // espsecure fills unused slots with 0xFF; any slot without the
            // magic is unused, as the ROM and espsecure treat it. A slot with
            // the magic that fails a check is an error, where espsecure's
            // verify skips it: a damaged block in a file about to go to a
            // fleet is worth stopping for.
            if (ImageBytes::u8(block, 0) != Layout::Magic)
                continue;
            auto signatureBlock = parseBlock(block, slot, fileOffset + slot * BlockSize);
            if (!signatureBlock)
                return signatureBlock.error();
            parsed.blocks.append(std::move(signatureBlock).value());
        }
        return parsed;
    }

    std::optional<Result<SignatureSector, SectorError>> findSector(QByteArrayView file)
    {
        if (file.isEmpty() || file.size() % SectorSize != 0)
            return std::nullopt;
        const qint64 offset = file.size() - SectorSize;
        if (ImageBytes::u8(file, offset) != Layout::Magic)
            return std::nullopt;
        return parseSector(file.sliced(offset), offset);
    }

    Result<QByteArray, VerifyError> keyDigestOfPublicKey(QByteArrayView publicKeyPem)
    {
        auto key = Keys::fromPem(publicKeyPem);
        if (!key)
            return key.error();
        return sha256(key->material);
    }

    Result<VerifyReport, VerifyError> verify(QByteArrayView signedFile, QByteArrayView publicKeyPem)
    {
        const auto key = Keys::fromPem(publicKeyPem);
        if (!key)
            return key.error();
        const QByteArray keyDigest = sha256(key->material);

        const auto found = findSector(signedFile);
        if (!found)
            return VerifyError{VerifyError::Kind::NotSigned, notSignedReason(signedFile)};
        if (!*found)
            return VerifyError{VerifyError::Kind::BadSector, found->error().message};
        const SignatureSector &sector = found->value();

        // Like the chip, which only trusts a block whose key digest is burned
        // in eFuse, pick blocks by key before looking at signatures.
        QList<const SignatureBlock *> candidates;
        for (const SignatureBlock &block : sector.blocks) {
            if (block.scheme == key->scheme && block.publicKeyMaterial == key->material)
                candidates.append(&block);
        }
        if (candidates.isEmpty()) {
            return VerifyError{VerifyError::Kind::NoMatchingBlock,
                               u"No Secure Boot V2 block in the sector at offset %1 is for the given %2 key (key digest %3); "
                               "the sector holds %4"_s
                                   .arg(hex(sector.offset), schemeName(key->scheme), hexBytes(keyDigest), keyList(sector))};
        }

        const QByteArrayView image = signedFile.first(sector.offset);
        std::optional<VerifyError> firstFailure;
        for (const SignatureBlock *block : candidates) {
            const bool sha384 = block->imageDigest.size() == 48;
            const QByteArray actual = QCryptographicHash::hash(image, sha384 ? QCryptographicHash::Sha384 : QCryptographicHash::Sha256);
            if (actual != block->imageDigest) {
                if (!firstFailure) {
                    firstFailure = VerifyError{VerifyError::Kind::DigestMismatch,
                                               u"%1 claims %2 %3 for %4, but they hash to %5: the image changed after signing"_s
                                                   .arg(blockPlace(block->slot, block->offset), sha384 ? u"SHA-384"_s : u"SHA-256"_s,
                                                        hexBytes(block->imageDigest), imageRange(sector.offset), hexBytes(actual))};
                }
                continue;
            }
            const auto verified = Keys::signatureVerifies(*block);
            if (verified && verified.value()) {
                qCDebug(lcCrypto) << "Secure Boot V2 block" << block->slot << "verifies with key digest" << keyDigest.toHex();
                return VerifyReport{block->slot, block->scheme, keyDigest};
            }
            if (!verified)
                qCWarning(lcCrypto) << "cannot check Secure Boot V2 block" << block->slot << ":" << verified.error();
            if (!firstFailure) {
                const qint64 signatureAt = block->offset + Layout::layoutOf(block->scheme).signatureOffset;
                const QString why = verified ? u"the %1 signature at %2 does not verify over the image digest"_s
                                                   .arg(schemeName(block->scheme), hex(signatureAt))
                                             : verified.error();
                firstFailure = VerifyError{VerifyError::Kind::BadSignature,
                                           u"%1 is for the given key (key digest %2), but %3"_s
                                               .arg(blockPlace(block->slot, block->offset), hexBytes(keyDigest), why)};
            }
        }
        return *firstFailure;
    }
} // namespace Firmware::SecureBootV2
