#pragma once

#include "eventstream.h"
#include "store/eventlog.h"

namespace Http
{
    // The event stream's feed from the store's event log. This process tells
    // it about its own appends (notifyAppended); changes made by another
    // server instance on the same PostgreSQL reach it when that instance's
    // notification arrives (LISTEN/NOTIFY: not built yet, see docs/server-api.md).
    class StoreEventFeed final : public EventFeed
    {
        Q_OBJECT

    public:
        explicit StoreEventFeed(const Store::Database &db, QObject *parent = nullptr);

        qint64 latestSeq() const override;
        qint64 oldestSeq() const override;
        QList<StreamEvent> since(qint64 afterSeq, int limit) const override;

        // Appends through the store and tells the stream.
        Result<qint64, Store::StoreError> append(const QString &kind, const QJsonObject &payload);
        // PostgreSQL: LISTEN for other server instances' appends on this
        // thread's connection, so the stream carries every instance's
        // changes. Nothing to do on SQLite (one instance per file).
        Result<bool, Store::StoreError> listenToOtherInstances();

        // A burst in one transaction; returns the last seq (0 for none).
        Result<qint64, Store::StoreError> appendAll(const QList<std::pair<QString, QJsonObject>> &events);

    private:
        const Store::Database &m_db;
        mutable Store::EventLog m_log;
    };
} // namespace Http
