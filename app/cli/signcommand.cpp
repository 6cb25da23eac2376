#include "signcommand.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include "firmware/imagereader.h"
#include "firmware/keyfiles.h"
#include "firmware/manifestsigner.h"
#include "firmware/releasemanifest.h"
#include "fileread.h"
#include "passphrase.h"

using namespace Qt::Literals::StringLiterals;
using namespace Firmware;

namespace Cli
{
    namespace
    {
        struct PendingFile
        {
            QString path;
            QByteArray bytes;
        };

        // Both files or neither: a manifest without its signature (or the
        // reverse) must never be left behind for an upload script to find.
        std::optional<QString> writeBoth(const PendingFile &first, const PendingFile &second)
        {
            QSaveFile a(first.path);
            QSaveFile b(second.path);
            for (auto [file, pending] : {std::pair {&a, &first}, std::pair {&b, &second}}) {
                if (!file->open(QIODevice::WriteOnly) || file->write(pending->bytes) != pending->bytes.size())
                    return u"cannot write %1: %2"_s.arg(pending->path, file->errorString());
            }
            if (!a.commit())
                return u"cannot write %1: %2"_s.arg(first.path, a.errorString());
            if (!b.commit()) {
                QFile::remove(first.path);
                return u"cannot write %1: %2"_s.arg(second.path, b.errorString());
            }
            return std::nullopt;
        }
    } // namespace

    QString SignCommand::summary() const
    {
        return u"Build the release manifest of an application image and sign it with an ECDSA P-256 key: "
               u"writes NAME.manifest.json (chip, size, SHA-256 and secure version from the image; version, "
               u"project and build date from its app descriptor unless given) and NAME.manifest.sig (base64 "
               u"DER signature over the exact manifest bytes). NAME is the image file name without .bin.\n\n"
               u"The key passphrase comes from --passphrase-file, OTACTL_PASSPHRASE, or a prompt.\n\n"
               u"Exit codes: 0 written, 1 not written (stderr says why), 2 usage error."_s;
    }

    int SignCommand::run(const QStringList &arguments)
    {
        QCommandLineParser parser;
        const QCommandLineOption keyOption(u"key"_s, u"The private signing key (PEM)."_s, u"file"_s);
        const QCommandLineOption passphraseFile(u"passphrase-file"_s, u"Read the key passphrase from this file's first line."_s, u"file"_s);
        const QCommandLineOption version(u"version"_s, u"Release version (default: the app descriptor's)."_s, u"text"_s);
        const QCommandLineOption project(u"project"_s, u"Project name (default: the app descriptor's)."_s, u"text"_s);
        const QCommandLineOption buildDate(u"build-date"_s, u"Build date, ISO 8601 (default: the app descriptor's)."_s, u"date"_s);
        const QCommandLineOption gitCommit(u"git-commit"_s, u"Git commit the image was built from (7 to 40 hex digits)."_s, u"hash"_s);
        const QCommandLineOption minPrevious(u"min-previous-version"_s, u"Oldest version a device may update from."_s, u"text"_s);
        const QCommandLineOption notes(u"notes"_s, u"Release notes."_s, u"text"_s);
        const QCommandLineOption notesFile(u"notes-file"_s, u"Read the release notes from this file."_s, u"file"_s);
        const QCommandLineOption outDir(u"out-dir"_s, u"Write the files here (default: next to the image)."_s, u"dir"_s);
        const QCommandLineOption force(u"force"_s, u"Replace existing manifest and signature files."_s);
        parser.addOptions({keyOption, passphraseFile, version, project, buildDate, gitCommit, minPrevious, notes, notesFile, outDir, force});
        parser.addPositionalArgument(u"image"_s, u"The application .bin to sign."_s);
        if (auto done = parse(parser, arguments, u"IMAGE --key KEY.pem"_s))
            return *done;
        if (parser.positionalArguments().size() != 1 || !parser.isSet(keyOption))
            return fail(UsageError, u"expected one IMAGE and --key KEY.pem; try 'otactl sign --help'"_s);
        if (parser.isSet(notes) && parser.isSet(notesFile))
            return fail(UsageError, u"give --notes or --notes-file, not both"_s);

        ManifestOverrides overrides;
        if (parser.isSet(version))
            overrides.version = parser.value(version);
        if (parser.isSet(project))
            overrides.project = parser.value(project);
        if (parser.isSet(buildDate)) {
            const QDateTime date = QDateTime::fromString(parser.value(buildDate), Qt::ISODate);
            if (!date.isValid())
                return fail(UsageError, u"--build-date '%1' is not an ISO 8601 date and time, e.g. 2026-11-25T14:30:00"_s.arg(parser.value(buildDate)));
            overrides.buildDate = date;
        }
        if (parser.isSet(gitCommit))
            overrides.gitCommit = parser.value(gitCommit);
        if (parser.isSet(minPrevious))
            overrides.minPreviousVersion = parser.value(minPrevious);
        if (parser.isSet(notes))
            overrides.notes = parser.value(notes);
        if (parser.isSet(notesFile)) {
            const auto text = readWholeFile(parser.value(notesFile), ReleaseManifest::MaxNotesLength * 4);
            if (!text)
                return fail(CheckFailed, text.error());
            overrides.notes = QString::fromUtf8(*text);
        }

        const QString imagePath = parser.positionalArguments().constFirst();
        const auto image = ImageReader::readFile(imagePath);
        if (!image)
            return fail(CheckFailed, u"%1: %2"_s.arg(imagePath, image.error().message));
        const ReleaseManifest manifest = ReleaseManifest::fromImage(*image, overrides);
        if (const auto valid = manifest.validate(); !valid) {
            const QString hint = image->isEsp8266() ? u" (an ESP8266 image carries no version or project: give --version and --project)"_s : QString();
            return fail(CheckFailed, valid.error().message + hint);
        }

        const QFileInfo imageInfo(imagePath);
        const QDir dir(parser.isSet(outDir) ? parser.value(outDir) : imageInfo.absolutePath());
        const QString stem = imageInfo.fileName().endsWith(u".bin"_s, Qt::CaseInsensitive) ? imageInfo.fileName().chopped(4) : imageInfo.fileName();
        const QString manifestPath = dir.filePath(stem + u".manifest.json"_s);
        const QString signaturePath = dir.filePath(stem + u".manifest.sig"_s);
        if (!parser.isSet(force)) {
            for (const QString &path : {manifestPath, signaturePath}) {
                if (QFile::exists(path))
                    return fail(CheckFailed, u"%1 exists; nothing was written (use --force to replace it)"_s.arg(path));
            }
        }

        auto passphrase = Passphrase::obtain(parser.value(passphraseFile), u"Passphrase for %1: "_s.arg(parser.value(keyOption)), false);
        if (!passphrase)
            return fail(CheckFailed, passphrase.error());
        const auto key = KeyFiles::readPrivateKey(parser.value(keyOption), *passphrase);
        if (!key)
            return fail(CheckFailed, key.error().message);

        const QByteArray manifestBytes = manifest.toJson();
        const auto signature = ManifestSigner::sign(manifestBytes, *key);
        if (!signature)
            return fail(CheckFailed, signature.error().message);
        if (auto error = writeBoth({manifestPath, manifestBytes}, {signaturePath, ManifestSigner::toBase64(*signature) + '\n'}))
            return fail(CheckFailed, *error);

        out() << "manifest:  " << manifestPath << "\n"
              << "signature: " << signaturePath << "\n"
              << "signed " << manifest.project << " " << manifest.version << " for " << manifest.chip
              << " (" << manifest.size << " bytes, sha256 " << manifest.sha256 << ")\n"
              << "key id:    " << key->keyId() << "\n";
        return Ok;
    }
} // namespace Cli
