#include "journal.h"

#include "http/storeeventfeed.h"
#include "serverlogging.h"

using namespace Qt::Literals::StringLiterals;

namespace Service
{
    Journal::Journal(const Store::Database &db, Http::StoreEventFeed &feed, QObject *parent)
        : QObject(parent)
        , m_audit(db)
        , m_feed(feed)
    {
        m_flushTimer.setSingleShot(true);
        m_flushTimer.setInterval(0);
        connect(&m_flushTimer, &QTimer::timeout, this, &Journal::flush);
    }

    Journal::~Journal()
    {
        flush();
    }

    Result<Store::AuditEntry, Store::StoreError> Journal::audit(const QString &actor, const QString &action,
                                                                const QString &target, const QString &reason,
                                                                const QString &result, const QJsonObject &detail)
    {
        return m_audit.append(actor, action, target, reason, result, detail);
    }

    void Journal::post(const QString &kind, const QJsonObject &payload)
    {
        m_pending.append({kind, payload});
        if (!m_flushTimer.isActive())
            m_flushTimer.start();
    }

    void Journal::postLatest(const QString &kind, const QString &key, const QJsonObject &payload)
    {
        const QString slot = kind + u'\n' + key;
        if (const auto it = m_latest.constFind(slot); it != m_latest.cend()) {
            m_pending[*it].second = payload;
            return;
        }
        m_latest.insert(slot, m_pending.size());
        post(kind, payload);
    }

    void Journal::flush()
    {
        if (m_pending.isEmpty())
            return;
        const auto written = m_feed.appendAll(m_pending);
        if (!written) {
            // Kept for the next turn: the store may be back by then.
            qCWarning(lcServer) << "cannot write" << m_pending.size() << "events:" << written.error().message;
            m_flushTimer.start(1000);
            return;
        }
        m_pending.clear();
        m_latest.clear();
    }
} // namespace Service
