// libFuzzer target for Secure Boot V2 sectors: any input must give a value,
// never a crash, and whatever parses must hold the shape PROTOCOLS.md 4.2 gives.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include "firmware/securebootv2.h"
#include "sbv2testsigner.h"

using namespace Firmware::SecureBootV2;

namespace
{
    // The public half of the fixed key of a scheme the seeds are signed
    // with, so verify() gets past the key match to the digest and signature
    // checks. Made once: key PEMs are slow to write and read.
    const QByteArray &fuzzPublicKey(Scheme scheme)
    {
        static const QList<QByteArray> keys = [] {
            QList<QByteArray> pems;
            for (Scheme each : {Scheme::Rsa3072Pss, Scheme::EcdsaP192, Scheme::EcdsaP256, Scheme::EcdsaP384})
                pems.append(TestSupport::Sbv2TestKey::fuzzKey(each).publicKeyPem());
            return pems;
        }();
        return keys.at(static_cast<int>(scheme));
    }

    void require(bool condition)
    {
        if (!condition)
            std::abort();
    }

    void checkSector(const Result<SignatureSector, SectorError> &sector, qint64 fileOffset)
    {
        if (!sector) {
            require(!sector.error().message.isEmpty());
            require(sector.error().offset >= fileOffset && sector.error().offset < fileOffset + SectorSize);
            return;
        }
        require(sector->offset == fileOffset);
        require(!sector->blocks.isEmpty() && sector->blocks.size() <= MaxBlocks);
        int previousSlot = -1;
        for (const SignatureBlock &block : sector->blocks) {
            require(block.slot > previousSlot && block.slot < MaxBlocks);
            previousSlot = block.slot;
            require(block.offset == fileOffset + block.slot * BlockSize);
            const bool p384 = block.scheme == Scheme::EcdsaP384;
            const bool rsa = block.scheme == Scheme::Rsa3072Pss;
            require(block.imageDigest.size() == (p384 ? 48 : 32));
            require(block.publicKeyMaterial.size() == (rsa ? 776 : p384 ? 97 : 65));
            require(block.signature.size() == (rsa ? 384 : p384 ? 96 : 64));
            require(block.keyDigest().size() == 32);
        }
    }
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));

    checkSector(parseSector(input, 0), 0);
    if (input.size() >= SectorSize) {
        const qint64 offset = input.size() - SectorSize;
        checkSector(parseSector(input.sliced(offset), offset), offset);
    }

    const auto found = findSector(input);
    if (found)
        checkSector(*found, input.size() - SectorSize);

    // One verify() per input keeps the fuzzer fast: with the key of the
    // first block's scheme when there is one, the key most likely to match.
    const Scheme scheme = found && *found ? (*found)->blocks.at(0).scheme : Scheme::EcdsaP256;
    const QByteArray &pem = fuzzPublicKey(scheme);
    const auto report = verify(input, pem);
    if (report) {
        require(found && *found);
        require(report->slot >= 0 && report->slot < MaxBlocks);
        require(report->scheme == (*found)->blocks.at(0).scheme || (*found)->blocks.size() > 1);
        require(report->keyDigest == keyDigestOfPublicKey(pem).value());
    } else {
        require(!report.error().message.isEmpty());
    }

    // The same bytes as a public key: the PEM handling must refuse garbage cleanly.
    if (input.size() < 4096) {
        const auto digest = keyDigestOfPublicKey(input);
        require(digest ? digest->size() == 32 : digest.error().kind == VerifyError::Kind::BadPublicKey);
    }
    return 0;
}
