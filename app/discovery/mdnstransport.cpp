#include "mdnstransport.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QNetworkDatagram>
#include <QSet>
#include <QUdpSocket>
#include <QVariant>

#include "logging.h"

using namespace Qt::Literals::StringLiterals;

namespace Discovery
{
    namespace
    {
        constexpr int MulticastTtl = 255; // RFC 6762 section 11: every mDNS packet goes out with TTL 255

        QString errnoText()
        {
            return QString::fromLocal8Bit(std::strerror(errno));
        }

        bool setIntOption(int fd, int level, int name, int value)
        {
            return ::setsockopt(fd, level, name, &value, sizeof value) == 0;
        }

        // Qt's ShareAddress sets SO_REUSEADDR only, and it cannot set
        // SO_REUSEPORT before bind. A daemon that bound 5353 with
        // SO_REUSEPORT alone (some Bonjour ports do) refuses a socket without
        // it, so the socket is made and bound here, with both options, and
        // handed to QUdpSocket already bound.
        int bindNativeUdp(bool ipv6, quint16 port, QString *errorMessage)
        {
            const int fd = ::socket(ipv6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
            if (fd < 0) {
                *errorMessage = u"cannot create a UDP socket: "_s + errnoText();
                return -1;
            }
            bool ok = setIntOption(fd, SOL_SOCKET, SO_REUSEADDR, 1);
#ifdef SO_REUSEPORT
            ok = ok && setIntOption(fd, SOL_SOCKET, SO_REUSEPORT, 1);
#endif
            // The receiving interface (QNetworkDatagram::interfaceIndex) needs packet info.
            if (ipv6) {
                // The IPv4 socket owns 0.0.0.0:5353; this one must not claim mapped addresses.
                ok = ok && setIntOption(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1);
                ok = ok && setIntOption(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
                ok = ok && setIntOption(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, MulticastTtl);
            } else {
                ok = ok && setIntOption(fd, IPPROTO_IP, IP_PKTINFO, 1);
                ok = ok && setIntOption(fd, IPPROTO_IP, IP_TTL, MulticastTtl);
            }
            if (!ok) {
                *errorMessage = u"cannot set UDP socket options: "_s + errnoText();
                ::close(fd);
                return -1;
            }
            int rc = 0;
            if (ipv6) {
                sockaddr_in6 sa {};
                sa.sin6_family = AF_INET6;
                sa.sin6_addr = in6addr_any;
                sa.sin6_port = htons(port);
                rc = ::bind(fd, reinterpret_cast<const sockaddr *>(&sa), sizeof sa);
            } else {
                sockaddr_in sa {};
                sa.sin_family = AF_INET;
                sa.sin_addr.s_addr = htonl(INADDR_ANY);
                sa.sin_port = htons(port);
                rc = ::bind(fd, reinterpret_cast<const sockaddr *>(&sa), sizeof sa);
            }
            if (rc != 0) {
                *errorMessage = u"cannot bind UDP %1 (%2): %3"_s.arg(port).arg(ipv6 ? u"IPv6"_s : u"IPv4"_s, errnoText());
                ::close(fd);
                return -1;
            }
            return fd;
        }

        bool hasProtocol(const QNetworkInterface &iface, QAbstractSocket::NetworkLayerProtocol protocol)
        {
            const auto entries = iface.addressEntries();
            return std::any_of(entries.cbegin(), entries.cend(), [protocol](const QNetworkAddressEntry &e) {
                return e.ip().protocol() == protocol;
            });
        }
    } // namespace

    struct MdnsTransport::Private
    {
        QStringList requestedNames;
        QList<QNetworkInterface> interfaces;
        QSet<int> chosenIndexes;                  // of `interfaces`
        QList<QNetworkInterface> ipv4Interfaces; // joined 224.0.0.251
        QList<QNetworkInterface> ipv6Interfaces; // joined ff02::fb
        QUdpSocket *socket4 = nullptr;
        QUdpSocket *socket6 = nullptr;
        QUdpSocket *oneShot4 = nullptr;
        QUdpSocket *oneShot6 = nullptr;
        bool started = false;

        QUdpSocket *adoptBound(MdnsTransport *q, bool ipv6, quint16 port, QString *errorMessage)
        {
            const int fd = bindNativeUdp(ipv6, port, errorMessage);
            if (fd < 0)
                return nullptr;
            auto *socket = new QUdpSocket(q);
            if (!socket->setSocketDescriptor(fd, QAbstractSocket::BoundState)) {
                *errorMessage = u"cannot use the UDP socket: "_s + socket->errorString();
                ::close(fd);
                delete socket;
                return nullptr;
            }
            socket->setSocketOption(QAbstractSocket::MulticastTtlOption, QVariant(MulticastTtl));
            // Two programs on one host (console and simulator) must hear each other.
            socket->setSocketOption(QAbstractSocket::MulticastLoopbackOption, QVariant(1));
            return socket;
        }

        void listen(MdnsTransport *q, QUdpSocket *socket, bool oneShot)
        {
            QObject::connect(socket, &QUdpSocket::readyRead, q, [this, q, socket, oneShot] {
                while (socket->hasPendingDatagrams()) {
                    const QNetworkDatagram datagram = socket->receiveDatagram();
                    if (!datagram.isValid())
                        break;
                    // Linux hands a socket the group's packets from every
                    // interface once it joined on any (IP_MULTICAST_ALL), and
                    // our own packets loop back on the interface they left by:
                    // keep only what arrived on an interface we were given.
                    const int arrivedOn = int(datagram.interfaceIndex());
                    if (arrivedOn != 0 && !chosenIndexes.contains(arrivedOn))
                        continue;
                    qCDebug(lcMdnsWire) << "received" << datagram.data().size() << "bytes from"
                                        << datagram.senderAddress() << datagram.senderPort() << "if"
                                        << datagram.interfaceIndex() << (oneShot ? "(one-shot socket)" : "");
                    Q_EMIT q->received(datagram.data(), datagram.senderAddress(),
                                       quint16(datagram.senderPort()), int(datagram.interfaceIndex()), oneShot);
                }
            });
        }

        void sendToGroup(QUdpSocket *socket4Out, QUdpSocket *socket6Out, const QByteArray &packet)
        {
            if (socket4Out) {
                for (const QNetworkInterface &iface : std::as_const(ipv4Interfaces)) {
                    socket4Out->setMulticastInterface(iface);
                    if (socket4Out->writeDatagram(packet, ipv4Group(), Port) < 0)
                        qCWarning(lcDiscovery) << "mDNS send on" << iface.name() << "failed:" << socket4Out->errorString();
                }
            }
            if (socket6Out) {
                for (const QNetworkInterface &iface : std::as_const(ipv6Interfaces)) {
                    socket6Out->setMulticastInterface(iface);
                    QHostAddress group = ipv6Group();
                    group.setScopeId(iface.name());
                    // IPv6 is best effort (ENVIRONMENT.md: multicast on lo may not work); debug only.
                    if (socket6Out->writeDatagram(packet, group, Port) < 0)
                        qCDebug(lcDiscovery) << "mDNS IPv6 send on" << iface.name() << "failed:" << socket6Out->errorString();
                }
            }
        }
    };

    QHostAddress MdnsTransport::ipv4Group()
    {
        return QHostAddress(u"224.0.0.251"_s);
    }

    QHostAddress MdnsTransport::ipv6Group()
    {
        return QHostAddress(u"ff02::fb"_s);
    }

    MdnsTransport::MdnsTransport(const QStringList &interfaceNames, QObject *parent)
        : QObject(parent), d(std::make_unique<Private>())
    {
        d->requestedNames = interfaceNames;
    }

    MdnsTransport::~MdnsTransport() = default;

    bool MdnsTransport::start(QString *errorMessage)
    {
        QString scratch;
        QString &error = errorMessage ? *errorMessage : scratch;
        if (d->started)
            return true;

        QList<QNetworkInterface> chosen;
        if (d->requestedNames.isEmpty()) {
            const auto all = QNetworkInterface::allInterfaces();
            for (const QNetworkInterface &iface : all) {
                const auto flags = iface.flags();
                if (flags.testFlag(QNetworkInterface::IsUp) && flags.testFlag(QNetworkInterface::IsRunning)
                    && (flags.testFlag(QNetworkInterface::CanMulticast) || flags.testFlag(QNetworkInterface::IsLoopBack)))
                    chosen.append(iface);
            }
            if (chosen.isEmpty()) {
                error = u"no network interface is up and able to multicast"_s;
                return false;
            }
        } else {
            for (const QString &name : std::as_const(d->requestedNames)) {
                const QNetworkInterface iface = QNetworkInterface::interfaceFromName(name);
                if (!iface.isValid()) {
                    error = u"interface %1 does not exist"_s.arg(name);
                    return false;
                }
                if (!iface.flags().testFlag(QNetworkInterface::IsUp)) {
                    error = u"interface %1 is down"_s.arg(name);
                    return false;
                }
                chosen.append(iface);
            }
        }

        QUdpSocket *socket4 = d->adoptBound(this, false, Port, &error);
        if (!socket4)
            return false;
        QList<QNetworkInterface> joined4;
        for (const QNetworkInterface &iface : std::as_const(chosen)) {
            if (!hasProtocol(iface, QAbstractSocket::IPv4Protocol))
                continue;
            if (socket4->joinMulticastGroup(ipv4Group(), iface))
                joined4.append(iface);
            else
                qCWarning(lcDiscovery) << "cannot join 224.0.0.251 on" << iface.name() << ":" << socket4->errorString();
        }

        // IPv6 is best effort: it never makes start() fail.
        QUdpSocket *socket6 = nullptr;
        QList<QNetworkInterface> joined6;
        const bool anyIpv6 = std::any_of(chosen.cbegin(), chosen.cend(), [](const QNetworkInterface &i) {
            return hasProtocol(i, QAbstractSocket::IPv6Protocol);
        });
        if (anyIpv6) {
            QString error6;
            socket6 = d->adoptBound(this, true, Port, &error6);
            if (!socket6) {
                qCInfo(lcDiscovery) << "mDNS over IPv6 is off:" << error6;
            } else {
                for (const QNetworkInterface &iface : std::as_const(chosen)) {
                    if (!hasProtocol(iface, QAbstractSocket::IPv6Protocol))
                        continue;
                    if (socket6->joinMulticastGroup(ipv6Group(), iface))
                        joined6.append(iface);
                    else
                        qCDebug(lcDiscovery) << "cannot join ff02::fb on" << iface.name() << ":" << socket6->errorString();
                }
                if (joined6.isEmpty()) {
                    delete socket6;
                    socket6 = nullptr;
                }
            }
        }

        if (joined4.isEmpty() && joined6.isEmpty()) {
            error = u"cannot join the mDNS multicast group on any interface (%1)"_s.arg(socket4->errorString());
            delete socket4;
            delete socket6;
            return false;
        }

        QString errorOneShot;
        QUdpSocket *oneShot4 = d->adoptBound(this, false, 0, &errorOneShot);
        if (!oneShot4) {
            error = errorOneShot;
            delete socket4;
            delete socket6;
            return false;
        }
        QUdpSocket *oneShot6 = socket6 ? d->adoptBound(this, true, 0, &errorOneShot) : nullptr;

        d->interfaces = chosen;
        for (const QNetworkInterface &iface : chosen)
            d->chosenIndexes.insert(iface.index());
        d->ipv4Interfaces = joined4;
        d->ipv6Interfaces = joined6;
        d->socket4 = socket4;
        d->socket6 = socket6;
        d->oneShot4 = oneShot4;
        d->oneShot6 = oneShot6;
        d->listen(this, socket4, false);
        if (socket6)
            d->listen(this, socket6, false);
        d->listen(this, oneShot4, true);
        if (oneShot6)
            d->listen(this, oneShot6, true);
        d->started = true;

        QStringList names;
        for (const QNetworkInterface &iface : std::as_const(chosen))
            names.append(iface.name());
        qCInfo(lcDiscovery) << "mDNS transport on" << names.join(u", "_s) << "IPv4 groups" << joined4.size()
                            << "IPv6 groups" << joined6.size() << "one-shot port" << oneShot4->localPort();
        return true;
    }

    bool MdnsTransport::isStarted() const
    {
        return d->started;
    }

    QList<QNetworkInterface> MdnsTransport::interfaces() const
    {
        return d->interfaces;
    }

    void MdnsTransport::sendMulticast(const QByteArray &packet)
    {
        if (!d->started)
            return;
        qCDebug(lcMdnsWire) << "multicast" << packet.size() << "bytes";
        d->sendToGroup(d->socket4, d->socket6, packet);
    }

    void MdnsTransport::sendUnicast(const QByteArray &packet, const QHostAddress &address, quint16 port)
    {
        if (!d->started)
            return;
        const bool v4 = address.protocol() == QAbstractSocket::IPv4Protocol;
        QUdpSocket *socket = v4 ? d->socket4 : d->socket6;
        if (!socket) {
            qCDebug(lcDiscovery) << "no socket to answer" << address;
            return;
        }
        qCDebug(lcMdnsWire) << "unicast" << packet.size() << "bytes to" << address << port;
        if (socket->writeDatagram(packet, address, port) < 0)
            qCWarning(lcDiscovery) << "mDNS unicast to" << address << port << "failed:" << socket->errorString();
    }

    void MdnsTransport::sendOneShotQuery(const QByteArray &packet)
    {
        if (!d->started)
            return;
        qCDebug(lcMdnsWire) << "one-shot query" << packet.size() << "bytes";
        d->sendToGroup(d->oneShot4, d->oneShot6, packet);
    }
} // namespace Discovery
