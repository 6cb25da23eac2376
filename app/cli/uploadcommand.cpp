#include "uploadcommand.h"

#include "fileread.h"
#include "firmware/manifestsigner.h"
#include "firmware/releasemanifest.h"
#include "releasesigner.h"

using namespace Qt::Literals::StringLiterals;

namespace Cli
{
    namespace
    {
        // A 16 MiB app partition is the largest an ESP32 has; the server takes no more.
        constexpr qint64 MaxImageBytes = 16 * 1024 * 1024;
    } // namespace

    QString UploadCommand::summary() const
    {
        return u"Upload IMAGE to ota-server as a release: with --manifest and --signature (the files 'otactl sign' "
               u"wrote), or with --key, which signs it first exactly as 'otactl sign' does (the manifest options "
               u"of sign apply; nothing is written to disk). The server checks the manifest, the image, its chip, "
               u"size and SHA-256, and the signature against its trusted keys; a refusal says which check failed "
               u"and nothing is kept. Uploading the same image again answers the release as first stored."
               u"\n\nNeeds an operator token. Exit codes: 0 stored, 1 refused or the server could not be reached "
               u"(stderr says why), 2 usage error."_s;
    }

    int UploadCommand::run(const QStringList &arguments)
    {
        QCommandLineParser parser;
        ReleaseSigner signer;
        const QCommandLineOption manifestOption(u"manifest"_s, u"The release manifest (NAME.manifest.json), exactly as signed."_s, u"file"_s);
        const QCommandLineOption signatureOption(u"signature"_s, u"The detached signature (NAME.manifest.sig)."_s, u"file"_s);
        const QCommandLineOption keyOption(u"key"_s, u"Sign with this private key (PEM) first, as 'otactl sign' does."_s, u"file"_s);
        parser.addOptions({manifestOption, signatureOption, keyOption});
        signer.addOptions(parser);
        addServerOptions(parser);
        parser.addPositionalArgument(u"image"_s, u"The application .bin."_s);
        if (auto done = parse(parser, arguments, u"IMAGE (--manifest M.json --signature SIG | --key KEY.pem)"_s))
            return *done;
        if (parser.positionalArguments().size() != 1)
            return fail(UsageError, u"give exactly one IMAGE; try 'otactl upload --help'"_s);
        const bool byFiles = parser.isSet(manifestOption) || parser.isSet(signatureOption);
        if (byFiles == parser.isSet(keyOption))
            return fail(UsageError, u"give --manifest FILE and --signature FILE, or --key KEY.pem to sign first (not both)"_s);
        if (byFiles && !(parser.isSet(manifestOption) && parser.isSet(signatureOption)))
            return fail(UsageError, u"--manifest and --signature go together"_s);
        if (const auto refused = signer.readOptions(parser))
            return fail(refused->code, refused->message);
        if (auto stop = connectToServer(parser))
            return *stop;

        const QString imagePath = parser.positionalArguments().constFirst();
        const auto image = readWholeFile(imagePath, MaxImageBytes);
        if (!image)
            return fail(CheckFailed, image.error());
        QByteArray manifest;
        QByteArray signature;
        if (byFiles) {
            const auto manifestBytes = readWholeFile(parser.value(manifestOption), Firmware::ReleaseManifest::MaxBytes);
            if (!manifestBytes)
                return fail(CheckFailed, manifestBytes.error());
            const auto signatureText = readWholeFile(parser.value(signatureOption), Firmware::ManifestSigner::MaxSignatureText);
            if (!signatureText)
                return fail(CheckFailed, signatureText.error());
            manifest = manifestBytes.value();
            signature = signatureText->trimmed();
        } else {
            const auto prepared = signer.prepare(imagePath);
            if (!prepared)
                return fail(CheckFailed, prepared.error());
            const auto signedRelease = signer.sign(prepared.value(), parser.value(keyOption));
            if (!signedRelease)
                return fail(CheckFailed, signedRelease.error());
            manifest = signedRelease->manifestBytes;
            signature = signedRelease->signatureBase64;
        }

        const auto release = await<Rollout::Release>([&](QObject *context, auto done) {
            client().releases().upload(image.value(), manifest, signature, context, done);
        });
        if (!release)
            return failCall(release.error());
        if (json()) {
            printJson(release->json);
            return Ok;
        }
        out() << "uploaded " << release->project << " " << release->version << " for " << release->chip << " ("
              << release->size << " bytes)\n"
              << "sha256:      " << release->sha256 << "\n"
              << "key id:      " << release->keyId << "\n"
              << "uploaded by: " << release->uploadedBy << " at " << release->uploadedAt.toUTC().toString(Qt::ISODateWithMs) << "\n";
        return Ok;
    }
} // namespace Cli
