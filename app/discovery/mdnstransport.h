#pragma once

#include <memory>

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QNetworkInterface>
#include <QObject>
#include <QStringList>

class QUdpSocket;

namespace Discovery
{
    // The UDP sockets of mDNS for one process: port 5353 shared with any
    // system daemon (Avahi, Bonjour) through SO_REUSEADDR/SO_REUSEPORT, the
    // IPv4 group 224.0.0.251 and the IPv6 group ff02::fb joined on each chosen
    // interface, and an ephemeral-port socket for one-shot (legacy unicast)
    // queries whose answers come back to us alone (ENVIRONMENT.md: a unicast
    // reply to 5353 reaches only one of the sockets sharing it).
    //
    // One transport serves any number of browsers and responders in the process.
    class MdnsTransport final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(MdnsTransport)

    public:
        static constexpr quint16 Port = 5353;
        static QHostAddress ipv4Group();  // 224.0.0.251
        static QHostAddress ipv6Group();  // ff02::fb

        // interfaceNames empty: every interface that is up and can multicast,
        // and loopback (so a private network namespace with only `lo` works).
        explicit MdnsTransport(const QStringList &interfaceNames = {}, QObject *parent = nullptr);
        ~MdnsTransport() override;

        // Binds and joins; false with a message a person can act on
        // ("interface eth7 does not exist", "cannot bind UDP 5353: ...").
        bool start(QString *errorMessage);
        bool isStarted() const;
        QList<QNetworkInterface> interfaces() const;

        // To the mDNS group on every chosen interface (IPv4, and IPv6 where the interface has it).
        void sendMulticast(const QByteArray &packet);
        // To one address and port: unicast replies (legacy unicast, QU questions).
        void sendUnicast(const QByteArray &packet, const QHostAddress &address, quint16 port);
        // A one-shot query from the ephemeral-port socket, multicast to the group;
        // answers arrive through received() with viaOneShotSocket = true.
        void sendOneShotQuery(const QByteArray &packet);

    Q_SIGNALS:
        // Every datagram received on any of the sockets. interfaceIndex is
        // the receiving interface when known, 0 otherwise.
        void received(const QByteArray &packet, const QHostAddress &sender, quint16 senderPort,
                      int interfaceIndex, bool viaOneShotSocket);

    private:
        struct Private;
        std::unique_ptr<Private> d;
    };
} // namespace Discovery
