#pragma once

#include <QHash>
#include <QList>

#include "dnsmessage.h"

namespace Discovery
{
    // The browser's record cache (RFC 6762 sections 5.2, 10.1, 10.2): each
    // record expires at its TTL, asks to be refreshed at 80, 85, 90 and 95 %
    // of it (plus up to 2 % jitter), a goodbye (TTL 0) leaves it one second to
    // live, and a record with the cache-flush bit ends the others of its name
    // and type that are more than a second old. Times are milliseconds of a
    // monotonic clock the caller passes in, so tests can drive it.
    class MdnsCache final
    {
    public:
        struct Entry
        {
            DnsRecord record;
            qint64 receivedMs = 0;
            qint64 expiresMs = 0;
            int refreshesSent = 0; // 0..4: the next refresh is at 80 + 5 * n %
            qint64 refreshAtMs = 0;
            bool goodbye = false;
        };

        enum class Insertion
        {
            New,       // not in the cache before
            Refreshed, // the same record again, TTL renewed
            Goodbye,   // TTL 0: it leaves in a second
        };

        Insertion insert(const DnsRecord &record, qint64 nowMs);

        QList<DnsRecord> records(const DnsName &name, quint16 type) const;
        // Records to list as known answers in a query: remaining TTL over half.
        QList<DnsRecord> knownAnswers(const DnsName &name, quint16 type, qint64 nowMs) const;
        // Drops expired records and returns them.
        QList<DnsRecord> expire(qint64 nowMs);
        // Records whose next refresh is due; marks the refresh as sent.
        QList<DnsRecord> takeDueRefreshes(qint64 nowMs);
        // Every record of one name (a failed liveness check).
        void removeName(const DnsName &name);
        // The earliest expiry or refresh; -1 when the cache is empty.
        qint64 nextDeadlineMs() const;
        int size() const;

    private:
        static qint64 refreshTime(const Entry &entry);
        QHash<DnsName, QList<Entry>> m_byName;
    };
} // namespace Discovery
