// libFuzzer target for the release manifest reader and the signature decoder:
// any input gives a value or an error, never a crash, and what parses once
// survives a round trip through the canonical form unchanged.

#include <cstdint>
#include <cstdlib>

#include <QByteArrayView>

#include "firmware/manifestsigner.h"
#include "firmware/releasemanifest.h"

using namespace Firmware;

namespace
{
    void require(bool condition)
    {
        if (!condition)
            std::abort();
    }

    void checkManifest(QByteArrayView input)
    {
        const auto manifest = ReleaseManifest::parse(input);
        if (!manifest) {
            require(!manifest.error().message.isEmpty());
            require(!ManifestError::kindName(manifest.error().kind).isEmpty());
            return;
        }
        require(manifest->validate().hasValue());
        const QByteArray canonical = manifest->toJson();
        const auto again = ReleaseManifest::parse(canonical);
        require(again.hasValue());
        require(again.value() == manifest.value());
        require(again->toJson() == canonical);
    }

    void checkSignature(QByteArrayView input)
    {
        // A key made once per process: decoded signatures reach the verifier too.
        static const SigningKey key = SigningKey::generate().value();
        const auto der = ManifestSigner::decodeSignature(input);
        if (!der) {
            require(der.error().kind == SignatureError::Kind::Undecodable);
            return;
        }
        require(ManifestSigner::decodeSignature(der.value()).value() == der.value());
        require(ManifestSigner::decodeSignature(ManifestSigner::toBase64(der.value())).value() == der.value());
        const auto match = ManifestSigner::verify(input, input, key.publicKey());
        require(!match.hasValue() || match->keyId == key.keyId());
    }
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(data, qsizetype(size));
    checkManifest(input);
    checkSignature(input);
    return 0;
}
