#include "manifestseeds.h"

#include <QDir>
#include <QFile>

#include "firmware/manifestsigner.h"
#include "firmware/releasemanifest.h"
#include "firmware/signingkey.h"

using namespace Qt::Literals::StringLiterals;

namespace TestSupport
{
    namespace
    {
        void writeSeed(const QDir &dir, const QString &name, const QByteArray &bytes)
        {
            QFile file(dir.filePath(name));
            if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                file.write(bytes);
        }

        Firmware::ReleaseManifest fullManifest()
        {
            Firmware::ReleaseManifest manifest;
            manifest.version = u"2.3.2"_s;
            manifest.project = u"smart_building_sensor"_s;
            manifest.chip = u"esp32"_s;
            manifest.size = 912'384;
            manifest.sha256 = u"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"_s;
            manifest.buildDate = u"2024-07-25T16:23:40"_s;
            manifest.gitCommit = u"0296947"_s;
            manifest.minPreviousVersion = u"2.0.0"_s;
            manifest.secureVersion = 3;
            manifest.notes = u"Fixes the MQTT reconnect loop that drains batteries.\n\"Quoted\", tab\there, ünïcödé ✓"_s;
            return manifest;
        }
    } // namespace

    void writeManifestFuzzSeeds(const QString &dirPath)
    {
        QDir dir(dirPath);
        dir.mkpath(u"."_s);

        const Firmware::ReleaseManifest full = fullManifest();
        writeSeed(dir, u"valid-full.json"_s, full.toJson());

        Firmware::ReleaseManifest minimal;
        minimal.version = u"769c168"_s;
        minimal.project = u"ld2410c_sensor"_s;
        minimal.chip = u"esp32c6"_s;
        minimal.size = 1;
        minimal.sha256 = QString(64, u'0');
        writeSeed(dir, u"valid-minimal.json"_s, minimal.toJson());

        Firmware::ReleaseManifest esp8266 = minimal;
        esp8266.chip = u"esp8266"_s;
        esp8266.version = u"1.0.0-rc.1+build.7"_s;
        esp8266.buildDate = u"2024-07-25T16:23:40.123+02:00"_s;
        esp8266.gitCommit = u"0123456789abcdef0123456789abcdef01234567"_s;
        writeSeed(dir, u"valid-esp8266.json"_s, esp8266.toJson());

        writeSeed(dir, u"valid-compact-any-order.json"_s,
                  R"({"size_bytes":4096,"sha256":"ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789",)"
                  R"("chip":"esp32s3","project":"p","version":"v","secure_version":0,"schema_version":1,)"
                  R"("build_date":"2024-01-01T00:00:00Z","notes":"\u00e9\n"})");

        // Near-valid: each breaks one rule of the full manifest.
        QByteArray text = full.toJson();
        const auto variant = [&text](const char *from, const char *to) {
            QByteArray copy = text;
            return copy.replace(from, to);
        };
        writeSeed(dir, u"bad-unknown-key.json"_s, variant("\"git_commit\"", "\"git_comit\""));
        writeSeed(dir, u"bad-duplicate-key.json"_s, variant("\"notes\"", "\"version\": \"9\", \"notes\""));
        writeSeed(dir, u"bad-escaped-duplicate.json"_s, variant("\"notes\"", "\"vers\\u0069on\": \"9\", \"notes\""));
        writeSeed(dir, u"bad-schema.json"_s, variant("\"schema_version\": 1", "\"schema_version\": 2"));
        writeSeed(dir, u"bad-sha256.json"_s, variant("9f86d0", "9f86d"));
        writeSeed(dir, u"bad-size.json"_s, variant("912384", "-912384.5"));
        writeSeed(dir, u"bad-secure-version.json"_s, variant("\"secure_version\": 3", "\"secure_version\": 4294967296"));
        writeSeed(dir, u"bad-build-date.json"_s, variant("2024-07-25T16:23:40", "Jul 25 2024 16:23:40"));
        writeSeed(dir, u"bad-git-commit.json"_s, variant("0296947", "029694"));
        writeSeed(dir, u"bad-chip.json"_s, variant("\"esp32\"", "\"ESP32-C3\""));
        writeSeed(dir, u"bad-null.json"_s, variant("\"2.0.0\"", "null"));
        writeSeed(dir, u"bad-missing-chip.json"_s, variant("\"chip\": \"esp32\",\n", ""));
        writeSeed(dir, u"bad-truncated.json"_s, text.left(text.size() / 2));
        writeSeed(dir, u"bad-array.json"_s, "[" + text + "]");

        // Signatures over the full manifest, for the signature decoder.
        const auto key = Firmware::SigningKey::generate();
        if (!key)
            return;
        const auto signature = Firmware::ManifestSigner::sign(text, key.value());
        if (!signature)
            return;
        const QByteArray base64 = Firmware::ManifestSigner::toBase64(signature.value());
        writeSeed(dir, u"signature.der"_s, signature.value());
        writeSeed(dir, u"signature.b64"_s, base64 + '\n');
        writeSeed(dir, u"signature-wrapped.b64"_s, base64.left(40) + "\n  " + base64.mid(40) + "\r\n");
    }
} // namespace TestSupport
