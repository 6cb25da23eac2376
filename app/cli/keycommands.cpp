#include "keycommands.h"

#include <QJsonArray>

#include "commandgroup.h"
#include "fileread.h"
#include "firmware/keyfiles.h"
#include "servercommand.h"
#include "texttable.h"

using namespace Qt::Literals::StringLiterals;

namespace Cli
{
    namespace
    {
        constexpr const char *AdminNote = "Needs an admin token. Exit codes: 0 done, 1 refused or the server could not be "
                                          "reached (stderr says why), 2 usage error.";

        void printKey(const Rollout::TrustedKey &key)
        {
            out() << "key id:   " << key.keyId << "\n"
                  << "name:     " << key.name << "\n"
                  << "added:    " << formatTime(key.addedAt) << " by " << key.addedBy << "\n";
            if (key.revoked)
                out() << "revoked:  " << formatTime(key.revokedAt) << " by " << key.revokedBy << "\n";
            out().flush();
        }

        class KeyAddCommand final : public ServerCommand
        {
        public:
            QString name() const override { return u"key add"_s; }
            QString brief() const override { return u"Trust a public key for release signatures"_s; }
            QString summary() const override
            {
                return u"Add PUBKEY.pem (an ECDSA P-256 public key, as 'otactl keygen' writes NAME.pub.pem) to the "
                       u"server's trusted keys under --name, saying whose key it is. A key revoked once is never "
                       u"trusted again.\n\n"_s + QLatin1StringView(AdminNote);
            }
            int run(const QStringList &arguments) override
            {
                QCommandLineParser parser;
                const QCommandLineOption nameOption(u"name"_s, u"Whose key it is (\"release signing 2026\")."_s, u"text"_s);
                parser.addOption(nameOption);
                addServerOptions(parser);
                parser.addPositionalArgument(u"pubkey"_s, u"The public key, PEM."_s);
                if (auto done = parse(parser, arguments, u"PUBKEY.pem --name NAME"_s))
                    return *done;
                if (parser.positionalArguments().size() != 1 || parser.value(nameOption).trimmed().isEmpty())
                    return fail(UsageError, u"expected one PUBKEY.pem and --name NAME; try 'otactl key add --help'"_s);
                if (auto stop = connectToServer(parser))
                    return *stop;
                // Checked here first: a wrong file is told apart from a refusal by the server.
                const QString path = parser.positionalArguments().constFirst();
                if (const auto key = Firmware::KeyFiles::readPublicKey(path); !key)
                    return fail(CheckFailed, key.error().message);
                const auto pem = readWholeFile(path, 64 * 1024);
                if (!pem)
                    return fail(CheckFailed, pem.error());
                const auto added = await<Rollout::TrustedKey>([&](QObject *context, auto done) {
                    client().keys().add(parser.value(nameOption), pem.value(), context, done);
                });
                if (!added)
                    return failCall(added.error());
                if (json())
                    printJson(added->json);
                else
                    printKey(added.value());
                return Ok;
            }
        };

        class KeyListCommand final : public ServerCommand
        {
        public:
            QString name() const override { return u"key list"_s; }
            QString brief() const override { return u"List the trusted keys, revoked ones too"_s; }
            QString summary() const override
            {
                return u"List the server's trusted keys, oldest first, revoked ones included.\n\nNeeds a viewer token. "
                       u"Exit codes: 0 listed, 1 refused or the server could not be reached, 2 usage error."_s;
            }
            int run(const QStringList &arguments) override
            {
                QCommandLineParser parser;
                addServerOptions(parser);
                if (auto done = parse(parser, arguments, QString()))
                    return *done;
                if (!parser.positionalArguments().isEmpty())
                    return fail(UsageError, u"takes no arguments; try 'otactl key list --help'"_s);
                if (auto stop = connectToServer(parser))
                    return *stop;
                const auto keys = await<QList<Rollout::TrustedKey>>([&](QObject *context, auto done) {
                    client().keys().list(context, done);
                });
                if (!keys)
                    return failCall(keys.error());
                if (json()) {
                    printJson(QJsonObject{{u"keys"_s, jsonList(keys.value())}});
                    return Ok;
                }
                TextTable table({u"KEY ID"_s, u"NAME"_s, u"ADDED"_s, u"BY"_s, u"STATE"_s});
                for (const Rollout::TrustedKey &key : keys.value()) {
                    table.addRow({key.keyId, key.name, formatTime(key.addedAt), key.addedBy,
                                  key.revoked ? u"revoked %1 by %2"_s.arg(formatTime(key.revokedAt), key.revokedBy)
                                              : u"trusted"_s});
                }
                if (table.isEmpty())
                    out() << "no trusted keys: every upload is refused until an admin adds one ('otactl key add')\n";
                else
                    table.print(out());
                return Ok;
            }
        };

        class KeyRevokeCommand final : public ServerCommand
        {
        public:
            QString name() const override { return u"key revoke"_s; }
            QString brief() const override { return u"Revoke a trusted key, with a reason"_s; }
            QString summary() const override
            {
                return u"Revoke the trusted key KEYID (as 'otactl key list' shows it). From then on uploads signed "
                       u"with it are refused, and its releases cannot start new rollouts; rollouts under way keep "
                       u"running. The reason goes in the audit log.\n\n"_s + QLatin1StringView(AdminNote);
            }
            int run(const QStringList &arguments) override
            {
                QCommandLineParser parser;
                const QCommandLineOption reasonOption(u"reason"_s, u"Why the key is revoked (audited)."_s, u"text"_s);
                parser.addOption(reasonOption);
                addServerOptions(parser);
                parser.addPositionalArgument(u"keyid"_s, u"The key id (hex SHA-256)."_s);
                if (auto done = parse(parser, arguments, u"KEYID --reason TEXT"_s))
                    return *done;
                if (parser.positionalArguments().size() != 1 || parser.value(reasonOption).trimmed().isEmpty())
                    return fail(UsageError, u"expected one KEYID and --reason TEXT; try 'otactl key revoke --help'"_s);
                if (auto stop = connectToServer(parser))
                    return *stop;
                const auto revoked = await<Rollout::TrustedKey>([&](QObject *context, auto done) {
                    client().keys().revoke(parser.positionalArguments().constFirst(), parser.value(reasonOption), context, done);
                });
                if (!revoked)
                    return failCall(revoked.error());
                if (json())
                    printJson(revoked->json);
                else
                    printKey(revoked.value());
                return Ok;
            }
        };
    } // namespace

    std::unique_ptr<Command> makeKeyCommand()
    {
        std::vector<std::unique_ptr<Command>> commands;
        commands.push_back(std::make_unique<KeyAddCommand>());
        commands.push_back(std::make_unique<KeyListCommand>());
        commands.push_back(std::make_unique<KeyRevokeCommand>());
        return std::make_unique<CommandGroup>(u"key"_s, u"The server's trusted signing keys: add, list, revoke"_s,
                                              std::move(commands));
    }
} // namespace Cli
