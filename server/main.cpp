// ota-server: the rollout server. Today: the HTTP(S) front with its health
// route and the mDNS advert; the store, the rollout engine and the API routes
// are being added (issue 5).
#include <csignal>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QSysInfo>
#include <QTextStream>

#include <sys/socket.h>
#include <unistd.h>

#include "http/apiserver.h"
#include "http/serveradvert.h"

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

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"The OTA rollout server: REST API and event stream for consoles and devices (docs/server-api.md)."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listen(u"listen"_s, u"Address to listen on (default 0.0.0.0)."_s, u"address"_s, u"0.0.0.0"_s);
    const QCommandLineOption port(u"port"_s, u"TCP port (default 8443 with TLS, 8080 without; 0 = any free port)."_s, u"port"_s);
    const QCommandLineOption cert(u"tls-cert"_s, u"PEM certificate file: serve HTTPS."_s, u"file"_s);
    const QCommandLineOption key(u"tls-key"_s, u"PEM private key file of --tls-cert."_s, u"file"_s);
    const QCommandLineOption name(u"name"_s, u"Server name shown to consoles (default \"ota-server on HOST\")."_s, u"name"_s);
    const QCommandLineOption mdnsInterface(u"mdns-interface"_s, u"Announce on this interface only; repeatable."_s, u"name"_s);
    const QCommandLineOption noMdns(u"no-mdns"_s, u"Do not announce the server by mDNS."_s);
    parser.addOptions({listen, port, cert, key, name, mdnsInterface, noMdns});
    parser.process(app);

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

    Http::ServerIdentity identity;
    identity.name = parser.isSet(name) ? parser.value(name) : u"ota-server on %1"_s.arg(QSysInfo::machineHostName());
    identity.softwareVersion = QCoreApplication::applicationVersion();
    Http::ApiServer server(identity);
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
