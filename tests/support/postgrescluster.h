#pragma once

#include <memory>

#include <QString>
#include <QTemporaryDir>

namespace TestSupport
{
    // A throwaway PostgreSQL 15 cluster for one test program: initdb into a
    // temporary directory, listening on 127.0.0.1 at a free port with its
    // socket in that directory, password authentication over TCP. As real
    // root it runs initdb/pg_ctl as the postgres user (runuser); as another
    // user directly. As root inside a user namespace (unshare -r) it cannot
    // start, and says why: tests QSKIP with skipReason().
    class PostgresCluster final
    {
    public:
        PostgresCluster();
        ~PostgresCluster(); // pg_ctl -m fast stop
        Q_DISABLE_COPY_MOVE(PostgresCluster)

        bool start();
        bool isRunning() const { return m_running; }
        QString skipReason() const { return m_skipReason; }

        QString user() const; // the cluster superuser, "ota"
        QString password() const { return m_password; }
        int port() const { return m_port; }
        // postgresql://ota:PASSWORD@127.0.0.1:PORT/dbName
        QString url(const QString &dbName) const;
        bool createDatabase(const QString &dbName);

    private:
        // How initdb and pg_ctl run here; empty with m_skipReason set if they cannot.
        QStringList commandPrefix();
        bool runTool(const QString &tool, const QStringList &arguments, int timeoutMs, QString *output = nullptr);

        QTemporaryDir m_dir;
        QStringList m_prefix;
        QString m_password;
        QString m_skipReason;
        int m_port = 0;
        bool m_running = false;
    };
} // namespace TestSupport
