#include "eventlog.h"

#include <QSqlError>
#include <QSqlQuery>

#include "database.h"
#include "sqlhelpers.h"

using namespace Qt::Literals::StringLiterals;

namespace Store
{
    Result<Event, StoreError> EventLog::append(const QString &kind, const QJsonObject &payload)
    {
        auto appended = appendAll({{kind, payload}});
        if (!appended)
            return appended.error();
        return appended.value().constFirst();
    }

    Result<QList<Event>, StoreError> EventLog::appendAll(const QList<std::pair<QString, QJsonObject>> &events)
    {
        for (const auto &[kind, payload] : events) {
            if (kind.isEmpty())
                return StoreError{StoreError::Kind::InvalidInput, u"an event needs a kind"_s};
        }
        if (events.isEmpty())
            return QList<Event>();
        return m_db.transaction([&](QSqlDatabase &db) -> Result<QList<Event>, StoreError> {
            // Serialised until commit, so a reader never sees seq n+1 before n.
            if (auto locked = m_db.lockForAppend(db, Database::AppendLock::Events); !locked)
                return locked.error();
            QList<Event> written;
            written.reserve(events.size());
            QSqlQuery insert(db);
            if (!insert.prepare(u"INSERT INTO events (at, kind, payload) VALUES (?, ?, ?) RETURNING seq"_s))
                return StoreError{StoreError::Kind::QueryFailed, u"appending events: "_s + insert.lastError().text()};
            const QDateTime now = m_db.now();
            for (const auto &[kind, payload] : events) {
                insert.addBindValue(Sql::msOrNull(now));
                insert.addBindValue(kind);
                insert.addBindValue(Sql::compactJson(payload));
                if (!insert.exec() || !insert.next()) {
                    return StoreError{StoreError::Kind::QueryFailed,
                                      u"appending event %1: %2"_s.arg(kind, insert.lastError().text())};
                }
                written.append(Event{insert.value(0).toLongLong(), now, kind, payload});
                insert.finish();
            }
            // Other server instances on the same PostgreSQL LISTEN: delivered at commit.
            if (m_db.engine() == Engine::Postgres) {
                auto notified = Sql::run(db, u"notifying other instances"_s, u"SELECT pg_notify(?, ?)"_s,
                                         {EventLog::NotifyChannel, QString::number(written.constLast().seq)});
                if (!notified)
                    return notified.error();
            }
            return written;
        });
    }

    Result<QList<Event>, StoreError> EventLog::since(qint64 afterSeq, int limit)
    {
        return Sql::all(Sql::run(m_db, u"reading events"_s,
                                 u"SELECT seq, at, kind, payload FROM events WHERE seq > ? ORDER BY seq LIMIT %1"_s.arg(
                                     std::max(limit, 1)),
                                 {afterSeq}),
                        [](const QSqlQuery &q) {
                            return Event{q.value(0).toLongLong(), Sql::fromMs(q.value(1)), q.value(2).toString(),
                                         Sql::jsonObject(q.value(3))};
                        });
    }

    Result<std::optional<qint64>, StoreError> EventLog::single(const QString &what, const QString &sql)
    {
        auto value = Sql::first(Sql::run(m_db, what, sql), [](const QSqlQuery &q) { return q.value(0); });
        if (!value)
            return value.error();
        return Sql::optionalInt(value.value().value_or(QVariant()));
    }

    Result<std::optional<qint64>, StoreError> EventLog::oldestSeq()
    {
        return single(u"reading the oldest event"_s, u"SELECT MIN(seq) FROM events"_s);
    }

    Result<qint64, StoreError> EventLog::latestSeq()
    {
        auto latest = single(u"reading the latest event"_s, u"SELECT MAX(seq) FROM events"_s);
        if (!latest)
            return latest.error();
        return latest.value().value_or(0);
    }

    Result<bool, StoreError> EventLog::canResumeAfter(qint64 afterSeq)
    {
        auto oldest = oldestSeq();
        if (!oldest)
            return oldest.error();
        if (!oldest.value()) {
            // Nothing retained: fine only if the client has seen everything.
            auto latest = latestSeq();
            if (!latest)
                return latest.error();
            return afterSeq >= latest.value();
        }
        return afterSeq >= *oldest.value() - 1;
    }

    Result<qint64, StoreError> EventLog::prune(qint64 keepFrom)
    {
        return m_db.transaction([&](QSqlDatabase &db) -> Result<qint64, StoreError> {
            auto deleted = Sql::run(db, u"pruning events"_s, u"DELETE FROM events WHERE seq < ? AND seq < (SELECT MAX(seq) FROM events)"_s,
                                    {keepFrom});
            if (!deleted)
                return deleted.error();
            return static_cast<qint64>(deleted.value().numRowsAffected());
        });
    }
} // namespace Store
