#include <QElapsedTimer>
#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

#include "discovery/dnsmessage.h"
#include "discovery/mdnsresponder.h"
#include "discovery/mdnstransport.h"
#include "mdnspeers.h"
#include "mdnsrawpeer.h"

using namespace Qt::Literals::StringLiterals;
using namespace Discovery;
using TestSupport::MdnsRawPeer;

// The responder against a raw socket that speaks DNS through the codec.
// Runs inside the private network namespace of .ci/test (only `lo`).
class tst_MdnsResponder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void probesThenAnnounces();
    void answersMulticastQueryWithAdditionals();
    void answersLegacyUnicastQuery();
    void knownAnswersAreSuppressed();
    void truncatedQueryWaitsForMoreKnownAnswers();
    void renamesOnConflictWithAnotherResponder();
    void simultaneousProbesEndWithDistinctNames();
    void renamesOnConflictingResponseWhileProbing_data();
    void renamesOnConflictingResponseWhileProbing();
    void updateTxtAnnouncesAgain();
    void goodbyeOnWithdrawAndDestruction();
    void fiveHundredServices_data();
    void fiveHundredServices();
    void avahiResolvesAndSeesGoodbye();
    void zeroconfResolvesAndSeesGoodbye();

private:
    static ServiceDescription device(const QString &name, const QString &type, const QString &address,
                                     quint16 port = 3232);
    std::unique_ptr<MdnsTransport> m_transport;
    std::unique_ptr<MdnsRawPeer> m_peer;
};

ServiceDescription tst_MdnsResponder::device(const QString &name, const QString &type, const QString &address,
                                             quint16 port)
{
    ServiceDescription s;
    s.instanceName = name;
    s.serviceType = type;
    s.port = port;
    s.hostName = name;
    s.addresses = {QHostAddress(address)};
    s.txt = {{"board", "esp32"}, {"tcp_check", "no"}, {"ssh_upload", "no"}, {"auth_upload", "no"}};
    return s;
}

void tst_MdnsResponder::init()
{
    m_transport = std::make_unique<MdnsTransport>(QStringList{u"lo"_s});
    QString error;
    QVERIFY2(m_transport->start(&error), qPrintable(error));
    m_peer = std::make_unique<MdnsRawPeer>();
    QVERIFY2(m_peer->start(&error), qPrintable(error));
}

void tst_MdnsResponder::cleanup()
{
    m_peer.reset();
    m_transport.reset();
}

void tst_MdnsResponder::probesThenAnnounces()
{
    MdnsResponder responder(m_transport.get());
    QSignalSpy announced(&responder, &MdnsResponder::announced);
    const DnsName instance = DnsName::fromDotted(u"esp32-a1b2c3._arduino._tcp.local"_s);
    const DnsName host = DnsName::fromDotted(u"esp32-a1b2c3.local"_s);

    QElapsedTimer clock;
    clock.start();
    const int id = responder.publish(device(u"esp32-a1b2c3"_s, u"_arduino._tcp"_s, u"127.0.0.11"_s));
    QVERIFY(!responder.isAnnounced(id));
    QVERIFY(announced.wait(3000));
    const qint64 toAnnounced = clock.elapsed();
    QCOMPARE(announced.constFirst().at(0).toInt(), id);
    QCOMPARE(announced.constFirst().at(1).toString(), u"esp32-a1b2c3"_s);
    QVERIFY(responder.isAnnounced(id));
    QTRY_COMPARE_WITH_TIMEOUT(m_peer->responsesWith(instance, RecordType::SRV).size(), 2, 3000);
    const qint64 toSecondAnnouncement = clock.elapsed();
    qInfo("publish -> announced(): %lld ms, -> second announcement: %lld ms", toAnnounced, toSecondAnnouncement);

    const auto probes = m_peer->probesFor(instance);
    QCOMPARE(probes.size(), 3);
    QVERIFY(probes.at(0).message.questions.constFirst().unicastResponse); // QU on the first probe only
    QVERIFY(!probes.at(1).message.questions.constFirst().unicastResponse);
    for (qsizetype i = 1; i < probes.size(); ++i) {
        const qint64 gap = probes.at(i).atMs - probes.at(i - 1).atMs;
        QVERIFY2(gap >= 200 && gap <= 400, qPrintable(u"probe gap %1 ms"_s.arg(gap)));
    }
    const DnsMessage &probe = probes.constFirst().message;
    const auto claims = MdnsRawPeer::recordsOf(probe.authorities, instance, RecordType::SRV);
    QCOMPARE(claims.size(), 1);
    QCOMPARE(claims.constFirst().srv.port, quint16(3232));
    QCOMPARE(MdnsRawPeer::recordsOf(probe.authorities, host, RecordType::A).size(), 1);

    const auto announcements = m_peer->responsesWith(instance, RecordType::SRV);
    QVERIFY(announcements.at(0).atMs >= probes.constLast().atMs + 200);
    const qint64 gap = announcements.at(1).atMs - announcements.at(0).atMs;
    QVERIFY2(gap >= 900 && gap <= 1300, qPrintable(u"announcement gap %1 ms"_s.arg(gap)));
    const DnsMessage &a = announcements.constFirst().message;
    QVERIFY(a.flags & DnsMessage::AuthoritativeFlag);
    const auto ptr = MdnsRawPeer::recordsOf(a.answers, DnsName::fromDotted(u"_arduino._tcp.local"_s), RecordType::PTR);
    QCOMPARE(ptr.size(), 1);
    QCOMPARE(ptr.constFirst().ptr, instance);
    QVERIFY(!ptr.constFirst().cacheFlush);
    QCOMPARE(ptr.constFirst().ttl, 4500u);
    const auto srv = MdnsRawPeer::recordsOf(a.answers, instance, RecordType::SRV);
    QVERIFY(srv.constFirst().cacheFlush);
    QCOMPARE(srv.constFirst().ttl, 120u);
    QCOMPARE(srv.constFirst().srv.target, host);
    const auto txt = MdnsRawPeer::recordsOf(a.answers, instance, RecordType::TXT);
    QCOMPARE(txt.constFirst().txt,
             (QList<QByteArray>{"board=esp32", "tcp_check=no", "ssh_upload=no", "auth_upload=no"}));
    const auto address = MdnsRawPeer::recordsOf(a.answers, host, RecordType::A);
    QCOMPARE(address.constFirst().address, QHostAddress(u"127.0.0.11"_s));
    QVERIFY(address.constFirst().cacheFlush);
    QCOMPARE(MdnsRawPeer::recordsOf(a.answers, DnsName::fromDotted(u"_services._dns-sd._udp.local"_s),
                                    RecordType::PTR).size(), 1);
    QCOMPARE(MdnsRawPeer::recordsOf(a.additionals, host, RecordType::NSEC).size(), 1);
}

void tst_MdnsResponder::answersMulticastQueryWithAdditionals()
{
    MdnsResponder responder(m_transport.get());
    QSignalSpy announced(&responder, &MdnsResponder::announced);
    responder.publish(device(u"boiler"_s, u"_esphomelib._tcp"_s, u"127.0.0.12"_s, 6053));
    QVERIFY(announced.wait(3000));
    const DnsName type = DnsName::fromDotted(u"_esphomelib._tcp.local"_s);
    const DnsName instance = DnsName::fromDotted(u"boiler._esphomelib._tcp.local"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_peer->responsesWith(instance, RecordType::SRV).size(), 2, 3000);
    // RFC 6762 section 6: no record is multicast twice within a second.
    QTest::qWait(1100);

    m_peer->clear();
    QElapsedTimer clock;
    clock.start();
    m_peer->sendMulticastQuery({{type, RecordType::PTR, ClassIn, false}});
    QTRY_VERIFY_WITH_TIMEOUT(!m_peer->responsesWith(type, RecordType::PTR).isEmpty(), 1000);
    const qint64 delay = clock.elapsed();
    qInfo("multicast PTR answer after %lld ms (RFC 6762: 20-120 ms for shared records)", delay);
    QVERIFY2(delay >= 15, qPrintable(u"shared answer after %1 ms"_s.arg(delay)));
    const DnsMessage r = m_peer->responsesWith(type, RecordType::PTR).constFirst().message;
    QCOMPARE(MdnsRawPeer::recordsOf(r.answers, type, RecordType::PTR).constFirst().ptr, instance);
    QCOMPARE(MdnsRawPeer::recordsOf(r.additionals, instance, RecordType::SRV).constFirst().srv.port, quint16(6053));
    QCOMPARE(MdnsRawPeer::recordsOf(r.additionals, instance, RecordType::TXT).size(), 1);
    QCOMPARE(MdnsRawPeer::recordsOf(r.additionals, DnsName::fromDotted(u"boiler.local"_s), RecordType::A)
                 .constFirst().address,
             QHostAddress(u"127.0.0.12"_s));

    // A unique record is answered at once, and a second query within a second is not.
    QTest::qWait(1100);
    m_peer->clear();
    clock.restart();
    m_peer->sendMulticastQuery({{DnsName::fromDotted(u"boiler.local"_s), RecordType::A, ClassIn, false}});
    QTRY_VERIFY_WITH_TIMEOUT(!m_peer->responsesWith(DnsName::fromDotted(u"boiler.local"_s), RecordType::A).isEmpty(), 1000);
    qInfo("multicast A answer after %lld ms", clock.elapsed());
    m_peer->clear();
    m_peer->sendMulticastQuery({{DnsName::fromDotted(u"boiler.local"_s), RecordType::A, ClassIn, false}});
    QTest::qWait(300);
    QVERIFY(m_peer->responsesWith(DnsName::fromDotted(u"boiler.local"_s), RecordType::A).isEmpty());
}

void tst_MdnsResponder::answersLegacyUnicastQuery()
{
    MdnsResponder responder(m_transport.get());
    QSignalSpy announced(&responder, &MdnsResponder::announced);
    responder.publish(device(u"esp8266-00ff11"_s, u"_arduino._tcp"_s, u"127.0.0.13"_s, 8266));
    QVERIFY(announced.wait(3000));

    const DnsName type = DnsName::fromDotted(u"_arduino._tcp.local"_s);
    const DnsName instance = DnsName::fromDotted(u"esp8266-00ff11._arduino._tcp.local"_s);
    QElapsedTimer clock;
    clock.start();
    const auto reply = m_peer->legacyQuery(0x1234, {{type, RecordType::PTR, ClassIn, false}});
    QVERIFY(reply);
    qInfo("legacy unicast answer after %lld ms", clock.elapsed());
    QCOMPARE(reply->senderPort, MdnsTransport::Port);
    const DnsMessage &m = reply->message;
    QCOMPARE(m.id, quint16(0x1234));
    QVERIFY(m.isResponse());
    QCOMPARE(m.questions.size(), 1);
    QCOMPARE(m.questions.constFirst().name, type);
    QCOMPARE(MdnsRawPeer::recordsOf(m.answers, type, RecordType::PTR).constFirst().ptr, instance);
    const QList<DnsRecord> all = m.answers + m.additionals;
    QVERIFY(!MdnsRawPeer::recordsOf(all, instance, RecordType::SRV).isEmpty());
    for (const DnsRecord &r : all) {
        QVERIFY2(r.ttl <= 10, qPrintable(r.name.toString()));
        QVERIFY2(!r.cacheFlush, qPrintable(r.name.toString()));
    }

    // A host-name lookup, as a plain resolver (nss-mdns style) would make it.
    const auto a = m_peer->legacyQuery(7, {{DnsName::fromDotted(u"esp8266-00ff11.local"_s), RecordType::A, ClassIn, false}});
    QVERIFY(a);
    QCOMPARE(a->message.id, quint16(7));
    QCOMPARE(a->message.answers.constFirst().address, QHostAddress(u"127.0.0.13"_s));

    // Nobody answers for a name we do not own.
    QVERIFY(!m_peer->legacyQuery(8, {{DnsName::fromDotted(u"nobody.local"_s), RecordType::A, ClassIn, false}}, 400));
}

void tst_MdnsResponder::knownAnswersAreSuppressed()
{
    MdnsResponder responder(m_transport.get());
    QSignalSpy announced(&responder, &MdnsResponder::announced);
    responder.publish(device(u"node-a"_s, u"_arduino._tcp"_s, u"127.0.0.14"_s));
    responder.publish(device(u"node-b"_s, u"_arduino._tcp"_s, u"127.0.0.15"_s));
    QTRY_COMPARE_WITH_TIMEOUT(announced.size(), 2, 3000);

    const DnsName type = DnsName::fromDotted(u"_arduino._tcp.local"_s);
    DnsRecord knownA;
    knownA.name = type;
    knownA.type = RecordType::PTR;
    knownA.ttl = 4500;
    knownA.ptr = DnsName::fromDotted(u"node-a._arduino._tcp.local"_s);
    const auto reply = m_peer->legacyQuery(1, {{type, RecordType::PTR, ClassIn, false}}, 2000, {knownA});
    QVERIFY(reply);
    QList<DnsName> answered;
    for (const DnsRecord &r : MdnsRawPeer::recordsOf(reply->message.answers, type, RecordType::PTR))
        answered.append(r.ptr);
    QCOMPARE(answered, QList<DnsName>{DnsName::fromDotted(u"node-b._arduino._tcp.local"_s)});

    // A known answer with less than half our TTL left does not suppress (RFC 6762 section 7.1).
    knownA.ttl = 2000;
    const auto stale = m_peer->legacyQuery(2, {{type, RecordType::PTR, ClassIn, false}}, 2000, {knownA});
    QVERIFY(stale);
    QCOMPARE(MdnsRawPeer::recordsOf(stale->message.answers, type, RecordType::PTR).size(), 2);
}

void tst_MdnsResponder::truncatedQueryWaitsForMoreKnownAnswers()
{
    MdnsResponder responder(m_transport.get());
    QSignalSpy announced(&responder, &MdnsResponder::announced);
    responder.publish(device(u"tc-a"_s, u"_arduino._tcp"_s, u"127.0.0.24"_s));
    responder.publish(device(u"tc-b"_s, u"_arduino._tcp"_s, u"127.0.0.25"_s));
    QTRY_COMPARE_WITH_TIMEOUT(announced.size(), 2, 3000);
    QTest::qWait(2200); // past the second announcement and its one-second limit

    const DnsName type = DnsName::fromDotted(u"_arduino._tcp.local"_s);
    DnsRecord knownA;
    knownA.name = type;
    knownA.type = RecordType::PTR;
    knownA.ttl = 4500;
    knownA.ptr = DnsName::fromDotted(u"tc-a._arduino._tcp.local"_s);
    m_peer->clear();
    QElapsedTimer clock;
    clock.start();
    // RFC 6762 section 7.2: TC set, the known answers continue in a second packet.
    m_peer->sendMulticastQuery({{type, RecordType::PTR, ClassIn, false}}, {}, DnsMessage::TruncatedFlag);
    QTest::qWait(100);
    m_peer->sendMulticastQuery({}, {knownA});
    QTRY_VERIFY_WITH_TIMEOUT(!m_peer->responsesWith(type, RecordType::PTR).isEmpty(), 1500);
    const qint64 delay = clock.elapsed();
    QVERIFY2(delay >= 380, qPrintable(u"answered after %1 ms"_s.arg(delay)));
    QTest::qWait(200);
    QCOMPARE(m_peer->ptrTargets(type), QSet<DnsName>{DnsName::fromDotted(u"tc-b._arduino._tcp.local"_s)});
}

void tst_MdnsResponder::renamesOnConflictWithAnotherResponder()
{
    MdnsResponder first(m_transport.get());
    QSignalSpy firstAnnounced(&first, &MdnsResponder::announced);
    const int a = first.publish(device(u"ota-server"_s, u"_otarollout._tcp"_s, u"127.0.0.16"_s, 8443));
    QVERIFY(firstAnnounced.wait(3000));

    MdnsResponder second(m_transport.get());
    QSignalSpy renamed(&second, &MdnsResponder::renamed);
    QSignalSpy hostRenamed(&second, &MdnsResponder::hostRenamed);
    QSignalSpy secondAnnounced(&second, &MdnsResponder::announced);
    ServiceDescription other = device(u"ota-server"_s, u"_otarollout._tcp"_s, u"127.0.0.17"_s, 9443);
    const int b = second.publish(other);
    QVERIFY(secondAnnounced.wait(5000));
    QCOMPARE(renamed.size(), 1);
    QCOMPARE(renamed.constFirst().at(0).toInt(), b);
    QCOMPARE(renamed.constFirst().at(1).toString(), u"ota-server"_s);
    QCOMPARE(renamed.constFirst().at(2).toString(), u"ota-server (2)"_s);
    QCOMPARE(hostRenamed.size(), 1);
    QCOMPARE(second.hostName(b), u"ota-server-2"_s);
    QCOMPARE(second.instanceName(b), u"ota-server (2)"_s);
    QCOMPARE(secondAnnounced.constFirst().at(1).toString(), u"ota-server (2)"_s);
    QCOMPARE(first.instanceName(a), u"ota-server"_s);
    QCOMPARE(first.hostName(a), u"ota-server"_s);
    QVERIFY(first.isAnnounced(a));
}

void tst_MdnsResponder::simultaneousProbesEndWithDistinctNames()
{
    MdnsResponder one(m_transport.get());
    MdnsResponder two(m_transport.get());
    QSignalSpy oneAnnounced(&one, &MdnsResponder::announced);
    QSignalSpy twoAnnounced(&two, &MdnsResponder::announced);
    ServiceDescription s = device(u"twin"_s, u"_arduino._tcp"_s, u"127.0.0.18"_s);
    s.hostName = u"twin-host-a"_s;
    const int a = one.publish(s);
    s.hostName = u"twin-host-b"_s;
    s.addresses = {QHostAddress(u"127.0.0.19"_s)};
    const int b = two.publish(s);
    QTRY_VERIFY_WITH_TIMEOUT(!oneAnnounced.isEmpty() && !twoAnnounced.isEmpty(), 8000);
    QVERIFY(one.instanceName(a) != two.instanceName(b));
    QVERIFY(one.instanceName(a) == u"twin"_s || two.instanceName(b) == u"twin"_s);
}

void tst_MdnsResponder::renamesOnConflictingResponseWhileProbing_data()
{
    QTest::addColumn<bool>("onHost");
    QTest::newRow("instance name (SRV)") << false;
    QTest::newRow("host name (A)") << true;
}

void tst_MdnsResponder::renamesOnConflictingResponseWhileProbing()
{
    QFETCH(bool, onHost);
    MdnsResponder responder(m_transport.get());
    QSignalSpy renamed(&responder, &MdnsResponder::renamed);
    QSignalSpy hostRenamed(&responder, &MdnsResponder::hostRenamed);
    QSignalSpy announced(&responder, &MdnsResponder::announced);
    const int id = responder.publish(device(u"esp32-feed01"_s, u"_arduino._tcp"_s, u"127.0.0.20"_s));
    const DnsName instance = DnsName::fromDotted(u"esp32-feed01._arduino._tcp.local"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!m_peer->probesFor(instance).isEmpty(), 1000);

    // Another device already holds the name and defends it.
    DnsRecord theirs;
    theirs.cacheFlush = true;
    theirs.ttl = 120;
    if (onHost) {
        theirs.name = DnsName::fromDotted(u"esp32-feed01.local"_s);
        theirs.type = RecordType::A;
        theirs.address = QHostAddress(u"127.0.0.99"_s);
    } else {
        theirs.name = instance;
        theirs.type = RecordType::SRV;
        theirs.srv.port = 3232;
        theirs.srv.target = DnsName::fromDotted(u"someone-else.local"_s);
    }
    m_peer->sendMulticastResponse({theirs});
    QVERIFY(announced.wait(3000));
    if (onHost) {
        QCOMPARE(hostRenamed.size(), 1);
        QCOMPARE(renamed.size(), 0);
        QCOMPARE(responder.hostName(id), u"esp32-feed01-2"_s);
        QCOMPARE(responder.instanceName(id), u"esp32-feed01"_s);
    } else {
        QCOMPARE(renamed.size(), 1);
        QCOMPARE(hostRenamed.size(), 0);
        QCOMPARE(responder.instanceName(id), u"esp32-feed01 (2)"_s);
        QCOMPARE(responder.hostName(id), u"esp32-feed01"_s);
    }
}

void tst_MdnsResponder::updateTxtAnnouncesAgain()
{
    MdnsResponder responder(m_transport.get());
    QSignalSpy announced(&responder, &MdnsResponder::announced);
    const int id = responder.publish(device(u"esp32-txt"_s, u"_arduino._tcp"_s, u"127.0.0.21"_s));
    QVERIFY(announced.wait(3000));
    const DnsName instance = DnsName::fromDotted(u"esp32-txt._arduino._tcp.local"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_peer->responsesWith(instance, RecordType::TXT).size(), 2, 3000);
    m_peer->clear();
    responder.updateTxt(id, {{"board", "esp32"}, {"auth_upload", "yes"}});
    QTRY_COMPARE_WITH_TIMEOUT(m_peer->responsesWith(instance, RecordType::TXT).size(), 2, 3000);
    const auto txt = MdnsRawPeer::recordsOf(m_peer->responsesWith(instance, RecordType::TXT).constFirst().message.answers,
                                            instance, RecordType::TXT);
    QCOMPARE(txt.constFirst().txt, (QList<QByteArray>{"board=esp32", "auth_upload=yes"}));
}

void tst_MdnsResponder::goodbyeOnWithdrawAndDestruction()
{
    const DnsName instanceA = DnsName::fromDotted(u"bye-a._arduino._tcp.local"_s);
    const DnsName instanceB = DnsName::fromDotted(u"bye-b._arduino._tcp.local"_s);
    {
        MdnsResponder responder(m_transport.get());
        QSignalSpy announced(&responder, &MdnsResponder::announced);
        const int a = responder.publish(device(u"bye-a"_s, u"_arduino._tcp"_s, u"127.0.0.22"_s));
        responder.publish(device(u"bye-b"_s, u"_arduino._tcp"_s, u"127.0.0.23"_s));
        QTRY_COMPARE_WITH_TIMEOUT(announced.size(), 2, 3000);
        m_peer->clear();
        responder.withdraw(a);
        QVERIFY(responder.instanceName(a).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!m_peer->goodbyesFor(instanceA).isEmpty(), 1000);
        const DnsMessage bye = m_peer->goodbyesFor(instanceA).constFirst().message;
        for (const DnsRecord &r : bye.answers)
            QCOMPARE(r.ttl, 0u);
        QCOMPARE(MdnsRawPeer::recordsOf(bye.answers, instanceA, RecordType::SRV).size(), 1);
        QCOMPARE(MdnsRawPeer::recordsOf(bye.answers, DnsName::fromDotted(u"bye-a.local"_s), RecordType::A).size(), 1);
        // The type enumeration stays: bye-b still has the type.
        QVERIFY(MdnsRawPeer::recordsOf(bye.answers, DnsName::fromDotted(u"_services._dns-sd._udp.local"_s),
                                       RecordType::PTR).isEmpty());
        QVERIFY(m_peer->goodbyesFor(instanceB).isEmpty());
    }
    QTRY_VERIFY_WITH_TIMEOUT(!m_peer->goodbyesFor(instanceB).isEmpty(), 1000);
}

void tst_MdnsResponder::fiveHundredServices_data()
{
    QTest::addColumn<int>("maxPacketSize");
    QTest::newRow("loopback default (8972)") << 0;
    QTest::newRow("Ethernet (1440)") << 1440;
}

void tst_MdnsResponder::fiveHundredServices()
{
    QFETCH(int, maxPacketSize);
    constexpr int Count = 500;
    MdnsResponder responder(m_transport.get());
    if (maxPacketSize > 0)
        responder.setMaxPacketSize(maxPacketSize);
    const int limit = maxPacketSize > 0 ? maxPacketSize : 8972;
    QSignalSpy announced(&responder, &MdnsResponder::announced);
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < Count; ++i) {
        const QString name = u"sim-%1"_s.arg(i, 3, 10, QLatin1Char('0'));
        const QString address = u"127.0.%1.%2"_s.arg(1 + i / 250).arg(1 + i % 250);
        responder.publish(device(name, u"_arduino._tcp"_s, address));
    }
    qInfo("publish() x %d: %lld ms", Count, clock.elapsed());
    QTRY_COMPARE_WITH_TIMEOUT(announced.size(), Count, 10000);
    qInfo("all %d announced after %lld ms", Count, clock.elapsed());
    const DnsName type = DnsName::fromDotted(u"_arduino._tcp.local"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_peer->ptrTargets(type).size() == Count, 5000);
    qInfo("probe packets: %lld, response packets so far: %lld, largest: %d bytes", m_peer->queryCount(),
          m_peer->responseCount(), m_peer->largestPacket());
    QVERIFY(m_peer->largestPacket() <= limit);

    QTest::qWait(2200); // past the second announcement and its one-second limit
    m_peer->clear();
    clock.restart();
    m_peer->sendMulticastQuery({{type, RecordType::PTR, ClassIn, false}});
    QTRY_COMPARE_WITH_TIMEOUT(m_peer->ptrTargets(type).size(), Count, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_peer->srvNames().size(), Count, 5000);
    qInfo("all %d PTR answers (with SRV/TXT/A additionals) after %lld ms in %lld packets, largest %d bytes", Count,
          clock.elapsed(), m_peer->responseCount(), m_peer->largestPacket());
    QVERIFY(m_peer->largestPacket() <= limit);
}

void tst_MdnsResponder::avahiResolvesAndSeesGoodbye()
{
    using TestSupport::AvahiBrowseEvent;
    using TestSupport::AvahiPeer;
    if (const auto reason = AvahiPeer::unavailableReason())
        QSKIP(qPrintable(*reason));
    AvahiPeer avahi;
    QString error;
    QVERIFY2(avahi.start(&error), qPrintable(error));

    MdnsResponder responder(m_transport.get());
    QSignalSpy announced(&responder, &MdnsResponder::announced);
    const int id = responder.publish(device(u"esp32-0a1b2c"_s, u"_arduino._tcp"_s, u"127.0.0.31"_s));
    QVERIFY(announced.wait(3000));

    QElapsedTimer clock;
    clock.start();
    TestSupport::MdnsPeerService found;
    const bool resolved = avahi.browseUntil(u"_arduino._tcp"_s, [&found](const QList<TestSupport::MdnsPeerService> &list) {
        for (const auto &s : list) {
            if (s.instance == u"esp32-0a1b2c"_s && !s.addresses.isEmpty()) {
                found = s;
                return true;
            }
        }
        return false;
    }, 10'000, &error);
    QVERIFY2(resolved, qPrintable(error + u"\n"_s + avahi.daemonLog()));
    qInfo("avahi-browse -r resolved our service in %lld ms", clock.elapsed());
    QCOMPARE(found.host, u"esp32-0a1b2c.local"_s);
    QCOMPARE(found.addresses, QStringList{u"127.0.0.31"_s});
    QCOMPARE(found.port, quint16(3232));
    QCOMPARE(found.txt, (QStringList{u"board=esp32"_s, u"tcp_check=no"_s, u"ssh_upload=no"_s, u"auth_upload=no"_s}));

    const auto browser = avahi.startBrowsing(u"_arduino._tcp"_s, &error);
    QVERIFY2(browser >= 0, qPrintable(error));
    QVERIFY(avahi.waitForBrowseEvent(browser, [](const AvahiBrowseEvent &e) {
        return e.kind == AvahiBrowseEvent::Kind::New && e.service.instance == u"esp32-0a1b2c"_s;
    }, 5000));
    clock.restart();
    responder.withdraw(id);
    QVERIFY2(avahi.waitForBrowseEvent(browser, [](const AvahiBrowseEvent &e) {
        return e.kind == AvahiBrowseEvent::Kind::Removed && e.service.instance == u"esp32-0a1b2c"_s;
    }, 5000), qPrintable(avahi.daemonLog()));
    qInfo("avahi-browse saw the goodbye after %lld ms", clock.elapsed());
}

void tst_MdnsResponder::zeroconfResolvesAndSeesGoodbye()
{
    using TestSupport::ZeroconfEvent;
    using TestSupport::ZeroconfPeer;
    if (const auto reason = ZeroconfPeer::unavailableReason())
        QSKIP(qPrintable(*reason));
    ZeroconfPeer zeroconf;
    QString error;
    QVERIFY2(zeroconf.start(&error), qPrintable(error));
    QVERIFY2(zeroconf.browse({u"_esphomelib._tcp"_s}, &error), qPrintable(error));

    MdnsResponder responder(m_transport.get());
    ServiceDescription s = device(u"kitchen-node"_s, u"_esphomelib._tcp"_s, u"127.0.0.32"_s, 6053);
    s.txt = {{"friendly_name", "Kitchen"}, {"version", "2024.10.2"}, {"mac", "a0b1c2d3e4f5"}, {"platform", "ESP32"}};
    QElapsedTimer clock;
    clock.start();
    const int id = responder.publish(s);
    const auto added = zeroconf.waitForEvent([](const ZeroconfEvent &e) {
        return e.kind != ZeroconfEvent::Kind::Removed && e.resolved && e.service.instance == u"kitchen-node"_s;
    }, 10'000);
    QVERIFY2(added, qPrintable(zeroconf.stderrOutput()));
    qInfo("python-zeroconf browser resolved our service %lld ms after publish()", clock.elapsed());
    QCOMPARE(added->service.host, u"kitchen-node.local"_s);
    QCOMPARE(added->service.addresses, QStringList{u"127.0.0.32"_s});
    QCOMPARE(added->service.port, quint16(6053));
    QCOMPARE(added->service.txt, (QStringList{u"friendly_name=Kitchen"_s, u"version=2024.10.2"_s,
                                              u"mac=a0b1c2d3e4f5"_s, u"platform=ESP32"_s}));

    // A fresh question (not from the browser's cache) is answered too.
    QTest::qWait(1100);
    const auto resolved = zeroconf.resolve(u"kitchen-node"_s, u"_esphomelib._tcp"_s, &error);
    QVERIFY2(resolved, qPrintable(error));
    QCOMPARE(resolved->port, quint16(6053));

    zeroconf.clearEvents();
    clock.restart();
    responder.withdraw(id);
    QVERIFY(zeroconf.waitForEvent([](const ZeroconfEvent &e) {
        return e.kind == ZeroconfEvent::Kind::Removed && e.service.instance == u"kitchen-node"_s;
    }, 5000));
    qInfo("python-zeroconf saw the goodbye after %lld ms", clock.elapsed());
}

QTEST_GUILESS_MAIN(tst_MdnsResponder)
#include "tst_mdnsresponder.moc"
