#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

// Real mDNS peers for interoperability tests of our browser and responder:
// Avahi (avahi-daemon + avahi-publish/avahi-browse) and python-zeroconf
// (tests/support/zeroconf_peer.py). Both only work inside the private
// network namespace the test command creates (only `lo`); tests QSKIP with
// unavailableReason() otherwise. Every object stops what it started when it
// is destroyed, and every child process also gets SIGKILL when the test
// process dies (PR_SET_PDEATHSIG), so nothing outlives a crashed test.
// Blocking calls pump the event loop while they wait, so our own browser or
// responder in the same thread keeps running.
namespace TestSupport
{
    // A service as a peer published, resolved or lost it. Types are given
    // and reported without the domain: "_arduino._tcp".
    struct MdnsPeerService
    {
        QString instance;      // "esp32-a1b2c3" (unescaped)
        QString type;          // "_arduino._tcp"
        QString domain = QStringLiteral("local");
        QString host;          // "esp32-a1b2c3.local" (no trailing dot)
        QStringList addresses; // IPv4, dotted
        quint16 port = 0;
        QStringList txt;       // raw TXT strings in wire order: "key=value", "key"
        QString interfaceName; // Avahi only: "lo"
        QString protocol;      // Avahi only: "IPv4"
    };

    // One line of `avahi-browse -p`: '+' New, '=' Resolved, '-' Removed.
    struct AvahiBrowseEvent
    {
        enum class Kind
        {
            New,
            Resolved,
            Removed,
        };
        Kind kind = Kind::New;
        MdnsPeerService service; // host, addresses, port, txt only when Resolved
    };

    // An avahi-daemon of our own: a private D-Bus bus in a temporary
    // directory (DBUS_SYSTEM_BUS_ADDRESS, nothing in /run/dbus) and the daemon
    // in a private mount namespace with its own /run, so it neither needs
    // nor disturbs a system bus or another avahi-daemon on the machine.
    class AvahiPeer final
    {
    public:
        using Handle = int; // of a publisher or a browser; -1 for none

        // Why Avahi cannot run here (tests QSKIP with it), or nullopt.
        static std::optional<QString> unavailableReason();
        // The host name the daemon announces (set in its configuration).
        static QString hostName(); // "otatest-avahi.local"

        AvahiPeer();
        ~AvahiPeer();
        Q_DISABLE_COPY_MOVE(AvahiPeer)

        // Starts dbus-daemon and avahi-daemon and waits until Avahi announced
        // "Server startup complete" (about 0.9 s here: host name probing), at most timeoutMs.
        // On failure, stops what it started, returns false and writes the
        // reason (with the daemons' output) to error.
        bool start(QString *error, int timeoutMs = 15'000);
        // Stops every publisher and browser, then the daemons (SIGTERM:
        // Avahi sends goodbyes), SIGKILL after 5 s. Also done by the destructor.
        void stop();
        // SIGKILLs avahi-daemon: a device that vanished without goodbye. Its
        // publishers and browsers exit on their own; start() again to restart.
        void killDaemon();
        bool isRunning() const;
        // What the daemon wrote to stderr so far (its log).
        QString daemonLog() const;

        // `avahi-publish -s [-H host] instance type port txt...`; waits until
        // Avahi established the service (probing, ~0.9 s). Returns -1 and
        // sets error (e.g. "Local name collision") on failure.
        Handle publish(const QString &instance, const QString &type, quint16 port, const QStringList &txt,
                       QString *error, const QString &host = {}, int timeoutMs = 10'000);
        // `avahi-publish -a -R host address`: an A record for a host given to
        // publish(); host without ".local" is completed. -1 on failure.
        Handle publishAddress(const QString &host, const QString &address, QString *error,
                              int timeoutMs = 10'000);
        // Terminates the publisher: Avahi withdraws its records with a
        // goodbye (TTL 0). False if the handle is unknown.
        bool unpublish(Handle handle);

        // `avahi-browse -rtpk type`: every instance Avahi knows or learns
        // within ~1 s, resolved. Empty with error set on failure.
        QList<MdnsPeerService> browse(const QString &type, QString *error = nullptr, int timeoutMs = 10'000);
        // Polls browse() until predicate holds on its result (or timeoutMs).
        bool browseUntil(const QString &type, const std::function<bool(const QList<MdnsPeerService> &)> &predicate,
                         int timeoutMs, QString *error = nullptr);

        // A long-running `avahi-browse -rpk type` whose lines are recorded as
        // events: the way to see a goodbye (Removed) as it happens.
        Handle startBrowsing(const QString &type, QString *error);
        QList<AvahiBrowseEvent> browseEvents(Handle browser) const;
        // Waits for an event of browser matching predicate (already recorded
        // ones count); the first match, or nullopt after timeoutMs.
        std::optional<AvahiBrowseEvent> waitForBrowseEvent(
            Handle browser, const std::function<bool(const AvahiBrowseEvent &)> &predicate, int timeoutMs);
        bool stopBrowsing(Handle browser);

        // Parses `avahi-browse -p` lines (public for tests of the parser).
        static std::optional<AvahiBrowseEvent> parseBrowseLine(const QByteArray &line);

    private:
        struct Client;

        QProcess *startClient(const QStringList &arguments,
                              QProcess::ProcessChannelMode mode = QProcess::SeparateChannels);
        Handle addClient(std::unique_ptr<Client> client);
        void stopClients();

        std::unique_ptr<QTemporaryDir> m_dir;
        std::unique_ptr<QProcess> m_dbus;
        std::unique_ptr<QProcess> m_daemon;
        QString m_busAddress;
        std::map<Handle, std::unique_ptr<Client>> m_clients;
        Handle m_nextHandle = 1;
    };

    // An event reported by a ZeroconfPeer browser.
    struct ZeroconfEvent
    {
        enum class Kind
        {
            Added,
            Updated,
            Removed,
        };
        Kind kind = Kind::Added;
        MdnsPeerService service; // host, addresses, port, txt only when resolved
        bool resolved = false;   // false for Removed, or when resolving failed (3 s)
    };

    // A service for ZeroconfPeer to announce.
    struct ZeroconfService
    {
        QString instance;
        QString type;          // "_arduino._tcp"
        quint16 port = 0;
        QStringList txt;       // raw TXT strings in wire order
        QString host;          // default: the instance with [^A-Za-z0-9-] -> '-'
        QStringList addresses; // default: 127.0.0.1
        std::optional<int> ttl; // seconds, for all records; default 120 (A) / 4500 (others)
    };

    // A python-zeroconf 0.47 peer bound to 127.0.0.1, driven over JSON lines.
    class ZeroconfPeer final : public QObject
    {
        Q_OBJECT

    public:
        static std::optional<QString> unavailableReason();
        static QString scriptPath();

        explicit ZeroconfPeer(QObject *parent = nullptr);
        ~ZeroconfPeer() override;
        Q_DISABLE_COPY_MOVE(ZeroconfPeer)

        // Starts the script and waits until its sockets are up (~0.2 s).
        bool start(QString *error, int timeoutMs = 15'000);
        // "quit": goodbyes for everything still registered, then exit;
        // SIGKILL after timeoutMs. Also done by the destructor.
        void stop(int timeoutMs = 5'000);
        // SIGKILL: a device that vanished without goodbye.
        void kill();
        bool isRunning() const;
        QString stderrOutput() const;

        // Each waits for the script's reply (pumping events). False with
        // error set when the script refused (its exception text), did not
        // answer within timeoutMs, or is not running.
        bool registerService(const ZeroconfService &service, QString *error, int timeoutMs = 10'000);
        // Concurrently (asyncio.gather): hundreds in a few seconds.
        bool registerServices(const QList<ZeroconfService> &services, QString *error, int timeoutMs = 60'000);
        // Graceful: goodbye packets (TTL 0).
        bool unregisterService(const QString &instance, const QString &type, QString *error,
                               int timeoutMs = 10'000);
        // Starts a ServiceBrowser; its events arrive as eventReceived() and in events().
        bool browse(const QStringList &types, QString *error, int timeoutMs = 10'000);
        // One query (QM) for instance; nullopt with error when unresolved.
        std::optional<MdnsPeerService> resolve(const QString &instance, const QString &type, QString *error,
                                               int timeoutMs = 3'000);

        QList<ZeroconfEvent> events() const { return m_events; }
        void clearEvents() { m_events.clear(); }
        // The first recorded event (since clearEvents()) matching predicate,
        // waiting up to timeoutMs for it; nullopt on timeout.
        std::optional<ZeroconfEvent> waitForEvent(const std::function<bool(const ZeroconfEvent &)> &predicate,
                                                  int timeoutMs);

    Q_SIGNALS:
        void eventReceived(const TestSupport::ZeroconfEvent &event);

    private:
        std::optional<QJsonObject> request(QJsonObject command, QString *error, int timeoutMs);
        void readOutput();

        std::unique_ptr<QProcess> m_process;
        QByteArray m_stdoutBuffer;
        QByteArray m_stderr;
        bool m_ready = false;
        int m_nextId = 1;
        std::map<int, QJsonObject> m_replies;
        QList<ZeroconfEvent> m_events;
    };
} // namespace TestSupport
