#include "pushcommand.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include "discovery/mdnsbrowser.h"
#include "discovery/mdnstransport.h"
#include "espota/pushjob.h"
#include "pushprinter.h"

using namespace Qt::Literals::StringLiterals;
using namespace Espota;

namespace Cli
{
    namespace
    {
        bool sameName(const Discovery::ServiceInstance &instance, const QString &name)
        {
            QString host = instance.hostName;
            if (host.endsWith(u".local"_s))
                host.chop(6);
            QString wanted = name;
            if (wanted.endsWith(u".local"_s))
                wanted.chop(6);
            return instance.instanceName.compare(wanted, Qt::CaseInsensitive) == 0
                   || host.compare(wanted, Qt::CaseInsensitive) == 0;
        }

        std::optional<Discovery::ServiceInstance> findByName(const QList<Discovery::ServiceInstance> &instances,
                                                             const QString &name)
        {
            for (const auto &instance : instances) {
                if (sameName(instance, name))
                    return instance;
            }
            return std::nullopt;
        }

        std::optional<Discovery::ServiceInstance> findByAddress(const QList<Discovery::ServiceInstance> &instances,
                                                                const QHostAddress &address)
        {
            for (const auto &instance : instances) {
                if (instance.addresses.contains(address))
                    return instance;
            }
            return std::nullopt;
        }

        std::optional<int> positiveInt(const QString &text, int max)
        {
            bool ok = false;
            const int value = text.toInt(&ok);
            if (!ok || value < 0 || value > max)
                return std::nullopt;
            return value;
        }
    } // namespace

    QString PushCommand::summary() const
    {
        return u"Push IMAGE to one or many ArduinoOTA devices at once (the espota protocol of Arduino-ESP32 and "
               u"ESP8266, both password schemes), naming each device by its mDNS name or its address. The image "
               u"is checked first: an image for another chip than the device's `board`, or a file that is not "
               u"an application image, is refused unless --force. Devices connect back to this computer on one "
               u"fixed TCP port (--host-port, default 43232): open it in the firewall once. After a device says "
               u"OK, push waits for it to re-announce on mDNS and compares the version it publishes "
               u"(`version`, `fw_version` or `project_version` TXT) with the image's."
               u"\n\nOn a terminal the devices are shown as a live table; otherwise one line per event, or one "
               u"JSON object per event with --json."
               u"\n\nExit codes: 0 every device done (and confirmed where it could be checked), 1 any device "
               u"failed or was not confirmed (stderr says why), 2 usage error."_s;
    }

    int PushCommand::run(const QStringList &arguments)
    {
        QCommandLineParser parser;
        const QCommandLineOption device(u"device"_s, u"A device: its mDNS name (esp32-a1b2c3d4e5f6) or address (192.168.1.20 or 192.168.1.20:3232). Repeat for several."_s, u"name|address"_s);
        const QCommandLineOption allArduino(u"all-arduino"_s, u"Every ArduinoOTA device (_arduino._tcp) that answers on mDNS."_s);
        const QCommandLineOption passwordEnv(u"password-env"_s, u"The environment variable that holds the OTA password (never on the command line)."_s, u"VAR"_s);
        const QCommandLineOption concurrency(u"concurrency"_s, u"Devices pushed at once (default 4)."_s, u"K"_s, u"4"_s);
        const QCommandLineOption fs(u"fs"_s, u"IMAGE is a filesystem image (SPIFFS/LittleFS/FAT), sent as command 100."_s);
        const QCommandLineOption force(u"force"_s, u"Push even when the image check says the image does not suit the device."_s);
        const QCommandLineOption skipSame(u"skip-same-version"_s, u"Leave out devices that already announce the image's version."_s);
        const QCommandLineOption onlyOnline(u"only-online"_s, u"Leave out devices not currently heard on mDNS."_s);
        const QCommandLineOption hostPort(u"host-port"_s, u"TCP port devices connect back to (default 43232; 0 = any free port)."_s, u"port"_s, QString::number(DefaultConnectBackPort));
        const QCommandLineOption hostIp(u"host-ip"_s, u"Local address to listen on for devices (default all IPv4)."_s, u"address"_s, u"0.0.0.0"_s);
        const QCommandLineOption retries(u"retries"_s, u"Reruns after a network failure per device (default 2). Device errors are never retried."_s, u"n"_s, u"2"_s);
        const QCommandLineOption confirmTimeout(u"confirm-timeout"_s, u"Seconds to wait for a device to re-announce after OK (default 60)."_s, u"seconds"_s, u"60"_s);
        const QCommandLineOption noConfirm(u"no-confirm"_s, u"Do not wait for devices to re-announce."_s);
        const QCommandLineOption resolveTimeout(u"resolve-timeout"_s, u"Seconds to look for named devices on mDNS (default 3)."_s, u"seconds"_s, u"3"_s);
        const QCommandLineOption interface(u"interface"_s, u"mDNS on this interface only; repeat for several."_s, u"name"_s);
        const QCommandLineOption json(u"json"_s, u"One JSON object per event on stdout."_s);
        const QCommandLineOption protocol(u"protocol"_s, u"arduino (ArduinoOTA) or esphome (ESPHome native OTA) for every device; by default what the device announced on mDNS, arduino for a bare address."_s, u"arduino|esphome"_s);
        parser.addOption(protocol);
        parser.addOptions({device, allArduino, passwordEnv, concurrency, fs, force, skipSame, onlyOnline, hostPort, hostIp,
                           retries, confirmTimeout, noConfirm, resolveTimeout, interface, json});
        if (auto done = parse(parser, arguments, u"IMAGE"_s))
            return *done;
        if (parser.positionalArguments().size() != 1)
            return fail(UsageError, u"give exactly one IMAGE to push; try 'otactl push --help'"_s);
        if (!parser.isSet(device) && !parser.isSet(allArduino))
            return fail(UsageError, u"say where to push: --device NAME|ADDRESS (repeatable) or --all-arduino"_s);

        PushJobOptions options;
        const auto k = positiveInt(parser.value(concurrency), 256);
        if (!k || *k == 0)
            return fail(UsageError, u"--concurrency '%1' must be a number from 1 to 256"_s.arg(parser.value(concurrency)));
        options.concurrency = *k;
        const auto port = positiveInt(parser.value(hostPort), 65535);
        if (!port)
            return fail(UsageError, u"--host-port '%1' must be a port number from 0 to 65535"_s.arg(parser.value(hostPort)));
        options.listenPort = static_cast<quint16>(*port);
        options.listenAddress = QHostAddress(parser.value(hostIp));
        if (options.listenAddress.isNull())
            return fail(UsageError, u"--host-ip '%1' is not an address"_s.arg(parser.value(hostIp)));
        const auto retryCount = positiveInt(parser.value(retries), 100);
        if (!retryCount)
            return fail(UsageError, u"--retries '%1' must be a number from 0 to 100"_s.arg(parser.value(retries)));
        options.settings.networkRetries = *retryCount;
        const auto confirmSeconds = positiveInt(parser.value(confirmTimeout), 3600);
        if (!confirmSeconds)
            return fail(UsageError, u"--confirm-timeout '%1' must be seconds from 0 to 3600"_s.arg(parser.value(confirmTimeout)));
        options.confirmTimeoutMs = *confirmSeconds * 1000;
        options.confirm = !parser.isSet(noConfirm);
        bool resolveOk = false;
        const double resolveSeconds = parser.value(resolveTimeout).toDouble(&resolveOk);
        if (!resolveOk || resolveSeconds <= 0 || resolveSeconds > 600)
            return fail(UsageError, u"--resolve-timeout '%1' must be seconds from 0 to 600"_s.arg(parser.value(resolveTimeout)));
        options.settings.command = parser.isSet(fs) ? Espota::Command::Filesystem : Espota::Command::Flash;
        options.settings.force = parser.isSet(force);
        options.skipSameVersion = parser.isSet(skipSame);
        options.onlyOnline = parser.isSet(onlyOnline);
        if (parser.isSet(passwordEnv)) {
            const QString var = parser.value(passwordEnv);
            if (!qEnvironmentVariableIsSet(qPrintable(var)))
                return fail(UsageError, u"--password-env %1: that environment variable is not set"_s.arg(var));
            options.settings.password = qEnvironmentVariable(qPrintable(var));
        }

        std::optional<Espota::PushProtocol> forcedProtocol;
        if (parser.isSet(protocol)) {
            forcedProtocol = Espota::pushProtocolFromName(parser.value(protocol));
            if (!forcedProtocol)
                return fail(UsageError, u"--protocol '%1' must be arduino or esphome"_s.arg(parser.value(protocol)));
        }

        // Names need mDNS; so do --all-arduino, the filters and the confirmation.
        QStringList names;
        QList<PushTarget> addressTargets;
        for (const QString &value : parser.values(device)) {
            if (QHostAddress(value.section(u':', 0, 0)).isNull()) {
                names.append(value);
                continue;
            }
            auto target = PushTarget::fromAddressText(value);
            if (!target)
                return fail(UsageError, target.error());
            addressTargets.append(target.value());
        }
        auto image = PushImage::load(parser.positionalArguments().constFirst());
        if (!image)
            return fail(CheckFailed, image.error());
        const auto sharedImage = std::make_shared<const PushImage>(std::move(image).value());

        const bool needMdns = !names.isEmpty() || parser.isSet(allArduino) || options.confirm || options.onlyOnline
                              || options.skipSameVersion;
        std::unique_ptr<Discovery::MdnsTransport> transport;
        std::unique_ptr<Discovery::MdnsBrowser> browser;
        if (needMdns) {
            transport = std::make_unique<Discovery::MdnsTransport>(parser.values(interface));
            QString error;
            if (!transport->start(&error))
                return fail(CheckFailed, u"mDNS could not start: %1 (push by address with --no-confirm to do without)"_s.arg(error));
            browser = std::make_unique<Discovery::MdnsBrowser>(transport.get(), QStringList {u"_arduino._tcp"_s, u"_esphomelib._tcp"_s});
            browser->start();
            // Until every name is found (or, for --all-arduino, the whole time).
            QElapsedTimer waited;
            waited.start();
            QTimer poll;
            QObject::connect(&poll, &QTimer::timeout, &poll, [&] {
                const auto found = browser->instances();
                const bool allNamed = std::all_of(names.cbegin(), names.cend(),
                                                  [&](const QString &n) { return findByName(found, n).has_value(); });
                const bool addressesSeen = !options.onlyOnline && !options.skipSameVersion ? true
                    : std::all_of(addressTargets.cbegin(), addressTargets.cend(),
                                  [&](const PushTarget &t) { return findByAddress(found, t.address).has_value(); });
                if ((allNamed && addressesSeen && !parser.isSet(allArduino)) || waited.elapsed() >= resolveSeconds * 1000)
                    QCoreApplication::exit(0);
            });
            poll.start(50);
            QCoreApplication::exec();
        }

        QList<PushTarget> targets;
        const QList<Discovery::ServiceInstance> found = browser ? browser->instances() : QList<Discovery::ServiceInstance>();
        QStringList missing;
        for (const QString &name : std::as_const(names)) {
            if (const auto instance = findByName(found, name))
                targets.append(PushTarget::fromService(*instance));
            else
                missing.append(name);
        }
        if (!missing.isEmpty())
            return fail(CheckFailed, u"no device named %1 answered on mDNS within %2 s; check the name ('otactl discover' lists "
                                    u"the devices) or give its address"_s.arg(missing.join(u", "_s)).arg(resolveSeconds));
        for (PushTarget target : std::as_const(addressTargets)) {
            if (const auto instance = findByAddress(found, target.address)) {
                PushTarget announced = PushTarget::fromService(*instance);
                announced.name = target.name;
                if (target.port != 0)
                    announced.port = target.port;
                announced.address = target.address;
                target = announced;
            }
            targets.append(target);
        }
        if (parser.isSet(allArduino)) {
            QList<Discovery::ServiceInstance> byName = found;
            std::sort(byName.begin(), byName.end(), [](const auto &a, const auto &b) {
                return a.instanceName.toLower() < b.instanceName.toLower();
            });
            for (const auto &instance : std::as_const(byName)) {
                const PushTarget target = PushTarget::fromService(instance);
                if (target.protocol != Espota::PushProtocol::Arduino)
                    continue; // --all-arduino: ESPHome nodes are named one by one
                const bool already = std::any_of(targets.cbegin(), targets.cend(),
                                                 [&](const PushTarget &t) { return t.address == target.address; });
                if (!already && !target.address.isNull())
                    targets.append(target);
            }
            if (targets.isEmpty())
                return fail(CheckFailed, u"--all-arduino: no ArduinoOTA device answered on mDNS within %1 s"_s.arg(resolveSeconds));
        }

        if (forcedProtocol) {
            for (PushTarget &target : targets)
                target.protocol = *forcedProtocol;
        }
        PushJob job(targets, sharedImage, options, browser.get());
        PushPrinter printer(&job, PushPrinter::modeFor(parser.isSet(json)));
        QObject::connect(&job, &PushJob::finished, &job, [] { QCoreApplication::exit(0); });
        if (const auto error = job.start())
            return fail(CheckFailed, *error);
        if (!job.isFinished())
            QCoreApplication::exec();
        printer.printSummary();
        const PushJobSummary summary = job.summary();
        return summary.failed + summary.unconfirmed + summary.cancelled == 0 ? Ok : CheckFailed;
    }
} // namespace Cli
