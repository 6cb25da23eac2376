#pragma once

#include <QString>

namespace TestSupport
{
    // Seeds for fuzz_releasemanifest, written into dir (created if needed):
    // valid manifests (canonical and not), near-valid ones that each break
    // one rule, and signatures over a manifest in DER and base64 form.
    void writeManifestFuzzSeeds(const QString &dir);
} // namespace TestSupport
