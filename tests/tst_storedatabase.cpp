#include <QSqlQuery>
#include <QThread>
#include <QTest>

#include "store/database.h"
#include "store/migrations.h"
#include "storefixture.h"

using namespace Store;
using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

namespace
{
    qint64 count(const Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection().value());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    const QStringList SchemaTables{u"trusted_keys"_s, u"releases"_s, u"devices"_s, u"device_checkins"_s,
                                   u"tokens"_s, u"rollouts"_s, u"rollout_devices"_s,
                                   u"audit_log"_s, u"events"_s, u"engine_lease"_s, u"schema_migrations"_s};
} // namespace

class TestStoreDatabase final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { m_fixture.addEngineRows(); }
    void initTestCase() { m_fixture.startPostgres(); }

    void anEmptyDatabaseIsMigratedToTheLatestSchema()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        QCOMPARE(db->schemaVersion(), Migrations::latestVersion());
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM schema_migrations"_s), Migrations::all().size());
        for (const QString &table : SchemaTables) {
            if (table != u"schema_migrations"_s)
                QVERIFY2(count(*db, u"SELECT COUNT(*) FROM "_s + table) == 0, qPrintable(table));
        }
    }

    void reopeningAMigratedDatabaseChangesNothing()
    {
        OTA_SKIP_WITHOUT_ENGINE(m_fixture);
        const QString location = m_fixture.freshLocation();
        {
            auto first = Database::open(location);
            OTA_VERIFY_OK(first);
            QSqlQuery q(first.value()->connection().value());
            QVERIFY(q.exec(u"INSERT INTO events (at, kind, payload) VALUES (1, 'kept', '{}')"_s));
        }
        for (int round = 0; round < 2; ++round) {
            auto again = Database::open(location);
            OTA_VERIFY_OK(again);
            QCOMPARE(again.value()->schemaVersion(), Migrations::latestVersion());
            QCOMPARE(count(*again.value(), u"SELECT COUNT(*) FROM schema_migrations"_s), Migrations::all().size());
            QCOMPARE(count(*again.value(), u"SELECT COUNT(*) FROM events WHERE kind = 'kept'"_s), 1);
        }
    }

    void aSchemaNewerThanThisBuildIsRefused()
    {
        OTA_SKIP_WITHOUT_ENGINE(m_fixture);
        const QString location = m_fixture.freshLocation();
        {
            auto db = Database::open(location);
            OTA_VERIFY_OK(db);
            QSqlQuery q(db.value()->connection().value());
            QVERIFY(q.exec(u"INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)"_s));
        }
        const auto refused = Database::open(location);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, StoreError::Kind::SchemaTooNew);
        QVERIFY2(refused.error().message.contains(u"schema version 999"_s), qPrintable(refused.error().message));
        QVERIFY(refused.error().message.contains(u"only up to version %1"_s.arg(Migrations::latestVersion())));
        QVERIFY(refused.error().message.contains(u"newer ota-server"_s));
        QVERIFY(!refused.error().message.contains(m_fixture.postgres().password()));
    }

    void theDialectDiffersOnlyInTypeNames()
    {
        const QString sql = u"CREATE TABLE t (id {pk}, n {int64}, b {blob}, f {bool} DEFAULT {false})"_s;
        QCOMPARE(Migrations::dialect(sql, Engine::Sqlite),
                 u"CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER, b BLOB, f INTEGER DEFAULT 0)"_s);
        QCOMPARE(Migrations::dialect(sql, Engine::Postgres),
                 u"CREATE TABLE t (id BIGSERIAL PRIMARY KEY, n BIGINT, b BYTEA, f BOOLEAN DEFAULT FALSE)"_s);
    }

    void aTransactionCommitsAValueAndRollsBackAnError()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        const auto insert = [](QSqlDatabase &conn, const QString &kind) {
            QSqlQuery q(conn);
            return q.exec(u"INSERT INTO events (at, kind, payload) VALUES (1, '%1', '{}')"_s.arg(kind));
        };
        const auto committed = db->transaction([&](QSqlDatabase &conn) -> Result<int, StoreError> {
            return insert(conn, u"committed"_s) ? 1 : 0;
        });
        OTA_VERIFY_OK(committed);
        const auto failed = db->transaction([&](QSqlDatabase &conn) -> Result<int, StoreError> {
            if (!insert(conn, u"rolled-back"_s))
                return 0;
            return StoreError{StoreError::Kind::Conflict, u"changed my mind"_s};
        });
        QVERIFY(!failed);
        QCOMPARE(failed.error().message, u"changed my mind"_s);
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM events WHERE kind = 'committed'"_s), 1);
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM events WHERE kind = 'rolled-back'"_s), 0);
    }

    void foreignKeysAreEnforced()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        QSqlQuery q(db->connection().value());
        QVERIFY(!q.exec(u"INSERT INTO device_checkins (device_id, at, version, slot) VALUES ('ghost', 1, '1', 'a')"_s));
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM device_checkins"_s), 0);
    }

    void sqliteRunsInWalModeWithFullSync()
    {
        if (m_fixture.engine() != u"sqlite"_s)
            QSKIP("SQLite settings");
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        QSqlQuery q(db->connection().value());
        QVERIFY(q.exec(u"PRAGMA journal_mode"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"wal"_s);
        QCOMPARE(count(*db, u"PRAGMA synchronous"_s), 2); // FULL
        QCOMPARE(count(*db, u"PRAGMA foreign_keys"_s), 1);
        QVERIFY(count(*db, u"PRAGMA busy_timeout"_s) >= 1000);
    }

    void eachThreadGetsItsOwnConnection()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        const QString here = db->connection().value().connectionName();
        QString there;
        QString error;
        std::unique_ptr<QThread> thread(QThread::create([&] {
            auto conn = db->connection();
            if (!conn) {
                error = conn.error().message;
                return;
            }
            there = conn.value().connectionName();
            QSqlQuery q(conn.value());
            if (!q.exec(u"INSERT INTO events (at, kind, payload) VALUES (1, 'from-thread', '{}')"_s))
                error = u"insert failed"_s;
        }));
        thread->start();
        QVERIFY(thread->wait(30000));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!there.isEmpty());
        QVERIFY(there != here);
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM events WHERE kind = 'from-thread'"_s), 1);
    }

    void onlyOneDatabaseHoldsTheEngineLeaseUntilItCloses()
    {
        OTA_SKIP_WITHOUT_ENGINE(m_fixture);
        const QString location = m_fixture.freshLocation();
        auto first = Database::open(location);
        auto second = Database::open(location);
        OTA_VERIFY_OK(first);
        OTA_VERIFY_OK(second);
        QVERIFY(first.value()->tryAcquireEngineLease());
        QVERIFY(first.value()->tryAcquireEngineLease()); // still ours
        if (m_fixture.engine() == u"sqlite"_s) {
            QVERIFY(second.value()->tryAcquireEngineLease()); // one instance per file: always granted
            return;
        }
        QVERIFY(!second.value()->tryAcquireEngineLease());
        QCOMPARE(count(*first.value(), u"SELECT COUNT(*) FROM engine_lease WHERE name = 'engine'"_s), 1);
        first.value()->releaseEngineLease();
        QTRY_VERIFY(second.value()->tryAcquireEngineLease());
        QVERIFY(!first.value()->tryAcquireEngineLease());
        // Closing the holder (as a dying server does) frees it too.
        second.value().reset();
        QTRY_VERIFY(first.value()->tryAcquireEngineLease());
    }

    void aWrongPostgresPasswordIsRefusedWithoutShowingIt()
    {
        if (m_fixture.engine() != u"postgresql"_s)
            QSKIP("PostgreSQL credentials");
        if (!m_fixture.postgresUsable())
            QSKIP(qPrintable(m_fixture.postgresSkipReason()));
        const QString location = m_fixture.freshLocation();
        QString wrong = location;
        wrong.replace(m_fixture.postgres().password(), u"not-the-password-42"_s);
        const auto refused = Database::open(wrong);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, StoreError::Kind::Unreachable);
        const QString message = refused.error().message;
        QVERIFY2(message.startsWith(u"PostgreSQL at 127.0.0.1:%1 refused: "_s.arg(m_fixture.postgres().port())),
                 qPrintable(message));
        QVERIFY2(message.contains(u"check the user and password in --db"_s), qPrintable(message));
        QVERIFY(!message.contains(u"not-the-password-42"_s));
    }

    void aMissingPostgresDatabaseIsNamed()
    {
        if (m_fixture.engine() != u"postgresql"_s)
            QSKIP("PostgreSQL only");
        if (!m_fixture.postgresUsable())
            QSKIP(qPrintable(m_fixture.postgresSkipReason()));
        const auto refused = Database::open(m_fixture.postgres().url(u"no_such_db"_s));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, StoreError::Kind::Unreachable);
        QVERIFY2(refused.error().message.contains(u"create the database or check its name in --db"_s),
                 qPrintable(refused.error().message));
    }

private:
    StoreFixture m_fixture;
};

QTEST_GUILESS_MAIN(TestStoreDatabase)
#include "tst_storedatabase.moc"
