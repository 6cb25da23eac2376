#include "verifycommand.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "firmware/imagereader.h"
#include "firmware/keyfiles.h"
#include "firmware/manifestsigner.h"
#include "firmware/releasemanifest.h"
#include "fileread.h"

using namespace Qt::Literals::StringLiterals;
using namespace Firmware;

namespace Cli
{
    QString VerifyCommand::summary() const
    {
        return u"Check a signed release: the signature over the exact manifest bytes verifies with one of "
               u"the trusted public keys (says which), the manifest is valid, and it describes the image "
               u"(chip, size, SHA-256, secure version).\n\nExit codes: 0 all checks pass, 1 one fails (stderr "
               u"says which and why), 2 usage error."_s;
    }

    int VerifyCommand::run(const QStringList &arguments)
    {
        QCommandLineParser parser;
        const QCommandLineOption pubkey(u"pubkey"_s, u"A trusted public key (PEM); repeat for several."_s, u"file"_s);
        const QCommandLineOption trustedDir(u"trusted-dir"_s, u"Trust every *.pem public key in this folder."_s, u"dir"_s);
        const QCommandLineOption json(u"json"_s, u"Print JSON for scripts instead of text."_s);
        parser.addOptions({pubkey, trustedDir, json});
        parser.addPositionalArgument(u"image"_s, u"The application .bin."_s);
        parser.addPositionalArgument(u"manifest"_s, u"Its NAME.manifest.json."_s);
        parser.addPositionalArgument(u"signature"_s, u"Its NAME.manifest.sig (base64 or DER)."_s);
        if (auto done = parse(parser, arguments, u"IMAGE MANIFEST SIG --pubkey KEY.pem"_s))
            return *done;
        const QStringList files = parser.positionalArguments();
        if (files.size() != 3 || (!parser.isSet(pubkey) && !parser.isSet(trustedDir)))
            return fail(UsageError, u"expected IMAGE MANIFEST SIG and at least one --pubkey or --trusted-dir; try 'otactl verify --help'"_s);

        QStringList keyPaths = parser.values(pubkey);
        if (parser.isSet(trustedDir)) {
            const QDir dir(parser.value(trustedDir));
            if (!dir.exists())
                return fail(CheckFailed, u"trusted key folder %1 does not exist"_s.arg(dir.path()));
            for (const QString &name : dir.entryList({u"*.pem"_s}, QDir::Files, QDir::Name))
                keyPaths.append(dir.filePath(name));
        }
        QList<PublicKey> keys;
        for (const QString &path : keyPaths) {
            const auto key = KeyFiles::readPublicKey(path);
            if (!key)
                return fail(CheckFailed, u"%1: %2"_s.arg(path, key.error().message));
            keys.append(*key);
        }

        const auto manifestBytes = readWholeFile(files.at(1), ReleaseManifest::MaxBytes);
        if (!manifestBytes)
            return fail(CheckFailed, manifestBytes.error());
        const auto signature = readWholeFile(files.at(2), ManifestSigner::MaxSignatureText);
        if (!signature)
            return fail(CheckFailed, signature.error());

        const auto match = ManifestSigner::verify(*manifestBytes, *signature, keys);
        if (!match)
            return fail(CheckFailed, u"signature: %1"_s.arg(match.error().message));
        const auto manifest = ReleaseManifest::parse(*manifestBytes);
        if (!manifest)
            return fail(CheckFailed, u"%1: %2"_s.arg(files.at(1), manifest.error().message));
        const auto image = ImageReader::readFile(files.at(0));
        if (!image)
            return fail(CheckFailed, u"%1: %2"_s.arg(files.at(0), image.error().message));
        if (const auto matches = manifest->checkMatchesImage(*image); !matches)
            return fail(CheckFailed, matches.error().message);

        const QString keyPath = keyPaths.at(match->keyIndex);
        if (parser.isSet(json)) {
            out() << QJsonDocument(QJsonObject {
                                       {u"valid"_s, true},
                                       {u"keyId"_s, match->keyId},
                                       {u"keyFile"_s, keyPath},
                                       {u"project"_s, manifest->project},
                                       {u"version"_s, manifest->version},
                                       {u"chip"_s, manifest->chip},
                                       {u"sha256"_s, manifest->sha256},
                                   })
                         .toJson(QJsonDocument::Indented);
        } else {
            out() << "signature valid: key " << match->keyId << " (" << keyPath << ")\n"
                  << "manifest matches image: " << manifest->project << " " << manifest->version << " for "
                  << manifest->chip << ", " << manifest->size << " bytes, sha256 " << manifest->sha256 << "\n";
        }
        return Ok;
    }
} // namespace Cli
