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
        served.process->start(QStringLiteral(OTA_SERVER_PATH), arguments);
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

    struct Reply
    {
        int status = 0;
        QJsonObject json;
        QString networkError;
    };

    Reply get(QNetworkAccessManager &network, const QUrl &url, const QSslConfiguration &ssl = {})
    {
        QNetworkRequest request(url);
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
        QTRY_COMPARE_WITH_TIMEOUT(browser.instances().size(), 1, 10000);
        const Discovery::ServiceInstance found = browser.instances().constFirst();
        QCOMPARE(found.instanceName, u"Building 7"_s);
        QCOMPARE(found.port, server.base.port());
        QCOMPARE(found.txt.value(u"api"_s), u"1"_s);
        QCOMPARE(found.txt.value(u"tls"_s), u"no"_s);
        // A clean stop says goodbye.
        server.process->terminate();
        QTRY_VERIFY_WITH_TIMEOUT(browser.instances().isEmpty(), 5000);
        QCOMPARE(server.process->exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOtaServer)
#include "tst_otaserver.moc"
