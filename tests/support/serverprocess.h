#pragma once

#include <memory>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include "rollout/serverendpoint.h"

namespace TestSupport
{
    class PostgresCluster;

    // The real ota-server for one test, in a data directory of its own:
    // `init` (the first admin token), more tokens, then serving on
    // 127.0.0.1 at a free port without mDNS.
    class ServerProcess final
    {
    public:
        explicit ServerProcess(QString serverPath);
        ~ServerProcess();
        Q_DISABLE_COPY_MOVE(ServerProcess)

        // Every command after this uses --db location (PostgreSQL, say)
        // instead of the SQLite file in the data directory.
        void useDatabase(const QString &location) { m_database = location; }
        // Several instances behind one load balancer share the store and the
        // data directory (firmware blobs): this one uses other's.
        void shareStoreWith(const ServerProcess &other)
        {
            m_database = other.m_database;
            m_sharedDataDir = other.dataDir();
        }

        // ota-server init; false (and why in error) when it fails.
        bool init(QString *error);
        // ota-server token create; the secret, or empty (and why in error).
        QString createToken(const QString &name, const QString &role, bool breakGlass, QString *error);
        // Serves with extra options (--time-scale, --db, ...); false when it
        // did not print "listening on" within 15 s.
        bool start(const QStringList &extraArguments, QString *error);
        void terminate(); // SIGTERM and wait
        void kill();      // SIGKILL and wait: nothing gets to clean up

        QUrl base() const { return m_base; }
        qint64 processId() const { return m_process ? m_process->processId() : 0; } // 0 when not running
        QString adminToken() const { return m_adminToken; }
        // How a console reaches this server with token (or as its admin).
        Rollout::ServerEndpoint endpoint(const QString &token) const;
        Rollout::ServerEndpoint adminEndpoint() const { return endpoint(m_adminToken); }
        QString dataDir() const { return m_sharedDataDir.isEmpty() ? m_dataDir.path() : m_sharedDataDir; }
        QString standardError();

    private:
        QStringList storeArguments() const;

        QString m_serverPath;
        QString m_database;
        QString m_sharedDataDir;
        QTemporaryDir m_dataDir;
        std::unique_ptr<QProcess> m_process;
        QUrl m_base;
        QString m_adminToken;
        QByteArray m_stderr;
    };

    // The store the server tests run on: SQLite by default; PostgreSQL when
    // OTA_TEST_DB_ENGINE=postgresql (CTest registers each server test both
    // ways), in a throwaway cluster. Empty location and a reason to skip when
    // PostgreSQL is wanted but cannot start here.
    class TestDatabase final
    {
    public:
        // Which engine: as OTA_TEST_DB_ENGINE says, or PostgreSQL whatever it says.
        enum class Choice
        {
            FromEnvironment,
            Postgres,
        };
        explicit TestDatabase(Choice choice = Choice::FromEnvironment);
        ~TestDatabase();
        Q_DISABLE_COPY_MOVE(TestDatabase)

        bool isPostgres() const { return m_postgres; }
        // "" for SQLite; a postgresql:// URL of a fresh database otherwise.
        QString freshLocation(QString *skipReason);

    private:
        bool m_postgres = false;
        std::unique_ptr<PostgresCluster> m_cluster;
        int m_serial = 0;
    };

    struct ApiReply
    {
        int status = 0; // 0: no HTTP answer (see networkError)
        QJsonObject json;
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> headers;
        QString networkError;

        QString errorCode() const { return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(); }
        QString errorMessage() const { return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(); }
        QByteArray header(const QByteArray &name) const;
        // "401 unauthorized: ..." for failure messages.
        QString describe() const;
    };

    // JSON calls against the server as a console (bearer token) or a device
    // (HTTP Basic id:secret) would make them. Waits for each reply.
    class ApiClient final
    {
    public:
        explicit ApiClient(QUrl base);

        void useToken(const QString &token);
        void useDevice(const QString &deviceId, const QString &secret);
        void useNoCredential();

        ApiReply get(const QString &path, const QList<std::pair<QByteArray, QByteArray>> &headers = {});
        ApiReply post(const QString &path, const QJsonObject &body = {});
        ApiReply postRaw(const QString &path, const QByteArray &body);

    private:
        ApiReply send(const QString &verb, const QString &path, const QByteArray &body,
                      const QList<std::pair<QByteArray, QByteArray>> &headers);

        QUrl m_base;
        QByteArray m_authorization;
        QNetworkAccessManager m_network;
    };

    // A release signed for tests: an ESP32 app image of the given version,
    // its manifest, and the detached signature by a key made now.
    struct SignedRelease
    {
        QByteArray image;
        QByteArray manifest;
        QByteArray signatureBase64;
        QByteArray publicKeyPem;
        QString sha256;
        QString version;

        // The same key signs every release made with the same keySeed.
        static SignedRelease make(const QString &version, const QString &project, int keySeed = 0, int imageBytes = 4096);
        // The body of POST /api/v1/releases.
        QJsonObject uploadBody() const;
    };
} // namespace TestSupport
