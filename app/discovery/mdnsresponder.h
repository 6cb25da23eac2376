#pragma once

#include <memory>

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include "dnsname.h"

namespace Discovery
{
    class MdnsTransport;

    // A service to publish (RFC 6763): instance "esp32-a1b2c3" of type
    // "_arduino._tcp" on host "esp32-a1b2c3.local" at the given addresses.
    struct ServiceDescription
    {
        QString instanceName;
        QString serviceType;                              // "_arduino._tcp" (".local" is added)
        quint16 port = 0;
        QList<std::pair<QByteArray, QByteArray>> txt;     // key, value; order kept
        QString hostName;                                 // without ".local"
        QList<QHostAddress> addresses;                    // A/AAAA records of the host
        quint32 hostTtl = 120;                            // SRV, A, AAAA (RFC 6762 section 10)
        quint32 otherTtl = 4500;                          // PTR, TXT
    };

    // Publishes services on a shared transport: probing (three probes 250 ms
    // apart), renaming on conflict ("name (2)", host "name-2"), two
    // announcements a second apart, answers to queries (multicast, QU
    // unicast, and legacy unicast to a source port other than 5353 with the
    // query id echoed), known-answer suppression, and goodbyes (TTL 0) when a
    // service is withdrawn or the responder is destroyed. Many services in one
    // responder are cheap: one socket, one timer, answers aggregated per packet.
    class MdnsResponder final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(MdnsResponder)

    public:
        explicit MdnsResponder(MdnsTransport *transport, QObject *parent = nullptr);
        ~MdnsResponder() override; // sends goodbyes for every published service

        // Starts probing; returns an id for later calls.
        int publish(const ServiceDescription &service);
        void updateTxt(int id, const QList<std::pair<QByteArray, QByteArray>> &txt); // re-announces
        void withdraw(int id);                                                      // goodbye
        // Forgets a service without a goodbye, as a device that loses power
        // does: other caches keep it until its records expire or it returns.
        void withdrawSilently(int id);
        // Goodbyes for everything, synchronously sent (for a clean shutdown).
        void withdrawAll();

        // The names in use after any conflict renaming.
        QString instanceName(int id) const;
        QString hostName(int id) const;
        bool isAnnounced(int id) const;

        // Largest packet to build, in bytes of DNS payload. Default: 8972 when
        // the transport uses only loopback (RFC 6762 section 17 allows 9000),
        // 1440 otherwise (one Ethernet frame, IPv4 or IPv6).
        void setMaxPacketSize(int bytes);

    Q_SIGNALS:
        void announced(int id, const QString &instanceName);
        void renamed(int id, const QString &oldName, const QString &newName);
        // The host name (without ".local") changed after a conflict on it.
        void hostRenamed(int id, const QString &oldName, const QString &newName);

    private:
        struct Private;
        std::unique_ptr<Private> d;
    };
} // namespace Discovery
