// Our browser against the real peers a LAN has: Avahi and python-zeroconf,
// started inside the test's private network namespace.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include "discovery/mdnsbrowser.h"
#include "discovery/mdnstransport.h"
#include "mdnspeers.h"

using namespace Discovery;
using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(Discovery::ServiceInstance)
Q_DECLARE_METATYPE(Discovery::RemovalReason)
Q_DECLARE_METATYPE(Discovery::DnsName)

namespace
{
    struct Browsing
    {
        MdnsTransport transport {QStringList {u"lo"_s}};
        std::unique_ptr<MdnsBrowser> browser;
        std::unique_ptr<QSignalSpy> added, removed, checked;

        bool start(const QString &type)
        {
            QString error;
            if (!transport.start(&error))
                return false;
            browser = std::make_unique<MdnsBrowser>(&transport, QStringList {type});
            added = std::make_unique<QSignalSpy>(browser.get(), &MdnsBrowser::instanceAdded);
            removed = std::make_unique<QSignalSpy>(browser.get(), &MdnsBrowser::instanceRemoved);
            checked = std::make_unique<QSignalSpy>(browser.get(), &MdnsBrowser::livenessChecked);
            browser->start();
            return true;
        }

        std::optional<ServiceInstance> find(const QString &instance) const
        {
            for (const ServiceInstance &found : browser->instances()) {
                if (found.instanceName == instance)
                    return found;
            }
            return std::nullopt;
        }

        RemovalReason lastRemovalReason() const { return removed->constLast().at(1).value<RemovalReason>(); }
    };
} // namespace

class TestMdnsBrowserInterop final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ServiceInstance>();
        qRegisterMetaType<RemovalReason>();
        qRegisterMetaType<DnsName>();
    }

    void findsWhatAvahiPublishesAndSeesItsGoodbye()
    {
        if (const auto reason = AvahiPeer::unavailableReason())
            QSKIP(qPrintable(*reason));
        AvahiPeer avahi;
        QString error;
        QVERIFY2(avahi.start(&error), qPrintable(error));
        Browsing b;
        QVERIFY(b.start(u"_arduino._tcp"_s));
        const auto handle = avahi.publish(u"bench esp32. unit 2"_s, u"_arduino._tcp"_s, 3232,
                                          {u"board=esp32"_s, u"tcp_check=no"_s, u"auth_upload=yes"_s}, &error);
        QVERIFY2(handle >= 0, qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(b.find(u"bench esp32. unit 2"_s).has_value(), 3000);
        const ServiceInstance found = *b.find(u"bench esp32. unit 2"_s);
        QCOMPARE(found.hostName, AvahiPeer::hostName());
        QCOMPARE(found.port, quint16(3232));
        QVERIFY(found.addresses.contains(QHostAddress(u"127.0.0.1"_s)));
        QCOMPARE(found.txt.value(u"auth_upload"_s), u"yes"_s);

        QElapsedTimer timer;
        timer.start();
        QVERIFY(avahi.unpublish(handle));
        QTRY_COMPARE_WITH_TIMEOUT(b.removed->size(), 1, 1500);
        qInfo("Avahi goodbye reported after %lld ms", timer.elapsed());
        QVERIFY(timer.elapsed() < 1000 + 250); // the peer's process exit is part of it
        QCOMPARE(b.lastRemovalReason(), RemovalReason::Goodbye);
    }

    void checkNowGetsAnAnswerFromAvahi()
    {
        if (const auto reason = AvahiPeer::unavailableReason())
            QSKIP(qPrintable(*reason));
        AvahiPeer avahi;
        QString error;
        QVERIFY2(avahi.start(&error), qPrintable(error));
        Browsing b;
        QVERIFY(b.start(u"_otarollout._tcp"_s));
        QVERIFY2(avahi.publish(u"rollout"_s, u"_otarollout._tcp"_s, 8443, {u"api=1"_s}, &error) >= 0, qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(b.find(u"rollout"_s).has_value(), 3000);
        b.browser->checkNow(b.find(u"rollout"_s)->fullName, 2000);
        QTRY_COMPARE_WITH_TIMEOUT(b.checked->size(), 1, 2500);
        QCOMPARE(b.checked->constFirst().at(1).toBool(), true);
        qInfo("Avahi answered a check in %d ms", b.checked->constFirst().at(2).toInt());
        QVERIFY(b.removed->isEmpty());
    }

    void findsWhatZeroconfRegistersAndSeesItsGoodbye()
    {
        if (const auto reason = ZeroconfPeer::unavailableReason())
            QSKIP(qPrintable(*reason));
        ZeroconfPeer zeroconf;
        QString error;
        QVERIFY2(zeroconf.start(&error), qPrintable(error));
        Browsing b;
        QVERIFY(b.start(u"_esphomelib._tcp"_s));
        ZeroconfService service;
        service.instance = u"living-room"_s;
        service.type = u"_esphomelib._tcp"_s;
        service.port = 6053;
        service.txt = {u"version=2025.10.1"_s, u"platform=ESP32"_s, u"mac=a1b2c3d4e5f6"_s};
        service.addresses = {u"127.0.0.9"_s};
        QVERIFY2(zeroconf.registerService(service, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(b.find(u"living-room"_s).has_value(), 3000);
        const ServiceInstance found = *b.find(u"living-room"_s);
        QCOMPARE(found.port, quint16(6053));
        QCOMPARE(found.addresses, QList<QHostAddress> {QHostAddress(u"127.0.0.9"_s)});
        QCOMPARE(found.txt.value(u"platform"_s), u"ESP32"_s);

        QElapsedTimer timer;
        timer.start();
        QVERIFY2(zeroconf.unregisterService(u"living-room"_s, u"_esphomelib._tcp"_s, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(b.removed->size(), 1, 1500);
        qInfo("zeroconf goodbye reported after %lld ms", timer.elapsed());
        QCOMPARE(b.lastRemovalReason(), RemovalReason::Goodbye);
    }

    void aZeroconfPeerKilledWithoutGoodbyeIsGoneAfterItsTtl()
    {
        if (const auto reason = ZeroconfPeer::unavailableReason())
            QSKIP(qPrintable(*reason));
        ZeroconfPeer zeroconf;
        QString error;
        QVERIFY2(zeroconf.start(&error), qPrintable(error));
        Browsing b;
        QVERIFY(b.start(u"_arduino._tcp"_s));
        ZeroconfService service {u"esp32-dead01"_s, u"_arduino._tcp"_s, 3232, {u"board=esp32"_s}, {}, {u"127.0.0.10"_s}, 3};
        QVERIFY2(zeroconf.registerService(service, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(b.find(u"esp32-dead01"_s).has_value(), 3000);
        QElapsedTimer timer;
        timer.start();
        zeroconf.kill();
        QTRY_COMPARE_WITH_TIMEOUT(b.removed->size(), 1, 5000);
        qInfo("killed peer (TTL 3 s) reported gone after %lld ms", timer.elapsed());
        QCOMPARE(b.lastRemovalReason(), RemovalReason::Expired);
    }

    void aZeroconfPeerKilledWithoutGoodbyeIsGoneAtOnceAfterAFailedCheck()
    {
        if (const auto reason = ZeroconfPeer::unavailableReason())
            QSKIP(qPrintable(*reason));
        ZeroconfPeer zeroconf;
        QString error;
        QVERIFY2(zeroconf.start(&error), qPrintable(error));
        Browsing b;
        QVERIFY(b.start(u"_arduino._tcp"_s));
        ZeroconfService service {u"esp32-dead02"_s, u"_arduino._tcp"_s, 3232, {u"board=esp32"_s}, {}, {u"127.0.0.11"_s}, {}};
        QVERIFY2(zeroconf.registerService(service, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(b.find(u"esp32-dead02"_s).has_value(), 3000);
        // First a live check answers.
        b.browser->checkNow(b.find(u"esp32-dead02"_s)->fullName, 1500);
        QTRY_COMPARE_WITH_TIMEOUT(b.checked->size(), 1, 2000);
        QCOMPARE(b.checked->constFirst().at(1).toBool(), true);

        zeroconf.kill();
        b.browser->checkNow(b.find(u"esp32-dead02"_s)->fullName, 1500);
        QTRY_COMPARE_WITH_TIMEOUT(b.checked->size(), 2, 2000);
        QCOMPARE(b.checked->constLast().at(1).toBool(), false);
        QCOMPARE(b.removed->size(), 1);
        QCOMPARE(b.lastRemovalReason(), RemovalReason::CheckFailed);
    }
};

QTEST_GUILESS_MAIN(TestMdnsBrowserInterop)
#include "tst_mdnsbrowserinterop.moc"
