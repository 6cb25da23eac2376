// otactl: the OTA Rollout Console core as a command line, for CI and scripts.
#include <memory>
#include <vector>

#include <QCoreApplication>
#include <QLoggingCategory>

#include "auditcommand.h"
#include "command.h"
#include "devicecommands.h"
#include "discovercommand.h"
#include "espotacommand.h"
#include "inspectcommand.h"
#include "keycommands.h"
#include "keygencommand.h"
#include "pushcommand.h"
#include "rolloutcommands.h"
#include "signcommand.h"
#include "uploadcommand.h"
#include "verifycommand.h"
#include "verifysbv2command.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    std::vector<std::unique_ptr<Cli::Command>> allCommands()
    {
        std::vector<std::unique_ptr<Cli::Command>> commands;
        commands.push_back(std::make_unique<Cli::InspectCommand>());
        commands.push_back(std::make_unique<Cli::KeygenCommand>());
        commands.push_back(std::make_unique<Cli::SignCommand>());
        commands.push_back(std::make_unique<Cli::VerifyCommand>());
        commands.push_back(std::make_unique<Cli::VerifySbv2Command>());
        commands.push_back(std::make_unique<Cli::DiscoverCommand>());
        commands.push_back(std::make_unique<Cli::PushCommand>());
        commands.push_back(std::make_unique<Cli::EspotaCommand>());
        // ota-server
        commands.push_back(std::make_unique<Cli::UploadCommand>());
        commands.push_back(Cli::makeKeyCommand());
        commands.push_back(Cli::makeDevicesCommand());
        commands.push_back(Cli::makeDeviceCommand());
        commands.push_back(Cli::makeRolloutCommand());
        commands.push_back(std::make_unique<Cli::AuditCommand>());
        return commands;
    }

    void printUsage(QTextStream &stream, const std::vector<std::unique_ptr<Cli::Command>> &commands)
    {
        stream << "Usage: otactl VERB [options] [arguments]\n\n"
               << "OTA Rollout Console command line: inspect, sign and verify ESP32 firmware; find devices on the LAN and push firmware to them; upload releases and run rollouts on ota-server.\n\nVerbs:\n";
        for (const auto &command : commands)
            stream << "  " << command->name().leftJustified(14) << command->brief() << "\n";
        stream << "\n'otactl VERB --help' describes a verb. Exit codes: 0 ok, 1 check failed, 2 usage error.\n";
        stream.flush();
    }
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"otactl"_s);
    QCoreApplication::setOrganizationName(u"OTA Rollout Console"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(OTA_VERSION));

    // The library logs what it does at info level for the server's journal;
    // a command line prints its own results, so only warnings show unless
    // QT_LOGGING_RULES asks for more.
    if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(u"ota.*.info=false"_s);

    const auto commands = allCommands();
    const QStringList arguments = app.arguments().mid(1);
    if (arguments.isEmpty()) {
        printUsage(Cli::err(), commands);
        return Cli::UsageError;
    }
    const QString &verb = arguments.constFirst();
    if (verb == u"--help" || verb == u"-h" || verb == u"help") {
        printUsage(Cli::out(), commands);
        return Cli::Ok;
    }
    if (verb == u"--version") {
        Cli::out() << "otactl " << QCoreApplication::applicationVersion() << "\n";
        return Cli::Ok;
    }
    for (const auto &command : commands) {
        if (command->name() == verb)
            return command->run(arguments);
    }
    Cli::err() << "otactl: unknown verb '" << verb << "'. Run 'otactl --help' for the list.\n";
    return Cli::UsageError;
}
