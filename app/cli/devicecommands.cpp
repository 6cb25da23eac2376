#include "devicecommands.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include "commandgroup.h"
#include "newfile.h"
#include "servercommand.h"
#include "texttable.h"

using namespace Qt::Literals::StringLiterals;

namespace Cli
{
    namespace
    {
        QString optionalNumber(const std::optional<int> &value, const QString &unit)
        {
            return value ? QString::number(*value) + unit : u"-"_s;
        }

        class DevicesCommand final : public ServerCommand
        {
        public:
            QString name() const override { return u"devices"_s; }
            QString brief() const override { return u"List the enrolled devices: version, battery, last seen, overdue"_s; }
            QString summary() const override
            {
                return u"List the devices enrolled on the server, in id order: id, running version, battery, RSSI, "
                       u"when it last checked in (as an age on the server's clock) and whether its next check-in is "
                       u"overdue, and by how long. A device that never checked in shows 'never'.\n\nNeeds a viewer "
                       u"token. Exit codes: 0 listed, 1 refused or the server could not be reached, 2 usage error."_s;
            }
            int run(const QStringList &arguments) override
            {
                QCommandLineParser parser;
                const QCommandLineOption overdue(u"overdue"_s, u"Only devices whose expected check-in has passed."_s);
                const QCommandLineOption version(u"version"_s, u"Only devices running this version."_s, u"V"_s);
                const QCommandLineOption project(u"project"_s, u"Only devices of this project."_s, u"P"_s);
                parser.addOptions({overdue, version, project});
                addServerOptions(parser);
                if (auto done = parse(parser, arguments, QString()))
                    return *done;
                if (!parser.positionalArguments().isEmpty())
                    return fail(UsageError, u"takes no arguments (filter with --version, --project, --overdue); try 'otactl devices --help'"_s);
                if (auto stop = connectToServer(parser))
                    return *stop;
                const Rollout::DeviceQuery query{parser.value(version), parser.value(project), parser.isSet(overdue), 0};
                const auto listing = await<Rollout::DeviceList>([&](QObject *context, auto done) {
                    client().devices().list(query, context, done);
                });
                if (!listing)
                    return failCall(listing.error());
                if (json()) {
                    printJson(QJsonObject{{u"devices"_s, jsonList(listing->devices)},
                                          {u"serverTime"_s, listing->serverTime.toString(Qt::ISODateWithMs)}});
                    return Ok;
                }
                TextTable table({u"ID"_s, u"VERSION"_s, u"BATTERY"_s, u"RSSI"_s, u"LAST SEEN"_s, u"OVERDUE"_s});
                for (const Rollout::Device &device : listing->devices) {
                    const QString seen = device.lastSeen.isValid()
                                             ? formatDuration(device.lastSeen.secsTo(listing->serverTime)) + u" ago"_s
                                             : u"never"_s;
                    table.addRow({device.id, device.version.isEmpty() ? u"-"_s : device.version,
                                  optionalNumber(device.batteryPercent, u"%"_s), optionalNumber(device.rssi, u" dBm"_s), seen,
                                  device.overdue ? u"overdue %1"_s.arg(formatDuration(device.overdueSeconds)) : u"no"_s});
                }
                table.print(out());
                out() << listing->devices.size() << " devices\n";
                return Ok;
            }
        };

        class DeviceEnrolCommand final : public ServerCommand
        {
        public:
            QString name() const override { return u"device enrol"_s; }
            QString brief() const override { return u"Enrol devices; their secrets go to a 0600 file"_s; }
            QString summary() const override
            {
                return u"Enrol the devices ID... on the server (all or none), each with the --tag values. The server "
                       u"answers each device's secret once, for its HTTP Basic credential on the device API. The "
                       u"secrets are written to --secrets-out FILE, a new file of mode 0600 holding a JSON object "
                       u"of id -> secret (the form of ota-fleet-sim's credentials.json); they are printed only with "
                       u"--json. Without either, nothing is enrolled.\n\nNeeds an admin token. Exit codes: 0 "
                       u"enrolled, 1 refused or the server could not be reached, 2 usage error."_s;
            }
            int run(const QStringList &arguments) override
            {
                QCommandLineParser parser;
                const QCommandLineOption tag(u"tag"_s, u"A tag for every device enrolled; repeat for several."_s, u"T"_s);
                const QCommandLineOption secretsOut(u"secrets-out"_s, u"Write the secrets to this new file (mode 0600)."_s, u"file"_s);
                parser.addOptions({tag, secretsOut});
                addServerOptions(parser);
                parser.addPositionalArgument(u"id"_s, u"Device ids (1 to 64 of A-Z a-z 0-9 . _ : -)."_s, u"ID..."_s);
                if (auto done = parse(parser, arguments, u"ID... --secrets-out FILE"_s))
                    return *done;
                const QStringList ids = parser.positionalArguments();
                if (ids.isEmpty())
                    return fail(UsageError, u"name at least one device ID; try 'otactl device enrol --help'"_s);
                if (!parser.isSet(secretsOut) && !parser.isSet(u"json"_s))
                    return fail(UsageError, u"say where the secrets go: --secrets-out FILE (they are shown once and never "
                                            u"printed without --json); nothing was enrolled"_s);
                const QString secretsPath = parser.value(secretsOut);
                // Refused before enrolling: secrets the server answers once must have somewhere to go.
                if (!secretsPath.isEmpty() && NewFile::isTaken(secretsPath))
                    return fail(CheckFailed, u"%1 already exists; nothing was enrolled (the secrets file is never overwritten)"_s.arg(secretsPath));
                if (auto stop = connectToServer(parser))
                    return *stop;
                QList<Rollout::Enrolment> devices;
                for (const QString &id : ids)
                    devices.append({id, parser.values(tag)});
                const auto enrolled = await<QList<Rollout::EnrolledDevice>>([&](QObject *context, auto done) {
                    client().devices().enrol(devices, context, done);
                });
                if (!enrolled)
                    return failCall(enrolled.error());
                QJsonObject secrets;
                for (const Rollout::EnrolledDevice &device : enrolled.value())
                    secrets.insert(device.id, device.secret);
                if (!secretsPath.isEmpty()) {
                    if (auto written = NewFile::write(secretsPath, QJsonDocument(secrets).toJson(QJsonDocument::Indented), NewFile::OwnerOnly); !written) {
                        return fail(CheckFailed, u"%1 devices were enrolled but their secrets could not be saved: %2; "
                                                 u"enrol them again under new ids, or use --json"_s.arg(enrolled->size()).arg(written.error().message));
                    }
                }
                if (json()) {
                    QJsonArray list;
                    for (const Rollout::EnrolledDevice &device : enrolled.value())
                        list.append(QJsonObject{{u"id"_s, device.id}, {u"secret"_s, device.secret}});
                    printJson(QJsonObject{{u"devices"_s, list}});
                } else {
                    out() << "enrolled " << enrolled->size() << " devices: " << ids.join(u", "_s) << "\n"
                          << "secrets:  " << secretsPath << " (mode 0600)\n";
                }
                return Ok;
            }
        };
    } // namespace

    std::unique_ptr<Command> makeDevicesCommand()
    {
        return std::make_unique<DevicesCommand>();
    }

    std::unique_ptr<Command> makeDeviceCommand()
    {
        std::vector<std::unique_ptr<Command>> commands;
        commands.push_back(std::make_unique<DeviceEnrolCommand>());
        return std::make_unique<CommandGroup>(u"device"_s, u"Devices on the server: enrol"_s, std::move(commands));
    }
} // namespace Cli
