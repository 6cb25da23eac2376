#include "signcommand.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include "firmware/releasemanifest.h"
#include "releasesigner.h"

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
        ReleaseSigner signer;
        const QCommandLineOption keyOption(u"key"_s, u"The private signing key (PEM)."_s, u"file"_s);
        const QCommandLineOption outDir(u"out-dir"_s, u"Write the files here (default: next to the image)."_s, u"dir"_s);
        const QCommandLineOption force(u"force"_s, u"Replace existing manifest and signature files."_s);
        parser.addOption(keyOption);
        signer.addOptions(parser);
        parser.addOptions({outDir, force});
        parser.addPositionalArgument(u"image"_s, u"The application .bin to sign."_s);
        if (auto done = parse(parser, arguments, u"IMAGE --key KEY.pem"_s))
            return *done;
        if (parser.positionalArguments().size() != 1 || !parser.isSet(keyOption))
            return fail(UsageError, u"expected one IMAGE and --key KEY.pem; try 'otactl sign --help'"_s);
        if (const auto refused = signer.readOptions(parser))
            return fail(refused->code, refused->message);

        const QString imagePath = parser.positionalArguments().constFirst();
        const auto prepared = signer.prepare(imagePath);
        if (!prepared)
            return fail(CheckFailed, prepared.error());

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

        const auto signedRelease = signer.sign(*prepared, parser.value(keyOption));
        if (!signedRelease)
            return fail(CheckFailed, signedRelease.error());
        if (auto error = writeBoth({manifestPath, signedRelease->manifestBytes}, {signaturePath, signedRelease->signatureBase64 + '\n'}))
            return fail(CheckFailed, *error);

        const ReleaseManifest &manifest = signedRelease->manifest;
        out() << "manifest:  " << manifestPath << "\n"
              << "signature: " << signaturePath << "\n"
              << "signed " << manifest.project << " " << manifest.version << " for " << manifest.chip
              << " (" << manifest.size << " bytes, sha256 " << manifest.sha256 << ")\n"
              << "key id:    " << signedRelease->keyId << "\n";
        return Ok;
    }
} // namespace Cli
