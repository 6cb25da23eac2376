#include "mdnsbrowser.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>

#include "dnsmessage.h"
#include "logging.h"
#include "mdnscache.h"
#include "mdnstransport.h"

using namespace Qt::Literals::StringLiterals;

namespace Discovery
{
    namespace
    {
        constexpr qint64 FirstIntervalMs = 1000;
        constexpr qint64 AnswerWindowMs = 1500;   // a response this soon after our question answers it
        constexpr qint64 OwnPacketMemoryMs = 2000;
        constexpr qint64 ResolveRetryMs = 1000;
        constexpr int ResolveAttempts = 4;
        constexpr qsizetype MaxQueryBytes = 1400; // fits any Ethernet MTU with headers

        DnsName localName(const QString &serviceType)
        {
            DnsName name = DnsName::fromDotted(serviceType);
            if (name.labels().isEmpty() || name.labels().constLast().compare("local", Qt::CaseInsensitive) != 0)
                name = DnsName(name.labels() + QList<QByteArray> {QByteArrayLiteral("local")});
            return name;
        }

        QString typeWithoutDomain(const DnsName &type)
        {
            QList<QByteArray> labels = type.labels();
            if (!labels.isEmpty())
                labels.removeLast();
            return DnsName(labels).toString();
        }

        bool sameData(const ServiceInstance &a, const ServiceInstance &b)
        {
            return a.hostName == b.hostName && a.port == b.port && a.addresses == b.addresses
                && a.txtStrings == b.txtStrings;
        }
    } // namespace

    QString removalReasonName(RemovalReason reason)
    {
        switch (reason) {
        case RemovalReason::Goodbye: return u"goodbye"_s;
        case RemovalReason::Expired: return u"expired"_s;
        case RemovalReason::CheckFailed: return u"check failed"_s;
        }
        return {};
    }

    QString heardViaName(HeardVia via)
    {
        switch (via) {
        case HeardVia::Announcement: return u"announcement"_s;
        case HeardVia::QueryAnswer: return u"query answer"_s;
        case HeardVia::CheckNow: return u"check now"_s;
        }
        return {};
    }

    struct MdnsBrowser::Private
    {
        struct TypeQuery
        {
            DnsName type;
            qint64 nextQueryMs = 0;
            qint64 intervalMs = FirstIntervalMs;
        };

        struct InstanceState
        {
            ServiceInstance info;
            bool reported = false;
            ServiceInstance lastReported;
            qint64 resolveAtMs = 0;
            int resolveAttempts = 0;
        };

        struct Check
        {
            qint64 startedMs = 0;
            qint64 retryAtMs = 0;
            qint64 deadlineMs = 0;
        };

        MdnsBrowser *q = nullptr;
        MdnsTransport *transport = nullptr;
        QList<TypeQuery> types;
        MdnsCache cache;
        QHash<DnsName, InstanceState> instances;
        QHash<DnsName, Check> checks;
        QHash<std::pair<DnsName, quint16>, qint64> lastAsked;
        QList<std::pair<size_t, qint64>> sentPackets; // hash, when: to recognise our own queries
        QElapsedTimer clock;
        QTimer timer;
        qint64 maxIntervalMs = 60LL * 60 * 1000;
        bool started = false;

        qint64 now() const { return clock.elapsed(); }

        bool isBrowsedType(const DnsName &name) const
        {
            return std::any_of(types.cbegin(), types.cend(), [&](const TypeQuery &t) { return t.type == name; });
        }

        // Instances whose SRV target is this host name.
        QList<DnsName> instancesOnHost(const DnsName &host) const
        {
            QList<DnsName> found;
            for (auto it = instances.cbegin(); it != instances.cend(); ++it) {
                for (const DnsRecord &srv : cache.records(it.key(), RecordType::SRV)) {
                    if (srv.srv.target == host)
                        found.append(it.key());
                }
            }
            return found;
        }

        // Does this response answer a question we asked in the last moments?
        // Then everything in it (additionals too) was heard as a query answer.
        bool answersOurQuestion(const DnsMessage &response, qint64 at) const
        {
            return std::any_of(response.answers.cbegin(), response.answers.cend(), [&](const DnsRecord &record) {
                for (quint16 type : {record.type, RecordType::ANY}) {
                    const qint64 asked = lastAsked.value({record.name, type}, -1);
                    if (asked >= 0 && at - asked <= AnswerWindowMs)
                        return true;
                }
                return false;
            });
        }

        void heard(const DnsName &instance, bool queryAnswer, int interfaceIndex)
        {
            auto it = instances.find(instance);
            if (it == instances.end())
                return;
            it->info.lastHeard = QDateTime::currentDateTimeUtc();
            it->info.lastHeardVia = checks.contains(instance) ? HeardVia::CheckNow
                : queryAnswer                                 ? HeardVia::QueryAnswer
                                                              : HeardVia::Announcement;
            it->info.interfaceIndex = interfaceIndex;
        }

        void ensureInstance(const DnsName &instance, const DnsName &type)
        {
            if (instances.contains(instance))
                return;
            InstanceState state;
            state.info.fullName = instance;
            state.info.instanceName = instance.firstLabel();
            state.info.serviceType = typeWithoutDomain(type);
            state.info.firstSeen = QDateTime::currentDateTimeUtc();
            state.resolveAtMs = now();
            instances.insert(instance, state);
        }

        void removeInstance(const DnsName &instance, RemovalReason reason)
        {
            const auto it = instances.find(instance);
            if (it == instances.end())
                return;
            const InstanceState state = *it;
            instances.erase(it);
            cache.removeName(instance);
            if (state.reported) {
                qCInfo(lcDiscovery) << "gone:" << instance.toString() << "-" << removalReasonName(reason);
                Q_EMIT q->instanceRemoved(state.info, reason);
            }
        }

        // Rebuilds what we know of one instance from the cache and tells the world.
        void reconcile(const DnsName &instance)
        {
            auto it = instances.find(instance);
            if (it == instances.end())
                return;
            ServiceInstance &info = it->info;
            const QList<DnsRecord> srv = cache.records(instance, RecordType::SRV);
            const QList<DnsRecord> txt = cache.records(instance, RecordType::TXT);
            info.hostName = srv.isEmpty() ? QString() : srv.constFirst().srv.target.toString();
            info.port = srv.isEmpty() ? 0 : srv.constFirst().srv.port;
            if (!txt.isEmpty()) {
                info.txtStrings = txt.constFirst().txt;
                info.txt = decodeTxt(info.txtStrings);
            }
            info.addresses.clear();
            if (!srv.isEmpty()) {
                for (quint16 type : {RecordType::A, RecordType::AAAA}) {
                    for (const DnsRecord &address : cache.records(srv.constFirst().srv.target, type)) {
                        if (!info.addresses.contains(address.address))
                            info.addresses.append(address.address);
                    }
                }
            }

            if (!info.isResolved() || txt.isEmpty()) {
                if (it->resolveAttempts < ResolveAttempts && it->resolveAtMs < 0)
                    it->resolveAtMs = now() + ResolveRetryMs;
            }
            if (!info.isResolved())
                return;
            if (!it->reported) {
                it->reported = true;
                it->lastReported = info;
                qCInfo(lcDiscovery) << "found:" << instance.toString() << info.hostName << info.port;
                Q_EMIT q->instanceAdded(info);
            } else if (!sameData(info, it->lastReported) || info.lastHeard != it->lastReported.lastHeard) {
                it->lastReported = info;
                Q_EMIT q->instanceUpdated(info);
            }
        }

        void handleRecord(const DnsRecord &record, bool queryAnswer, int interfaceIndex, qint64 at, QSet<DnsName> &touched)
        {
            if (record.type == RecordType::PTR && isBrowsedType(record.name)) {
                if (record.ttl == 0) {
                    cache.insert(record, at);
                    removeInstance(record.ptr, RemovalReason::Goodbye);
                    return;
                }
                ensureInstance(record.ptr, record.name);
                cache.insert(record, at);
                heard(record.ptr, queryAnswer, interfaceIndex);
                touched.insert(record.ptr);
                return;
            }
            if (record.type == RecordType::SRV || record.type == RecordType::TXT) {
                if (!instances.contains(record.name))
                    return; // not one of ours
                if (record.ttl == 0 && record.type == RecordType::SRV) {
                    removeInstance(record.name, RemovalReason::Goodbye);
                    return;
                }
                cache.insert(record, at);
                heard(record.name, queryAnswer, interfaceIndex);
                touched.insert(record.name);
                if (checks.contains(record.name)) {
                    const Check check = checks.take(record.name);
                    Q_EMIT q->livenessChecked(record.name, true, int(at - check.startedMs));
                }
                return;
            }
            if (record.type == RecordType::A || record.type == RecordType::AAAA) {
                const QList<DnsName> onHost = instancesOnHost(record.name);
                if (onHost.isEmpty())
                    return;
                cache.insert(record, at);
                for (const DnsName &instance : onHost) {
                    heard(instance, queryAnswer, interfaceIndex);
                    touched.insert(instance);
                }
            }
        }

        bool isOwnPacket(const QByteArray &packet, qint64 at)
        {
            sentPackets.removeIf([at](const auto &sent) { return at - sent.second > OwnPacketMemoryMs; });
            const size_t hash = qHash(packet);
            return std::any_of(sentPackets.cbegin(), sentPackets.cend(), [hash](const auto &sent) { return sent.first == hash; });
        }

        // RFC 6762 section 7.3: another host asked our question, with no known
        // answer we would not also list: count our query as sent.
        void suppressDuplicateQuestions(const DnsMessage &query, qint64 at)
        {
            for (const DnsQuestion &question : query.questions) {
                if (question.unicastResponse || question.type != RecordType::PTR)
                    continue;
                for (TypeQuery &type : types) {
                    if (type.type != question.name || type.nextQueryMs - at > type.intervalMs)
                        continue;
                    const QList<DnsRecord> ours = cache.knownAnswers(type.type, RecordType::PTR, at);
                    const bool subset = std::all_of(query.answers.cbegin(), query.answers.cend(), [&](const DnsRecord &theirs) {
                        return theirs.name != type.type || std::any_of(ours.cbegin(), ours.cend(),
                                                                       [&](const DnsRecord &mine) { return mine.sameRecordAs(theirs); });
                    });
                    if (subset) {
                        type.nextQueryMs = at + type.intervalMs;
                        type.intervalMs = std::min(type.intervalMs * 2, maxIntervalMs);
                        lastAsked.insert({type.type, RecordType::PTR}, at);
                    }
                }
            }
        }

        void onPacket(const QByteArray &packet, quint16 senderPort, int interfaceIndex, bool viaOneShotSocket)
        {
            const qint64 at = now();
            const auto parsed = DnsCodec::parse(packet);
            if (!parsed) {
                qCDebug(lcMdnsWire) << "ignored malformed packet:" << parsed.error().message;
                return;
            }
            const DnsMessage &message = *parsed;
            if (!message.isResponse()) {
                if (!isOwnPacket(packet, at))
                    suppressDuplicateQuestions(message, at);
                return;
            }
            // Multicast responses not from port 5353 are not mDNS (RFC 6762 section 6).
            if (!viaOneShotSocket && senderPort != MdnsTransport::Port)
                return;

            QSet<DnsName> touched;
            if (viaOneShotSocket) {
                // Legacy unicast answers carry TTLs capped at 10 s: proof of
                // life, but not records to cache.
                for (const QList<DnsRecord> *section : {&message.answers, &message.additionals}) {
                    for (const DnsRecord &record : *section) {
                        const DnsName instance = record.name;
                        if (checks.contains(instance)) {
                            heard(instance, true, interfaceIndex);
                            const Check check = checks.take(instance);
                            touched.insert(instance);
                            Q_EMIT q->livenessChecked(instance, true, int(at - check.startedMs));
                        }
                    }
                }
            } else {
                const bool queryAnswer = answersOurQuestion(message, at);
                for (const QList<DnsRecord> *section : {&message.answers, &message.additionals}) {
                    for (const DnsRecord &record : *section)
                        handleRecord(record, queryAnswer, interfaceIndex, at, touched);
                }
            }
            for (const DnsName &instance : std::as_const(touched))
                reconcile(instance);
            schedule();
        }

        void send(const DnsMessage &message, bool oneShot = false)
        {
            const QByteArray packet = DnsCodec::encode(message);
            sentPackets.append({qHash(packet), now()});
            for (const DnsQuestion &question : message.questions)
                lastAsked.insert({question.name, question.type}, now());
            if (oneShot)
                transport->sendOneShotQuery(packet);
            else
                transport->sendMulticast(packet);
        }

        // Questions in one packet with their known answers; known answers
        // that do not fit go in follow-up packets, all but the last marked
        // truncated (RFC 6762 section 7.2).
        void sendQuestions(const QList<DnsQuestion> &questions, const QList<DnsRecord> &knownAnswers)
        {
            DnsMessage message;
            message.questions = questions;
            qsizetype estimate = 12;
            for (const DnsQuestion &question : questions)
                estimate += question.name.encodedLength() + 4;
            for (const DnsRecord &answer : knownAnswers) {
                const qsizetype size = answer.name.encodedLength() + 10 + answer.ptr.encodedLength();
                if (estimate + size > MaxQueryBytes && (!message.questions.isEmpty() || !message.answers.isEmpty())) {
                    message.flags |= DnsMessage::TruncatedFlag;
                    send(message);
                    message = DnsMessage();
                    estimate = 12;
                }
                message.answers.append(answer);
                estimate += size;
            }
            if (!message.questions.isEmpty() || !message.answers.isEmpty())
                send(message);
        }

        void onTimer()
        {
            const qint64 at = now();
            // Only the last moments' questions matter (AnswerWindowMs); forget
            // the rest so instances that come and go do not grow the table.
            lastAsked.removeIf([at](const auto &asked) { return at - asked.value() > AnswerWindowMs; });

            for (const DnsRecord &record : cache.expire(at)) {
                if (record.type == RecordType::PTR && isBrowsedType(record.name))
                    removeInstance(record.ptr, RemovalReason::Expired);
                else if (record.type == RecordType::SRV)
                    removeInstance(record.name, RemovalReason::Expired);
                else if (record.type == RecordType::A || record.type == RecordType::AAAA) {
                    for (const DnsName &instance : instancesOnHost(record.name))
                        reconcile(instance);
                }
            }

            QList<DnsQuestion> questions;
            QList<DnsRecord> knownAnswers;
            const auto ask = [&questions](const DnsName &name, quint16 type) {
                const bool already = std::any_of(questions.cbegin(), questions.cend(), [&](const DnsQuestion &q2) {
                    return q2.name == name && q2.type == type;
                });
                if (!already)
                    questions.append(DnsQuestion {name, type, ClassIn, false});
            };

            for (TypeQuery &type : types) {
                if (type.nextQueryMs > at)
                    continue;
                ask(type.type, RecordType::PTR);
                knownAnswers += cache.knownAnswers(type.type, RecordType::PTR, at);
                type.nextQueryMs = at + type.intervalMs;
                type.intervalMs = std::min(type.intervalMs * 2, maxIntervalMs);
            }

            for (const DnsRecord &record : cache.takeDueRefreshes(at)) {
                const bool ours = (record.type == RecordType::PTR && isBrowsedType(record.name))
                    || instances.contains(record.name) || !instancesOnHost(record.name).isEmpty();
                if (ours)
                    ask(record.name, record.type);
            }

            for (auto it = instances.begin(); it != instances.end(); ++it) {
                if (it->resolveAtMs < 0 || it->resolveAtMs > at)
                    continue;
                ++it->resolveAttempts;
                it->resolveAtMs = -1;
                const QList<DnsRecord> srv = cache.records(it.key(), RecordType::SRV);
                if (srv.isEmpty())
                    ask(it.key(), RecordType::SRV);
                if (cache.records(it.key(), RecordType::TXT).isEmpty())
                    ask(it.key(), RecordType::TXT);
                if (!srv.isEmpty() && it->info.addresses.isEmpty()) {
                    ask(srv.constFirst().srv.target, RecordType::A);
                    ask(srv.constFirst().srv.target, RecordType::AAAA);
                }
                if (it->resolveAttempts < ResolveAttempts)
                    it->resolveAtMs = at + ResolveRetryMs * (1LL << it->resolveAttempts);
            }

            for (auto it = checks.begin(); it != checks.end();) {
                if (it->deadlineMs <= at) {
                    const DnsName instance = it.key();
                    const int elapsed = int(at - it->startedMs);
                    it = checks.erase(it);
                    Q_EMIT q->livenessChecked(instance, false, elapsed);
                    removeInstance(instance, RemovalReason::CheckFailed);
                    continue;
                }
                if (it->retryAtMs >= 0 && it->retryAtMs <= at) {
                    it->retryAtMs = -1;
                    sendCheckQueries(it.key());
                }
                ++it;
            }

            if (!questions.isEmpty())
                sendQuestions(questions, knownAnswers);
            schedule();
        }

        void sendCheckQueries(const DnsName &instance)
        {
            DnsMessage legacy;
            legacy.id = quint16(QRandomGenerator::global()->bounded(1, 0xFFFF));
            legacy.questions = {DnsQuestion {instance, RecordType::SRV, ClassIn, false},
                                DnsQuestion {instance, RecordType::TXT, ClassIn, false}};
            send(legacy, true);
            DnsMessage multicast;
            multicast.questions = {DnsQuestion {instance, RecordType::SRV, ClassIn, false}};
            send(multicast);
        }

        void schedule()
        {
            if (!started)
                return;
            qint64 next = cache.nextDeadlineMs();
            const auto consider = [&next](qint64 at) {
                if (at >= 0 && (next < 0 || at < next))
                    next = at;
            };
            for (const TypeQuery &type : types)
                consider(type.nextQueryMs);
            for (const InstanceState &state : instances)
                consider(state.resolveAtMs);
            for (const Check &check : checks) {
                consider(check.retryAtMs);
                consider(check.deadlineMs);
            }
            if (next < 0)
                return;
            timer.start(int(std::clamp<qint64>(next - now(), 0, 24LL * 3600 * 1000)));
        }
    };

    MdnsBrowser::MdnsBrowser(MdnsTransport *transport, const QStringList &serviceTypes, QObject *parent)
        : QObject(parent), d(std::make_unique<Private>())
    {
        d->q = this;
        d->transport = transport;
        for (const QString &type : serviceTypes)
            d->types.append(Private::TypeQuery {localName(type)});
        d->clock.start();
        d->timer.setSingleShot(true);
        connect(&d->timer, &QTimer::timeout, this, [this] { d->onTimer(); });
        connect(transport, &MdnsTransport::received, this,
                [this](const QByteArray &packet, const QHostAddress &, quint16 senderPort, int interfaceIndex, bool oneShot) {
                    d->onPacket(packet, senderPort, interfaceIndex, oneShot);
                });
    }

    MdnsBrowser::~MdnsBrowser() = default;

    void MdnsBrowser::setMaximumQueryInterval(int milliseconds)
    {
        d->maxIntervalMs = std::max<qint64>(FirstIntervalMs, milliseconds);
    }

    void MdnsBrowser::start()
    {
        d->started = true;
        // The first query goes out after 20-120 ms, so that many queriers
        // starting together do not collide (RFC 6762 section 5.2).
        const qint64 first = d->now() + 20 + QRandomGenerator::global()->bounded(100);
        for (Private::TypeQuery &type : d->types) {
            type.nextQueryMs = first;
            type.intervalMs = FirstIntervalMs;
        }
        d->schedule();
    }

    QList<ServiceInstance> MdnsBrowser::instances() const
    {
        QList<ServiceInstance> resolved;
        for (const Private::InstanceState &state : d->instances) {
            if (state.reported)
                resolved.append(state.info);
        }
        return resolved;
    }

    void MdnsBrowser::checkNow(const DnsName &instanceName, int timeoutMs)
    {
        const qint64 at = d->now();
        Private::Check check;
        check.startedMs = at;
        check.retryAtMs = at + timeoutMs / 2;
        check.deadlineMs = at + timeoutMs;
        d->checks.insert(instanceName, check);
        d->sendCheckQueries(instanceName);
        d->started = true;
        d->schedule();
    }
} // namespace Discovery
