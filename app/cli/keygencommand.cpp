#include "keygencommand.h"

#include "firmware/keyfiles.h"
#include "firmware/signingkey.h"
#include "passphrase.h"

using namespace Qt::Literals::StringLiterals;
using namespace Firmware;

namespace Cli
{
    QString KeygenCommand::summary() const
    {
        return u"Generate an ECDSA P-256 key pair for signing release manifests: NAME.key.pem (PKCS#8, "
               u"encrypted with a passphrase, mode 0600) and NAME.pub.pem (give it to the rollout server's "
               u"admin as a trusted key). Prints the key id, the SHA-256 of the public key. Existing files "
               u"are never overwritten.\n\nThe passphrase comes from --passphrase-file, the OTACTL_PASSPHRASE "
               u"environment variable, or a prompt on the terminal.\n\nExit codes: 0 written, 1 not written "
               u"(stderr says why), 2 usage error."_s;
    }

    int KeygenCommand::run(const QStringList &arguments)
    {
        QCommandLineParser parser;
        const QCommandLineOption passphraseFile(u"passphrase-file"_s, u"Read the passphrase from the first line of this file."_s, u"file"_s);
        const QCommandLineOption unencrypted(u"unencrypted"_s, u"Write the private key without a passphrase (only for throwaway keys)."_s);
        parser.addOption(passphraseFile);
        parser.addOption(unencrypted);
        parser.addPositionalArgument(u"name"_s, u"Path prefix of the key files: NAME.key.pem and NAME.pub.pem."_s);
        if (auto done = parse(parser, arguments, u"NAME"_s))
            return *done;
        if (parser.positionalArguments().size() != 1)
            return fail(UsageError, u"expected one NAME; try 'otactl keygen --help'"_s);
        if (parser.isSet(unencrypted) && parser.isSet(passphraseFile))
            return fail(UsageError, u"--unencrypted and --passphrase-file contradict each other"_s);

        const QString base = parser.positionalArguments().constFirst();
        const QString privatePath = base + u".key.pem"_s;
        const QString publicPath = base + u".pub.pem"_s;

        QByteArray passphrase;
        if (!parser.isSet(unencrypted)) {
            auto obtained = Passphrase::obtain(parser.value(passphraseFile), u"Passphrase for the new key: "_s, true);
            if (!obtained)
                return fail(CheckFailed, obtained.error());
            passphrase = *obtained;
            if (passphrase.isEmpty())
                return fail(CheckFailed, u"the passphrase is empty; use --unencrypted if you really want a key in the clear"_s);
        }

        const auto key = SigningKey::generate();
        if (!key)
            return fail(CheckFailed, key.error().message);
        const auto written = KeyFiles::write(*key, privatePath, publicPath, passphrase,
                                             parser.isSet(unencrypted) ? KeyFiles::Protection::Unencrypted
                                                                       : KeyFiles::Protection::Passphrase);
        if (!written)
            return fail(CheckFailed, written.error().message);

        out() << "private key: " << privatePath << (parser.isSet(unencrypted) ? " (NOT encrypted)" : " (encrypted)") << "\n"
              << "public key:  " << publicPath << "\n"
              << "key id:      " << key->keyId() << "\n";
        return Ok;
    }
} // namespace Cli
