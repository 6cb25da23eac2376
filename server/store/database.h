#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <type_traits>

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include "databaselocation.h"
#include "result.h"
#include "storeerror.h"

namespace Store
{
    // One store: a SQLite file or a PostgreSQL database, migrated to the
    // schema this build knows (see docs/server-store.md). Each thread that
    // uses it gets its own QSqlDatabase connection, made on first use and
    // closed with the Database. The typed stores (TokenStore, ...) hold a
    // reference to it.
    class Database final
    {
    public:
        // Opens, configures (SQLite: WAL, synchronous=FULL, foreign keys,
        // busy timeout) and migrates. Refuses a schema newer than this build.
        static Result<std::unique_ptr<Database>, StoreError> open(const QString &location);
        ~Database();
        Q_DISABLE_COPY_MOVE(Database)

        Engine engine() const { return m_location.engine; }
        const DatabaseLocation &location() const { return m_location; }
        int schemaVersion() const; // as found after migrating: the newest applied

        // This thread's connection, opened if needed.
        Result<QSqlDatabase, StoreError> connection() const;

        // Runs fn(QSqlDatabase &) in a transaction: commits when it returns a
        // value, rolls back when it returns an error. fn returns
        // Result<T, StoreError>. On SQLite the transaction takes the write
        // lock at once (BEGIN IMMEDIATE), so a read-then-write never fails
        // halfway with "database is locked".
        template<typename Fn>
        auto transaction(Fn &&fn) const -> std::invoke_result_t<Fn, QSqlDatabase &>
        {
            using R = std::invoke_result_t<Fn, QSqlDatabase &>;
            auto db = connection();
            if (!db)
                return R(db.error());
            if (auto begun = begin(db.value()); !begun)
                return R(begun.error());
            R result = fn(db.value());
            if (!result) {
                rollback(db.value());
                return result;
            }
            if (auto committed = commit(db.value()); !committed)
                return R(committed.error());
            return result;
        }

        // Inside a transaction: waits until no other connection (of any
        // instance) holds the same append lock until commit, so sequence
        // numbers are handed out in commit order. A no-op on SQLite, whose
        // write transactions are already exclusive.
        enum class AppendLock : qint64 { Audit = 0x4f54410001, Events = 0x4f54410002, Migrations = 0x4f54410003 };
        Result<bool, StoreError> lockForAppend(const QSqlDatabase &db, AppendLock lock) const;

        // "Exactly one instance runs the rollout engine." PostgreSQL: a
        // session advisory lock on a connection of its own, released by
        // releaseEngineLease(), by closing this Database, or by the server
        // dying; calling again while held checks the lock is still ours.
        // SQLite: always true (one instance per file).
        bool tryAcquireEngineLease();
        void releaseEngineLease();
        bool holdsEngineLease() const { return m_leaseHeld; }

        // The store's clock (UTC). Tests and the engine's injectable clock set it.
        QDateTime now() const { return m_clock(); }
        void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    private:
        explicit Database(DatabaseLocation location);
        Result<QSqlDatabase, StoreError> openConnection(const QString &name) const;
        Result<bool, StoreError> configureSqlite(const QSqlDatabase &db) const;
        Result<bool, StoreError> begin(QSqlDatabase &db) const;
        Result<bool, StoreError> commit(QSqlDatabase &db) const;
        void rollback(QSqlDatabase &db) const;
        StoreError openError(const QSqlDatabase &db) const;

        DatabaseLocation m_location;
        quint64 m_serial;
        int m_schemaVersion = 0;
        bool m_leaseHeld = false;
        std::function<QDateTime()> m_clock;
        mutable std::mutex m_mutex; // guards m_connections
        mutable QStringList m_connections;

        friend class Migrations;
    };
} // namespace Store
