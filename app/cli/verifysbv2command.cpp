#include "verifysbv2command.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include "firmware/securebootv2.h"
#include "fileread.h"

using namespace Qt::Literals::StringLiterals;
using namespace Firmware;

namespace Cli
{
    QString VerifySbv2Command::summary() const
    {
        return u"Verify the Secure Boot V2 signature sector at the end of a signed image or bootloader "
               u"(RSA-3072-PSS or ECDSA P-192/P-256/P-384 blocks) against a public key, as espsecure "
               u"verify-signature --version 2 does, and print the key digest the chip's eFuse must hold."
               u"\n\nExit codes: 0 a block verifies with the key, 1 none does (stderr says why), 2 usage error."_s;
    }

    int VerifySbv2Command::run(const QStringList &arguments)
    {
        QCommandLineParser parser;
        const QCommandLineOption pubkey(u"pubkey"_s, u"The Secure Boot V2 public key (PEM)."_s, u"file"_s);
        const QCommandLineOption json(u"json"_s, u"Print JSON for scripts instead of text."_s);
        parser.addOption(pubkey);
        parser.addOption(json);
        parser.addPositionalArgument(u"image"_s, u"The signed .bin file."_s);
        if (auto done = parse(parser, arguments, u"IMAGE --pubkey KEY.pem"_s))
            return *done;
        if (parser.positionalArguments().size() != 1 || !parser.isSet(pubkey))
            return fail(UsageError, u"expected one IMAGE and --pubkey KEY.pem; try 'otactl verify-sbv2 --help'"_s);

        const QString imagePath = parser.positionalArguments().constFirst();
        const auto image = readWholeFile(imagePath);
        if (!image)
            return fail(CheckFailed, image.error());
        const auto key = readWholeFile(parser.value(pubkey));
        if (!key)
            return fail(CheckFailed, key.error());

        const auto keyDigest = SecureBootV2::keyDigestOfPublicKey(*key);
        const auto report = SecureBootV2::verify(*image, *key);
        if (parser.isSet(json)) {
            QJsonObject result {{u"file"_s, imagePath}, {u"valid"_s, report.hasValue()}};
            if (keyDigest)
                result.insert(u"keyDigest"_s, QString::fromLatin1(keyDigest->toHex()));
            if (report) {
                result.insert(u"slot"_s, report->slot);
                result.insert(u"scheme"_s, SecureBootV2::schemeName(report->scheme));
            } else {
                result.insert(u"error"_s, report.error().message);
            }
            out() << QJsonDocument(result).toJson(QJsonDocument::Indented);
        }
        if (!report)
            return fail(CheckFailed, u"%1: %2"_s.arg(imagePath, report.error().message));
        if (!parser.isSet(json)) {
            out() << imagePath << ": Secure Boot V2 signature valid (block " << report->slot << ", "
                  << SecureBootV2::schemeName(report->scheme) << ")\n"
                  << "eFuse key digest: " << report->keyDigest.toHex() << "\n";
        }
        return Ok;
    }
} // namespace Cli
