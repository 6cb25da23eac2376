// MdnsResponder: what it does with packets from others — answering queries
// and spotting conflicts (RFC 6762 sections 6, 7, 8.2 and 9).

#include <QRandomGenerator>

#include "logging.h"
#include "mdnsresponder_p.h"

namespace Discovery
{
    using ResponderDetail::PacketPacker;
    using State = PublishedService::State;

    namespace
    {
        constexpr int MulticastRateLimitMs = 1000;   // RFC 6762 section 6
        constexpr int ProbeDefenseRateLimitMs = 250; // ... except when defending against a probe
        constexpr int SharedAnswerMinDelayMs = 20;
        constexpr int SharedAnswerMaxDelayMs = 120;
        constexpr int TruncatedQueryMinDelayMs = 400; // RFC 6762 section 7.2: more known answers follow
        constexpr int TruncatedQueryMaxDelayMs = 500;
        constexpr int ConflictWindowMs = 10'000;      // RFC 6762 section 8.1: 15 conflicts in 10 s ...
        constexpr int ConflictsBeforeBackoff = 15;
        constexpr int ConflictBackoffMs = 5000;      // ... and probing waits 5 s
        constexpr int LostTieBreakDelayMs = 1000;     // RFC 6762 section 8.2

        bool isQuestionFor(const DnsQuestion &q, quint16 type)
        {
            return q.type == type || q.type == RecordType::ANY;
        }
    } // namespace

    quint32 MdnsResponder::Private::ttlOf(const PublishedService &s, RecordKind kind)
    {
        switch (kind) {
        case RecordKind::TypePtr:
        case RecordKind::EnumPtr:
        case RecordKind::Txt:
            return s.description.otherTtl;
        default:
            return s.description.hostTtl;
        }
    }

    void MdnsResponder::Private::onReceived(const QByteArray &packet, const QHostAddress &sender, quint16 senderPort)
    {
        if (recentlySent.contains(qHash(packet)))
            return; // our own multicast, looped back
        const auto parsed = DnsCodec::parse(packet);
        if (!parsed) {
            qCDebug(lcMdnsWire) << "ignoring a malformed packet from" << sender << ":" << parsed.error().message;
            return;
        }
        const DnsMessage &message = parsed.value();
        if (message.isResponse()) {
            // RFC 6762 section 6: responses not from port 5353 are ignored.
            if (senderPort == MdnsTransport::Port)
                handleResponse(message);
        } else {
            handleQuery(message, sender, senderPort);
        }
        flushEmissions();
    }

    QList<MdnsResponder::Private::Answer> MdnsResponder::Private::answersFor(const DnsQuestion &question) const
    {
        QList<Answer> out;
        if (question.klass != ClassIn && question.klass != RecordType::ANY)
            return out;
        const auto answering = [this](int id) { return services.at(id).answers(); };
        const auto hostRefs = [this](int id) {
            return QList<Ref>{canonical({id, RecordKind::AddrV4}), canonical({id, RecordKind::AddrV6}),
                              canonical({id, RecordKind::HostNsec})};
        };
        const DnsName &name = question.name;

        if (isQuestionFor(question, RecordType::PTR)) {
            if (name == ResponderDetail::servicesEnumerationName()) {
                for (auto it = byType.cbegin(); it != byType.cend(); ++it) {
                    const auto first = std::find_if(it->cbegin(), it->cend(), answering);
                    if (first != it->cend())
                        out.append({{canonical({*first, RecordKind::EnumPtr})}, {}});
                }
            }
            for (int id : byType.value(name)) {
                if (!answering(id))
                    continue;
                // RFC 6763 section 12.1: SRV, TXT and addresses ride along.
                out.append({{{id, RecordKind::TypePtr}},
                            QList<Ref>{{id, RecordKind::Srv}, {id, RecordKind::Txt}, {id, RecordKind::InstanceNsec}}
                                + hostRefs(id)});
            }
        }

        for (int id : byInstance.value(name)) {
            if (!answering(id))
                continue;
            if (question.type == RecordType::ANY)
                out.append({{{id, RecordKind::Srv}, {id, RecordKind::Txt}}, hostRefs(id)});
            else if (question.type == RecordType::SRV)
                out.append({{{id, RecordKind::Srv}}, hostRefs(id) + QList<Ref>{{id, RecordKind::InstanceNsec}}});
            else if (question.type == RecordType::TXT)
                out.append({{{id, RecordKind::Txt}}, {}});
            else // RFC 6762 section 6.1: say which types do not exist
                out.append({{{id, RecordKind::InstanceNsec}}, {}});
        }

        const QList<int> hostIds = byHost.value(name);
        const auto hostId = std::find_if(hostIds.cbegin(), hostIds.cend(), answering);
        if (hostId != hostIds.cend()) {
            const PublishedService &s = services.at(*hostId);
            const Ref v4 = canonical({*hostId, RecordKind::AddrV4});
            const Ref v6 = canonical({*hostId, RecordKind::AddrV6});
            const Ref nsec = canonical({*hostId, RecordKind::HostNsec});
            if (question.type == RecordType::ANY)
                out.append({{v4, v6}, {nsec}});
            else if (question.type == RecordType::A)
                out.append(s.hasIpv4() ? Answer{{v4}, {v6, nsec}} : Answer{{nsec}, {v6}});
            else if (question.type == RecordType::AAAA)
                out.append(s.hasIpv6() ? Answer{{v6}, {v4, nsec}} : Answer{{nsec}, {v4}});
            else
                out.append({{nsec}, {}});
        }
        return out;
    }

    bool MdnsResponder::Private::knownToQuerier(const Ref &ref, const QHash<DnsName, QList<DnsRecord>> &known) const
    {
        const QList<DnsRecord> ours = records(ref, TtlMode::Normal);
        if (ours.isEmpty())
            return true; // nothing to say (an address family we do not have)
        const auto it = known.constFind(ours.constFirst().name);
        if (it == known.cend())
            return false;
        // RFC 6762 section 7.1: suppressed when the querier's copy has at least half our TTL.
        return std::all_of(ours.cbegin(), ours.cend(), [&it](const DnsRecord &mine) {
            return std::any_of(it->cbegin(), it->cend(), [&mine](const DnsRecord &theirs) {
                return theirs.type == mine.type && quint64(theirs.ttl) * 2 >= mine.ttl && theirs.sameRecordAs(mine);
            });
        });
    }

    void MdnsResponder::Private::handleQuery(const DnsMessage &query, const QHostAddress &sender, quint16 senderPort)
    {
        // RFC 6762 section 7.2: the rest of a truncated query's known answers.
        if (query.questions.isEmpty() && !query.answers.isEmpty()) {
            if (!pending.isEmpty() && sender == truncatedFrom && senderPort == truncatedFromPort)
                dropKnownFromPending(query.answers);
            return;
        }
        // RFC 6762 section 6.7: a query from another port is a plain DNS resolver's.
        const bool legacy = senderPort != MdnsTransport::Port;
        const bool probe = !query.authorities.isEmpty();
        if (probe && !legacy)
            handleProbeClaims(query);

        QHash<DnsName, QList<DnsRecord>> known;
        for (const DnsRecord &r : query.answers)
            known[r.name].append(r);

        const qint64 t = now();
        QList<Answer> legacyAnswers;
        QList<Answer> unicastAnswers;
        QList<Answer> multicastAnswers;
        bool anyShared = false;
        for (const DnsQuestion &question : query.questions) {
            const QList<Answer> candidates = answersFor(question);
            for (const Answer &candidate : candidates) {
                Answer viaLegacy{{}, candidate.additionals};
                Answer viaUnicast{{}, candidate.additionals};
                Answer viaMulticast{{}, candidate.additionals};
                for (const Ref &ref : candidate.answers) {
                    if (knownToQuerier(ref, known))
                        continue;
                    if (legacy) {
                        viaLegacy.answers.append(ref);
                        continue;
                    }
                    const PublishedService &s = services.at(ref.id);
                    const qint64 sinceMulticast = t - s.lastMulticast[int(ref.kind)];
                    // RFC 6762 section 5.4: a QU question still gets a multicast
                    // answer when the record was not multicast within a quarter of its TTL.
                    if (question.unicastResponse && sinceMulticast < qint64(ttlOf(s, ref.kind)) * 1000 / 4) {
                        viaUnicast.answers.append(ref);
                        continue;
                    }
                    if (sinceMulticast < (probe ? ProbeDefenseRateLimitMs : MulticastRateLimitMs))
                        continue;
                    if (pendingKeys.contains(ref.key()))
                        continue;
                    viaMulticast.answers.append(ref);
                    anyShared = anyShared || ResponderDetail::isSharedKind(ref.kind);
                }
                if (!viaLegacy.answers.isEmpty())
                    legacyAnswers.append(viaLegacy);
                if (!viaUnicast.answers.isEmpty())
                    unicastAnswers.append(viaUnicast);
                if (!viaMulticast.answers.isEmpty())
                    multicastAnswers.append(viaMulticast);
            }
        }

        if (!legacyAnswers.isEmpty()) {
            DnsMessage header;
            header.id = query.id;
            header.flags = DnsMessage::ResponseFlag | DnsMessage::AuthoritativeFlag;
            header.questions = query.questions;
            for (DnsQuestion &question : header.questions)
                question.unicastResponse = false;
            // One datagram: a plain resolver reads one answer (TC if it did not fit).
            PacketPacker packer(header, packetLimit());
            for (const Answer &a : std::as_const(legacyAnswers))
                packer.add(group(a, TtlMode::Legacy));
            sendUnicast({packer.finishSingle()}, sender, senderPort);
        }
        if (!unicastAnswers.isEmpty()) {
            DnsMessage header;
            header.id = query.id;
            header.flags = DnsMessage::ResponseFlag | DnsMessage::AuthoritativeFlag;
            PacketPacker packer(header, packetLimit());
            for (const Answer &a : std::as_const(unicastAnswers))
                packer.add(group(a, TtlMode::Normal));
            sendUnicast(packer.finish(), sender, senderPort);
        }
        if (multicastAnswers.isEmpty())
            return;
        for (const Answer &a : std::as_const(multicastAnswers)) {
            for (const Ref &ref : a.answers)
                pendingKeys.insert(ref.key());
        }
        pending += multicastAnswers;
        qint64 due = t;
        if (query.isTruncated()) {
            due = t + QRandomGenerator::global()->bounded(TruncatedQueryMinDelayMs, TruncatedQueryMaxDelayMs + 1);
            truncatedFrom = sender;
            truncatedFromPort = senderPort;
        }
        else if (anyShared) // RFC 6762 section 6: shared answers wait 20-120 ms, unique ones do not
            due = t + QRandomGenerator::global()->bounded(SharedAnswerMinDelayMs, SharedAnswerMaxDelayMs + 1);
        if (pendingDueAt < 0 || due < pendingDueAt)
            pendingDueAt = due;
        if (pendingDueAt <= t)
            sendPendingAnswers();
        else
            schedule(pendingDueAt);
    }

    void MdnsResponder::Private::dropKnownFromPending(const QList<DnsRecord> &knownAnswers)
    {
        QHash<DnsName, QList<DnsRecord>> known;
        for (const DnsRecord &r : knownAnswers)
            known[r.name].append(r);
        for (Answer &a : pending) {
            a.answers.removeIf([this, &known](const Ref &ref) {
                if (!knownToQuerier(ref, known))
                    return false;
                pendingKeys.remove(ref.key());
                return true;
            });
        }
        pending.removeIf([](const Answer &a) { return a.answers.isEmpty(); });
        if (pending.isEmpty())
            pendingDueAt = -1;
    }

    void MdnsResponder::Private::handleProbeClaims(const DnsMessage &query)
    {
        QHash<DnsName, QList<DnsRecord>> claims;
        for (const DnsRecord &r : query.authorities)
            claims[r.name].append(r);
        for (auto it = claims.cbegin(); it != claims.cend(); ++it) {
            for (bool forHost : {false, true}) {
                const QList<int> ids = (forHost ? byHost : byInstance).value(it.key());
                for (int id : ids) {
                    PublishedService &s = services.at(id);
                    if (s.state != State::Probing)
                        continue; // established names are defended by answering the probe's question
                    const int order = ResponderDetail::compareProbeRecords(
                        ResponderDetail::claimedRecords(s, forHost), it.value());
                    if (order >= 0)
                        continue;
                    qCInfo(lcDiscovery) << "simultaneous probe for" << it.key().toString()
                                        << "won by the other host; probing again in 1 s";
                    restartProbing(s, LostTieBreakDelayMs);
                }
            }
        }
    }

    void MdnsResponder::Private::handleResponse(const DnsMessage &response)
    {
        QList<std::pair<int, bool>> conflicts; // service id, on the host name
        QSet<QByteArray> heard;                // RFC 6762 section 7.4: duplicate answer suppression
        for (const auto *section : {&response.answers, &response.additionals}) {
            for (const DnsRecord &r : *section) {
                if (r.ttl == 0)
                    continue; // a goodbye claims nothing
                if (!pending.isEmpty())
                    heard.insert(ResponderDetail::recordKey(r));
                const bool instanceType = r.type == RecordType::SRV || r.type == RecordType::TXT;
                const bool hostType = r.type == RecordType::A || r.type == RecordType::AAAA;
                if (!instanceType && !hostType)
                    continue;
                const QList<int> ids = (instanceType ? byInstance : byHost).value(r.name);
                for (int id : ids) {
                    const PublishedService &s = services.at(id);
                    const RecordKind kind = r.type == RecordType::SRV ? RecordKind::Srv
                        : r.type == RecordType::TXT                   ? RecordKind::Txt
                        : r.type == RecordType::A                     ? RecordKind::AddrV4
                                                                      : RecordKind::AddrV6;
                    const QList<DnsRecord> ours = ResponderDetail::makeRecords(s, kind, TtlMode::Normal);
                    const bool same = std::any_of(ours.cbegin(), ours.cend(),
                                                  [&r](const DnsRecord &mine) { return mine.sameRecordAs(r); });
                    const std::pair<int, bool> entry{id, hostType};
                    if (!same && !conflicts.contains(entry))
                        conflicts.append(entry);
                }
            }
        }
        if (!heard.isEmpty()) {
            // Another responder just multicast what we were about to send.
            pending.removeIf([this, &heard](const Answer &a) {
                return std::all_of(a.answers.cbegin(), a.answers.cend(), [this, &heard](const Ref &ref) {
                    const QList<DnsRecord> recs = records(ref, TtlMode::Normal);
                    return std::all_of(recs.cbegin(), recs.cend(), [&heard](const DnsRecord &r) {
                        return heard.contains(ResponderDetail::recordKey(r));
                    });
                });
            });
            if (pending.isEmpty()) {
                pendingKeys.clear();
                pendingDueAt = -1;
            }
        }
        for (const auto &[id, onHost] : std::as_const(conflicts)) {
            if (PublishedService *s = service(id))
                conflict(*s, onHost);
        }
    }

    void MdnsResponder::Private::conflict(PublishedService &s, bool hostName)
    {
        const qint64 t = now();
        if (t - s.conflictWindowStart > ConflictWindowMs) {
            s.conflictWindowStart = t;
            s.recentConflicts = 0;
        }
        ++s.recentConflicts;
        const qint64 delay = s.recentConflicts > ConflictsBeforeBackoff ? ConflictBackoffMs : 0;

        if (s.state != State::Probing) {
            // RFC 6762 section 9: an established record in conflict goes back
            // to probing; if the other host still holds the name, it will
            // defend it and the probe renames us.
            qCInfo(lcDiscovery) << "conflicting record seen for" << (hostName ? s.hostName : s.instanceName).toString()
                                << "; probing again";
            restartProbing(s, delay);
            return;
        }

        const int id = s.id;
        if (hostName) {
            const QString oldHost = s.description.hostName;
            const QString newHost = ResponderDetail::nextHostName(oldHost);
            // Every service on this host moves with it.
            const QList<int> sharing = byHost.value(s.hostName);
            for (int other : sharing) {
                PublishedService &o = services.at(other);
                unindex(o);
                o.setNames(o.description.instanceName, newHost);
                index(o);
                restartProbing(o, delay);
                emissions.append([this, other, oldHost, newHost] { Q_EMIT q->hostRenamed(other, oldHost, newHost); });
            }
            qCInfo(lcDiscovery) << "host name" << oldHost << "is taken; now" << newHost;
            return;
        }
        const QString oldName = s.description.instanceName;
        const QString newName = ResponderDetail::nextInstanceName(oldName);
        unindex(s);
        s.setNames(newName, s.description.hostName);
        index(s);
        restartProbing(s, delay);
        qCInfo(lcDiscovery) << "service name" << oldName << "is taken; now" << newName;
        emissions.append([this, id, oldName, newName] { Q_EMIT q->renamed(id, oldName, newName); });
    }
} // namespace Discovery
