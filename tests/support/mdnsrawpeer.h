#pragma once

#include <optional>

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QUdpSocket>

#include "discovery/dnsmessage.h"

namespace TestSupport
{
    // A bare mDNS participant for responder and browser tests: a QUdpSocket sharing
    // 224.0.0.251:5353 on `lo` that records every packet it hears (decoded
    // with the codec), sends hand-made queries and responses, and asks
    // legacy unicast questions from an ephemeral port.
    class MdnsRawPeer final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(MdnsRawPeer)

    public:
        struct Captured
        {
            Discovery::DnsMessage message;
            QHostAddress sender;
            quint16 senderPort = 0;
            qint64 atMs = 0;
            int size = 0;
        };

        explicit MdnsRawPeer(QObject *parent = nullptr);
        bool start(QString *error);

        void clear();
        QList<Captured> captured() const { return m_captured; }
        // Queries with a claim on name in their authority section.
        QList<Captured> probesFor(const Discovery::DnsName &name) const;
        // Responses with a live (TTL > 0) answer of that name and type.
        QList<Captured> responsesWith(const Discovery::DnsName &name, quint16 type) const;
        // Responses with a TTL 0 answer of that name.
        QList<Captured> goodbyesFor(const Discovery::DnsName &name) const;
        QSet<Discovery::DnsName> ptrTargets(const Discovery::DnsName &type) const;
        QSet<Discovery::DnsName> srvNames() const;
        // Queries (not our own) asking (name, type), captured at or after sinceMs.
        QList<Captured> queriesAsking(const Discovery::DnsName &name, quint16 type, qint64 sinceMs = 0) const;
        qsizetype queryCount() const;
        qint64 elapsed() const { return m_clock.elapsed(); }
        qsizetype responseCount() const;
        int largestPacket() const;

        static QList<Discovery::DnsRecord> recordsOf(const QList<Discovery::DnsRecord> &records,
                                                     const Discovery::DnsName &name, quint16 type);

        void sendMulticastQuery(const QList<Discovery::DnsQuestion> &questions,
                                const QList<Discovery::DnsRecord> &knownAnswers = {}, quint16 flags = 0);
        void sendMulticastResponse(const QList<Discovery::DnsRecord> &answers);
        // A whole message to one address and port (an answer to a legacy query).
        void sendUnicast(const Discovery::DnsMessage &message, const QHostAddress &address, quint16 port);
        // From an ephemeral port (RFC 6762 section 6.7); the first reply with this id.
        std::optional<Captured> legacyQuery(quint16 id, const QList<Discovery::DnsQuestion> &questions,
                                            int timeoutMs = 2000,
                                            const QList<Discovery::DnsRecord> &knownAnswers = {});

    private:
        void readPending();

        QUdpSocket m_socket;
        QUdpSocket m_legacy;
        QElapsedTimer m_clock;
        QList<Captured> m_captured;
        QSet<size_t> m_sent;
    };
} // namespace TestSupport
