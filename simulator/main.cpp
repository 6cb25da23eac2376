// ota-fleet-sim: simulated ESP32/ESP8266 devices on the loopback network.
#include <memory>
#include <vector>

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTimer>
#include <QTextStream>

#include "discovery/mdnsresponder.h"
#include "agentfleet.h"
#include "discovery/mdnstransport.h"
#include "fleetcommandline.h"
#include "esphomelandevice.h"
#include "landevice.h"
#include "signalwatcher.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    // "<host> rebooting" and "<host> booted <version>", for either kind of device.
    template<typename Device>
    void printReboots(QTextStream &out, const QString &host, Device *device)
    {
        QObject::connect(device, &Device::rebooting, device, [&out, host] {
            out << host << " rebooting\n";
            out.flush();
        });
        QObject::connect(device, &Device::booted, device, [&out, host](const QString &version) {
            out << host << " booted " << version << "\n";
            out.flush();
        });
    }
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"ota-fleet-sim"_s);
    QCoreApplication::setOrganizationName(u"OTA Rollout Console"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(OTA_VERSION));
    if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(u"ota.discovery.info=false"_s);

    QTextStream out(stdout);
    QTextStream err(stderr);
    Simulator::FleetCommandLine commandLine;
    const auto parsed = commandLine.parse(app.arguments());
    if (!parsed) {
        err << "ota-fleet-sim: " << parsed.error() << "\n";
        return 2;
    }
    if (*parsed == Simulator::FleetCommandLine::Outcome::HelpShown) {
        out << commandLine.helpText();
        return 0;
    }

    std::unique_ptr<QTemporaryDir> temporary;
    QString stateDir = commandLine.stateDir();
    if (stateDir.isEmpty()) {
        temporary = std::make_unique<QTemporaryDir>();
        if (!temporary->isValid()) {
            err << "ota-fleet-sim: cannot create a temporary state directory; give --state-dir DIR\n";
            return 1;
        }
        stateDir = temporary->path();
    }
    const auto configs = commandLine.devices(stateDir);
    if (!configs) {
        err << "ota-fleet-sim: " << configs.error() << "\n";
        return 2;
    }
    out << "state directory: " << stateDir << (temporary ? " (temporary, removed at exit)" : "") << "\n";
    out.flush();

    std::unique_ptr<Discovery::MdnsTransport> transport;
    std::unique_ptr<Discovery::MdnsResponder> responder;
    if (!commandLine.mdnsInterfaces().isEmpty()) {
        transport = std::make_unique<Discovery::MdnsTransport>(commandLine.mdnsInterfaces());
        QString error;
        if (!transport->start(&error)) {
            err << "ota-fleet-sim: mDNS: " << error << "\n";
            return 1;
        }
        responder = std::make_unique<Discovery::MdnsResponder>(transport.get());
        out << "mDNS on: " << commandLine.mdnsInterfaces().join(u", ") << "\n";
    } else {
        out << "mDNS: off\n";
    }

    std::vector<std::unique_ptr<Simulator::LanDevice>> devices;
    for (const Simulator::LanDeviceConfig &config : *configs) {
        auto device = std::make_unique<Simulator::LanDevice>(config, responder.get());
        const auto started = device->start();
        if (!started) {
            err << "ota-fleet-sim: " << started.error() << "\n";
            return 1;
        }
        const QString host = config.hostName;
        auto *d = device.get();
        QObject::connect(d, &Simulator::LanDevice::updateStarted, d, [&out, host](Espota::Command command, qint64 size) {
            out << host << " update started: " << (command == Espota::Command::Filesystem ? "filesystem" : "app")
                << ", " << size << " bytes\n";
            out.flush();
        });
        QObject::connect(d, &Simulator::LanDevice::updateFinished, d, [&out, host](bool ok, const QString &text) {
            out << host << " update " << (ok ? u"done"_s : u"failed: "_s + text) << "\n";
            out.flush();
        });
        printReboots(out, host, d);
        out << "device " << host << " " << config.address.toString() << ":" << config.port << " "
            << Espota::flavourName(config.flavour) << " " << device->runningVersion()
            << " auth=" << (config.password.isEmpty() ? "no" : "yes");
        if (config.failure != Simulator::LanFailure::None)
            out << " failure=" << Simulator::lanFailureName(config.failure);
        out << "\n";
        devices.push_back(std::move(device));
    }
    // ESPHome nodes on the addresses after the ArduinoOTA devices.
    const QHostAddress firstEsphome = configs->isEmpty() ? commandLine.baseAddress()
                                                         : QHostAddress(configs->constLast().address.toIPv4Address() + 1);
    std::vector<std::unique_ptr<Simulator::EsphomeLanDevice>> esphomeDevices;
    for (const Simulator::EsphomeDeviceConfig &config : commandLine.esphomeDevices(stateDir, firstEsphome)) {
        auto device = std::make_unique<Simulator::EsphomeLanDevice>(config, responder.get());
        const auto started = device->start();
        if (!started) {
            err << "ota-fleet-sim: " << started.error() << "\n";
            return 1;
        }
        const QString host = config.hostName;
        auto *d = device.get();
        QObject::connect(d, &Simulator::EsphomeLanDevice::updateStarted, d, [&out, host](qint64 size) {
            out << host << " update started: app, " << size << " bytes\n";
            out.flush();
        });
        QObject::connect(d, &Simulator::EsphomeLanDevice::updateFinished, d,
                         [&out, host](bool ok, quint8 code, const QString &text) {
                             out << host << " update "
                                 << (ok ? u"done"_s : u"failed: %1 (0x%2)"_s.arg(text).arg(code, 2, 16, QLatin1Char('0')))
                                 << "\n";
                             out.flush();
                         });
        printReboots(out, host, d);
        const Esphome::DeviceBehaviour &b = config.behaviour;
        const char *auth = b.password.isEmpty()                  ? "no"
                           : b.auth == Esphome::AuthMode::Md5Only ? "md5"
                           : b.auth == Esphome::AuthMode::Transitional ? "transitional"
                                                                        : "sha256";
        out << "device " << host << " " << config.address.toString() << ":" << device->otaPort() << " esphome v"
            << b.protocolVersion << " " << config.esphomeVersion << " "
            << (b.platform == Esphome::Platform::Esp8266 ? "ESP8266" : "ESP32") << " " << device->runningVersion()
            << " auth=" << auth << (b.supportsCompression ? " compression" : "") << "\n";
        esphomeDevices.push_back(std::move(device));
    }
    out << "ready: " << devices.size() + esphomeDevices.size() << " devices\n";
    out.flush();

    // Rollout-server agents: enrolled (if need be) and started once the event loop runs.
    const auto agentConfigs = commandLine.agents();
    std::unique_ptr<Simulator::AgentFleet> agents;
    if (agentConfigs && !agentConfigs->isEmpty()) {
        Simulator::AgentFleetOptions options;
        options.server = commandLine.server();
        options.stateDir = stateDir;
        options.adminToken = commandLine.adminToken();
        options.trustedKeys = commandLine.trustedKeys();
        options.timeScale = commandLine.timeScale();
        options.quiet = commandLine.quietAgents();
        options.summarySeconds = commandLine.summarySeconds();
        agents = std::make_unique<Simulator::AgentFleet>(options, *agentConfigs, out);
        QObject::connect(agents.get(), &Simulator::AgentFleet::started, &app, [&out](int count, int enrolledNow) {
            out << "agents ready: " << count << " agents (" << enrolledNow << " enrolled now)\n";
            out.flush();
        });
        QObject::connect(agents.get(), &Simulator::AgentFleet::startFailed, &app, [&err](const QString &message) {
            err << "ota-fleet-sim: agents: " << message << "\n";
            err.flush();
            QCoreApplication::exit(1);
        });
        QTimer::singleShot(0, agents.get(), [&agents] { agents->start(); });
    }

    Simulator::SignalWatcher signals;
    QObject::connect(&signals, &Simulator::SignalWatcher::terminationRequested, &app, [&out](int signalNumber) {
        out << "stopping (signal " << signalNumber << ")\n";
        out.flush();
        QCoreApplication::quit();
    });
    const int code = QCoreApplication::exec();
    if (agents)
        out << agents->summary() << "\n";
    agents.reset();
    devices.clear(); // each withdraws its service with a goodbye
    esphomeDevices.clear();
    if (responder)
        responder->withdrawAll();
    return code;
}
