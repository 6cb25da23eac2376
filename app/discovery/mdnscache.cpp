#include "mdnscache.h"

#include <QRandomGenerator>

namespace Discovery
{
    namespace
    {
        constexpr qint64 GoodbyeGraceMs = 1000;
        constexpr int RefreshSteps = 4; // 80, 85, 90, 95 %
    } // namespace

    qint64 MdnsCache::refreshTime(const Entry &entry)
    {
        if (entry.goodbye || entry.refreshesSent >= RefreshSteps)
            return -1;
        const qint64 lifetime = entry.expiresMs - entry.receivedMs;
        // 80 % + 5 % per refresh already sent, plus 0-2 % jitter so that many
        // queriers on a LAN do not refresh in step (RFC 6762 section 5.2).
        const int percentTenths = 800 + 50 * entry.refreshesSent + int(QRandomGenerator::global()->bounded(21));
        return entry.receivedMs + lifetime * percentTenths / 1000;
    }

    MdnsCache::Insertion MdnsCache::insert(const DnsRecord &record, qint64 nowMs)
    {
        QList<Entry> &entries = m_byName[record.name];

        // Cache-flush: this responder says its set of records of this name and
        // type is complete; others older than a second are stale (section 10.2).
        if (record.cacheFlush) {
            for (Entry &entry : entries) {
                if (entry.record.type == record.type && !entry.record.sameRecordAs(record)
                    && nowMs - entry.receivedMs > 1000 && entry.expiresMs > nowMs + GoodbyeGraceMs) {
                    entry.expiresMs = nowMs + GoodbyeGraceMs;
                    entry.goodbye = true;
                }
            }
        }

        for (Entry &entry : entries) {
            if (!entry.record.sameRecordAs(record))
                continue;
            if (record.ttl == 0) {
                entry.expiresMs = nowMs + GoodbyeGraceMs;
                entry.goodbye = true;
                return Insertion::Goodbye;
            }
            entry.record = record;
            entry.receivedMs = nowMs;
            entry.expiresMs = nowMs + qint64(record.ttl) * 1000;
            entry.refreshesSent = 0;
            entry.goodbye = false;
            entry.refreshAtMs = refreshTime(entry);
            return Insertion::Refreshed;
        }

        if (record.ttl == 0) {
            if (entries.isEmpty())
                m_byName.remove(record.name);
            return Insertion::Goodbye; // a goodbye for a record we never had
        }
        Entry entry;
        entry.record = record;
        entry.receivedMs = nowMs;
        entry.expiresMs = nowMs + qint64(record.ttl) * 1000;
        entry.refreshAtMs = refreshTime(entry);
        entries.append(entry);
        return Insertion::New;
    }

    QList<DnsRecord> MdnsCache::records(const DnsName &name, quint16 type) const
    {
        QList<DnsRecord> found;
        for (const Entry &entry : m_byName.value(name)) {
            if (!entry.goodbye && (type == RecordType::ANY || entry.record.type == type))
                found.append(entry.record);
        }
        return found;
    }

    QList<DnsRecord> MdnsCache::knownAnswers(const DnsName &name, quint16 type, qint64 nowMs) const
    {
        QList<DnsRecord> found;
        for (const Entry &entry : m_byName.value(name)) {
            if (entry.goodbye || entry.record.type != type)
                continue;
            const qint64 lifetime = entry.expiresMs - entry.receivedMs;
            const qint64 remaining = entry.expiresMs - nowMs;
            if (remaining * 2 > lifetime) {
                DnsRecord answer = entry.record;
                answer.ttl = quint32(remaining / 1000);
                found.append(answer);
            }
        }
        return found;
    }

    QList<DnsRecord> MdnsCache::expire(qint64 nowMs)
    {
        QList<DnsRecord> expired;
        for (auto it = m_byName.begin(); it != m_byName.end();) {
            QList<Entry> &entries = it.value();
            entries.removeIf([&](const Entry &entry) {
                if (entry.expiresMs > nowMs)
                    return false;
                expired.append(entry.record);
                return true;
            });
            it = entries.isEmpty() ? m_byName.erase(it) : std::next(it);
        }
        return expired;
    }

    QList<DnsRecord> MdnsCache::takeDueRefreshes(qint64 nowMs)
    {
        QList<DnsRecord> due;
        for (QList<Entry> &entries : m_byName) {
            for (Entry &entry : entries) {
                if (entry.refreshAtMs < 0 || entry.refreshAtMs > nowMs)
                    continue;
                due.append(entry.record);
                ++entry.refreshesSent;
                entry.refreshAtMs = refreshTime(entry);
            }
        }
        return due;
    }

    void MdnsCache::removeName(const DnsName &name)
    {
        m_byName.remove(name);
    }

    qint64 MdnsCache::nextDeadlineMs() const
    {
        qint64 next = -1;
        const auto consider = [&next](qint64 at) {
            if (at >= 0 && (next < 0 || at < next))
                next = at;
        };
        for (const QList<Entry> &entries : m_byName) {
            for (const Entry &entry : entries) {
                consider(entry.expiresMs);
                consider(entry.refreshAtMs);
            }
        }
        return next;
    }

    int MdnsCache::size() const
    {
        int count = 0;
        for (const QList<Entry> &entries : m_byName)
            count += int(entries.size());
        return count;
    }
} // namespace Discovery
