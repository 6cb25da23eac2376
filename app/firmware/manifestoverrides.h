#pragma once

#include <optional>

#include <QDateTime>
#include <QString>

namespace Firmware
{
    // What ReleaseManifest::fromImage takes besides the image. Fields the
    // image knows (version, project, build date) are used from the image
    // unless set here: Arduino builds carry the core library's git id as
    // version and "arduino-lib-builder" as project, and ESP8266 images carry
    // neither. The rest exist only here; unset means "not in the manifest".
    struct ManifestOverrides
    {
        std::optional<QString> version;
        std::optional<QString> project;
        std::optional<QDateTime> buildDate;   // written without zone when local time
        std::optional<QString> gitCommit;     // 7 to 40 hex digits
        std::optional<QString> minPreviousVersion;
        std::optional<QString> notes;
    };
} // namespace Firmware
