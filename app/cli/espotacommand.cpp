#include "espotacommand.h"

#include <QCoreApplication>

#include "espota/pushjob.h"

using namespace Qt::Literals::StringLiterals;
using namespace Espota;

namespace Cli
{
    QString EspotaCommand::summary() const
    {
        return u"Push one file to one ArduinoOTA device with espota.py's arguments, for upload recipes "
               u"(PlatformIO's upload_protocol = espota with upload_command, the Arduino IDE's network port). "
               u"Differences from espota.py: the transfer keeps a window of data in flight instead of waiting "
               u"for each 1 KiB, the connect-back port defaults to 43232 instead of a random one, network "
               u"failures are retried twice, and the image is checked first (an application image sent with "
               u"--spiffs, or a non-application image sent as firmware, is refused). "
               u"For many devices, names and a live table, use 'otactl push'."
               u"\n\nExit codes, as espota.py: 0 success, 1 failure, 2 usage error."_s;
    }

    int EspotaCommand::run(const QStringList &arguments)
    {
        QCommandLineParser parser;
        const QCommandLineOption ip({u"i"_s, u"ip"_s}, u"ESP address."_s, u"address"_s);
        const QCommandLineOption hostIp({u"I"_s, u"host_ip"_s}, u"Host address to listen on (default 0.0.0.0)."_s, u"address"_s, u"0.0.0.0"_s);
        const QCommandLineOption port({u"p"_s, u"port"_s}, u"ESP OTA port (default 3232)."_s, u"port"_s, QString::number(Esp32DefaultPort));
        const QCommandLineOption hostPort({u"P"_s, u"host_port"_s}, u"Host TCP port for the device to connect back to (default 43232)."_s, u"port"_s, QString::number(DefaultConnectBackPort));
        const QCommandLineOption auth({u"a"_s, u"auth"_s}, u"Upload password (espota takes it here; 'otactl push --password-env' keeps it out of the process list)."_s, u"password"_s);
        const QCommandLineOption file({u"f"_s, u"file"_s}, u"Image file to upload."_s, u"file"_s);
        const QCommandLineOption spiffs({u"s"_s, u"spiffs"_s}, u"The file is a filesystem image (SPIFFS/LittleFS)."_s);
        const QCommandLineOption md5Target({u"m"_s, u"md5-target"_s}, u"The device stored an MD5 password hash (PBKDF2 devices only)."_s);
        const QCommandLineOption debug({u"d"_s, u"debug"_s}, u"Show debug output."_s);
        const QCommandLineOption progressBar({u"r"_s, u"progress"_s}, u"Show a progress bar."_s);
        const QCommandLineOption timeout({u"t"_s, u"timeout"_s}, u"Seconds to wait for each invitation's answer (default 2; espota.py waits 10)."_s, u"seconds"_s, u"2"_s);
        parser.addOptions({ip, hostIp, port, hostPort, auth, file, spiffs, md5Target, debug, progressBar, timeout});
        if (auto done = parse(parser, arguments, QString()))
            return *done;
        if (!parser.positionalArguments().isEmpty())
            return fail(UsageError, u"unexpected argument '%1'; espota takes only options"_s.arg(parser.positionalArguments().constFirst()));
        if (!parser.isSet(ip) || !parser.isSet(file))
            return fail(UsageError, u"both -i/--ip ADDRESS and -f/--file FILE are required"_s);

        bool ok = false;
        const uint devicePort = parser.value(port).toUInt(&ok);
        if (!ok || devicePort == 0 || devicePort > 65535)
            return fail(UsageError, u"-p/--port '%1' must be a port from 1 to 65535"_s.arg(parser.value(port)));
        auto target = PushTarget::fromAddressText(parser.value(ip));
        if (!target)
            return fail(UsageError, target.error());
        PushTarget device = target.value();
        device.port = static_cast<quint16>(devicePort);

        PushJobOptions options;
        options.concurrency = 1;
        options.confirm = false;
        const uint listenPort = parser.value(hostPort).toUInt(&ok);
        if (!ok || listenPort > 65535)
            return fail(UsageError, u"-P/--host_port '%1' must be a port from 0 to 65535"_s.arg(parser.value(hostPort)));
        options.listenPort = static_cast<quint16>(listenPort);
        options.listenAddress = QHostAddress(parser.value(hostIp));
        if (options.listenAddress.isNull())
            return fail(UsageError, u"-I/--host_ip '%1' is not an address"_s.arg(parser.value(hostIp)));
        const double seconds = parser.value(timeout).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 600)
            return fail(UsageError, u"-t/--timeout '%1' must be seconds from 0 to 600"_s.arg(parser.value(timeout)));
        options.settings.invitationReplyTimeoutMs = static_cast<int>(seconds * 1000);
        options.settings.command = parser.isSet(spiffs) ? Espota::Command::Filesystem : Espota::Command::Flash;
        options.settings.password = parser.value(auth);
        options.settings.passwordHashIsMd5 = parser.isSet(md5Target);

        auto image = PushImage::load(parser.value(file));
        if (!image)
            return fail(CheckFailed, image.error());

        PushJob job({device}, std::make_shared<const PushImage>(std::move(image).value()), options);
        const bool showDebug = parser.isSet(debug);
        QObject::connect(&job, &PushJob::deviceLog, &job, [showDebug](int, const QString &line) {
            // espota.py's steps are always shown; the timestamps only with -d.
            err() << (showDebug ? line : line.section(u"] "_s, 1)) << "\n";
            err().flush();
        });
        int lastPercent = -1;
        if (parser.isSet(progressBar)) {
            QObject::connect(&job, &PushJob::deviceChanged, &job, [&job, &lastPercent](int index) {
                const DevicePush &row = job.device(index);
                if (row.stage != PushStage::Sending && row.stage != PushStage::WaitingForResult)
                    return;
                if (row.percent() == lastPercent)
                    return;
                lastPercent = row.percent();
                const int filled = lastPercent / 2;
                err() << "\rUploading: [" << QString(filled, u'=') << QString(50 - filled, u' ') << "] " << lastPercent << "%";
                if (lastPercent == 100)
                    err() << " Done...\n";
                err().flush();
            });
        }
        QObject::connect(&job, &PushJob::finished, &job, [] { QCoreApplication::exit(0); });
        if (const auto error = job.start())
            return fail(CheckFailed, *error);
        if (!job.isFinished())
            QCoreApplication::exec();
        const DevicePush &row = job.device(0);
        if (row.outcome.succeeded) {
            err() << "Result: OK\n";
            return Ok;
        }
        if (row.outcome.probablySucceeded) {
            err() << "Result: no final OK; " << row.outcome.message << "\n";
            return Ok; // espota.py counts a silent end after all bytes as success too
        }
        return fail(CheckFailed, row.detail);
    }
} // namespace Cli
