#include "fleetcommandline.h"

#include <QCommandLineParser>
#include <QJsonValue>

using namespace Qt::Literals::StringLiterals;

namespace Simulator
{
    namespace
    {
        const QString Description = u"Simulated ESP32 and ESP8266 devices on the loopback network, each on its own "
                                    "127.x address: they answer espota (ArduinoOTA) as the real cores do, announce "
                                    "_arduino._tcp over mDNS, \"flash\" into slot files and reboot into the new "
                                    "version. Runs until SIGINT or SIGTERM. Exit codes: 0 stopped by a signal, "
                                    "1 could not start (address or port taken, mDNS port unusable), 2 usage error. "
                                    "Scenario files and the link and flash model: docs/fleet-sim.md."_s;
    } // namespace

    Result<FleetCommandLine::Outcome, QString> FleetCommandLine::parse(const QStringList &arguments)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(Description);
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        const QCommandLineOption help({u"h"_s, u"help"_s}, u"Shows this help."_s);
        const QCommandLineOption count(u"lan-devices"_s, u"Number of devices (default 5). Not with --scenario."_s, u"N"_s);
        const QCommandLineOption base(u"base-address"_s,
                                      u"First device address; the others follow (default 127.0.0.10)."_s, u"ADDRESS"_s);
        const QCommandLineOption flavour(u"flavour"_s,
                                         u"esp32-pbkdf2 (Arduino-ESP32 3.3.1+, default), esp32-md5 (up to 3.3.0) or "
                                         "esp8266. Sets the default port: 3232, or 8266 for esp8266."_s,
                                         u"FLAVOUR"_s);
        const QCommandLineOption board(u"board"_s, u"board TXT value (default esp32, or generic for esp8266)."_s,
                                       u"BOARD"_s);
        const QCommandLineOption passwordEnv(u"password-env"_s,
                                             u"Devices require this OTA password, read from the environment variable "
                                             "VAR (never from the command line)."_s,
                                             u"VAR"_s);
        const QCommandLineOption version(u"version"_s, u"Firmware version the devices run at first (default 1.0.0)."_s,
                                         u"VERSION"_s);
        const QCommandLineOption stateDir(u"state-dir"_s,
                                          u"Where each device keeps its slot files and state.json, in a folder named "
                                          "after it; devices resume from it. Default: a temporary directory removed "
                                          "at exit."_s,
                                          u"DIR"_s);
        const QCommandLineOption delay(u"link-delay-ms"_s, u"One-way link delay, both directions (default 0)."_s, u"MS"_s);
        const QCommandLineOption rate(u"flash-rate"_s, u"Flash write rate in bytes per second (default 400000; 0 "
                                                       "unlimited)."_s,
                                      u"BYTES_PER_S"_s);
        const QCommandLineOption reboot(u"reboot-ms"_s, u"How long a device stays silent when it reboots (default "
                                                        "3000)."_s,
                                        u"MS"_s);
        const QCommandLineOption interface(u"interface"_s,
                                           u"Interface for mDNS (default lo). Repeat for more. mDNS goes to no other "
                                           "interface unless named here."_s,
                                           u"NAME"_s);
        const QCommandLineOption noMdns(u"no-mdns"_s, u"Do not announce the devices over mDNS."_s);
        const QCommandLineOption scenario(u"scenario"_s,
                                          u"JSON file describing devices one by one (any device field, plus "
                                          "defaults); command line settings are its defaults' defaults."_s,
                                          u"FILE"_s);
        parser.addOptions({help, count, base, flavour, board, passwordEnv, version, stateDir, delay, rate, reboot,
                           interface, noMdns, scenario});
        m_help = parser.helpText();
        if (!parser.parse(arguments))
            return QString(parser.errorText() + u"; see --help"_s);
        if (parser.isSet(help))
            return Outcome::HelpShown;
        if (!parser.positionalArguments().isEmpty())
            return u"unexpected argument '%1'; see --help"_s.arg(parser.positionalArguments().constFirst());

        if (parser.isSet(count) && parser.isSet(scenario))
            return u"--lan-devices and --scenario: give one; a scenario lists its devices"_s;
        if (parser.isSet(count)) {
            bool ok = false;
            m_count = parser.value(count).toInt(&ok);
            if (!ok || m_count < 0)
                return u"--lan-devices: '%1' is not a number of devices; use e.g. --lan-devices 5"_s.arg(parser.value(count));
        }
        if (parser.isSet(base)) {
            const QHostAddress address(parser.value(base));
            if (address.protocol() != QAbstractSocket::IPv4Protocol)
                return u"--base-address: '%1' is not an IPv4 address; use one in 127.0.0.0/8 such as 127.0.0.10"_s.arg(
                    parser.value(base));
            m_base.baseAddress = address;
        }
        const auto setField = [this, &parser](const QCommandLineOption &option, const QString &field, bool number) {
            if (!parser.isSet(option))
                return;
            const QString value = parser.value(option);
            bool ok = false;
            const qlonglong asNumber = value.toLongLong(&ok);
            // Numbers that do not parse stay text: the field check names the option.
            m_base.fields.insert(field, number && ok ? QJsonValue(double(asNumber)) : QJsonValue(value));
            m_base.sources.insert(field, u"--"_s + option.names().constFirst());
        };
        setField(flavour, u"flavour"_s, false);
        setField(board, u"board"_s, false);
        setField(passwordEnv, u"passwordEnv"_s, false);
        setField(version, u"version"_s, false);
        setField(delay, u"linkDelayMs"_s, true);
        setField(rate, u"flashBytesPerSecond"_s, true);
        setField(reboot, u"rebootSilenceMs"_s, true);
        m_scenario = parser.value(scenario);
        m_stateDir = parser.value(stateDir);
        m_interfaces = parser.isSet(noMdns) ? QStringList() : parser.isSet(interface) ? parser.values(interface)
                                                                                      : QStringList{u"lo"_s};
        if (parser.isSet(noMdns) && parser.isSet(interface))
            return u"--no-mdns and --interface: give one"_s;
        // Check the fields now, so a bad value is a usage error before anything starts.
        const auto checked = devices(u"/nonexistent"_s);
        if (!checked)
            return checked.error();
        return Outcome::Run;
    }

    Result<QList<LanDeviceConfig>, QString> FleetCommandLine::devices(const QString &stateDir) const
    {
        FleetBase base = m_base;
        base.stateDir = stateDir;
        if (!m_scenario.isEmpty())
            return Scenario::readFile(m_scenario, base);
        return Scenario::generate(base, m_count);
    }
} // namespace Simulator
