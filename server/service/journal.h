#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include "result.h"
#include "store/auditlog.h"
#include "store/storeerror.h"

namespace Http
{
    class StoreEventFeed;
}

namespace Service
{
    // Writes down what happened. An act by a person or token is audited at
    // once (the act is not done until its entry is committed); events for the
    // live stream are gathered and committed together at the end of the event
    // loop's turn, so a burst (a stage of 4,450 devices starting) costs one
    // commit rather than thousands. Events never carry secrets.
    class Journal final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(Journal)

    public:
        Journal(const Store::Database &db, Http::StoreEventFeed &feed, QObject *parent = nullptr);
        ~Journal() override;

        Result<Store::AuditEntry, Store::StoreError> audit(const QString &actor, const QString &action,
                                                           const QString &target, const QString &reason,
                                                           const QString &result, const QJsonObject &detail = {});
        void post(const QString &kind, const QJsonObject &payload);
        // Like post, but a state that supersedes itself (a rollout's counts):
        // a pending event of the same kind and key is replaced, not repeated.
        void postLatest(const QString &kind, const QString &key, const QJsonObject &payload);
        // Commits the gathered events now (also done by the timer and at destruction).
        void flush();
        qsizetype pendingEvents() const { return m_pending.size(); }

    private:
        Store::AuditLog m_audit;
        Http::StoreEventFeed &m_feed;
        QList<std::pair<QString, QJsonObject>> m_pending;
        QHash<QString, qsizetype> m_latest; // kind + key -> its index in m_pending
        QTimer m_flushTimer;
    };
} // namespace Service
