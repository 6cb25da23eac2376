#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "discovery/mdnsbrowser.h"
#include "discovery/mdnstransport.h"
#include "opensslcli.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    struct Served
    {
        Served() = default;
        Served(Served &&) = default;
        Served &operator=(Served &&) = default;
        ~Served()
        {
            if (process && process->state() != QProcess::NotRunning) {
                process->terminate();
                process->waitForFinished(5000);
            }
        }

        std::unique_ptr<QProcess> process;
        QUrl base; // "http://127.0.0.1:PORT"
        QString errors;
        int exitCode = -1; // when it stopped by itself
    };

    // Starts the real ota-server and waits for its "listening on URL" line.
    Served startServer(const QStringList &arguments)
    {
        Served served;
        served.process = std::make_unique<QProcess>();
        static QTemporaryDir dataDir;
        served.process->start(QStringLiteral(OTA_SERVER_PATH), QStringList {u"--data-dir"_s, dataDir.path()} + arguments);
        QByteArray out;
        const bool listening = QTest::qWaitFor([&] {
            out += served.process->readAllStandardOutput();
            return out.contains("listening on ") || served.process->state() == QProcess::NotRunning;
        }, 10000);
        if (served.process->state() == QProcess::NotRunning) {
            served.exitCode = served.process->exitCode();
            served.errors = QString::fromUtf8(served.process->readAllStandardError());
            return served;
        }
        if (listening) {
            const QByteArray line = out.mid(out.indexOf("listening on ") + 13).split('\n').constFirst();
            served.base = QUrl(QString::fromUtf8(line.trimmed()));
        }
        return served;
    }

    struct Command
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Command runServerCommand(const QStringList &arguments)
    {
        QProcess process;
        process.start(QStringLiteral(OTA_SERVER_PATH), arguments);
        if (!process.waitForFinished(30000))
            return {};
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    struct Reply
    {
        int status = 0;
        QJsonObject json;
        QString networkError;
    };

    Reply get(QNetworkAccessManager &network, const QUrl &url, const QSslConfiguration &ssl = {},
              const QString &token = {})
    {
        QNetworkRequest request(url);
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        if (!ssl.isNull())
            request.setSslConfiguration(ssl);
        std::unique_ptr<QNetworkReply> reply(network.get(request));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
            return {};
        Reply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.json = QJsonDocument::fromJson(reply->readAll()).object();
        if (reply->error() != QNetworkReply::NoError && result.status == 0)
            result.networkError = reply->errorString();
        return result;
    }
} // namespace

// ota-server run as a program: how it listens, over HTTP and HTTPS, how it
// answers what it does not know, and how it refuses a bad command line.
class TestOtaServer final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;

    QPair<QString, QString> selfSigned(const QString &name, const QString &subject = u"/CN=127.0.0.1"_s)
    {
        const QString cert = m_dir.filePath(name + u".crt"_s);
        const QString key = m_dir.filePath(name + u".key"_s);
        const auto run = TestSupport::OpenSslCli::run(
            m_dir.path(), {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
                           u"-nodes"_s, u"-keyout"_s, key, u"-out"_s, cert, u"-days"_s, u"2"_s, u"-subj"_s, subject,
                           u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s});
        if (!run.succeeded())
            qWarning("openssl req failed: %s", run.errors.constData());
        return {cert, key};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!TestSupport::OpenSslCli::available())
            QSKIP("the openssl command is needed to make test certificates");
    }

    void healthSaysWhoItIsOverHttp()
    {
        Served server = startServer({u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--no-mdns"_s,
                                     u"--name"_s, u"bench server"_s});
        QVERIFY2(server.base.isValid(), qPrintable(server.errors));
        const Reply health = get(m_network, server.base.resolved(QUrl(u"/api/v1/health"_s)));
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json.value(u"status"_s).toString(), u"ok"_s);
        QCOMPARE(health.json.value(u"name"_s).toString(), u"bench server"_s);
        QCOMPARE(health.json.value(u"apiVersion"_s).toInt(), 1);
        QCOMPARE(health.json.value(u"tls"_s).toBool(), false);
    }

    void anUnknownRouteIsAJson404NamingIt()
    {
        Served server = startServer({u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--no-mdns"_s});
        QVERIFY(server.base.isValid());
        const Reply missing = get(m_network, server.base.resolved(QUrl(u"/api/v1/nothing-here"_s)));
        QCOMPARE(missing.status, 404);
        const QJsonObject error = missing.json.value(u"error"_s).toObject();
        QCOMPARE(error.value(u"code"_s).toString(), u"not-found"_s);
        QVERIFY2(error.value(u"message"_s).toString().contains(u"GET /api/v1/nothing-here"_s),
                 qPrintable(error.value(u"message"_s).toString()));
    }

    void httpsWithTheOperatorsCertificate()
    {
        const auto [cert, key] = selfSigned(u"server"_s);
        Served server = startServer({u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--no-mdns"_s,
                                     u"--tls-cert"_s, cert, u"--tls-key"_s, key});
        QVERIFY2(server.base.isValid(), qPrintable(server.errors));
        QCOMPARE(server.base.scheme(), u"https"_s);
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(QSslCertificate::fromPath(cert));
        const Reply health = get(m_network, server.base.resolved(QUrl(u"/api/v1/health"_s)), ssl);
        QVERIFY2(health.status == 200, qPrintable(health.networkError));
        QCOMPARE(health.json.value(u"tls"_s).toBool(), true);
    }

    void aKeyThatIsNotTheCertificatesIsRefusedAtStart()
    {
        const auto [cert, key] = selfSigned(u"one"_s);
        const auto other = selfSigned(u"two"_s);
        Served server = startServer({u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--no-mdns"_s,
                                     u"--tls-cert"_s, cert, u"--tls-key"_s, other.second});
        QCOMPARE(server.exitCode, 1);
        QVERIFY2(server.errors.contains(u"does not belong to the certificate"_s), qPrintable(server.errors));
    }

    void badStartsSayWhatToFix_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("says");
        QTest::newRow("certificate without key") << QStringList {u"--tls-cert"_s, u"x.crt"_s} << 2 << u"--tls-key"_s;
        QTest::newRow("missing certificate file")
            << QStringList {u"--tls-cert"_s, u"/nonexistent/x.crt"_s, u"--tls-key"_s, u"/nonexistent/x.key"_s} << 1
            << u"/nonexistent/x.crt"_s;
        QTest::newRow("not an address") << QStringList {u"--listen"_s, u"example"_s} << 2 << u"--listen"_s;
        QTest::newRow("bad port") << QStringList {u"--port"_s, u"70000"_s} << 2 << u"--port"_s;
    }
    void badStartsSayWhatToFix()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, says);
        Served server = startServer(arguments + QStringList {u"--no-mdns"_s});
        QCOMPARE(server.exitCode, exitCode);
        QVERIFY2(server.errors.contains(says), qPrintable(server.errors));
    }

    void aPortInUseIsRefused()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        Served server = startServer({u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(squatter.serverPort()),
                                     u"--no-mdns"_s});
        QCOMPARE(server.exitCode, 1);
        QVERIFY2(server.errors.contains(u"in use"_s), qPrintable(server.errors));
    }

    void initPrintsTheFirstAdminTokenOnceAndOnlyOnce()
    {
        QTemporaryDir data;
        const Command first = runServerCommand({u"init"_s, u"--data-dir"_s, data.path()});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY(first.out.contains(u"shown once"_s));
        QVERIFY(first.out.contains(u"ota_"_s));
        const Command again = runServerCommand({u"init"_s, u"--data-dir"_s, data.path()});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(u"token create"_s), qPrintable(again.err));
    }

    void tokensAreCreatedListedAndRevokedFromTheCommandLine()
    {
        QTemporaryDir data;
        QCOMPARE(runServerCommand({u"init"_s, u"--data-dir"_s, data.path()}).exitCode, 0);
        const Command created = runServerCommand({u"token"_s, u"create"_s, u"--data-dir"_s, data.path(), u"--name"_s,
                                                  u"ci-pipeline"_s, u"--role"_s, u"operator"_s});
        QCOMPARE(created.exitCode, 0);
        QVERIFY(created.out.trimmed().startsWith(u"ota_"_s));
        const Command listed = runServerCommand({u"token"_s, u"list"_s, u"--data-dir"_s, data.path()});
        QVERIFY(listed.out.contains(u"ci-pipeline"_s) && listed.out.contains(u"operator"_s));
        QVERIFY(!listed.out.contains(created.out.trimmed())); // secrets are never shown again
        const Command badRole = runServerCommand({u"token"_s, u"create"_s, u"--data-dir"_s, data.path(), u"--name"_s,
                                                  u"x"_s, u"--role"_s, u"root"_s});
        QCOMPARE(badRole.exitCode, 2);
        QVERIFY(badRole.err.contains(u"viewer, operator or admin"_s));
        const QString id = listed.out.split(u'\n').filter(u"ci-pipeline"_s).constFirst().section(u' ', 0, 0);
        const Command revoked = runServerCommand({u"token"_s, u"revoke"_s, id, u"--data-dir"_s, data.path()});
        QVERIFY2(revoked.exitCode == 0, qPrintable(revoked.err));
        QVERIFY(runServerCommand({u"token"_s, u"list"_s, u"--data-dir"_s, data.path()}).out.contains(u"revoked"_s));
    }

    void theAuditLogIsReadByOperatorsAndItsChainVerifies()
    {
        QTemporaryDir data;
        const QString admin = runServerCommand({u"init"_s, u"--data-dir"_s, data.path()}).out.split(u'\n').filter(u"ota_"_s).constFirst().trimmed();
        const QString viewer = runServerCommand({u"token"_s, u"create"_s, u"--data-dir"_s, data.path(), u"--name"_s,
                                                 u"wallboard"_s, u"--role"_s, u"viewer"_s}).out.trimmed();
        Served server = startServer({u"--data-dir"_s, data.path(), u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s,
                                     u"--no-mdns"_s});
        QVERIFY2(server.base.isValid(), qPrintable(server.errors));
        const QUrl audit = server.base.resolved(QUrl(u"/api/v1/audit"_s));

        const Reply anonymous = get(m_network, audit);
        QCOMPARE(anonymous.status, 401);
        QCOMPARE(anonymous.json.value(u"error"_s).toObject().value(u"code"_s).toString(), u"unauthorized"_s);
        const Reply tooLow = get(m_network, audit, {}, viewer);
        QCOMPARE(tooLow.status, 403);
        QVERIFY(tooLow.json.value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"operator role"_s));

        const Reply entries = get(m_network, audit, {}, admin);
        QCOMPARE(entries.status, 200);
        const QJsonArray list = entries.json.value(u"entries"_s).toArray();
        QCOMPARE(list.size(), 2); // the admin token, then the viewer token
        QCOMPARE(list[1].toObject().value(u"action"_s).toString(), u"token.create"_s);
        QCOMPARE(list[1].toObject().value(u"target"_s).toString(), u"wallboard"_s);

        const Reply verified = get(m_network, server.base.resolved(QUrl(u"/api/v1/audit/verify"_s)), {}, admin);
        QCOMPARE(verified.json.value(u"ok"_s).toBool(), true);
        QCOMPARE(verified.json.value(u"entries"_s).toInt(), 2);
        const Reply badFormat = get(m_network, server.base.resolved(QUrl(u"/api/v1/audit/export?format=xml"_s)), {}, admin);
        QCOMPARE(badFormat.status, 400);
    }

    void aRevokedTokenIsRefused()
    {
        QTemporaryDir data;
        QCOMPARE(runServerCommand({u"init"_s, u"--data-dir"_s, data.path()}).exitCode, 0);
        const QString ops = runServerCommand({u"token"_s, u"create"_s, u"--data-dir"_s, data.path(), u"--name"_s,
                                              u"ops"_s, u"--role"_s, u"operator"_s}).out.trimmed();
        QCOMPARE(runServerCommand({u"token"_s, u"revoke"_s, u"2"_s, u"--data-dir"_s, data.path()}).exitCode, 0);
        Served server = startServer({u"--data-dir"_s, data.path(), u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s,
                                     u"--no-mdns"_s});
        const Reply refused = get(m_network, server.base.resolved(QUrl(u"/api/v1/audit"_s)), {}, ops);
        QCOMPARE(refused.status, 401);
        QVERIFY(refused.json.value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"revoked"_s));
    }

    void consolesFindItByMdns()
    {
        Discovery::MdnsTransport transport(QStringList {u"lo"_s});
        QString error;
        QVERIFY2(transport.start(&error), qPrintable(error));
        Discovery::MdnsBrowser browser(&transport, {u"_otarollout._tcp"_s});
        browser.start();
        Served server = startServer({u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--mdns-interface"_s, u"lo"_s,
                                     u"--name"_s, u"Building 7"_s});
        QVERIFY2(server.base.isValid(), qPrintable(server.errors));
        QTRY_COMPARE_WITH_TIMEOUT(browser.instances().size(), 1, 20000);
        const Discovery::ServiceInstance found = browser.instances().constFirst();
        QCOMPARE(found.instanceName, u"Building 7"_s);
        QCOMPARE(found.port, server.base.port());
        QCOMPARE(found.txt.value(u"api"_s), u"1"_s);
        QCOMPARE(found.txt.value(u"tls"_s), u"no"_s);
        // A clean stop says goodbye. The stop itself is waited for first and
        // generously: under AddressSanitizer with the suite beside it the
        // server takes many seconds to stop, which says nothing about mDNS.
        server.process->terminate();
        QVERIFY(QTest::qWaitFor([&server] { return server.process->state() == QProcess::NotRunning; }, 90000));
        QCOMPARE(server.process->exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(browser.instances().isEmpty(), 10000);
    }
};

QTEST_GUILESS_MAIN(TestOtaServer)
#include "tst_otaserver.moc"
