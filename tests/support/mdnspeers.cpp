#include "mdnspeers.h"

#include <algorithm>
#include <cctype>

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkInterface>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace TestSupport
{
    namespace
    {
        const QString Unshare = u"/usr/bin/unshare"_s;
        const QString DbusDaemon = u"/usr/bin/dbus-daemon"_s;
        const QString AvahiDaemon = u"/usr/sbin/avahi-daemon"_s;
        const QString AvahiPublish = u"/usr/bin/avahi-publish"_s;
        const QString AvahiBrowse = u"/usr/bin/avahi-browse"_s;
        const QString Python = u"/usr/bin/python3"_s;
        const QString AvahiHostLabel = u"otatest-avahi"_s;
        constexpr int StopGraceMs = 5'000;

        // Only `lo`, and up: we are in the test's private network namespace,
        // so no peer can send anything off this machine.
        std::optional<QString> notInPrivateNetworkReason()
        {
            QStringList names;
            bool loUp = false;
            for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces()) {
                names.append(interface.name());
                if (interface.name() == u"lo"_s)
                    loUp = interface.flags().testFlag(QNetworkInterface::IsUp);
            }
            if (names != QStringList{u"lo"_s})
                return u"not in a private network namespace with only lo (interfaces: %1); run the tests "
                       "through .ci/test or unshare -rn"_s.arg(names.join(u", "_s));
            if (!loUp)
                return u"lo is down in this network namespace (ip link set lo up)"_s;
            return std::nullopt;
        }

        std::optional<QString> missingProgram(const QStringList &programs)
        {
            for (const QString &program : programs) {
                if (!QFileInfo(program).isExecutable())
                    return program + u" is not installed"_s;
            }
            return std::nullopt;
        }

        // Runs a program to its end without the event loop: quick probes only.
        int runQuietly(const QString &program, const QStringList &arguments)
        {
            QProcess process;
            process.setProcessChannelMode(QProcess::MergedChannels);
            process.start(program, arguments);
            if (!process.waitForFinished(10'000)) {
                process.kill();
                process.waitForFinished();
                return -1;
            }
            return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        }

        // Each child leads its own process group (stopped as a whole) and is
        // killed by the kernel if the test process dies first.
        void makeChildOfTest(QProcess &process)
        {
            process.setChildProcessModifier([] {
                ::setpgid(0, 0);
                ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            });
        }

        // SIGTERM to the child's process group, SIGKILL after graceMs; always
        // ends with SIGKILL to what is left of the group.
        void stopProcess(QProcess *process, int graceMs)
        {
            if (!process)
                return;
            const qint64 pid = process->processId();
            if (process->state() != QProcess::NotRunning && pid > 0) {
                ::kill(-static_cast<pid_t>(pid), SIGTERM);
                if (!process->waitForFinished(graceMs)) {
                    ::kill(-static_cast<pid_t>(pid), SIGKILL);
                    process->waitForFinished(5'000);
                }
            }
            if (pid > 0)
                ::kill(-static_cast<pid_t>(pid), SIGKILL); // stragglers; the group id stays ours until empty
        }

        void killNow(QProcess *process)
        {
            if (!process || process->state() == QProcess::NotRunning)
                return;
            const auto pid = static_cast<pid_t>(process->processId());
            if (pid > 0)
                ::kill(-pid, SIGKILL);
            process->waitForFinished(5'000);
        }

        // Waits while pumping the event loop; true once done() holds.
        bool pumpUntil(const std::function<bool()> &done, int timeoutMs)
        {
            const QDeadlineTimer deadline(timeoutMs);
            while (!done()) {
                if (deadline.hasExpired())
                    return done();
                QTest::qWait(5);
            }
            return true;
        }

        void setError(QString *error, const QString &text)
        {
            if (error)
                *error = text;
        }

        QString tail(const QByteArray &output)
        {
            return QString::fromUtf8(output.right(2'000)).trimmed();
        }

        // Avahi's escaping of labels and TXT bytes: \DDD (decimal) and \c.
        QByteArray unescapeAvahi(QByteArrayView text)
        {
            QByteArray out;
            for (qsizetype i = 0; i < text.size(); ++i) {
                const char c = text[i];
                if (c != '\\' || i + 1 >= text.size()) {
                    out.append(c);
                    continue;
                }
                if (i + 3 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]))
                    && std::isdigit(static_cast<unsigned char>(text[i + 2]))
                    && std::isdigit(static_cast<unsigned char>(text[i + 3]))) {
                    out.append(static_cast<char>((text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10
                                                 + (text[i + 3] - '0')));
                    i += 3;
                } else {
                    out.append(text[i + 1]);
                    i += 1;
                }
            }
            return out;
        }

        // `"a=b" "c=d"` as avahi_string_list_to_string() writes it (last
        // string of the record first), returned in wire order.
        QStringList parseAvahiTxt(QByteArrayView field)
        {
            QStringList strings;
            qsizetype i = 0;
            while (i < field.size()) {
                if (field[i] != '"') {
                    ++i;
                    continue;
                }
                QByteArray raw;
                ++i;
                while (i < field.size() && field[i] != '"') {
                    raw.append(field[i]);
                    if (field[i] == '\\' && i + 1 < field.size())
                        raw.append(field[++i]);
                    ++i;
                }
                ++i; // closing quote
                strings.prepend(QString::fromUtf8(unescapeAvahi(raw)));
            }
            return strings;
        }

        QString withoutLocal(QString host)
        {
            while (host.endsWith(u'.'))
                host.chop(1);
            return host;
        }

        QString withLocal(const QString &host)
        {
            const QString bare = withoutLocal(host);
            return bare.endsWith(u".local"_s) ? bare : bare + u".local"_s;
        }

        QString busConfig(const QString &socketPath)
        {
            return uR"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=%1</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
)"_s.arg(socketPath);
        }

        QString avahiConfig()
        {
            return uR"([server]
host-name=%1
domain-name=local
use-ipv4=yes
use-ipv6=no
allow-interfaces=lo
ratelimit-interval-usec=1000000
ratelimit-burst=1000
[wide-area]
enable-wide-area=no
[publish]
publish-hinfo=no
publish-workstation=no
)"_s.arg(AvahiHostLabel);
        }

        // /etc/passwd or /etc/group with the avahi user or group mapped to 0:
        // avahi-daemon chowns its runtime directory to "avahi" even with
        // --no-drop-root, and in `unshare -r` only uid 0 is mapped.
        QByteArray avahiAsRoot(const QString &path, int idFields)
        {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return {};
            QByteArray out;
            for (QByteArray line : file.readAll().split('\n')) {
                if (line.startsWith("avahi:")) {
                    QList<QByteArray> fields = line.split(':');
                    for (int i = 2; i < 2 + idFields && i < fields.size(); ++i)
                        fields[i] = "0";
                    line = fields.join(':');
                }
                out += line + '\n';
            }
            return out.chopped(1);
        }

        bool writeText(const QString &path, const QByteArray &bytes)
        {
            QFile file(path);
            return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
        }

        QStringList toStringList(const QJsonValue &value)
        {
            QStringList list;
            for (const QJsonValue &item : value.toArray())
                list.append(item.toString());
            return list;
        }

        MdnsPeerService serviceFromJson(const QJsonObject &object)
        {
            MdnsPeerService service;
            service.instance = object.value(u"instance"_s).toString();
            service.type = object.value(u"type"_s).toString();
            service.host = object.value(u"server"_s).toString();
            service.port = static_cast<quint16>(object.value(u"port"_s).toInt());
            service.addresses = toStringList(object.value(u"addresses"_s));
            service.txt = toStringList(object.value(u"txt"_s));
            return service;
        }
    } // namespace

    // ---- AvahiPeer ---------------------------------------------------------

    struct AvahiPeer::Client
    {
        std::unique_ptr<QProcess> process;
        QByteArray output;
        QList<AvahiBrowseEvent> events;
    };

    std::optional<QString> AvahiPeer::unavailableReason()
    {
        static const std::optional<QString> reason = []() -> std::optional<QString> {
            if (auto network = notInPrivateNetworkReason())
                return network;
            if (auto missing = missingProgram({Unshare, DbusDaemon, AvahiDaemon, AvahiPublish, AvahiBrowse}))
                return missing;
            if (::geteuid() != 0)
                return u"avahi-daemon needs (namespace) root to run in a mount namespace of its own"_s;
            if (runQuietly(Unshare, {u"-m"_s, u"/bin/sh"_s, u"-c"_s, u"mount -t tmpfs tmpfs /run"_s}) != 0)
                return u"cannot create a mount namespace with a private /run (unshare -m)"_s;
            return std::nullopt;
        }();
        return reason;
    }

    QString AvahiPeer::hostName()
    {
        return AvahiHostLabel + u".local"_s;
    }

    AvahiPeer::AvahiPeer() = default;

    AvahiPeer::~AvahiPeer()
    {
        stop();
    }

    bool AvahiPeer::start(QString *error, int timeoutMs)
    {
        if (isRunning())
            return true;
        stop();
        if (const auto reason = unavailableReason()) {
            setError(error, *reason);
            return false;
        }
        const QDeadlineTimer deadline(timeoutMs);
        m_dir = std::make_unique<QTemporaryDir>();
        const QString dir = m_dir->path();
        if (!m_dir->isValid() || !writeText(dir + u"/bus.conf"_s, busConfig(dir + u"/bus"_s).toUtf8())
            || !writeText(dir + u"/avahi-daemon.conf"_s, avahiConfig().toUtf8())
            || !writeText(dir + u"/passwd"_s, avahiAsRoot(u"/etc/passwd"_s, 2))
            || !writeText(dir + u"/group"_s, avahiAsRoot(u"/etc/group"_s, 1))) {
            setError(error, u"cannot write the Avahi and D-Bus configuration to a temporary directory"_s);
            stop();
            return false;
        }

        // A private bus: avahi-daemon and its clients find it through
        // DBUS_SYSTEM_BUS_ADDRESS; it prints its address once it listens.
        m_dbus = std::make_unique<QProcess>();
        makeChildOfTest(*m_dbus);
        m_dbus->start(DbusDaemon, {u"--config-file="_s + dir + u"/bus.conf"_s, u"--nofork"_s, u"--print-address=1"_s});
        QByteArray busOutput;
        pumpUntil([&] {
            busOutput += m_dbus->readAllStandardOutput();
            return busOutput.contains('\n') || m_dbus->state() == QProcess::NotRunning;
        }, static_cast<int>(deadline.remainingTime()));
        if (!busOutput.contains('\n')) {
            setError(error, u"dbus-daemon did not start: "_s + tail(m_dbus->readAllStandardError()));
            stop();
            return false;
        }
        m_busAddress = QString::fromUtf8(busOutput.left(busOutput.indexOf('\n'))).trimmed();

        // The daemon in the foreground (its log on stderr, its pid is ours),
        // in a mount namespace with the fixed passwd/group and its own /run
        // for the pid file and socket that are otherwise machine-wide.
        m_daemon = std::make_unique<QProcess>();
        makeChildOfTest(*m_daemon);
        m_daemon->setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"DBUS_SYSTEM_BUS_ADDRESS"_s, m_busAddress);
        m_daemon->setProcessEnvironment(environment);
        const QString script = u"set -e; mount --bind \"$1/passwd\" /etc/passwd; mount --bind \"$1/group\" /etc/group; "
                               "mount -t tmpfs -o mode=0755 tmpfs /run; "
                               "exec /usr/sbin/avahi-daemon -f \"$1/avahi-daemon.conf\" --no-drop-root --no-chroot "
                               "--no-rlimits"_s;
        m_daemon->start(Unshare, {u"-m"_s, u"/bin/sh"_s, u"-c"_s, script, u"sh"_s, dir});
        QByteArray log;
        pumpUntil([&] {
            log = m_daemon->peek(1 << 20);
            return log.contains("Server startup complete") || m_daemon->state() == QProcess::NotRunning;
        }, static_cast<int>(deadline.remainingTime()));
        if (!log.contains("Server startup complete") || m_daemon->state() != QProcess::Running) {
            setError(error, u"avahi-daemon did not start within %1 ms: "_s.arg(timeoutMs) + tail(log));
            stop();
            return false;
        }
        return true;
    }

    void AvahiPeer::stop()
    {
        stopClients();
        stopProcess(m_daemon.get(), StopGraceMs);
        stopProcess(m_dbus.get(), StopGraceMs);
        m_daemon.reset();
        m_dbus.reset();
        m_busAddress.clear();
        m_dir.reset();
    }

    void AvahiPeer::killDaemon()
    {
        killNow(m_daemon.get());
    }

    bool AvahiPeer::isRunning() const
    {
        return m_daemon && m_daemon->state() == QProcess::Running;
    }

    QString AvahiPeer::daemonLog() const
    {
        return m_daemon ? QString::fromUtf8(m_daemon->peek(1 << 20)) : QString();
    }

    QProcess *AvahiPeer::startClient(const QStringList &arguments, QProcess::ProcessChannelMode mode)
    {
        auto *process = new QProcess;
        process->setProcessChannelMode(mode); // avahi-publish reports on stderr
        makeChildOfTest(*process);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"DBUS_SYSTEM_BUS_ADDRESS"_s, m_busAddress);
        process->setProcessEnvironment(environment);
        const QString program = arguments.first();
        process->start(program, arguments.mid(1));
        return process;
    }

    AvahiPeer::Handle AvahiPeer::addClient(std::unique_ptr<Client> client)
    {
        const Handle handle = m_nextHandle++;
        m_clients.emplace(handle, std::move(client));
        return handle;
    }

    void AvahiPeer::stopClients()
    {
        for (auto &[handle, client] : m_clients)
            stopProcess(client->process.get(), StopGraceMs);
        m_clients.clear();
    }

    AvahiPeer::Handle AvahiPeer::publish(const QString &instance, const QString &type, quint16 port,
                                         const QStringList &txt, QString *error, const QString &host,
                                         int timeoutMs)
    {
        if (!isRunning()) {
            setError(error, u"avahi-daemon is not running"_s);
            return -1;
        }
        QStringList arguments{AvahiPublish, u"-s"_s};
        if (!host.isEmpty())
            arguments << u"-H"_s << withLocal(host);
        arguments << instance << type << QString::number(port) << txt;
        auto client = std::make_unique<Client>();
        client->process.reset(startClient(arguments, QProcess::MergedChannels));
        QProcess *process = client->process.get();
        pumpUntil([&] {
            return process->peek(1 << 16).contains("Established under name")
                   || process->state() == QProcess::NotRunning;
        }, timeoutMs);
        const QByteArray output = process->peek(1 << 16);
        if (!output.contains("Established under name") || process->state() != QProcess::Running) {
            setError(error, u"avahi-publish %1 failed: "_s.arg(instance) + tail(output));
            stopProcess(process, StopGraceMs);
            return -1;
        }
        return addClient(std::move(client));
    }

    AvahiPeer::Handle AvahiPeer::publishAddress(const QString &host, const QString &address, QString *error,
                                                int timeoutMs)
    {
        if (!isRunning()) {
            setError(error, u"avahi-daemon is not running"_s);
            return -1;
        }
        auto client = std::make_unique<Client>();
        client->process.reset(startClient({AvahiPublish, u"-a"_s, u"-R"_s, withLocal(host), address},
                                          QProcess::MergedChannels));
        QProcess *process = client->process.get();
        pumpUntil([&] {
            return process->peek(1 << 16).contains("Established under name")
                   || process->state() == QProcess::NotRunning;
        }, timeoutMs);
        const QByteArray output = process->peek(1 << 16);
        if (!output.contains("Established under name") || process->state() != QProcess::Running) {
            setError(error, u"avahi-publish -a %1 %2 failed: "_s.arg(host, address) + tail(output));
            stopProcess(process, StopGraceMs);
            return -1;
        }
        return addClient(std::move(client));
    }

    bool AvahiPeer::unpublish(Handle handle)
    {
        const auto it = m_clients.find(handle);
        if (it == m_clients.end())
            return false;
        stopProcess(it->second->process.get(), StopGraceMs);
        m_clients.erase(it);
        return true;
    }

    std::optional<AvahiBrowseEvent> AvahiPeer::parseBrowseLine(const QByteArray &line)
    {
        const QList<QByteArray> fields = line.trimmed().split(';');
        if (fields.size() < 6 || fields[0].size() != 1)
            return std::nullopt;
        AvahiBrowseEvent event;
        switch (fields[0][0]) {
        case '+': event.kind = AvahiBrowseEvent::Kind::New; break;
        case '=': event.kind = AvahiBrowseEvent::Kind::Resolved; break;
        case '-': event.kind = AvahiBrowseEvent::Kind::Removed; break;
        default: return std::nullopt;
        }
        MdnsPeerService &service = event.service;
        service.interfaceName = QString::fromUtf8(fields[1]);
        service.protocol = QString::fromUtf8(fields[2]);
        service.instance = QString::fromUtf8(unescapeAvahi(fields[3]));
        service.type = QString::fromUtf8(fields[4]);
        service.domain = QString::fromUtf8(fields[5]);
        if (event.kind == AvahiBrowseEvent::Kind::Resolved) {
            if (fields.size() < 10)
                return std::nullopt;
            service.host = QString::fromUtf8(fields[6]);
            service.addresses = {QString::fromUtf8(fields[7])};
            bool ok = false;
            service.port = fields[8].toUShort(&ok);
            if (!ok)
                return std::nullopt;
            // TXT strings may hold ';': the rest of the line is the TXT field.
            service.txt = parseAvahiTxt(fields.mid(9).join(';'));
        }
        return event;
    }

    QList<MdnsPeerService> AvahiPeer::browse(const QString &type, QString *error, int timeoutMs)
    {
        if (!isRunning()) {
            setError(error, u"avahi-daemon is not running"_s);
            return {};
        }
        std::unique_ptr<QProcess> process(startClient({AvahiBrowse, u"-rtpk"_s, type}));
        const bool finished = pumpUntil([&] { return process->state() == QProcess::NotRunning; }, timeoutMs);
        if (!finished || process->exitStatus() != QProcess::NormalExit || process->exitCode() != 0) {
            setError(error, u"avahi-browse %1 failed: "_s.arg(type) + tail(process->readAllStandardError()));
            stopProcess(process.get(), 0);
            return {};
        }
        stopProcess(process.get(), 0);
        QList<MdnsPeerService> services;
        const auto sameRecord = [](const MdnsPeerService &a, const MdnsPeerService &b) {
            return a.interfaceName == b.interfaceName && a.protocol == b.protocol && a.instance == b.instance
                   && a.type == b.type && a.domain == b.domain;
        };
        for (const QByteArray &line : process->readAllStandardOutput().split('\n')) {
            const auto event = parseBrowseLine(line);
            if (!event || event->kind == AvahiBrowseEvent::Kind::New)
                continue;
            services.removeIf([&](const MdnsPeerService &known) { return sameRecord(known, event->service); });
            if (event->kind == AvahiBrowseEvent::Kind::Resolved)
                services.append(event->service);
        }
        return services;
    }

    bool AvahiPeer::browseUntil(const QString &type,
                                const std::function<bool(const QList<MdnsPeerService> &)> &predicate,
                                int timeoutMs, QString *error)
    {
        const QDeadlineTimer deadline(timeoutMs);
        do {
            QString browseError;
            const QList<MdnsPeerService> services = browse(type, &browseError, std::max(1'000, static_cast<int>(deadline.remainingTime())));
            if (!browseError.isEmpty()) {
                setError(error, browseError);
                return false;
            }
            if (predicate(services))
                return true;
        } while (!deadline.hasExpired());
        setError(error, u"no avahi-browse %1 result matched within %2 ms"_s.arg(type).arg(timeoutMs));
        return false;
    }

    AvahiPeer::Handle AvahiPeer::startBrowsing(const QString &type, QString *error)
    {
        if (!isRunning()) {
            setError(error, u"avahi-daemon is not running"_s);
            return -1;
        }
        auto client = std::make_unique<Client>();
        client->process.reset(startClient({AvahiBrowse, u"-rpk"_s, type}));
        Client *raw = client.get();
        QObject::connect(raw->process.get(), &QProcess::readyReadStandardOutput, raw->process.get(), [raw] {
            raw->output += raw->process->readAllStandardOutput();
            qsizetype end = 0;
            while ((end = raw->output.indexOf('\n')) >= 0) {
                if (const auto event = parseBrowseLine(raw->output.left(end)))
                    raw->events.append(*event);
                raw->output.remove(0, end + 1);
            }
        });
        if (!raw->process->waitForStarted(10'000)) {
            setError(error, u"avahi-browse did not start: "_s + raw->process->errorString());
            return -1;
        }
        return addClient(std::move(client));
    }

    QList<AvahiBrowseEvent> AvahiPeer::browseEvents(Handle browser) const
    {
        const auto it = m_clients.find(browser);
        return it == m_clients.end() ? QList<AvahiBrowseEvent>() : it->second->events;
    }

    std::optional<AvahiBrowseEvent> AvahiPeer::waitForBrowseEvent(
        Handle browser, const std::function<bool(const AvahiBrowseEvent &)> &predicate, int timeoutMs)
    {
        std::optional<AvahiBrowseEvent> found;
        pumpUntil([&] {
            const auto it = m_clients.find(browser);
            if (it == m_clients.end())
                return true;
            for (const AvahiBrowseEvent &event : it->second->events) {
                if (predicate(event)) {
                    found = event;
                    return true;
                }
            }
            return it->second->process->state() == QProcess::NotRunning;
        }, timeoutMs);
        return found;
    }

    bool AvahiPeer::stopBrowsing(Handle browser)
    {
        return unpublish(browser);
    }

    // ---- ZeroconfPeer ------------------------------------------------------

    std::optional<QString> ZeroconfPeer::unavailableReason()
    {
        static const std::optional<QString> reason = []() -> std::optional<QString> {
            if (auto network = notInPrivateNetworkReason())
                return network;
            if (auto missing = missingProgram({Python}))
                return missing;
            if (!QFileInfo::exists(scriptPath()))
                return scriptPath() + u" is missing"_s;
            if (runQuietly(Python, {u"-c"_s, u"import zeroconf.asyncio"_s}) != 0)
                return u"python3-zeroconf is not installed for /usr/bin/python3"_s;
            return std::nullopt;
        }();
        return reason;
    }

    QString ZeroconfPeer::scriptPath()
    {
        return QStringLiteral(OTA_SOURCE_DIR "/tests/support/zeroconf_peer.py");
    }

    ZeroconfPeer::ZeroconfPeer(QObject *parent)
        : QObject(parent)
    {
    }

    ZeroconfPeer::~ZeroconfPeer()
    {
        stop();
    }

    bool ZeroconfPeer::start(QString *error, int timeoutMs)
    {
        if (isRunning())
            return true;
        if (const auto reason = unavailableReason()) {
            setError(error, *reason);
            return false;
        }
        m_process = std::make_unique<QProcess>();
        m_stdoutBuffer.clear();
        m_stderr.clear();
        m_ready = false;
        m_replies.clear();
        makeChildOfTest(*m_process);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PYTHONDONTWRITEBYTECODE"_s, u"1"_s);
        m_process->setProcessEnvironment(environment);
        connect(m_process.get(), &QProcess::readyReadStandardOutput, this, &ZeroconfPeer::readOutput);
        connect(m_process.get(), &QProcess::readyReadStandardError, this,
                [this] { m_stderr += m_process->readAllStandardError(); });
        m_process->start(Python, {u"-u"_s, scriptPath()});
        pumpUntil([this] { return m_ready || m_process->state() == QProcess::NotRunning; }, timeoutMs);
        if (!m_ready) {
            m_stderr += m_process->readAllStandardError();
            setError(error, u"zeroconf_peer.py did not start within %1 ms: "_s.arg(timeoutMs) + tail(m_stderr));
            kill();
            return false;
        }
        return true;
    }

    void ZeroconfPeer::stop(int timeoutMs)
    {
        if (!m_process)
            return;
        if (m_process->state() == QProcess::Running) {
            m_process->write(R"({"cmd": "quit"})" "\n");
            m_process->closeWriteChannel();
            m_process->waitForFinished(timeoutMs);
        }
        kill();
    }

    void ZeroconfPeer::kill()
    {
        if (!m_process)
            return;
        killNow(m_process.get());
        stopProcess(m_process.get(), 0);
        m_stderr += m_process->readAllStandardError();
        m_process->disconnect(this);
        m_process.reset();
        m_ready = false;
    }

    bool ZeroconfPeer::isRunning() const
    {
        return m_process && m_process->state() == QProcess::Running;
    }

    QString ZeroconfPeer::stderrOutput() const
    {
        return QString::fromUtf8(m_stderr);
    }

    void ZeroconfPeer::readOutput()
    {
        m_stdoutBuffer += m_process->readAllStandardOutput();
        qsizetype end = 0;
        while ((end = m_stdoutBuffer.indexOf('\n')) >= 0) {
            const QJsonObject object = QJsonDocument::fromJson(m_stdoutBuffer.left(end)).object();
            m_stdoutBuffer.remove(0, end + 1);
            if (object.contains(u"reply"_s)) {
                m_replies[object.value(u"reply"_s).toInt()] = object;
                continue;
            }
            const QString name = object.value(u"event"_s).toString();
            if (name == u"ready"_s) {
                m_ready = true;
                continue;
            }
            ZeroconfEvent event;
            if (name == u"added"_s)
                event.kind = ZeroconfEvent::Kind::Added;
            else if (name == u"updated"_s)
                event.kind = ZeroconfEvent::Kind::Updated;
            else if (name == u"removed"_s)
                event.kind = ZeroconfEvent::Kind::Removed;
            else
                continue;
            event.service = serviceFromJson(object);
            event.resolved = object.value(u"resolved"_s).toBool();
            m_events.append(event);
            Q_EMIT eventReceived(event);
        }
    }

    std::optional<QJsonObject> ZeroconfPeer::request(QJsonObject command, QString *error, int timeoutMs)
    {
        if (!isRunning() || !m_ready) {
            setError(error, u"zeroconf_peer.py is not running: "_s + tail(m_stderr));
            return std::nullopt;
        }
        const int id = m_nextId++;
        command.insert(u"id"_s, id);
        m_process->write(QJsonDocument(command).toJson(QJsonDocument::Compact) + '\n');
        pumpUntil([&] { return m_replies.contains(id) || !isRunning(); }, timeoutMs);
        const auto it = m_replies.find(id);
        if (it == m_replies.end()) {
            setError(error, u"no reply from zeroconf_peer.py to %1 within %2 ms: "_s
                                .arg(command.value(u"cmd"_s).toString())
                                .arg(timeoutMs)
                            + tail(m_stderr));
            return std::nullopt;
        }
        const QJsonObject reply = it->second;
        m_replies.erase(it);
        if (!reply.value(u"ok"_s).toBool()) {
            setError(error, u"zeroconf_peer.py %1: "_s.arg(command.value(u"cmd"_s).toString())
                                + reply.value(u"error"_s).toString());
            return std::nullopt;
        }
        return reply;
    }

    namespace
    {
        QJsonObject serviceToJson(const ZeroconfService &service)
        {
            QJsonObject object{
                {u"instance"_s, service.instance},
                {u"type"_s, service.type},
                {u"port"_s, service.port},
                {u"txt"_s, QJsonArray::fromStringList(service.txt)},
            };
            if (!service.host.isEmpty())
                object.insert(u"host"_s, service.host);
            if (!service.addresses.isEmpty())
                object.insert(u"addresses"_s, QJsonArray::fromStringList(service.addresses));
            if (service.ttl)
                object.insert(u"ttl"_s, *service.ttl);
            return object;
        }
    } // namespace

    bool ZeroconfPeer::registerService(const ZeroconfService &service, QString *error, int timeoutMs)
    {
        QJsonObject command = serviceToJson(service);
        command.insert(u"cmd"_s, u"register"_s);
        return request(command, error, timeoutMs).has_value();
    }

    bool ZeroconfPeer::registerServices(const QList<ZeroconfService> &services, QString *error, int timeoutMs)
    {
        QJsonArray list;
        for (const ZeroconfService &service : services)
            list.append(serviceToJson(service));
        return request({{u"cmd"_s, u"register_many"_s}, {u"services"_s, list}}, error, timeoutMs).has_value();
    }

    bool ZeroconfPeer::unregisterService(const QString &instance, const QString &type, QString *error,
                                         int timeoutMs)
    {
        return request({{u"cmd"_s, u"unregister"_s}, {u"instance"_s, instance}, {u"type"_s, type}}, error,
                       timeoutMs)
            .has_value();
    }

    bool ZeroconfPeer::browse(const QStringList &types, QString *error, int timeoutMs)
    {
        return request({{u"cmd"_s, u"browse"_s}, {u"types"_s, QJsonArray::fromStringList(types)}}, error, timeoutMs)
            .has_value();
    }

    std::optional<MdnsPeerService> ZeroconfPeer::resolve(const QString &instance, const QString &type,
                                                         QString *error, int timeoutMs)
    {
        // The script gives up after timeoutMs; allow it a moment to say so.
        const auto reply = request({{u"cmd"_s, u"resolve"_s},
                                    {u"instance"_s, instance},
                                    {u"type"_s, type},
                                    {u"timeout"_s, timeoutMs}},
                                   error, timeoutMs + 5'000);
        if (!reply)
            return std::nullopt;
        return serviceFromJson(*reply);
    }

    std::optional<ZeroconfEvent> ZeroconfPeer::waitForEvent(const std::function<bool(const ZeroconfEvent &)> &predicate,
                                                            int timeoutMs)
    {
        std::optional<ZeroconfEvent> found;
        pumpUntil([&] {
            for (const ZeroconfEvent &event : std::as_const(m_events)) {
                if (predicate(event)) {
                    found = event;
                    return true;
                }
            }
            return false;
        }, timeoutMs);
        return found;
    }
} // namespace TestSupport
