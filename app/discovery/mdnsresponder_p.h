#pragma once

#include <functional>
#include <map>

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include "mdnspacketpacker.h"
#include "mdnsresponder.h"
#include "mdnsresponderrecords.h"
#include "mdnstransport.h"

namespace Discovery
{
    using ResponderDetail::PublishedService;
    using ResponderDetail::RecordKind;
    using ResponderDetail::TtlMode;

    // State shared by mdnsresponder.cpp (publishing, the scheduler,
    // goodbyes) and mdnsresponderincoming.cpp (queries, conflicts).
    struct MdnsResponder::Private
    {
        // One record kind of one service: what answers are made of until
        // the moment they are encoded, so a rename or TXT update between
        // scheduling and sending goes out with the current data.
        struct Ref
        {
            int id = 0;
            RecordKind kind = RecordKind::TypePtr;
            quint64 key() const { return (quint64(quint32(id)) << 8) | quint64(kind); }
        };
        struct Answer
        {
            QList<Ref> answers;
            QList<Ref> additionals;
        };
        // The Qt signals to emit once a handler has finished touching state,
        // so a slot that calls withdraw() never runs in the middle of a loop.
        using Emission = std::function<void()>;

        MdnsResponder *q = nullptr;
        QPointer<MdnsTransport> transport;
        std::map<int, PublishedService> services; // ordered: deterministic packets
        int nextId = 1;
        QHash<DnsName, QList<int>> byInstance;
        QHash<DnsName, QList<int>> byHost;
        QHash<DnsName, QList<int>> byType;
        QTimer timer;
        qint64 timerDueAt = -1;
        QElapsedTimer clock;
        int maxPacketSize = 0; // 0: chosen from the transport's interfaces

        // Multicast answers waiting for their 20-120 ms delay, aggregated.
        QList<Answer> pending;
        QSet<quint64> pendingKeys; // of their answers
        QHostAddress truncatedFrom; // the querier whose truncated query the pending answers wait on
        quint16 truncatedFromPort = 0;
        qint64 pendingDueAt = -1;

        // Hashes of what we sent lately: multicast loops back to us, and our
        // own probes and announcements are neither queries nor conflicts.
        QHash<size_t, qint64> recentlySent;

        QList<Emission> emissions;

        qint64 now() const { return clock.elapsed(); }
        int packetLimit() const;
        PublishedService *service(int id);

        // mdnsresponder.cpp
        void index(const PublishedService &s);
        void unindex(const PublishedService &s);
        Ref canonical(Ref ref) const;
        QList<DnsRecord> records(Ref ref, TtlMode mode) const;
        ResponderDetail::RecordGroup group(const Answer &answer, TtlMode mode) const;
        void sendMulticast(const QList<QByteArray> &packets);
        void sendUnicast(const QList<QByteArray> &packets, const QHostAddress &address, quint16 port);
        void schedule(qint64 at);
        void onTimer();
        void sendProbes(const QList<int> &ids);
        void sendAnnouncements(const QList<int> &ids);
        void sendPendingAnswers();
        void sendGoodbyes(const QList<int> &ids);
        void restartProbing(PublishedService &s, qint64 delay);
        void flushEmissions();

        // mdnsresponderincoming.cpp
        void onReceived(const QByteArray &packet, const QHostAddress &sender, quint16 senderPort);
        void handleQuery(const DnsMessage &query, const QHostAddress &sender, quint16 senderPort);
        void dropKnownFromPending(const QList<DnsRecord> &knownAnswers);
        void handleProbeClaims(const DnsMessage &query);
        void handleResponse(const DnsMessage &response);
        QList<Answer> answersFor(const DnsQuestion &question) const;
        bool knownToQuerier(const Ref &ref, const QHash<DnsName, QList<DnsRecord>> &known) const;
        static quint32 ttlOf(const PublishedService &s, RecordKind kind);
        void conflict(PublishedService &s, bool hostName);
    };
} // namespace Discovery
