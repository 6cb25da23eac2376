#include "storeeventfeed.h"

#include <QSqlDriver>
#include <QSqlError>

#include "serverlogging.h"
#include "store/database.h"

using namespace Qt::Literals::StringLiterals;

namespace Http
{
    StoreEventFeed::StoreEventFeed(const Store::Database &db, QObject *parent)
        : EventFeed(parent)
        , m_db(db)
        , m_log(db)
    {
    }

    qint64 StoreEventFeed::latestSeq() const
    {
        const auto latest = m_log.latestSeq();
        return latest ? latest.value() : 0;
    }

    qint64 StoreEventFeed::oldestSeq() const
    {
        const auto oldest = m_log.oldestSeq();
        return oldest && oldest.value() ? *oldest.value() : 0;
    }

    QList<StreamEvent> StoreEventFeed::since(qint64 afterSeq, int limit) const
    {
        const auto events = m_log.since(afterSeq, limit);
        if (!events) {
            qCWarning(lcHttp) << "event log unreadable:" << events.error().message;
            return {};
        }
        QList<StreamEvent> out;
        out.reserve(events.value().size());
        for (const Store::Event &event : events.value())
            out.append({event.seq, event.at, event.kind, event.payload});
        return out;
    }

    Result<qint64, Store::StoreError> StoreEventFeed::append(const QString &kind, const QJsonObject &payload)
    {
        const auto event = m_log.append(kind, payload);
        if (!event)
            return event.error();
        Q_EMIT appended(event.value().seq);
        return event.value().seq;
    }

    Result<bool, Store::StoreError> StoreEventFeed::listenToOtherInstances()
    {
        if (m_db.engine() != Store::Engine::Postgres)
            return true;
        auto connection = m_db.connection();
        if (!connection)
            return connection.error();
        QSqlDriver *driver = connection.value().driver();
        if (!driver->subscribeToNotification(Store::EventLog::NotifyChannel)) {
            return Store::StoreError{Store::StoreError::Kind::QueryFailed,
                                     u"cannot LISTEN on %1: %2"_s.arg(Store::EventLog::NotifyChannel,
                                                                       driver->lastError().text())};
        }
        connect(driver, &QSqlDriver::notification, this,
                [this](const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload) {
                    if (name != Store::EventLog::NotifyChannel || source == QSqlDriver::SelfSource)
                        return;
                    bool ok = false;
                    const qint64 seq = payload.toString().toLongLong(&ok);
                    Q_EMIT appended(ok ? seq : latestSeq());
                });
        return true;
    }

    Result<qint64, Store::StoreError> StoreEventFeed::appendAll(const QList<std::pair<QString, QJsonObject>> &events)
    {
        const auto written = m_log.appendAll(events);
        if (!written)
            return written.error();
        if (written.value().isEmpty())
            return qint64(0);
        const qint64 last = written.value().constLast().seq;
        Q_EMIT appended(last);
        return last;
    }
} // namespace Http
