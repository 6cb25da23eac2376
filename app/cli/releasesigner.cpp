#include "releasesigner.h"

#include "command.h"
#include "fileread.h"
#include "firmware/imagereader.h"
#include "firmware/keyfiles.h"
#include "firmware/manifestsigner.h"
#include "passphrase.h"

using namespace Qt::Literals::StringLiterals;
using namespace Firmware;

namespace Cli
{
    ReleaseSigner::ReleaseSigner()
        : m_passphraseFile(u"passphrase-file"_s, u"Read the key passphrase from this file's first line."_s, u"file"_s)
        , m_version(u"version"_s, u"Release version (default: the app descriptor's)."_s, u"text"_s)
        , m_project(u"project"_s, u"Project name (default: the app descriptor's)."_s, u"text"_s)
        , m_buildDate(u"build-date"_s, u"Build date, ISO 8601 (default: the app descriptor's)."_s, u"date"_s)
        , m_gitCommit(u"git-commit"_s, u"Git commit the image was built from (7 to 40 hex digits)."_s, u"hash"_s)
        , m_minPrevious(u"min-previous-version"_s, u"Oldest version a device may update from."_s, u"text"_s)
        , m_notes(u"notes"_s, u"Release notes."_s, u"text"_s)
        , m_notesFile(u"notes-file"_s, u"Read the release notes from this file."_s, u"file"_s)
    {
    }

    void ReleaseSigner::addOptions(QCommandLineParser &parser) const
    {
        parser.addOptions({m_passphraseFile, m_version, m_project, m_buildDate, m_gitCommit, m_minPrevious, m_notes, m_notesFile});
    }

    std::optional<ReleaseSigner::Refusal> ReleaseSigner::readOptions(const QCommandLineParser &parser)
    {
        if (parser.isSet(m_notes) && parser.isSet(m_notesFile))
            return Refusal{UsageError, u"give --notes or --notes-file, not both"_s};
        m_overrides = {};
        m_passphrasePath = parser.value(m_passphraseFile);
        if (parser.isSet(m_version))
            m_overrides.version = parser.value(m_version);
        if (parser.isSet(m_project))
            m_overrides.project = parser.value(m_project);
        if (parser.isSet(m_buildDate)) {
            const QDateTime date = QDateTime::fromString(parser.value(m_buildDate), Qt::ISODate);
            if (!date.isValid())
                return Refusal{UsageError, u"--build-date '%1' is not an ISO 8601 date and time, e.g. 2026-11-25T14:30:00"_s.arg(parser.value(m_buildDate))};
            m_overrides.buildDate = date;
        }
        if (parser.isSet(m_gitCommit))
            m_overrides.gitCommit = parser.value(m_gitCommit);
        if (parser.isSet(m_minPrevious))
            m_overrides.minPreviousVersion = parser.value(m_minPrevious);
        if (parser.isSet(m_notes))
            m_overrides.notes = parser.value(m_notes);
        if (parser.isSet(m_notesFile)) {
            const auto text = readWholeFile(parser.value(m_notesFile), ReleaseManifest::MaxNotesLength * 4);
            if (!text)
                return Refusal{CheckFailed, text.error()};
            m_overrides.notes = QString::fromUtf8(*text);
        }
        return std::nullopt;
    }

    Result<ReleaseSigner::Prepared, QString> ReleaseSigner::prepare(const QString &imagePath) const
    {
        const auto image = ImageReader::readFile(imagePath);
        if (!image)
            return u"%1: %2"_s.arg(imagePath, image.error().message);
        const ReleaseManifest manifest = ReleaseManifest::fromImage(*image, m_overrides);
        if (const auto valid = manifest.validate(); !valid) {
            const QString hint = image->isEsp8266() ? u" (an ESP8266 image carries no version or project: give --version and --project)"_s : QString();
            return QString(valid.error().message + hint);
        }
        return Prepared{manifest};
    }

    Result<ReleaseSigner::Signed, QString> ReleaseSigner::sign(const Prepared &prepared, const QString &keyPath) const
    {
        auto passphrase = Passphrase::obtain(m_passphrasePath, u"Passphrase for %1: "_s.arg(keyPath), false);
        if (!passphrase)
            return passphrase.error();
        const auto key = KeyFiles::readPrivateKey(keyPath, *passphrase);
        if (!key)
            return key.error().message;
        const QByteArray manifestBytes = prepared.manifest.toJson();
        const auto signature = ManifestSigner::sign(manifestBytes, *key);
        if (!signature)
            return signature.error().message;
        return Signed{prepared.manifest, manifestBytes, ManifestSigner::toBase64(*signature), key->keyId()};
    }
} // namespace Cli
