#include "mdnsresponder.h"

#include <QRandomGenerator>

#include "logging.h"
#include "mdnsresponder_p.h"

using namespace Qt::Literals::StringLiterals;

namespace Discovery
{
    using ResponderDetail::PacketPacker;
    using ResponderDetail::RecordGroup;
    using State = PublishedService::State;

    namespace
    {
        constexpr int ProbeCount = 3;
        constexpr int ProbeIntervalMs = 250;       // RFC 6762 section 8.1
        constexpr int AnnouncementCount = 2;
        constexpr int AnnouncementIntervalMs = 1000; // RFC 6762 section 8.3
        constexpr int DueSlackMs = 5;               // what is due this soon goes out in the same packets
        constexpr int LoopbackPacketLimit = 9000 - 28; // RFC 6762 section 17, less IPv4 + UDP headers
        constexpr int EthernetPacketLimit = 1440;      // under 1460 even with IPv6 headers
        constexpr qint64 OwnPacketMemoryMs = 5000;

        const QList<RecordKind> AnnouncedKinds = {RecordKind::TypePtr, RecordKind::EnumPtr, RecordKind::Srv,
                                                  RecordKind::Txt,     RecordKind::AddrV4,  RecordKind::AddrV6};

        void removeId(QHash<DnsName, QList<int>> &index, const DnsName &name, int id)
        {
            auto it = index.find(name);
            if (it == index.end())
                return;
            it->removeAll(id);
            if (it->isEmpty())
                index.erase(it);
        }
    } // namespace

    int MdnsResponder::Private::packetLimit() const
    {
        if (maxPacketSize > 0)
            return maxPacketSize;
        if (!transport)
            return EthernetPacketLimit;
        const auto interfaces = transport->interfaces();
        const bool onlyLoopback = !interfaces.isEmpty()
            && std::all_of(interfaces.cbegin(), interfaces.cend(), [](const QNetworkInterface &i) {
                   return i.flags().testFlag(QNetworkInterface::IsLoopBack);
               });
        return onlyLoopback ? LoopbackPacketLimit : EthernetPacketLimit;
    }

    PublishedService *MdnsResponder::Private::service(int id)
    {
        const auto it = services.find(id);
        return it == services.end() ? nullptr : &it->second;
    }

    void MdnsResponder::Private::index(const PublishedService &s)
    {
        byInstance[s.instanceName].append(s.id);
        byHost[s.hostName].append(s.id);
        byType[s.typeName].append(s.id);
    }

    void MdnsResponder::Private::unindex(const PublishedService &s)
    {
        removeId(byInstance, s.instanceName, s.id);
        removeId(byHost, s.hostName, s.id);
        removeId(byType, s.typeName, s.id);
    }

    MdnsResponder::Private::Ref MdnsResponder::Private::canonical(Ref ref) const
    {
        const auto it = services.find(ref.id);
        if (it == services.end())
            return ref;
        // Shared host and type records are answered through the oldest
        // service that has them, so they are sent once per packet.
        if (ResponderDetail::isHostKind(ref.kind))
            ref.id = byHost.value(it->second.hostName).value(0, ref.id);
        else if (ref.kind == RecordKind::EnumPtr)
            ref.id = byType.value(it->second.typeName).value(0, ref.id);
        return ref;
    }

    QList<DnsRecord> MdnsResponder::Private::records(Ref ref, TtlMode mode) const
    {
        const auto it = services.find(ref.id);
        if (it == services.end())
            return {};
        return ResponderDetail::makeRecords(it->second, ref.kind, mode);
    }

    RecordGroup MdnsResponder::Private::group(const Answer &answer, TtlMode mode) const
    {
        RecordGroup g;
        for (const Ref &ref : answer.answers)
            g.answers += records(ref, mode);
        for (const Ref &ref : answer.additionals)
            g.additionals += records(ref, mode);
        return g;
    }

    void MdnsResponder::Private::sendMulticast(const QList<QByteArray> &packets)
    {
        if (!transport)
            return;
        const qint64 t = now();
        for (const QByteArray &packet : packets) {
            recentlySent.insert(qHash(packet), t);
            transport->sendMulticast(packet);
        }
        if (recentlySent.size() > 64)
            recentlySent.removeIf([t](const auto &entry) { return t - entry.value() > OwnPacketMemoryMs; });
    }

    void MdnsResponder::Private::sendUnicast(const QList<QByteArray> &packets, const QHostAddress &address, quint16 port)
    {
        if (!transport)
            return;
        for (const QByteArray &packet : packets)
            transport->sendUnicast(packet, address, port);
    }

    void MdnsResponder::Private::schedule(qint64 at)
    {
        if (timer.isActive() && timerDueAt <= at)
            return;
        timerDueAt = at;
        timer.start(int(std::max<qint64>(0, at - now())));
    }

    void MdnsResponder::Private::restartProbing(PublishedService &s, qint64 delay)
    {
        s.state = State::Probing;
        s.announced = false;
        s.probesSent = 0;
        s.announcementsSent = 0;
        s.nextAt = now() + delay;
        schedule(s.nextAt);
    }

    void MdnsResponder::Private::onTimer()
    {
        timerDueAt = -1;
        const qint64 t = now();
        QList<int> probeDue;
        QList<int> announceDue;
        for (const auto &[id, s] : services) {
            if (s.nextAt > t + DueSlackMs)
                continue;
            if (s.state == State::Probing)
                probeDue.append(id);
            else if (s.state == State::Announcing)
                announceDue.append(id);
        }
        if (!probeDue.isEmpty())
            sendProbes(probeDue);
        if (!announceDue.isEmpty())
            sendAnnouncements(announceDue);
        if (pendingDueAt >= 0 && pendingDueAt <= t + DueSlackMs)
            sendPendingAnswers();

        qint64 next = pendingDueAt;
        for (const auto &[id, s] : services) {
            if (s.state != State::Announced && (next < 0 || s.nextAt < next))
                next = s.nextAt;
        }
        if (next >= 0)
            schedule(next);
        flushEmissions();
    }

    void MdnsResponder::Private::sendProbes(const QList<int> &ids)
    {
        DnsMessage header; // a query: id 0, no flags
        PacketPacker packer(header, packetLimit());
        const qint64 t = now();
        for (int id : ids) {
            PublishedService &s = services.at(id);
            RecordGroup g;
            // The first probe asks for unicast replies (RFC 6762 section 8.1).
            const bool qu = s.probesSent == 0;
            g.questions.append({s.instanceName, RecordType::ANY, ClassIn, qu});
            g.questions.append({s.hostName, RecordType::ANY, ClassIn, qu});
            g.authorities = ResponderDetail::claimedRecords(s, false) + ResponderDetail::claimedRecords(s, true);
            packer.add(std::move(g));
            ++s.probesSent;
            s.nextAt = t + ProbeIntervalMs;
            if (s.probesSent >= ProbeCount) {
                s.state = State::Announcing;
                s.announcementsSent = 0;
            }
        }
        const QList<QByteArray> packets = packer.finish();
        qCDebug(lcDiscovery) << "probing" << ids.size() << "services in" << packets.size() << "packets";
        sendMulticast(packets);
    }

    void MdnsResponder::Private::sendAnnouncements(const QList<int> &ids)
    {
        DnsMessage header;
        header.flags = DnsMessage::ResponseFlag | DnsMessage::AuthoritativeFlag;
        PacketPacker packer(header, packetLimit());
        const qint64 t = now();
        for (int id : ids) {
            PublishedService &s = services.at(id);
            Answer answer;
            for (RecordKind kind : AnnouncedKinds) {
                const Ref ref = canonical({id, kind});
                answer.answers.append(ref);
                services.at(ref.id).lastMulticast[int(kind)] = t;
            }
            answer.additionals = {{id, RecordKind::InstanceNsec}, canonical({id, RecordKind::HostNsec})};
            packer.add(group(answer, TtlMode::Normal));
            s.everMulticast = true;
            ++s.announcementsSent;
            s.nextAt = t + AnnouncementIntervalMs;
            if (s.announcementsSent >= AnnouncementCount)
                s.state = State::Announced;
            if (!s.announced) {
                s.announced = true;
                const QString name = s.description.instanceName;
                qCDebug(lcDiscovery) << "announced" << s.instanceName.toString();
                emissions.append([this, id, name] { Q_EMIT q->announced(id, name); });
            }
        }
        const QList<QByteArray> packets = packer.finish();
        qCInfo(lcDiscovery) << "announcing" << ids.size() << "services in" << packets.size() << "packets";
        sendMulticast(packets);
    }

    void MdnsResponder::Private::sendPendingAnswers()
    {
        DnsMessage header;
        header.flags = DnsMessage::ResponseFlag | DnsMessage::AuthoritativeFlag;
        PacketPacker packer(header, packetLimit());
        const qint64 t = now();
        for (const Answer &answer : std::as_const(pending)) {
            for (const Ref &ref : answer.answers) {
                if (PublishedService *s = service(ref.id))
                    s->lastMulticast[int(ref.kind)] = t;
            }
            packer.add(group(answer, TtlMode::Normal));
        }
        pending.clear();
        pendingKeys.clear();
        pendingDueAt = -1;
        sendMulticast(packer.finish());
    }

    void MdnsResponder::Private::sendGoodbyes(const QList<int> &ids)
    {
        const QSet<int> leaving(ids.cbegin(), ids.cend());
        const auto othersShare = [this, &leaving](const QHash<DnsName, QList<int>> &index, const DnsName &name) {
            const QList<int> users = index.value(name);
            return std::any_of(users.cbegin(), users.cend(), [this, &leaving](int other) {
                return !leaving.contains(other) && services.at(other).everMulticast;
            });
        };
        DnsMessage header;
        header.flags = DnsMessage::ResponseFlag | DnsMessage::AuthoritativeFlag;
        PacketPacker packer(header, packetLimit());
        int count = 0;
        for (int id : ids) {
            const PublishedService *s = service(id);
            if (!s || !s->everMulticast)
                continue; // never announced: nothing to take back from caches
            Answer answer{{{id, RecordKind::TypePtr}, {id, RecordKind::Srv}, {id, RecordKind::Txt}}, {}};
            // Shared records stay while another of our services still uses them.
            if (!othersShare(byType, s->typeName))
                answer.answers.append({id, RecordKind::EnumPtr});
            if (!othersShare(byHost, s->hostName))
                answer.answers += {{id, RecordKind::AddrV4}, {id, RecordKind::AddrV6}};
            packer.add(group(answer, TtlMode::Goodbye));
            ++count;
        }
        if (count == 0)
            return;
        const QList<QByteArray> packets = packer.finish();
        qCInfo(lcDiscovery) << "goodbye for" << count << "services in" << packets.size() << "packets";
        sendMulticast(packets);
    }

    void MdnsResponder::Private::flushEmissions()
    {
        while (!emissions.isEmpty()) {
            const Emission emission = emissions.takeFirst();
            emission();
        }
    }

    MdnsResponder::MdnsResponder(MdnsTransport *transport, QObject *parent)
        : QObject(parent), d(std::make_unique<Private>())
    {
        d->q = this;
        d->transport = transport;
        d->clock.start();
        d->timer.setSingleShot(true);
        d->timer.setTimerType(Qt::PreciseTimer);
        connect(&d->timer, &QTimer::timeout, this, [this] { d->onTimer(); });
        if (transport) {
            connect(transport, &MdnsTransport::received, this,
                    [this](const QByteArray &packet, const QHostAddress &sender, quint16 senderPort, int, bool oneShot) {
                        if (!oneShot) // answers to one-shot queries are for browsers
                            d->onReceived(packet, sender, senderPort);
                    });
        }
    }

    MdnsResponder::~MdnsResponder()
    {
        d->emissions.clear();
        withdrawAll();
    }

    int MdnsResponder::publish(const ServiceDescription &service)
    {
        PublishedService s;
        s.id = d->nextId++;
        s.description = service;
        s.originalInstance = service.instanceName;
        s.typeName = ResponderDetail::serviceTypeName(service.serviceType);
        s.setNames(service.instanceName, service.hostName);
        // RFC 6762 section 8.1: a random 0-250 ms before the first probe.
        // Services published together share it, so their probes share packets.
        qint64 start = -1;
        for (const auto &[id, other] : d->services) {
            if (other.state == State::Probing && other.probesSent == 0 && other.nextAt >= d->now()) {
                start = other.nextAt;
                break;
            }
        }
        if (start < 0)
            start = d->now() + QRandomGenerator::global()->bounded(ProbeIntervalMs + 1);
        s.nextAt = start;
        d->index(s);
        const int id = s.id;
        qCDebug(lcDiscovery) << "publishing" << s.instanceName.toString() << "on" << s.hostName.toString();
        d->services.emplace(id, std::move(s));
        d->schedule(start);
        return id;
    }

    void MdnsResponder::updateTxt(int id, const QList<std::pair<QByteArray, QByteArray>> &txt)
    {
        PublishedService *s = d->service(id);
        if (!s)
            return;
        s->description.txt = txt;
        // RFC 6762 section 8.4: announce the new data again; probing ones send it anyway.
        if (s->state != State::Probing) {
            s->state = State::Announcing;
            s->announcementsSent = 0;
            s->nextAt = d->now();
            d->schedule(s->nextAt);
        }
    }

    void MdnsResponder::withdraw(int id)
    {
        PublishedService *s = d->service(id);
        if (!s)
            return;
        d->sendGoodbyes({id});
        d->unindex(*s);
        d->services.erase(id);
    }

    void MdnsResponder::withdrawSilently(int id)
    {
        PublishedService *s = d->service(id);
        if (!s)
            return;
        d->unindex(*s);
        d->services.erase(id); // pending answers that name it build no records
    }

    void MdnsResponder::withdrawAll()
    {
        QList<int> ids;
        for (const auto &[id, s] : d->services)
            ids.append(id);
        d->sendGoodbyes(ids);
        d->services.clear();
        d->byInstance.clear();
        d->byHost.clear();
        d->byType.clear();
        d->pending.clear();
        d->pendingKeys.clear();
        d->pendingDueAt = -1;
    }

    QString MdnsResponder::instanceName(int id) const
    {
        const PublishedService *s = d->service(id);
        return s ? s->description.instanceName : QString();
    }

    QString MdnsResponder::hostName(int id) const
    {
        const PublishedService *s = d->service(id);
        return s ? s->description.hostName : QString();
    }

    bool MdnsResponder::isAnnounced(int id) const
    {
        const PublishedService *s = d->service(id);
        return s && s->announced;
    }

    void MdnsResponder::setMaxPacketSize(int bytes)
    {
        d->maxPacketSize = bytes;
    }
} // namespace Discovery
