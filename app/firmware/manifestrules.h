#pragma once

// Private to app/firmware: the field rules of ReleaseManifest (see the table
// in releasemanifest.h), shared by ReleaseManifest::parse and ::validate, and
// the raw-JSON key scan parse needs for duplicate keys.

#include <optional>

#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include "manifesterror.h"

namespace Firmware::ManifestRules
{
    namespace Key
    {
        inline constexpr QStringView SchemaVersion = u"schema_version";
        inline constexpr QStringView Version = u"version";
        inline constexpr QStringView Project = u"project";
        inline constexpr QStringView Chip = u"chip";
        inline constexpr QStringView Size = u"size_bytes";
        inline constexpr QStringView Sha256 = u"sha256";
        inline constexpr QStringView SecureVersion = u"secure_version";
        inline constexpr QStringView BuildDate = u"build_date";
        inline constexpr QStringView GitCommit = u"git_commit";
        inline constexpr QStringView MinPreviousVersion = u"min_previous_version";
        inline constexpr QStringView Notes = u"notes";
    } // namespace Key

    constexpr qint64 MaxSize = qint64(1) << 53; // exact in every JSON reader
    constexpr qint64 MaxSecureVersion = 0xFFFFFFFF;

    const QStringList &requiredKeys(); // in the order they are checked
    const QStringList &optionalKeys();
    bool isKnownKey(const QString &key);
    // The known key a typo most likely meant, or "" when none is close.
    QString closestKey(const QString &unknownKey);

    // A problem, or nullopt when the value is fine.
    using Problem = std::optional<ManifestError>;

    Problem checkSchemaVersion(qint64 schemaVersion);
    Problem checkLine(QStringView field, const QString &text);  // version, project, min_previous_version
    Problem checkNotes(const QString &text);
    Problem checkChip(const QString &chipKey);
    Problem checkSize(qint64 size);
    Problem checkSecureVersion(qint64 secureVersion);
    Problem checkSha256(const QString &hex);
    Problem checkBuildDate(const QString &isoText);
    Problem checkGitCommit(const QString &hex);

    ManifestError error(ManifestError::Kind kind, QStringView field, const QString &what);

    // A value as a message quotes it: in double quotes, shortened past 40 characters.
    QString quoted(const QString &text);

    // The keys of the top-level object of well-formed JSON text, decoded, in
    // the order they appear, duplicates kept. QJsonDocument silently keeps
    // one of two equal keys; this lets parse refuse them.
    QStringList topLevelKeys(QByteArrayView wellFormedJson);
} // namespace Firmware::ManifestRules
