#include "releasemanifest.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QSet>

#include "logging.h"
#include "manifestrules.h"

using namespace Qt::Literals::StringLiterals;

namespace Firmware
{
    namespace
    {
        using Kind = ManifestError::Kind;
        namespace Key = ManifestRules::Key;
        using ManifestRules::error;

        QByteArray jsonString(const QString &text)
        {
            const QByteArray utf8 = text.toUtf8();
            QByteArray out;
            out.reserve(utf8.size() + 2);
            out.append('"');
            for (const char c : utf8) {
                switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (quint8(c) < 0x20 || c == 0x7F)
                        out.append("\\u00").append(QByteArray::number(quint8(c), 16).rightJustified(2, '0'));
                    else
                        out.append(c);
                }
            }
            out.append('"');
            return out;
        }

        // ISO 8601; no zone suffix for local time, since __DATE__/__TIME__ carry none.
        QString isoDateTime(const QDateTime &dateTime)
        {
            if (!dateTime.isValid())
                return {};
            if (dateTime.timeSpec() == Qt::LocalTime)
                return dateTime.date().toString(Qt::ISODate) + u'T' + dateTime.time().toString(u"HH:mm:ss");
            return dateTime.toString(Qt::ISODate);
        }

        QString typeName(const QJsonValue &value)
        {
            switch (value.type()) {
            case QJsonValue::Null: return u"null"_s;
            case QJsonValue::Bool: return value.toBool() ? u"true"_s : u"false"_s;
            case QJsonValue::Double: return u"a number"_s;
            case QJsonValue::String: return u"a string"_s;
            case QJsonValue::Array: return u"an array"_s;
            case QJsonValue::Object: return u"an object"_s;
            case QJsonValue::Undefined: break;
            }
            return u"nothing"_s;
        }

        Result<QString, ManifestError> readText(const QJsonObject &object, QStringView key)
        {
            const QJsonValue value = object.value(key);
            if (value.isString())
                return value.toString();
            QString what = u"expected a string, got "_s + typeName(value);
            if (value.isNull() && !ManifestRules::requiredKeys().contains(key))
                what += u"; leave the field out when there is no value"_s;
            return error(Kind::WrongType, key, what);
        }

        Result<qint64, ManifestError> readInteger(const QJsonObject &object, QStringView key)
        {
            const QJsonValue value = object.value(key);
            if (!value.isDouble())
                return error(Kind::WrongType, key, u"expected an integer, got "_s + typeName(value));
            constexpr qint64 NotInteger = std::numeric_limits<qint64>::min();
            const qint64 integer = value.toInteger(NotInteger);
            if (integer != NotInteger)
                return integer;
            const double number = value.toDouble();
            const QString shown = QString::number(number, 'g', 17);
            if (std::trunc(number) != number)
                return error(Kind::NotAnInteger, key, u"expected an integer, got "_s + shown);
            return error(Kind::OutOfRange, key, u"%1 is out of range"_s.arg(shown));
        }

        QString keyList(const QStringList &keys)
        {
            QStringList quotedKeys;
            for (const QString &key : keys)
                quotedKeys << ManifestRules::quoted(key);
            return quotedKeys.join(u", ");
        }

        std::optional<ManifestError> checkKeys(const QJsonObject &object, const QStringList &keysInOrder)
        {
            QSet<QString> seen;
            for (const QString &key : keysInOrder) {
                if (seen.contains(key)) {
                    return error(Kind::DuplicateKey, key, u"appears more than once; a signed manifest "
                                 "must say one thing"_s);
                }
                seen.insert(key);
            }
            if (object.contains(Key::SchemaVersion)) {
                const auto schema = readInteger(object, Key::SchemaVersion);
                if (!schema)
                    return schema.error();
                if (auto problem = ManifestRules::checkSchemaVersion(schema.value()))
                    return problem;
            }
            QStringList unknown;
            for (const QString &key : keysInOrder) {
                if (!ManifestRules::isKnownKey(key))
                    unknown << key;
            }
            if (!unknown.isEmpty()) {
                constexpr qsizetype Described = 5;
                QStringList described;
                for (const QString &key : unknown.first(std::min(unknown.size(), Described))) {
                    const QString meant = ManifestRules::closestKey(key);
                    described << ManifestRules::quoted(key)
                            + (meant.isEmpty() ? QString() : u" (did you mean \"%1\"?)"_s.arg(meant));
                }
                if (unknown.size() > Described)
                    described << u"and %1 more"_s.arg(unknown.size() - Described);
                const QString message = u"unknown field%1 %2; schema version 1 defines: %3"_s
                    .arg(unknown.size() > 1 ? u"s"_s : QString(), described.join(u", "),
                         (ManifestRules::requiredKeys() + ManifestRules::optionalKeys()).join(u", "));
                return ManifestError{Kind::UnknownKey, unknown.first(), message};
            }
            QStringList missing;
            for (const QString &key : ManifestRules::requiredKeys()) {
                if (!object.contains(key))
                    missing << key;
            }
            if (!missing.isEmpty()) {
                return ManifestError{Kind::MissingKey, missing.first(), u"missing required field%1 %2"_s
                                     .arg(missing.size() > 1 ? u"s"_s : QString(), keyList(missing))};
            }
            return std::nullopt;
        }

        std::optional<ManifestError> readFields(const QJsonObject &object, ReleaseManifest &manifest)
        {
            const auto line = [&object](QStringView key, QString &target) -> std::optional<ManifestError> {
                auto text = readText(object, key);
                if (!text)
                    return text.error();
                if (auto problem = ManifestRules::checkLine(key, text.value()))
                    return problem;
                target = std::move(text).value();
                return std::nullopt;
            };
            const auto checked = [&object](QStringView key, auto check, QString &target) -> std::optional<ManifestError> {
                auto text = readText(object, key);
                if (!text)
                    return text.error();
                if (auto problem = check(text.value()))
                    return problem;
                target = std::move(text).value();
                return std::nullopt;
            };

            if (auto problem = line(Key::Version, manifest.version))
                return problem;
            if (auto problem = line(Key::Project, manifest.project))
                return problem;
            if (auto problem = checked(Key::Chip, ManifestRules::checkChip, manifest.chip))
                return problem;

            const auto size = readInteger(object, Key::Size);
            if (!size)
                return size.error();
            if (auto problem = ManifestRules::checkSize(size.value()))
                return problem;
            manifest.size = size.value();

            if (auto problem = checked(Key::Sha256, ManifestRules::checkSha256, manifest.sha256))
                return problem;
            manifest.sha256 = manifest.sha256.toLower();

            const auto secureVersion = readInteger(object, Key::SecureVersion);
            if (!secureVersion)
                return secureVersion.error();
            if (auto problem = ManifestRules::checkSecureVersion(secureVersion.value()))
                return problem;
            manifest.secureVersion = quint32(secureVersion.value());

            if (object.contains(Key::BuildDate)) {
                if (auto problem = checked(Key::BuildDate, ManifestRules::checkBuildDate, manifest.buildDate))
                    return problem;
            }
            if (object.contains(Key::GitCommit)) {
                if (auto problem = checked(Key::GitCommit, ManifestRules::checkGitCommit, manifest.gitCommit))
                    return problem;
                manifest.gitCommit = manifest.gitCommit.toLower();
            }
            if (object.contains(Key::MinPreviousVersion)) {
                if (auto problem = line(Key::MinPreviousVersion, manifest.minPreviousVersion))
                    return problem;
            }
            if (object.contains(Key::Notes)) {
                if (auto problem = checked(Key::Notes, ManifestRules::checkNotes, manifest.notes))
                    return problem;
            }
            return std::nullopt;
        }
    } // namespace

    ReleaseManifest ReleaseManifest::fromImage(const FirmwareImage &image, const ManifestOverrides &overrides)
    {
        ReleaseManifest manifest;
        manifest.chip = image.chip.key;
        manifest.size = image.fileSize;
        manifest.sha256 = QString::fromLatin1(image.fileSha256.toHex());
        if (image.appDescriptor) {
            manifest.version = image.appDescriptor->version;
            manifest.project = image.appDescriptor->projectName;
            manifest.secureVersion = image.appDescriptor->secureVersion;
            manifest.buildDate = isoDateTime(image.appDescriptor->buildDateTime());
        }
        if (overrides.version)
            manifest.version = *overrides.version;
        if (overrides.project)
            manifest.project = *overrides.project;
        if (overrides.buildDate)
            manifest.buildDate = isoDateTime(*overrides.buildDate);
        if (overrides.gitCommit)
            manifest.gitCommit = overrides.gitCommit->toLower();
        if (overrides.minPreviousVersion)
            manifest.minPreviousVersion = *overrides.minPreviousVersion;
        if (overrides.notes)
            manifest.notes = *overrides.notes;
        return manifest;
    }

    QByteArray ReleaseManifest::toJson() const
    {
        QList<std::pair<QStringView, QByteArray>> entries = {
            {Key::SchemaVersion, QByteArray::number(schemaVersion)},
            {Key::Version, jsonString(version)},
            {Key::Project, jsonString(project)},
            {Key::Chip, jsonString(chip)},
            {Key::Size, QByteArray::number(size)},
            {Key::Sha256, jsonString(sha256.toLower())},
            {Key::SecureVersion, QByteArray::number(secureVersion)},
        };
        if (!buildDate.isEmpty())
            entries.append({Key::BuildDate, jsonString(buildDate)});
        if (!gitCommit.isEmpty())
            entries.append({Key::GitCommit, jsonString(gitCommit.toLower())});
        if (!minPreviousVersion.isEmpty())
            entries.append({Key::MinPreviousVersion, jsonString(minPreviousVersion)});
        if (!notes.isEmpty())
            entries.append({Key::Notes, jsonString(notes)});
        std::sort(entries.begin(), entries.end(),
                  [](const auto &a, const auto &b) { return a.first < b.first; });

        QByteArray out = "{\n";
        for (qsizetype i = 0; i < entries.size(); ++i) {
            out.append("  ").append(jsonString(entries[i].first.toString())).append(": ").append(entries[i].second);
            out.append(i + 1 < entries.size() ? ",\n" : "\n");
        }
        out.append("}\n");
        return out;
    }

    Result<ReleaseManifest, ManifestError> ReleaseManifest::parse(QByteArrayView json)
    {
        if (json.size() > MaxBytes) {
            return error(Kind::TooLarge, {}, u"the manifest is %1 bytes; at most %2 are accepted"_s
                         .arg(json.size()).arg(MaxBytes));
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            ManifestError notJson = error(Kind::NotJson, {}, u"not JSON: %1 at byte %2"_s
                                          .arg(parseError.errorString()).arg(parseError.offset));
            notJson.offset = parseError.offset;
            return notJson;
        }
        if (!document.isObject()) {
            return error(Kind::NotAnObject, {}, u"expected a JSON object (\"{...}\") at the top level, got %1"_s
                         .arg(document.isArray() ? u"an array"_s : u"a single value"_s));
        }
        const QJsonObject object = document.object();
        if (auto problem = checkKeys(object, ManifestRules::topLevelKeys(json)))
            return *problem;

        ReleaseManifest manifest;
        if (auto problem = readFields(object, manifest))
            return *problem;
        qCDebug(lcFirmware) << "read manifest" << manifest.project << manifest.version << "for" << manifest.chip;
        return manifest;
    }

    Result<std::monostate, ManifestError> ReleaseManifest::validate() const
    {
        namespace Rules = ManifestRules;
        const Rules::Problem problems[] = {
            Rules::checkSchemaVersion(schemaVersion),
            Rules::checkLine(Key::Version, version),
            Rules::checkLine(Key::Project, project),
            Rules::checkChip(chip),
            Rules::checkSize(size),
            Rules::checkSha256(sha256),
            buildDate.isEmpty() ? std::nullopt : Rules::checkBuildDate(buildDate),
            gitCommit.isEmpty() ? std::nullopt : Rules::checkGitCommit(gitCommit),
            minPreviousVersion.isEmpty() ? std::nullopt : Rules::checkLine(Key::MinPreviousVersion, minPreviousVersion),
            Rules::checkNotes(notes),
        };
        for (const Rules::Problem &problem : problems) {
            if (problem)
                return *problem;
        }
        return std::monostate{};
    }

    Result<std::monostate, ManifestError> ReleaseManifest::checkMatchesImage(const FirmwareImage &image) const
    {
        QString firstField;
        QStringList differences;
        const auto differ = [&](QStringView field, const QString &what) {
            if (firstField.isEmpty())
                firstField = field.toString();
            differences << what;
        };
        if (chip != image.chip.key)
            differ(Key::Chip, u"the manifest is for chip \"%1\", the image for \"%2\""_s.arg(chip, image.chip.key));
        if (size != image.fileSize)
            differ(Key::Size, u"the manifest says %1 bytes, the image has %2"_s.arg(size).arg(image.fileSize));
        const QString imageSha256 = QString::fromLatin1(image.fileSha256.toHex());
        if (sha256.compare(imageSha256, Qt::CaseInsensitive) != 0) {
            differ(Key::Sha256, u"the manifest says SHA-256 %1, the image hashes to %2"_s
                   .arg(sha256.toLower(), imageSha256));
        }
        const quint32 imageSecureVersion = image.appDescriptor ? image.appDescriptor->secureVersion : 0;
        if (secureVersion != imageSecureVersion) {
            differ(Key::SecureVersion, u"the manifest says secure version %1, the image carries %2"_s
                   .arg(secureVersion).arg(imageSecureVersion));
        }
        if (differences.isEmpty())
            return std::monostate{};
        return ManifestError{Kind::ImageMismatch, firstField,
                             u"the manifest does not describe this image: "_s + differences.join(u"; ")};
    }
} // namespace Firmware
