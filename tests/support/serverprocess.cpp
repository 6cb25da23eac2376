#include "serverprocess.h"

#include <map>

#include <QJsonDocument>
#include <QNetworkReply>
#include <QTest>

#include "firmware/imagereader.h"
#include "postgrescluster.h"
#include "firmware/manifestsigner.h"
#include "firmware/releasemanifest.h"
#include "firmware/signingkey.h"
#include "testimagebuilder.h"

using namespace Qt::Literals::StringLiterals;

namespace TestSupport
{
    ServerProcess::ServerProcess(QString serverPath)
        : m_serverPath(std::move(serverPath))
    {
    }

    ServerProcess::~ServerProcess()
    {
        terminate();
    }

    QStringList ServerProcess::storeArguments() const
    {
        QStringList arguments{u"--data-dir"_s, dataDir()};
        if (!m_database.isEmpty())
            arguments += {u"--db"_s, m_database};
        return arguments;
    }

    bool ServerProcess::init(QString *error)
    {
        QProcess process;
        process.start(m_serverPath, QStringList{u"init"_s} + storeArguments());
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            *error = u"ota-server init failed: "_s + QString::fromUtf8(process.readAllStandardError());
            return false;
        }
        const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
        m_adminToken = QString::fromUtf8(lines.constLast().trimmed());
        return !m_adminToken.isEmpty();
    }

    QString ServerProcess::createToken(const QString &name, const QString &role, bool breakGlass, QString *error)
    {
        QProcess process;
        QStringList arguments = QStringList{u"token"_s, u"create"_s} + storeArguments()
                                + QStringList{u"--name"_s, name, u"--role"_s, role};
        if (breakGlass)
            arguments.append(u"--break-glass"_s);
        process.start(m_serverPath, arguments);
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            *error = u"ota-server token create failed: "_s + QString::fromUtf8(process.readAllStandardError());
            return {};
        }
        return QString::fromUtf8(process.readAllStandardOutput().trimmed());
    }

    bool ServerProcess::start(const QStringList &extraArguments, QString *error)
    {
        m_process = std::make_unique<QProcess>();
        m_stderr.clear();
        m_process->start(m_serverPath, storeArguments()
                                           + QStringList{u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--no-mdns"_s}
                                           + extraArguments);
        QByteArray out;
        const bool listening = QTest::qWaitFor(
            [&] {
                out += m_process->readAllStandardOutput();
                return out.contains("listening on ") || m_process->state() == QProcess::NotRunning;
            },
            15000);
        if (!listening || m_process->state() == QProcess::NotRunning) {
            *error = u"ota-server did not start: "_s + standardError();
            return false;
        }
        const QByteArray line = out.mid(out.indexOf("listening on ") + 13).split('\n').constFirst();
        m_base = QUrl(QString::fromUtf8(line.trimmed()));
        return true;
    }

    void ServerProcess::terminate()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            m_process->waitForFinished(10000);
        }
    }

    void ServerProcess::kill()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(10000);
        }
    }

    QString ServerProcess::standardError()
    {
        if (m_process)
            m_stderr += m_process->readAllStandardError();
        return QString::fromUtf8(m_stderr);
    }

    TestDatabase::TestDatabase(Choice choice)
        : m_postgres(choice == Choice::Postgres || qEnvironmentVariable("OTA_TEST_DB_ENGINE") == u"postgresql"_s)
    {
    }

    TestDatabase::~TestDatabase() = default;

    QString TestDatabase::freshLocation(QString *skipReason)
    {
        if (!m_postgres)
            return {};
        if (!m_cluster) {
            m_cluster = std::make_unique<PostgresCluster>();
            if (!m_cluster->start()) {
                *skipReason = u"PostgreSQL cannot start here: "_s + m_cluster->skipReason();
                return {};
            }
        }
        if (!m_cluster->isRunning()) {
            *skipReason = u"PostgreSQL cannot start here: "_s + m_cluster->skipReason();
            return {};
        }
        const QString name = u"server%1"_s.arg(++m_serial);
        if (!m_cluster->createDatabase(name)) {
            *skipReason = u"cannot create PostgreSQL database "_s + name;
            return {};
        }
        return m_cluster->url(name);
    }

    QByteArray ApiReply::header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }

    QString ApiReply::describe() const
    {
        if (status == 0)
            return u"no answer: "_s + networkError;
        return u"%1 %2: %3"_s.arg(status).arg(errorCode(), errorCode().isEmpty() ? QString::fromUtf8(body.left(300))
                                                                                : errorMessage());
    }

    ApiClient::ApiClient(QUrl base)
        : m_base(std::move(base))
    {
    }

    void ApiClient::useToken(const QString &token)
    {
        m_authorization = "Bearer " + token.toUtf8();
    }

    void ApiClient::useDevice(const QString &deviceId, const QString &secret)
    {
        m_authorization = "Basic " + (deviceId + u':' + secret).toUtf8().toBase64();
    }

    void ApiClient::useNoCredential()
    {
        m_authorization.clear();
    }

    ApiReply ApiClient::get(const QString &path, const QList<std::pair<QByteArray, QByteArray>> &headers)
    {
        return send(u"GET"_s, path, {}, headers);
    }

    ApiReply ApiClient::post(const QString &path, const QJsonObject &body)
    {
        return send(u"POST"_s, path, QJsonDocument(body).toJson(QJsonDocument::Compact), {});
    }

    ApiReply ApiClient::postRaw(const QString &path, const QByteArray &body)
    {
        return send(u"POST"_s, path, body, {});
    }

    ApiReply ApiClient::send(const QString &verb, const QString &path, const QByteArray &body,
                             const QList<std::pair<QByteArray, QByteArray>> &headers)
    {
        QUrl url = m_base;
        const qsizetype query = path.indexOf(u'?');
        url.setPath(query < 0 ? path : path.left(query));
        if (query >= 0)
            url.setQuery(path.mid(query + 1));
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!m_authorization.isEmpty())
            request.setRawHeader("Authorization", m_authorization);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        std::unique_ptr<QNetworkReply> reply(verb == u"GET"_s ? m_network.get(request) : m_network.post(request, body));
        ApiReply result;
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 30000)) {
            result.networkError = u"no reply within 30 s"_s;
            return result;
        }
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.json = QJsonDocument::fromJson(result.body).object();
        for (const auto &pair : reply->rawHeaderPairs())
            result.headers.append({pair.first, pair.second});
        if (reply->error() != QNetworkReply::NoError && result.status == 0)
            result.networkError = reply->errorString();
        return result;
    }

    SignedRelease SignedRelease::make(const QString &version, const QString &project, int keySeed, int imageBytes)
    {
        // One key per seed for the life of the test program.
        static std::map<int, Firmware::SigningKey> keys;
        auto found = keys.find(keySeed);
        if (found == keys.end())
            found = keys.emplace(keySeed, Firmware::SigningKey::generate().value()).first;
        const Firmware::SigningKey &key = found->second;

        SignedRelease release;
        TestImageBuilder builder(0);
        builder.setVersion(version).setProjectName(project);
        builder.addSegment(0x3ffb0000, QByteArray(qMax(4, imageBytes / 4 * 4), '\x42'));
        release.image = builder.build();
        const auto image = Firmware::ImageReader::read(release.image).value();
        Firmware::ReleaseManifest manifest = Firmware::ReleaseManifest::fromImage(image, {});
        manifest.minPreviousVersion = u"1.0.0"_s;
        release.manifest = manifest.toJson();
        release.signatureBase64 = Firmware::ManifestSigner::toBase64(
            Firmware::ManifestSigner::sign(release.manifest, key).value());
        release.publicKeyPem = key.publicKey().toPem();
        release.sha256 = manifest.sha256;
        release.version = version;
        return release;
    }

    QJsonObject SignedRelease::uploadBody() const
    {
        return {{u"image"_s, QString::fromLatin1(image.toBase64())},
                {u"manifest"_s, QString::fromUtf8(manifest)},
                {u"signature"_s, QString::fromLatin1(signatureBase64)}};
    }
    Rollout::ServerEndpoint ServerProcess::endpoint(const QString &token) const
    {
        Rollout::ServerEndpoint endpoint;
        endpoint.base = m_base;
        endpoint.token = token.toUtf8();
        return endpoint;
    }

} // namespace TestSupport
