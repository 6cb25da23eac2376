#include <QElapsedTimer>
#include <QNetworkInterface>
#include <QSignalSpy>
#include <QTest>

#include "discovery/dnsmessage.h"
#include "discovery/mdnsbrowser.h"
#include "discovery/mdnstransport.h"
#include "mdnsrawpeer.h"

using namespace Discovery;
using TestSupport::MdnsRawPeer;
using namespace Qt::Literals::StringLiterals;

namespace
{
    const DnsName ArduinoType = DnsName::fromDotted(u"_arduino._tcp.local");

    DnsRecord record(const DnsName &name, quint16 type, quint32 ttl, bool cacheFlush)
    {
        DnsRecord r;
        r.name = name;
        r.type = type;
        r.ttl = ttl;
        r.cacheFlush = cacheFlush;
        return r;
    }

    // A device as raw records: lets each test send exactly the packet it is about.
    struct FakeDevice
    {
        QString instance = u"esp32-a1b2c3"_s;
        QString host = u"esp32-a1b2c3"_s;
        QHostAddress address = QHostAddress(u"127.0.0.7"_s);
        quint16 port = 3232;
        quint32 hostTtl = 120;
        quint32 otherTtl = 4500;

        DnsName instanceName() const { return DnsName::serviceInstance(instance, ArduinoType); }
        DnsName hostName() const { return DnsName::fromDotted(QString(host + u".local"_s)); }

        DnsRecord ptr(quint32 ttl) const
        {
            DnsRecord r = record(ArduinoType, RecordType::PTR, ttl, false);
            r.ptr = instanceName();
            return r;
        }
        DnsRecord srv(quint32 ttl) const
        {
            DnsRecord r = record(instanceName(), RecordType::SRV, ttl, true);
            r.srv.port = port;
            r.srv.target = hostName();
            return r;
        }
        DnsRecord txt(quint32 ttl) const
        {
            DnsRecord r = record(instanceName(), RecordType::TXT, ttl, true);
            r.txt = {"board=esp32"_ba, "auth_upload=no"_ba};
            return r;
        }
        DnsRecord a(quint32 ttl, const QHostAddress &at) const
        {
            DnsRecord r = record(hostName(), RecordType::A, ttl, true);
            r.address = at;
            return r;
        }
        DnsMessage announcement() const
        {
            DnsMessage m;
            m.flags = DnsMessage::ResponseFlag | DnsMessage::AuthoritativeFlag;
            m.answers = {ptr(otherTtl), srv(hostTtl), txt(otherTtl), a(hostTtl, address)};
            return m;
        }
    };

    bool startPeer(MdnsRawPeer &peer)
    {
        QString error;
        if (!peer.start(&error))
            qWarning() << error;
        return error.isEmpty();
    }

    struct Browsing
    {
        MdnsTransport transport {QStringList {u"lo"_s}};
        std::unique_ptr<MdnsBrowser> browser;
        std::unique_ptr<QSignalSpy> added, updated, removed, checked;

        bool start(int maxIntervalMs = 60 * 60 * 1000)
        {
            QString error;
            if (!transport.start(&error)) {
                qWarning() << error;
                return false;
            }
            browser = std::make_unique<MdnsBrowser>(&transport, QStringList {u"_arduino._tcp"_s});
            browser->setMaximumQueryInterval(maxIntervalMs);
            added = std::make_unique<QSignalSpy>(browser.get(), &MdnsBrowser::instanceAdded);
            updated = std::make_unique<QSignalSpy>(browser.get(), &MdnsBrowser::instanceUpdated);
            removed = std::make_unique<QSignalSpy>(browser.get(), &MdnsBrowser::instanceRemoved);
            checked = std::make_unique<QSignalSpy>(browser.get(), &MdnsBrowser::livenessChecked);
            browser->start();
            return true;
        }

        ServiceInstance lastAdded() const { return added->constLast().at(0).value<ServiceInstance>(); }
        RemovalReason lastRemovalReason() const { return removed->constLast().at(1).value<RemovalReason>(); }
    };
} // namespace

Q_DECLARE_METATYPE(Discovery::ServiceInstance)
Q_DECLARE_METATYPE(Discovery::RemovalReason)
Q_DECLARE_METATYPE(Discovery::DnsName)

class TestMdnsBrowser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ServiceInstance>();
        qRegisterMetaType<RemovalReason>();
        qRegisterMetaType<DnsName>();
        if (!QNetworkInterface::interfaceFromName(u"lo"_s).isValid())
            QSKIP("no loopback interface");
    }

    void anAnnouncedDeviceIsFoundAndResolved()
    {
        MdnsRawPeer peer;
        QVERIFY(startPeer(peer));
        Browsing b;
        QVERIFY(b.start());
        const FakeDevice device;
        peer.sendMulticastResponse(device.announcement().answers);
        QTRY_COMPARE_WITH_TIMEOUT(b.added->size(), 1, 2000);
        const ServiceInstance found = b.lastAdded();
        QCOMPARE(found.instanceName, u"esp32-a1b2c3"_s);
        QCOMPARE(found.serviceType, u"_arduino._tcp"_s);
        QCOMPARE(found.hostName, u"esp32-a1b2c3.local"_s);
        QCOMPARE(found.port, quint16(3232));
        QCOMPARE(found.addresses, QList<QHostAddress> {QHostAddress(u"127.0.0.7"_s)});
        QCOMPARE(found.txt.value(u"board"_s), u"esp32"_s);
        QCOMPARE(found.lastHeardVia, HeardVia::Announcement);
        QVERIFY(found.lastHeard.isValid());
        QCOMPARE(b.browser->instances().size(), 1);
    }

    void anInstanceKnownOnlyByItsPointerIsResolvedByAsking()
    {
        MdnsRawPeer peer;
        QVERIFY(startPeer(peer));
        Browsing b;
        QVERIFY(b.start());
        const FakeDevice device;
        DnsMessage onlyPtr;
        onlyPtr.flags = DnsMessage::ResponseFlag;
        onlyPtr.answers = {device.ptr(4500)};
        peer.sendMulticastResponse(onlyPtr.answers);
        QTRY_VERIFY_WITH_TIMEOUT(!peer.queriesAsking(device.instanceName(), RecordType::SRV).isEmpty(), 3000);
        DnsMessage srvTxt;
        srvTxt.flags = DnsMessage::ResponseFlag;
        srvTxt.answers = {device.srv(120), device.txt(4500)};
        peer.sendMulticastResponse(srvTxt.answers);
        QTRY_VERIFY_WITH_TIMEOUT(!peer.queriesAsking(device.hostName(), RecordType::A).isEmpty(), 3000);
        DnsMessage address;
        address.flags = DnsMessage::ResponseFlag;
        address.answers = {device.a(120, device.address)};
        peer.sendMulticastResponse(address.answers);
        QTRY_COMPARE_WITH_TIMEOUT(b.added->size(), 1, 2000);
        QCOMPARE(b.lastAdded().lastHeardVia, HeardVia::QueryAnswer);
        QVERIFY(b.lastAdded().isResolved());
    }

    void aGoodbyeRemovesTheInstanceWithinASecond()
    {
        MdnsRawPeer peer;
        QVERIFY(startPeer(peer));
        Browsing b;
        QVERIFY(b.start());
        const FakeDevice device;
        peer.sendMulticastResponse(device.announcement().answers);
        QTRY_COMPARE_WITH_TIMEOUT(b.added->size(), 1, 2000);
        DnsMessage goodbye;
        goodbye.flags = DnsMessage::ResponseFlag;
        goodbye.answers = {device.ptr(0), device.srv(0), device.txt(0), device.a(0, device.address)};
        QElapsedTimer timer;
        timer.start();
        peer.sendMulticastResponse(goodbye.answers);
        QTRY_COMPARE_WITH_TIMEOUT(b.removed->size(), 1, 1000);
        QVERIFY(timer.elapsed() < 1000);
        QCOMPARE(b.lastRemovalReason(), RemovalReason::Goodbye);
        QVERIFY(b.browser->instances().isEmpty());
    }

    void anInstanceWhoseRecordsAreNotRefreshedExpiresAfterAskingForThem()
    {
        MdnsRawPeer peer;
        QVERIFY(startPeer(peer));
        Browsing b;
        QVERIFY(b.start());
        FakeDevice device;
        device.hostTtl = 3;
        device.otherTtl = 3;
        peer.sendMulticastResponse(device.announcement().answers);
        QTRY_COMPARE_WITH_TIMEOUT(b.added->size(), 1, 2000);
        const qint64 announcedAt = peer.elapsed();
        QTRY_COMPARE_WITH_TIMEOUT(b.removed->size(), 1, 5000);
        QCOMPARE(b.lastRemovalReason(), RemovalReason::Expired);
        // It asked again at 80-95 % of the TTL before giving up (RFC 6762 section 5.2).
        const auto refreshes = peer.queriesAsking(device.instanceName(), RecordType::SRV, announcedAt + 2000);
        QVERIFY2(!refreshes.isEmpty(), "no refresh query for the SRV record");
        QVERIFY(refreshes.constFirst().atMs - announcedAt <= 3000);
    }

    void queriesBackOffFromOneSecondDoubling()
    {
        MdnsRawPeer peer;
        QVERIFY(startPeer(peer));
        Browsing b;
        QVERIFY(b.start(4000));
        QTest::qWait(7600);
        const auto queries = peer.queriesAsking(ArduinoType, RecordType::PTR);
        QVERIFY2(queries.size() >= 4, qPrintable(u"only %1 queries"_s.arg(queries.size())));
        const qint64 first = queries.at(1).atMs - queries.at(0).atMs;
        const qint64 second = queries.at(2).atMs - queries.at(1).atMs;
        const qint64 third = queries.at(3).atMs - queries.at(2).atMs;
        QVERIFY2(first >= 900 && first <= 1300, qPrintable(QString::number(first)));
        QVERIFY2(second >= 1900 && second <= 2300, qPrintable(QString::number(second)));
        QVERIFY2(third >= 3900 && third <= 4300, qPrintable(QString::number(third)));
    }

    void queriesListWhatIsAlreadyKnown()
    {
        MdnsRawPeer peer;
        QVERIFY(startPeer(peer));
        Browsing b;
        QVERIFY(b.start(1000));
        const FakeDevice device;
        peer.sendMulticastResponse(device.announcement().answers);
        QTRY_COMPARE_WITH_TIMEOUT(b.added->size(), 1, 2000);
        const qint64 after = peer.elapsed();
        QTRY_VERIFY_WITH_TIMEOUT(!peer.queriesAsking(ArduinoType, RecordType::PTR, after).isEmpty(), 2500);
        const DnsMessage query = peer.queriesAsking(ArduinoType, RecordType::PTR, after).constFirst().message;
        QCOMPARE(query.answers.size(), 1);
        QVERIFY(query.answers.constFirst().sameRecordAs(device.ptr(4500)));
        QVERIFY(query.answers.constFirst().ttl > 2250);
    }

    void aQuestionAnotherHostAskedCountsAsOurs()
    {
        MdnsRawPeer peer;
        QVERIFY(startPeer(peer));
        Browsing b;
        QVERIFY(b.start());
        QTRY_VERIFY_WITH_TIMEOUT(!peer.queriesAsking(ArduinoType, RecordType::PTR).isEmpty(), 1000);
        const qint64 firstAt = peer.queriesAsking(ArduinoType, RecordType::PTR).constFirst().atMs;
        QTest::qWait(int(firstAt + 500 - peer.elapsed()));
        peer.sendMulticastQuery({DnsQuestion {ArduinoType, RecordType::PTR, ClassIn, false}});
        QTest::qWait(1700);
        // Our own next query would have gone at +1 s; it was suppressed.
        const auto repeated = peer.queriesAsking(ArduinoType, RecordType::PTR, firstAt + 600);
        QVERIFY2(std::none_of(repeated.cbegin(), repeated.cend(), [&](const MdnsRawPeer::Captured &s) { return s.atMs < firstAt + 1400; }),
                 "the browser repeated a question another host had just asked");
    }

    void aCacheFlushReplacesAnOldAddress()
    {
        MdnsRawPeer peer;
        QVERIFY(startPeer(peer));
        Browsing b;
        QVERIFY(b.start());
        const FakeDevice device;
        peer.sendMulticastResponse(device.announcement().answers);
        QTRY_COMPARE_WITH_TIMEOUT(b.added->size(), 1, 2000);
        QTest::qWait(1100);
        DnsMessage moved;
        moved.flags = DnsMessage::ResponseFlag;
        moved.answers = {device.a(120, QHostAddress(u"127.0.0.8"_s))};
        peer.sendMulticastResponse(moved.answers);
        QTRY_VERIFY_WITH_TIMEOUT(b.browser->instances().value(0).addresses == QList<QHostAddress> {QHostAddress(u"127.0.0.8"_s)}, 2500);
    }

    void checkNowReportsAnAnswerAndWhenItCame()
    {
        MdnsRawPeer peer;
        QVERIFY(startPeer(peer));
        Browsing b;
        QVERIFY(b.start());
        const FakeDevice device;
        peer.sendMulticastResponse(device.announcement().answers);
        QTRY_COMPARE_WITH_TIMEOUT(b.added->size(), 1, 2000);
        const qint64 before = peer.elapsed();
        b.browser->checkNow(device.instanceName(), 2000);
        // The device answers the one-shot (legacy unicast) query to its source port.
        const auto oneShotQuery = [&]() -> std::optional<MdnsRawPeer::Captured> {
            for (const MdnsRawPeer::Captured &c : peer.queriesAsking(device.instanceName(), RecordType::SRV, before)) {
                if (c.senderPort != MdnsTransport::Port)
                    return c;
            }
            return std::nullopt;
        };
        QTRY_VERIFY_WITH_TIMEOUT(oneShotQuery().has_value(), 1000);
        const auto oneShot = oneShotQuery();
        DnsMessage answer;
        answer.id = oneShot->message.id;
        answer.flags = DnsMessage::ResponseFlag;
        answer.questions = oneShot->message.questions;
        answer.answers = {device.srv(10)};
        answer.answers[0].cacheFlush = false;
        peer.sendUnicast(answer, oneShot->sender, oneShot->senderPort);
        QTRY_COMPARE_WITH_TIMEOUT(b.checked->size(), 1, 2000);
        QCOMPARE(b.checked->constFirst().at(1).toBool(), true);
        QVERIFY(b.removed->isEmpty());
        QCOMPARE(b.browser->instances().value(0).lastHeardVia, HeardVia::CheckNow);
    }

    void checkNowWithoutAnAnswerRemovesTheInstance()
    {
        MdnsRawPeer peer;
        QVERIFY(startPeer(peer));
        Browsing b;
        QVERIFY(b.start());
        const FakeDevice device;
        peer.sendMulticastResponse(device.announcement().answers);
        QTRY_COMPARE_WITH_TIMEOUT(b.added->size(), 1, 2000);
        QElapsedTimer timer;
        timer.start();
        b.browser->checkNow(device.instanceName(), 1000);
        QTRY_COMPARE_WITH_TIMEOUT(b.checked->size(), 1, 2000);
        QCOMPARE(b.checked->constFirst().at(1).toBool(), false);
        QVERIFY(timer.elapsed() < 1500);
        QCOMPARE(b.removed->size(), 1);
        QCOMPARE(b.lastRemovalReason(), RemovalReason::CheckFailed);
    }
};

QTEST_GUILESS_MAIN(TestMdnsBrowser)
#include "tst_mdnsbrowser.moc"
