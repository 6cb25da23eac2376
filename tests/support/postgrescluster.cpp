#include "postgrescluster.h"

#include <pwd.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QTcpServer>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace TestSupport
{
    namespace
    {
        const QString BinDir = u"/usr/lib/postgresql/15/bin"_s;

        // Root of the initial user namespace maps all 2^32 ids onto themselves.
        bool inUserNamespace()
        {
            QFile map(u"/proc/self/uid_map"_s);
            if (!map.open(QIODevice::ReadOnly))
                return false;
            const QList<QByteArray> fields = map.readLine().simplified().split(' ');
            return !(fields.size() == 3 && fields.at(0) == "0" && fields.at(1) == "0" && fields.at(2) == "4294967295");
        }

        int freePort()
        {
            QTcpServer server;
            if (!server.listen(QHostAddress::LocalHost, 0))
                return 0;
            return server.serverPort();
        }

        bool chownTree(const QString &path, uid_t uid, gid_t gid)
        {
            return ::chown(QFile::encodeName(path).constData(), uid, gid) == 0;
        }
    } // namespace

    PostgresCluster::PostgresCluster()
        : m_password(QUuid::createUuid().toString(QUuid::Id128))
    {
    }

    PostgresCluster::~PostgresCluster()
    {
        if (m_running)
            runTool(u"pg_ctl"_s, {u"-D"_s, m_dir.filePath(u"data"_s), u"-m"_s, u"fast"_s, u"-w"_s, u"stop"_s}, 30000);
    }

    QString PostgresCluster::user() const
    {
        return u"ota"_s;
    }

    QString PostgresCluster::url(const QString &dbName) const
    {
        return u"postgresql://%1:%2@127.0.0.1:%3/%4"_s.arg(user(), m_password).arg(m_port).arg(dbName);
    }

    QStringList PostgresCluster::commandPrefix()
    {
        if (::geteuid() != 0)
            return {};
        if (inUserNamespace()) {
            m_skipReason = u"PostgreSQL cannot start here: this test runs as root inside a user namespace "
                           "(unshare -r), where initdb refuses to run as root and runuser cannot switch to the "
                           "postgres user. Run the tests as real root under `unshare -n` (as .ci/test does) or "
                           "as a normal user"_s;
            return {};
        }
        const passwd *pg = ::getpwnam("postgres");
        if (!pg) {
            m_skipReason = u"PostgreSQL cannot start here: running as root needs the postgres user "
                           "(Debian package postgresql) to run initdb as"_s;
            return {};
        }
        if (!chownTree(m_dir.path(), pg->pw_uid, pg->pw_gid)) {
            m_skipReason = u"PostgreSQL cannot start here: cannot hand %1 to the postgres user"_s.arg(m_dir.path());
            return {};
        }
        return {u"runuser"_s, u"-u"_s, u"postgres"_s, u"--"_s};
    }

    bool PostgresCluster::runTool(const QString &tool, const QStringList &arguments, int timeoutMs, QString *output)
    {
        QStringList command = m_prefix;
        command << QDir(BinDir).filePath(tool) << arguments;
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.setWorkingDirectory(m_dir.path());
        process.start(command.takeFirst(), command);
        const bool finished = process.waitForStarted(10000) && process.waitForFinished(timeoutMs);
        if (!finished)
            process.kill();
        if (output)
            *output = QString::fromLocal8Bit(process.readAll()).trimmed();
        return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }

    bool PostgresCluster::start()
    {
        if (m_running)
            return true;
        if (!QFileInfo::exists(QDir(BinDir).filePath(u"initdb"_s))) {
            m_skipReason = u"PostgreSQL 15 is not installed (%1/initdb is missing; Debian package postgresql-15)"_s.arg(BinDir);
            return false;
        }
        if (!m_dir.isValid()) {
            m_skipReason = u"cannot make a temporary directory for PostgreSQL"_s;
            return false;
        }
        if (::geteuid() == 0) {
            m_prefix = commandPrefix();
            if (m_prefix.isEmpty())
                return false;
        }
        const QString data = m_dir.filePath(u"data"_s);
        const QString pwfile = m_dir.filePath(u"pwfile"_s);
        {
            QFile pw(pwfile);
            if (!pw.open(QIODevice::WriteOnly) || pw.write(m_password.toUtf8() + '\n') <= 0) {
                m_skipReason = u"cannot write %1"_s.arg(pwfile);
                return false;
            }
            pw.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        }
        QString output;
        if (!runTool(u"initdb"_s, {u"-D"_s, data, u"-U"_s, user(), u"--pwfile"_s, pwfile, u"-E"_s, u"UTF8"_s,
                                   u"--auth-local=trust"_s, u"--auth-host=scram-sha-256"_s, u"--no-sync"_s,
                                   u"--no-instructions"_s},
                     120000, &output)) {
            m_skipReason = u"initdb failed: "_s + output.right(600);
            return false;
        }
        for (int attempt = 0; attempt < 3 && !m_running; ++attempt) {
            m_port = freePort();
            const QString options = u"-k %1 -c listen_addresses=127.0.0.1 -p %2 -c fsync=off -c max_connections=50"_s
                                        .arg(m_dir.path())
                                        .arg(m_port);
            m_running = runTool(u"pg_ctl"_s, {u"-D"_s, data, u"-l"_s, m_dir.filePath(u"postgres.log"_s), u"-w"_s,
                                              u"-t"_s, u"60"_s, u"-o"_s, options, u"start"_s},
                                90000, &output);
        }
        if (!m_running) {
            QFile log(m_dir.filePath(u"postgres.log"_s));
            const QString tail = log.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(log.readAll().right(600)) : output;
            m_skipReason = u"pg_ctl start failed: "_s + tail;
        }
        return m_running;
    }

    bool PostgresCluster::createDatabase(const QString &dbName)
    {
        // Over the socket, where the cluster trusts local connections.
        const QStringList saved = m_prefix;
        m_prefix.clear(); // createdb needs no user switch
        const bool made = runTool(u"createdb"_s, {u"-h"_s, m_dir.path(), u"-p"_s, QString::number(m_port), u"-U"_s,
                                                  user(), dbName},
                                  30000);
        m_prefix = saved;
        return made;
    }
} // namespace TestSupport
