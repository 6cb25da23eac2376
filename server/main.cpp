// ota-server: the rollout server (docs/server-api.md, docs/device-api.md):
// the store (SQLite or PostgreSQL), tokens (init, token create|list|revoke),
// the HTTP(S) front with the console and device routes, the event stream,
// the rollout engine ticking on its clock, and the mDNS advert.
#include <csignal>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QSysInfo>
#include <QJsonObject>
#include <QTextStream>

#include <sys/socket.h>
#include <unistd.h>

#include <QDir>
#include <QStandardPaths>

#include <QFile>
#include <QJsonDocument>
#include <QTimer>

#include "engine/scaledclock.h"
#include "serverlogging.h"
#include "http/access.h"
#include "http/deviceroutes.h"
#include "http/firmwareroutes.h"
#include "http/routecontext.h"
#include "http/rolloutroutes.h"
#include "http/snapshot.h"
#include "service/firmwareregistry.h"
#include "service/journal.h"
#include "service/rolloutservice.h"
#include "store/eventlog.h"
#include "http/apiserver.h"
#include "http/auditroutes.h"
#include "http/tokenroutes.h"
#include "http/eventstream.h"
#include "http/serveradvert.h"
#include "http/storeeventfeed.h"
#include "store/auditlog.h"
#include "store/database.h"
#include "store/tokenstore.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    QTextStream &err()
    {
        static QTextStream stream(stderr);
        return stream;
    }

    int usage(const QString &message)
    {
        err() << "ota-server: " << message << "\n";
        return 2;
    }

    int failure(const QString &message)
    {
        err() << "ota-server: " << message << "\n";
        return 1;
    }

    QTextStream &out()
    {
        static QTextStream stream(stdout);
        return stream;
    }

    const QCommandLineOption DataDirOption(u"data-dir"_s, u"Where the server keeps its database and firmware (default: "
                                                          u"~/.local/share/ota-server)."_s, u"dir"_s);
    const QCommandLineOption DbOption(u"db"_s, u"Database: a SQLite file (default DATA_DIR/ota.db) or "
                                               u"postgresql://user@host:port/dbname for several instances."_s, u"location"_s);

    QString dataDirOf(const QCommandLineParser &parser)
    {
        if (parser.isSet(DataDirOption))
            return QDir(parser.value(DataDirOption)).absolutePath();
        return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/ota-server"_s;
    }

    // Creates the data directory (owner only) and opens the store in it.
    Result<std::unique_ptr<Store::Database>, QString> openStore(const QCommandLineParser &parser)
    {
        const QString dataDir = dataDirOf(parser);
        if (!QDir().mkpath(dataDir))
            return u"cannot create the data directory %1"_s.arg(dataDir);
        QFile::setPermissions(dataDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        const QString location = parser.isSet(DbOption) ? parser.value(DbOption) : dataDir + u"/ota.db"_s;
        auto db = Store::Database::open(location);
        if (!db)
            return db.error().message;
        return std::move(db).value();
    }

    int initCommand(const QStringList &arguments)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(u"Creates the store and the first admin token, printed once. Refuses a store "
                                         u"that already has tokens."_s);
        parser.addHelpOption();
        parser.addOptions({DataDirOption, DbOption});
        parser.process(arguments);
        auto db = openStore(parser);
        if (!db)
            return failure(db.error());
        Store::TokenStore tokens(*db.value());
        const auto existing = tokens.list();
        if (!existing)
            return failure(existing.error().message);
        if (!existing.value().isEmpty())
            return failure(u"this store already has tokens; make more with 'ota-server token create'"_s);
        const auto created = tokens.create(u"admin"_s, Store::Role::Admin, true, u"ota-server init"_s);
        if (!created)
            return failure(created.error().message);
        const auto audited = Store::AuditLog(*db.value()).append(u"ota-server init"_s, u"token.create"_s, u"admin"_s,
                                                                 u"first admin token"_s, u"ok"_s,
                                                                 {{u"role"_s, u"admin"_s}, {u"breakGlass"_s, true}});
        if (!audited)
            return failure(audited.error().message);
        out() << "store ready: " << db.value()->location().display() << "\n"
              << "admin token (shown once; keep it in a password manager):\n" << created.value().secret << "\n";
        return 0;
    }

    int tokenCommand(const QStringList &arguments)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(u"token create --name NAME --role viewer|operator|admin [--break-glass] | "
                                         u"token list | token revoke ID"_s);
        parser.addHelpOption();
        const QCommandLineOption name(u"name"_s, u"Who or what the token is for (the actor in the audit log)."_s, u"name"_s);
        const QCommandLineOption role(u"role"_s, u"viewer, operator or admin."_s, u"role"_s);
        const QCommandLineOption breakGlass(u"break-glass"_s, u"Also grant the break-glass right."_s);
        parser.addOptions({DataDirOption, DbOption, name, role, breakGlass});
        parser.addPositionalArgument(u"action"_s, u"create, list or revoke"_s);
        parser.process(arguments);
        const QStringList positional = parser.positionalArguments();
        if (positional.isEmpty())
            return usage(u"token needs an action: create, list or revoke"_s);
        const QString action = positional.constFirst();
        auto db = openStore(parser);
        if (!db)
            return failure(db.error());
        Store::TokenStore tokens(*db.value());
        Store::AuditLog audit(*db.value());
        const QString actor = u"ota-server token"_s;
        if (action == u"create"_s) {
            if (!parser.isSet(name) || !parser.isSet(role))
                return usage(u"token create needs --name and --role"_s);
            const auto parsedRole = Store::roleFromName(parser.value(role));
            if (!parsedRole)
                return usage(u"--role '%1' is not viewer, operator or admin"_s.arg(parser.value(role)));
            const auto created = tokens.create(parser.value(name), *parsedRole, parser.isSet(breakGlass), actor);
            if (!created)
                return failure(created.error().message);
            const auto audited = audit.append(actor, u"token.create"_s, parser.value(name), {}, u"ok"_s,
                                              {{u"role"_s, Store::roleName(*parsedRole)},
                                               {u"breakGlass"_s, parser.isSet(breakGlass)}});
            if (!audited)
                return failure(audited.error().message);
            out() << created.value().secret << "\n";
            return 0;
        }
        if (action == u"list"_s) {
            const auto list = tokens.list();
            if (!list)
                return failure(list.error().message);
            for (const Store::Token &token : list.value()) {
                out() << token.id << "  " << token.name.leftJustified(20) << " " << Store::roleName(token.role).leftJustified(8)
                      << (token.breakGlass ? " break-glass" : "            ")
                      << (token.revoked() ? u"  revoked %1"_s.arg(token.revokedAt.toString(Qt::ISODate)) : QString())
                      << "\n";
            }
            return 0;
        }
        if (action == u"revoke"_s) {
            bool ok = false;
            const qint64 id = positional.value(1).toLongLong(&ok);
            if (!ok)
                return usage(u"token revoke needs the token's id (see 'ota-server token list')"_s);
            const auto revoked = tokens.revoke(id, actor);
            if (!revoked)
                return failure(revoked.error().message);
            const auto audited = audit.append(actor, u"token.revoke"_s, revoked.value().name, {}, u"ok"_s, {{u"id"_s, id}});
            if (!audited)
                return failure(audited.error().message);
            out() << "revoked " << revoked.value().name << "\n";
            return 0;
        }
        return usage(u"unknown token action '%1': create, list or revoke"_s.arg(action));
    }

    // --deployment-window: "default" (ROLLOUTS.md's), "always", or a JSON file.
    Result<Engine::DeploymentWindowPolicy, QString> windowPolicy(const QString &value)
    {
        if (value.isEmpty() || value == u"default"_s)
            return Engine::DeploymentWindowPolicy::defaultPolicy();
        if (value == u"always"_s)
            return Engine::DeploymentWindowPolicy::alwaysOpen();
        QFile file(value);
        if (!file.open(QIODevice::ReadOnly))
            return u"--deployment-window: cannot read %1 (%2); give default, always or a JSON file"_s.arg(value, file.errorString());
        const QJsonDocument document = QJsonDocument::fromJson(file.read(1024 * 1024));
        if (!document.isObject())
            return u"--deployment-window: %1 is not a JSON object (docs/rollout-engine.md shows the form)"_s.arg(value);
        auto policy = Engine::DeploymentWindowPolicy::fromJson(document.object());
        if (!policy)
            return u"--deployment-window: %1: %2"_s.arg(value, policy.error().join(u"; "_s));
        return std::move(policy).value();
    }

    // Events older than the newest KeptEvents are dropped once a minute: a
    // console away longer than that gets a fresh snapshot.
    constexpr qint64 KeptEvents = 200000;

    // SIGINT/SIGTERM end the event loop, so the mDNS goodbye goes out.
    int signalPipe[2] = {-1, -1};
    void onSignal(int)
    {
        const char byte = 1;
        [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
    }
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"ota-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(OTA_VERSION));

    QStringList arguments = app.arguments();
    const QString verb = arguments.value(1);
    if (verb == u"init"_s || verb == u"token"_s) {
        arguments.removeAt(1);
        arguments[0] += u' ' + verb;
        return verb == u"init"_s ? initCommand(arguments) : tokenCommand(arguments);
    }
    if (verb == u"serve"_s)
        arguments.removeAt(1);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"The OTA rollout server: REST API and event stream for consoles and devices (docs/server-api.md).\n"
        u"ota-server [serve] [options] | ota-server init | ota-server token create|list|revoke"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listen(u"listen"_s, u"Address to listen on (default 0.0.0.0)."_s, u"address"_s, u"0.0.0.0"_s);
    const QCommandLineOption port(u"port"_s, u"TCP port (default 8443 with TLS, 8080 without; 0 = any free port)."_s, u"port"_s);
    const QCommandLineOption cert(u"tls-cert"_s, u"PEM certificate file: serve HTTPS."_s, u"file"_s);
    const QCommandLineOption key(u"tls-key"_s, u"PEM private key file of --tls-cert."_s, u"file"_s);
    const QCommandLineOption name(u"name"_s, u"Server name shown to consoles (default \"ota-server on HOST\")."_s, u"name"_s);
    const QCommandLineOption mdnsInterface(u"mdns-interface"_s, u"Announce on this interface only; repeatable."_s, u"name"_s);
    const QCommandLineOption noMdns(u"no-mdns"_s, u"Do not announce the server by mDNS."_s);
    const QCommandLineOption timeScale(u"time-scale"_s, u"Run the rollout clock X times faster than real time (demos, "
                                                        u"tests: 3600 makes an hour a second). Default 1."_s, u"X"_s, u"1"_s);
    const QCommandLineOption window(u"deployment-window"_s, u"When rollouts may start or advance: default (Mon-Thu "
                                                            u"08-16, Fri 08-12), always, or a JSON policy file."_s,
                                    u"policy"_s, u"default"_s);
    const QCommandLineOption tickMs(u"tick-ms"_s, u"How often the engine checks timeouts, soaks and gates, in real "
                                                  u"milliseconds (default 1000)."_s, u"ms"_s, u"1000"_s);
    parser.addOptions({listen, port, cert, key, name, mdnsInterface, noMdns, DataDirOption, DbOption, timeScale, window,
                       tickMs});
    parser.process(arguments);

    if (parser.isSet(cert) != parser.isSet(key))
        return usage(u"--tls-cert and --tls-key go together: give both for HTTPS, neither for HTTP"_s);
    const QHostAddress address(parser.value(listen));
    if (address.isNull())
        return usage(u"--listen '%1' is not an IP address"_s.arg(parser.value(listen)));
    const bool tls = parser.isSet(cert);
    bool ok = true;
    const uint portNumber = parser.isSet(port) ? parser.value(port).toUInt(&ok) : (tls ? 8443 : 8080);
    if (!ok || portNumber > 65535)
        return usage(u"--port '%1' must be a number from 0 to 65535"_s.arg(parser.value(port)));

    const double scale = parser.value(timeScale).toDouble(&ok);
    if (!ok || scale < 1 || scale > 1e6)
        return usage(u"--time-scale '%1' must be a number from 1 to 1000000"_s.arg(parser.value(timeScale)));
    const int tickInterval = parser.value(tickMs).toInt(&ok);
    if (!ok || tickInterval < 10 || tickInterval > 3600000)
        return usage(u"--tick-ms '%1' must be a number from 10 to 3600000"_s.arg(parser.value(tickMs)));
    const auto policy = windowPolicy(parser.value(window));
    if (!policy)
        return usage(policy.error());

    Http::ServerIdentity identity;
    identity.name = parser.isSet(name) ? parser.value(name) : u"ota-server on %1"_s.arg(QSysInfo::machineHostName());
    identity.softwareVersion = QCoreApplication::applicationVersion();
    auto db = openStore(parser);
    if (!db)
        return failure(db.error());
    Engine::ScaledClock clock(scale);
    db.value()->setClock([&clock] { return clock.now(); });
    Http::ApiServer server(identity);
    Http::Access access(*db.value());
    Http::StoreEventFeed feed(*db.value());
    if (const auto listening = feed.listenToOtherInstances(); !listening)
        return failure(listening.error().message);
    Service::Journal journal(*db.value(), feed);
    Service::FirmwareRegistry firmware(*db.value(), dataDirOf(parser));
    Service::RolloutService rollouts(*db.value(), journal, clock, policy.value());
    if (const auto restored = rollouts.restore(); !restored)
        return failure(restored.error().message);
    Http::RouteContext context{access, *db.value(), dataDirOf(parser), journal, rollouts, firmware};
    Http::addAuditRoutes(server, access, *db.value());
    Http::addTokenRoutes(server, access);
    Http::addFirmwareRoutes(server, context);
    Http::addDeviceRoutes(server, context);
    Http::addRolloutRoutes(server, context);
    Http::EventStream stream(&server, &feed, [&context] { return Http::snapshot(context); },
                             [&access](const QByteArray &token) { return access.refusalForStream(token); });
    db.value()->tryAcquireEngineLease(); // at once, so health says which instance runs the engine
    rollouts.startTicking(tickInterval);
    // "active": this instance runs the engine's clock; "standby": another on the same PostgreSQL does.
    server.setHealthDetails([&db] {
        return QJsonObject{{u"engine"_s, db.value()->holdsEngineLease() ? u"active"_s : u"standby"_s}};
    });
    QTimer pruner;
    QObject::connect(&pruner, &QTimer::timeout, &pruner, [&db] {
        Store::EventLog log(*db.value());
        if (const auto latest = log.latestSeq(); latest && latest.value() > KeptEvents)
            if (const auto pruned = log.prune(latest.value() - KeptEvents); !pruned)
                qCWarning(lcServer) << "old events not pruned:" << pruned.error().message;
    });
    pruner.start(60 * 1000);
    std::optional<Http::TlsFiles> tlsFiles;
    if (tls)
        tlsFiles = Http::TlsFiles {parser.value(cert), parser.value(key)};
    const auto bound = server.listen(address, static_cast<quint16>(portNumber), tlsFiles);
    if (!bound) {
        err() << "ota-server: " << bound.error() << "\n";
        return 1;
    }
    QTextStream(stdout) << "listening on " << (tls ? "https" : "http") << "://" << address.toString() << ":"
                        << bound.value() << "\n"
                        << Qt::flush;

    Http::ServerAdvert advert;
    if (!parser.isSet(noMdns)) {
        const auto announced = advert.start(parser.values(mdnsInterface), identity, bound.value(), tls);
        if (!announced) {
            err() << "ota-server: " << announced.error() << "\n";
            return 1;
        }
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) == 0) {
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
        auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });
    }
    return QCoreApplication::exec();
}
