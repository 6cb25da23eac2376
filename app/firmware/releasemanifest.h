#pragma once

#include <variant>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "firmwareimage.h"
#include "manifesterror.h"
#include "manifestoverrides.h"
#include "result.h"

namespace Firmware
{
    // The release manifest (ROLLOUTS.md "Firmware"): what a signed release
    // says about its image. The detached ECDSA signature (ManifestSigner)
    // covers the exact bytes of the manifest file; the manifest binds the
    // image by its size and SHA-256.
    //
    // JSON, schema version 1. Keys are snake_case, as in ROLLOUTS.md:
    //
    //   key                   type     required  rule
    //   schema_version        integer  yes       1 (the only version this build reads)
    //   version               string   yes       1..128 characters, no control characters
    //   project               string   yes       1..128 characters, no control characters
    //   chip                  string   yes       a key of knownChips(): "esp32", "esp32c3", "esp8266", ...
    //   size_bytes            integer  yes       1 .. 2^53, the size of the image file
    //   sha256                string   yes       64 hexadecimal characters (read in either case, held lower-case)
    //   secure_version        integer  yes       0 .. 2^32-1 (esp_app_desc_t.secure_version; 0 without one)
    //   build_date            string   no        ISO 8601 date and time, "2024-07-25T16:23:40";
    //                                            no zone when the build gave none (__DATE__/__TIME__)
    //   git_commit            string   no        7..40 hexadecimal characters (held lower-case)
    //   min_previous_version  string   no        1..128 characters, no control characters
    //   notes                 string   no        up to 16384 characters; line breaks and tabs but
    //                                            no other control characters
    //
    // An optional key is either absent or valid; null is a wrong type, and an
    // empty notes string means "no notes". Unknown and duplicate keys are
    // refused: a typo in a signed file must never be silently ignored. In this
    // struct an empty string stands for an absent optional field.
    struct ReleaseManifest
    {
        static constexpr int CurrentSchemaVersion = 1;
        static constexpr qsizetype MaxBytes = 64 * 1024;
        static constexpr qsizetype MaxLineLength = 128;
        static constexpr qsizetype MaxNotesLength = 16 * 1024;

        int schemaVersion = CurrentSchemaVersion;
        QString version;
        QString project;
        QString chip;          // Chip::key
        qint64 size = 0;       // bytes of the image file
        QString sha256;        // lower-case hex of the image file's SHA-256
        QString buildDate;     // ISO 8601, or empty
        QString gitCommit;     // lower-case hex, or empty
        QString minPreviousVersion;
        QString notes;
        quint32 secureVersion = 0;

        bool operator==(const ReleaseManifest &other) const = default;

        // Fills chip, size, sha256, secure version, and (unless overridden)
        // version, project and build date from the image; the rest from the
        // overrides. Does not validate: call validate() before signing, as an
        // ESP8266 image has no version or project to take.
        static ReleaseManifest fromImage(const FirmwareImage &image, const ManifestOverrides &overrides = {});

        // Canonical bytes: keys sorted, two-space indent, one key per line,
        // absent optional fields left out, UTF-8, ending in a newline. These
        // exact bytes are what gets signed and uploaded.
        QByteArray toJson() const;

        // Reads and validates a manifest (see the table above). Any input,
        // however broken, gives a manifest or an error; never a crash.
        static Result<ReleaseManifest, ManifestError> parse(QByteArrayView json);

        // The value rules of the table above applied to this struct, for a
        // manifest built with fromImage before it is signed.
        Result<std::monostate, ManifestError> validate() const;

        // Does this manifest describe the image? Chip, size, SHA-256 and
        // secure version must match; version and project may differ, as they
        // may be overridden. The error (kind ImageMismatch) names the first
        // field that differs and its message lists every difference.
        Result<std::monostate, ManifestError> checkMatchesImage(const FirmwareImage &image) const;
    };
} // namespace Firmware
