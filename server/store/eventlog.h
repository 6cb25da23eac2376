#pragma once

#include <optional>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "result.h"
#include "storeerror.h"

namespace Store
{
    class Database;

    struct Event
    {
        qint64 seq = 0; // increasing in commit order; may have gaps
        QDateTime at;
        QString kind;
        QJsonObject payload;
    };

    // The stored event stream behind the WebSocket: a client that reconnects
    // asks for everything after its last seq; if that is older than
    // oldestSeq() it needs a fresh snapshot instead.
    class EventLog final
    {
    public:
        explicit EventLog(const Database &db) : m_db(db) {}

        // PostgreSQL: every append notifies this channel with the last seq.
        static inline const QString NotifyChannel = QStringLiteral("ota_events");

        Result<Event, StoreError> append(const QString &kind, const QJsonObject &payload);
        // Several events in one transaction, in order (a burst costs one commit).
        Result<QList<Event>, StoreError> appendAll(const QList<std::pair<QString, QJsonObject>> &events);
        Result<QList<Event>, StoreError> since(qint64 afterSeq, int limit = 1000); // oldest first
        Result<std::optional<qint64>, StoreError> oldestSeq(); // nullopt: none retained
        Result<qint64, StoreError> latestSeq();                 // 0: none yet
        // Can a client that last saw afterSeq resume without a snapshot?
        Result<bool, StoreError> canResumeAfter(qint64 afterSeq);
        // Drops events with seq < keepFrom, but always keeps the newest one
        // (it carries latestSeq()); returns how many.
        Result<qint64, StoreError> prune(qint64 keepFrom);

    private:
        Result<std::optional<qint64>, StoreError> single(const QString &what, const QString &sql);
        const Database &m_db;
    };
} // namespace Store
