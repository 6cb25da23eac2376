#include "database.h"

#include <atomic>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHostInfo>
#include <QSqlError>
#include <QSqlQuery>

#include "migrations.h"
#include "serverlogging.h"
#include "sqlhelpers.h"

using namespace Qt::Literals::StringLiterals;

namespace Store
{
    namespace
    {
        constexpr int BusyTimeoutMs = 10000;
        constexpr int ConnectTimeoutS = 5;
        constexpr qint64 EngineLeaseKey = 0x4f54410010;

        std::atomic<quint64> nextDatabaseSerial{1};
        std::atomic<quint64> nextThreadSerial{1};

        quint64 threadSerial()
        {
            thread_local const quint64 serial = nextThreadSerial++;
            return serial;
        }

        // libpq's words, plus what a person should look at.
        QString postgresHint(const QString &why)
        {
            if (why.contains(u"authentication"_s) || why.contains(u"password"_s))
                return u"check the user and password in --db"_s;
            if (why.contains(u"does not exist"_s))
                return u"create the database or check its name in --db"_s;
            return u"is it running? check --db"_s;
        }
    } // namespace

    Database::Database(DatabaseLocation location)
        : m_location(std::move(location)),
          m_serial(nextDatabaseSerial++),
          m_clock([] { return QDateTime::currentDateTimeUtc(); })
    {
    }

    Database::~Database()
    {
        releaseEngineLease();
        const std::lock_guard lock(m_mutex);
        for (const QString &name : std::as_const(m_connections)) {
            {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
        }
    }

    Result<std::unique_ptr<Database>, StoreError> Database::open(const QString &location)
    {
        auto parsed = DatabaseLocation::parse(location);
        if (!parsed)
            return parsed.error();
        std::unique_ptr<Database> db(new Database(parsed.value()));
        if (auto connection = db->connection(); !connection)
            return connection.error();
        auto version = Migrations::apply(*db);
        if (!version)
            return version.error();
        db->m_schemaVersion = version.value();
        qCInfo(lcStore) << "store" << db->m_location.display() << "at schema version" << version.value();
        return db;
    }

    int Database::schemaVersion() const
    {
        return m_schemaVersion;
    }

    Result<QSqlDatabase, StoreError> Database::connection() const
    {
        const QString name = u"ota-store-%1-thread-%2"_s.arg(m_serial).arg(threadSerial());
        if (QSqlDatabase::contains(name)) {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                return db;
            if (!db.open())
                return openError(db);
            if (auto configured = configureSqlite(db); !configured)
                return configured.error();
            return db;
        }
        {
            const std::lock_guard lock(m_mutex);
            m_connections.append(name);
        }
        return openConnection(name);
    }

    Result<QSqlDatabase, StoreError> Database::openConnection(const QString &name) const
    {
        const bool sqlite = m_location.engine == Engine::Sqlite;
        QSqlDatabase db = QSqlDatabase::addDatabase(sqlite ? u"QSQLITE"_s : u"QPSQL"_s, name);
        if (!db.isValid()) {
            return StoreError{StoreError::Kind::DriverMissing,
                              sqlite ? u"the Qt SQLite driver (QSQLITE) is not installed (Debian: libqt6sql6-sqlite)"_s
                                     : u"the Qt PostgreSQL driver (QPSQL) is not installed (Debian: libqt6sql6-psql)"_s};
        }
        if (sqlite) {
            const QFileInfo file(m_location.path);
            if (!file.absoluteDir().exists()) {
                return StoreError{StoreError::Kind::CannotOpen,
                                  u"cannot open %1: the directory %2 does not exist"_s.arg(
                                      m_location.path, file.absolutePath())};
            }
            db.setDatabaseName(m_location.path);
            db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
        } else {
            db.setHostName(m_location.host);
            db.setPort(m_location.port);
            db.setUserName(m_location.user);
            db.setPassword(m_location.password);
            db.setDatabaseName(m_location.databaseName);
            db.setConnectOptions(u"connect_timeout=%1;application_name=ota-server"_s.arg(ConnectTimeoutS));
        }
        if (!db.open())
            return openError(db);
        if (auto configured = configureSqlite(db); !configured)
            return configured.error();
        qCDebug(lcStore) << "opened connection" << name << "to" << m_location.display();
        return db;
    }

    StoreError Database::openError(const QSqlDatabase &db) const
    {
        const QString why = db.lastError().text().trimmed();
        if (m_location.engine == Engine::Sqlite) {
            return StoreError{StoreError::Kind::CannotOpen,
                              u"cannot open %1: %2 (is the directory writable?)"_s.arg(m_location.path, why)};
        }
        return StoreError{StoreError::Kind::Unreachable,
                          u"PostgreSQL at %1 refused: %2 (%3)"_s.arg(m_location.hostAndPort(), why, postgresHint(why))};
    }

    Result<bool, StoreError> Database::configureSqlite(const QSqlDatabase &db) const
    {
        if (m_location.engine != Engine::Sqlite)
            return true;
        const auto cannot = [this](const QString &why) {
            return StoreError{StoreError::Kind::CannotOpen, u"cannot open %1: %2"_s.arg(m_location.path, why)};
        };
        // journal_mode answers with the mode in force: anything but "wal"
        // (e.g. on a file system without shared memory) is refused, as the
        // durability promise would not hold.
        auto mode = Sql::run(db, u"setting the journal mode"_s, u"PRAGMA journal_mode=WAL"_s);
        if (!mode) {
            const bool notADatabase = mode.error().message.contains(u"not a database"_s);
            return cannot(notADatabase ? u"the file is not a SQLite database (is --db pointing at the right file?)"_s
                                       : mode.error().message);
        }
        if (!mode.value().next() || mode.value().value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0)
            return cannot(u"SQLite would not switch to WAL journal mode (is it on a network file system?)"_s);
        for (const QString &pragma : {u"PRAGMA synchronous=FULL"_s, u"PRAGMA foreign_keys=ON"_s,
                                      u"PRAGMA busy_timeout=%1"_s.arg(BusyTimeoutMs)}) {
            if (auto set = Sql::run(db, pragma, pragma); !set)
                return cannot(set.error().message);
        }
        return true;
    }

    Result<bool, StoreError> Database::begin(QSqlDatabase &db) const
    {
        if (m_location.engine == Engine::Sqlite) {
            if (auto begun = Sql::run(db, u"starting a transaction"_s, u"BEGIN IMMEDIATE"_s); !begun)
                return begun.error();
            return true;
        }
        if (!db.transaction())
            return StoreError{StoreError::Kind::QueryFailed, u"starting a transaction: "_s + db.lastError().text()};
        return true;
    }

    Result<bool, StoreError> Database::commit(QSqlDatabase &db) const
    {
        if (!db.commit()) {
            const QString why = db.lastError().text();
            rollback(db);
            return StoreError{StoreError::Kind::QueryFailed, u"committing: "_s + why};
        }
        return true;
    }

    void Database::rollback(QSqlDatabase &db) const
    {
        if (!db.rollback())
            qCWarning(lcStore) << "rollback failed on" << m_location.display() << db.lastError().text();
    }

    Result<bool, StoreError> Database::lockForAppend(const QSqlDatabase &db, AppendLock lock) const
    {
        if (m_location.engine == Engine::Sqlite)
            return true;
        auto locked = Sql::run(db, u"waiting for the append lock"_s, u"SELECT pg_advisory_xact_lock(?)"_s,
                               {static_cast<qint64>(lock)});
        if (!locked)
            return locked.error();
        return true;
    }

    bool Database::tryAcquireEngineLease()
    {
        if (m_location.engine == Engine::Sqlite) {
            m_leaseHeld = true;
            return true;
        }
        const QString name = u"ota-store-%1-lease"_s.arg(m_serial);
        if (m_leaseHeld) {
            // Still ours? The lock lives as long as that connection's session.
            auto held = Sql::run(QSqlDatabase::database(name, false), u"checking the engine lease"_s,
                                 u"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                                 "AND pid = pg_backend_pid() AND ((classid::bigint << 32) | objid::bigint) = ?"_s,
                                 {EngineLeaseKey});
            if (held && held.value().next() && held.value().value(0).toInt() > 0)
                return true;
            qCWarning(lcEngine) << "the engine lease on" << m_location.display() << "was lost";
            releaseEngineLease();
        }
        if (!QSqlDatabase::contains(name)) {
            const std::lock_guard lock(m_mutex);
            m_connections.append(name);
        }
        QSqlDatabase db = QSqlDatabase::contains(name) && QSqlDatabase::database(name, false).isOpen()
                              ? QSqlDatabase::database(name, false)
                              : QSqlDatabase();
        if (!db.isOpen()) {
            if (QSqlDatabase::contains(name))
                QSqlDatabase::removeDatabase(name);
            auto opened = openConnection(name);
            if (!opened) {
                qCWarning(lcStore) << "engine lease:" << opened.error().message;
                return false;
            }
            db = opened.value();
        }
        auto got = Sql::run(db, u"taking the engine lease"_s, u"SELECT pg_try_advisory_lock(?)"_s, {EngineLeaseKey});
        if (!got || !got.value().next() || !got.value().value(0).toBool())
            return false;
        m_leaseHeld = true;
        const QString holder = u"%1 pid %2"_s.arg(QHostInfo::localHostName()).arg(QCoreApplication::applicationPid());
        auto noted = Sql::run(db, u"recording the engine lease holder"_s,
                              u"INSERT INTO engine_lease (name, holder, acquired_at) VALUES ('engine', ?, ?) "
                              "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at"_s,
                              {holder, now().toMSecsSinceEpoch()});
        if (!noted)
            qCWarning(lcStore) << noted.error().message;
        qCInfo(lcEngine) << "engine lease taken on" << m_location.display() << "by" << holder;
        return true;
    }

    void Database::releaseEngineLease()
    {
        if (!m_leaseHeld)
            return;
        m_leaseHeld = false;
        if (m_location.engine == Engine::Sqlite)
            return;
        const QString name = u"ota-store-%1-lease"_s.arg(m_serial);
        QSqlDatabase db = QSqlDatabase::database(name, false);
        // Closing the session releases the advisory lock, even if the unlock fails.
        db.close();
    }
} // namespace Store
