#include "fleetcommandline.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
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
        // Rollout-server agents (docs/fleet-sim.md "Rollout agents")
        const QCommandLineOption agentsOption(u"agents"_s, u"Number of rollout-server agents, all alike (default 0; not with "
                                                     "--scenario, whose \"agents\" section lists them). With --agents "
                                                     "and no --lan-devices there are no LAN devices."_s,
                                        u"N"_s);
        const QCommandLineOption serverOption(u"server"_s, u"ota-server the agents check in with: http://127.0.0.1:PORT."_s,
                                        u"URL"_s);
        const QCommandLineOption tokenEnvOption(u"enrol-token-env"_s,
                                          u"Environment variable holding an admin token: agents without a secret in "
                                          "the state directory are enrolled with it (POST /api/v1/devices)."_s,
                                          u"VAR"_s);
        const QCommandLineOption trustedKeyOption(u"trusted-key"_s,
                                            u"PEM public key the agents check release signatures against. Repeat for "
                                            "more keys."_s,
                                            u"FILE"_s);
        const QCommandLineOption checkInOption(u"check-in-seconds"_s, u"Simulated seconds between an agent's check-ins, "
                                                                "+-10% jitter (default 3600)."_s,
                                         u"S"_s);
        const QCommandLineOption timeScaleOption(u"time-scale"_s, u"Simulated time runs X times faster than real time "
                                                            "(default 1). Start the server with the same scale."_s,
                                           u"X"_s);
        const QCommandLineOption seedOption(u"seed"_s, u"Seed of the agents' failure and battery draws (default 1, or the "
                                                 "scenario's)."_s,
                                      u"N"_s);
        const QCommandLineOption downloadRateOption(u"download-rate"_s, u"Image download rate per agent, simulated bytes "
                                                                  "per second (default 50000)."_s,
                                              u"BYTES_PER_S"_s);
        const QCommandLineOption agentsLanOption(u"agents-lan"_s, u"Every agent is also a LAN device (espota + mDNS) with "
                                                            "the same id as host name and the same first version."_s);
        const QCommandLineOption quietOption(u"quiet-agents"_s, u"No line per agent event; the summary line only."_s);
        const QCommandLineOption summaryOption(u"summary-seconds"_s, u"Real seconds between agent summary lines (default "
                                                               "10; 0: none)."_s,
                                         u"S"_s);
        // ESPHome nodes (docs/fleet-sim.md "ESPHome devices")
        const QCommandLineOption esphomeCount(u"esphome-devices"_s, u"Number of ESPHome devices (default 0), on the "
                                                                   "addresses after the ArduinoOTA devices."_s,
                                              u"N"_s);
        const QCommandLineOption esphomeProtocol(u"esphome-protocol"_s, u"ESPHome OTA version 1 or 2 (default 2: a "
                                                                       "CHUNK_OK per 8 KiB)."_s,
                                                 u"1|2"_s);
        const QCommandLineOption esphomeAuth(u"esphome-auth"_s,
                                             u"With --password-env: md5 (before 2025.10), transitional (2025.10-12 "
                                             "with MD5 downgrade) or sha256 (2026.1+, default)."_s,
                                             u"MODE"_s);
        const QCommandLineOption esphomeCompression(u"esphome-compression"_s,
                                                    u"ESPHome devices are ESP8266 nodes that take gzip uploads (port "
                                                    "8266, board d1_mini)."_s);
        const QCommandLineOption esphomeVersion(u"esphome-version"_s, u"version TXT: the ESPHome release (default "
                                                                     "2025.11.2)."_s,
                                                u"V"_s);
        const QCommandLineOption esphomeFailure(u"esphome-failure"_s,
                                                u"Every ESPHome device fails this way: drop-at-percent[:P] (the "
                                                "connection drops at P% of the upload, default 50), not-enough-space "
                                                "(refuses the size) or reboot-into-old-image."_s,
                                                u"MODE"_s);
        parser.addOptions({esphomeCount, esphomeProtocol, esphomeAuth, esphomeCompression, esphomeVersion, esphomeFailure});
        parser.addOptions({help, count, base, flavour, board, passwordEnv, version, stateDir, delay, rate, reboot,
                           interface, noMdns, scenario, agentsOption, serverOption, tokenEnvOption, trustedKeyOption,
                           checkInOption, timeScaleOption, seedOption, downloadRateOption, agentsLanOption, quietOption,
                           summaryOption});
        m_help = parser.helpText();
        if (!parser.parse(arguments))
            return QString(parser.errorText() + u"; see --help"_s);
        if (parser.isSet(help))
            return Outcome::HelpShown;
        if (!parser.positionalArguments().isEmpty())
            return u"unexpected argument '%1'; see --help"_s.arg(parser.positionalArguments().constFirst());

        if (parser.isSet(count) && parser.isSet(scenario))
            return u"--lan-devices and --scenario: give one; a scenario lists its devices"_s;
        if (parser.isSet(agentsOption) && parser.isSet(scenario))
            return u"--agents and --scenario: give one; a scenario lists its agents in its \"agents\" section"_s;
        if (parser.isSet(agentsOption)) {
            bool ok = false;
            m_agentCount = parser.value(agentsOption).toInt(&ok);
            if (!ok || m_agentCount < 0)
                return u"--agents: '%1' is not a number of agents; use e.g. --agents 20"_s.arg(parser.value(agentsOption));
            if (!parser.isSet(count))
                m_count = 0;
        }
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
        const auto setAgentField = [this, &parser](const QCommandLineOption &option, const QString &field) {
            if (!parser.isSet(option))
                return;
            bool ok = false;
            const double asNumber = parser.value(option).toDouble(&ok);
            // Numbers that do not parse stay text: the field check names the option.
            m_agentBase.fields.insert(field, ok ? QJsonValue(asNumber) : QJsonValue(parser.value(option)));
            m_agentBase.sources.insert(field, u"--"_s + option.names().constFirst());
        };
        setAgentField(checkInOption, u"checkInSeconds"_s);
        setAgentField(downloadRateOption, u"downloadBytesPerSecond"_s);
        if (parser.isSet(version)) {
            m_agentBase.fields.insert(u"version"_s, parser.value(version));
            m_agentBase.sources.insert(u"version"_s, u"--version"_s);
        }
        if (parser.isSet(agentsLanOption)) {
            m_agentBase.fields.insert(u"lan"_s, true);
            m_agentBase.sources.insert(u"lan"_s, u"--agents-lan"_s);
        }
        if (parser.isSet(seedOption)) {
            bool ok = false;
            m_agentBase.seed = parser.value(seedOption).toULongLong(&ok);
            if (!ok)
                return u"--seed: '%1' is not a whole number; use e.g. --seed 42"_s.arg(parser.value(seedOption));
            m_agentBase.seedGiven = true;
        }
        if (parser.isSet(timeScaleOption)) {
            bool ok = false;
            m_timeScale = parser.value(timeScaleOption).toDouble(&ok);
            if (!ok || m_timeScale < 0.001 || m_timeScale > 1000000)
                return u"--time-scale: '%1' is not a factor from 0.001 to 1000000; use e.g. --time-scale 60"_s.arg(
                    parser.value(timeScaleOption));
        }
        if (parser.isSet(summaryOption)) {
            bool ok = false;
            m_summarySeconds = parser.value(summaryOption).toInt(&ok);
            if (!ok || m_summarySeconds < 0 || m_summarySeconds > 86400)
                return u"--summary-seconds: '%1' is not 0 to 86400 seconds"_s.arg(parser.value(summaryOption));
        }
        m_quietAgents = parser.isSet(quietOption);
        if (parser.isSet(serverOption)) {
            m_server = QUrl(parser.value(serverOption), QUrl::StrictMode);
            // Device traffic stays on this host: the simulator only ever talks to loopback.
            const QHostAddress host(m_server.host());
            if (!m_server.isValid() || m_server.scheme() != u"http" || !host.isLoopback() || m_server.port() <= 0
                || (!m_server.path().isEmpty() && m_server.path() != u"/"))
                return u"--server: '%1' is not http://127.x.y.z:PORT; the agents talk to a server on this host "
                       "only"_s.arg(parser.value(serverOption));
        }
        if (parser.isSet(tokenEnvOption)) {
            const QByteArray variable = parser.value(tokenEnvOption).toLocal8Bit();
            m_adminToken = qgetenv(variable.constData()).trimmed();
            if (m_adminToken.isEmpty())
                return u"--enrol-token-env: the environment variable %1 is not set or empty; export the admin token "
                       "from `ota-server init` in it"_s.arg(parser.value(tokenEnvOption));
        }
        for (const QString &path : parser.values(trustedKeyOption)) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return u"--trusted-key: cannot read %1: %2"_s.arg(path, file.errorString());
            const auto key = Firmware::PublicKey::fromPem(file.readAll());
            if (!key)
                return u"--trusted-key: %1: %2"_s.arg(path, key.error().message);
            m_trustedKeys.append(*key);
        }
        if (const auto esphome = parseEsphome(parser, {esphomeCount, esphomeProtocol, esphomeAuth,
                                                       esphomeCompression, esphomeVersion, passwordEnv, version,
                                                       delay, rate, reboot, esphomeFailure});
            !esphome)
            return esphome.error();
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
        const auto fleet = agents();
        if (!fleet)
            return fleet.error();
        if (!fleet->isEmpty() && m_server.isEmpty())
            return u"%1 agents but no --server; give --server http://127.0.0.1:PORT of ota-server"_s.arg(fleet->size());
        if (!fleet->isEmpty() && m_trustedKeys.isEmpty())
            return u"%1 agents but no --trusted-key; give the PEM public key releases are signed with, or every "
                   "release would be rejected"_s.arg(fleet->size());
        return Outcome::Run;
    }

    Result<QList<LanDeviceConfig>, QString> FleetCommandLine::devices(const QString &stateDir) const
    {
        FleetBase base = m_base;
        base.stateDir = stateDir;
        auto lan = !m_scenario.isEmpty() ? Scenario::readFile(m_scenario, base) : Scenario::generate(base, m_count);
        if (!lan)
            return lan;
        const auto fleet = agents();
        if (!fleet)
            return fleet.error();
        QList<LanDeviceConfig> devices = *lan;
        quint32 next = devices.isEmpty() ? base.baseAddress.toIPv4Address() : devices.constLast().address.toIPv4Address() + 1;
        for (const AgentConfig &agent : *fleet) {
            if (!agent.alsoLan)
                continue;
            // The same device on the LAN: its id as host name, its first version.
            FleetBase one = base;
            one.baseAddress = QHostAddress(next++);
            one.fields.insert(u"hostName"_s, agent.id);
            one.sources.insert(u"hostName"_s, u"agent %1 (lan: true)"_s.arg(agent.id));
            one.fields.insert(u"version"_s, agent.version);
            const auto made = Scenario::generate(one, 1);
            if (!made)
                return QString(made.error() + u"; an agent that is also a LAN device needs an id that is a DNS label"_s);
            for (const LanDeviceConfig &d : std::as_const(devices))
                if (d.hostName == made->constFirst().hostName)
                    return u"agent %1 (lan: true): a LAN device has that host name already"_s.arg(agent.id);
            if (!made->constFirst().address.isLoopback() && base.baseAddress.isLoopback())
                return u"agent %1 (lan: true): address %2 left 127.0.0.0/8; use a lower base address"_s.arg(
                    agent.id, made->constFirst().address.toString());
            devices.append(made->constFirst());
        }
        return devices;
    }

    Result<bool, QString> FleetCommandLine::parseEsphome(const QCommandLineParser &parser,
                                                         const QList<QCommandLineOption> &o)
    {
        const auto number = [&parser](const QCommandLineOption &option, int low, int high, int *into) -> bool {
            if (!parser.isSet(option))
                return true;
            bool ok = false;
            const int value = parser.value(option).toInt(&ok);
            if (!ok || value < low || value > high)
                return false;
            *into = value;
            return true;
        };
        if (!number(o[0], 0, 1000, &m_esphomeCount))
            return u"--esphome-devices: '%1' is not a number of devices; use e.g. --esphome-devices 3"_s.arg(
                parser.value(o[0]));
        int protocol = 2;
        if (!number(o[1], 1, 2, &protocol))
            return u"--esphome-protocol: '%1' is not 1 or 2"_s.arg(parser.value(o[1]));
        EsphomeDeviceConfig &t = m_esphomeTemplate;
        t.behaviour.protocolVersion = quint8(protocol);
        const QString auth = parser.value(o[2]);
        if (auth == u"md5")
            t.behaviour.auth = Esphome::AuthMode::Md5Only;
        else if (auth == u"transitional")
            t.behaviour.auth = Esphome::AuthMode::Transitional;
        else if (auth.isEmpty() || auth == u"sha256")
            t.behaviour.auth = Esphome::AuthMode::Sha256Required;
        else
            return u"--esphome-auth: '%1' is not md5, transitional or sha256"_s.arg(auth);
        if (parser.isSet(o[3])) {
            t.behaviour.supportsCompression = true;
            t.behaviour.platform = Esphome::Platform::Esp8266;
            t.board = u"d1_mini"_s;
            t.appPartitionSize = 0xFB000; // 4 MB ESP8266, 1 MB sketch: about 1 MB free for OTA
        }
        if (parser.isSet(o[4]))
            t.esphomeVersion = parser.value(o[4]);
        if (parser.isSet(o[5]))
            t.behaviour.password = qEnvironmentVariable(parser.value(o[5]).toLocal8Bit().constData());
        if (parser.isSet(o[6]))
            t.version = parser.value(o[6]);
        // Shared with the LAN devices, whose field check reports a bad value by its option.
        (void)number(o[7], 0, 60000, &t.behaviour.linkDelayMs);
        (void)number(o[8], 0, 1 << 30, &t.behaviour.flashBytesPerSecond);
        (void)number(o[9], 0, 600000, &t.rebootSilenceMs);
        if (parser.isSet(o[10])) {
            const QString text = parser.value(o[10]);
            const QString mode = text.section(u':', 0, 0);
            const auto failure = lanFailureByName(mode);
            if (!failure
                || !(*failure == LanFailure::DropAtPercent || *failure == LanFailure::NotEnoughSpace
                     || *failure == LanFailure::RebootIntoOldImage))
                return u"--esphome-failure: '%1' is not a failure an ESPHome device has; use drop-at-percent[:P], "
                       "not-enough-space or reboot-into-old-image"_s.arg(mode);
            t.failure = *failure;
            if (text.contains(u':')) {
                bool ok = false;
                const int percent = text.section(u':', 1).toInt(&ok);
                if (*failure != LanFailure::DropAtPercent || !ok || percent < 0 || percent > 100)
                    return u"--esphome-failure: '%1': only drop-at-percent takes a percentage, 0 to 100 (e.g. "
                           "drop-at-percent:30)"_s.arg(text);
                t.failureAtPercent = percent;
            }
        }
        return true;
    }

    QList<EsphomeDeviceConfig> FleetCommandLine::esphomeDevices(const QString &stateDir, const QHostAddress &first) const
    {
        QList<EsphomeDeviceConfig> devices;
        for (int i = 0; i < m_esphomeCount; ++i) {
            EsphomeDeviceConfig config = m_esphomeTemplate;
            config.address = QHostAddress(first.toIPv4Address() + quint32(i));
            config.hostName = u"esphome-%1"_s.arg(esphomeMac(config.address).right(6));
            config.stateDir = stateDir;
            devices.append(config);
        }
        return devices;
    }

    Result<QList<AgentConfig>, QString> FleetCommandLine::agents() const
    {
        if (m_scenario.isEmpty())
            return AgentScenario::generate(m_agentBase, m_agentCount);
        QFile file(m_scenario);
        if (!file.open(QIODevice::ReadOnly))
            return u"--scenario: cannot read %1: %2"_s.arg(m_scenario, file.errorString());
        // Scenario::readFile has checked it is a JSON object by the time this runs.
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        if (!root.contains(u"agents"_s))
            return QList<AgentConfig>();
        return AgentScenario::parse(root.value(u"agents"_s), m_scenario, m_agentBase);
    }
} // namespace Simulator
