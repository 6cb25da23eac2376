#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include "mdnspeers.h"

using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

// The harness on its own: Avahi and python-zeroconf see each other on lo,
// with nothing of ours in between. Timings go to the test log.
class TestMdnsPeers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseBrowseLine();
    void zeroconfServiceSeenByAvahi();
    void avahiServiceSeenByZeroconf();
    void vanishingWithoutGoodbye();
    void manyServicesAtOnce();

private:
    static std::optional<QString> unavailableReason();
    static bool startPeers(AvahiPeer &avahi, ZeroconfPeer &zeroconf, QString *error);
};

namespace
{
    const QString Arduino = u"_arduino._tcp"_s;
    const QString Rollout = u"_otarollout._tcp"_s;

    void logTiming(const char *what, qint64 ms)
    {
        qInfo("%s: %lld ms", what, static_cast<long long>(ms));
    }
} // namespace

std::optional<QString> TestMdnsPeers::unavailableReason()
{
    if (auto reason = AvahiPeer::unavailableReason())
        return reason;
    return ZeroconfPeer::unavailableReason();
}

bool TestMdnsPeers::startPeers(AvahiPeer &avahi, ZeroconfPeer &zeroconf, QString *error)
{
    QElapsedTimer timer;
    timer.start();
    if (!avahi.start(error))
        return false;
    logTiming("avahi-daemon start", timer.restart());
    if (!zeroconf.start(error))
        return false;
    logTiming("zeroconf_peer.py start", timer.elapsed());
    return true;
}

void TestMdnsPeers::parseBrowseLine()
{
    const auto resolved = AvahiPeer::parseBrowseLine(
        R"(=;lo;IPv4;My\032Device\059\046x\195\169;_arduino._tcp;local;esp.local;127.0.0.2;3232;"c=d;e" "q=\"x\\" "a=b")");
    QVERIFY(resolved);
    QCOMPARE(resolved->kind, AvahiBrowseEvent::Kind::Resolved);
    QCOMPARE(resolved->service.instance, u"My Device;.xé"_s);
    QCOMPARE(resolved->service.interfaceName, u"lo"_s);
    QCOMPARE(resolved->service.protocol, u"IPv4"_s);
    QCOMPARE(resolved->service.type, Arduino);
    QCOMPARE(resolved->service.domain, u"local"_s);
    QCOMPARE(resolved->service.host, u"esp.local"_s);
    QCOMPARE(resolved->service.addresses, QStringList{u"127.0.0.2"_s});
    QCOMPARE(resolved->service.port, quint16(3232));
    QCOMPARE(resolved->service.txt, (QStringList{u"a=b"_s, u"q=\"x\\"_s, u"c=d;e"_s}));

    const auto removed = AvahiPeer::parseBrowseLine("-;lo;IPv4;esp32-a1b2c3;_arduino._tcp;local");
    QVERIFY(removed);
    QCOMPARE(removed->kind, AvahiBrowseEvent::Kind::Removed);
    QCOMPARE(removed->service.instance, u"esp32-a1b2c3"_s);

    QVERIFY(!AvahiPeer::parseBrowseLine("Failed to resolve service 'x'"));
    QVERIFY(!AvahiPeer::parseBrowseLine("=;lo;IPv4;x;_a._tcp;local;h.local;127.0.0.1"));
}

void TestMdnsPeers::zeroconfServiceSeenByAvahi()
{
    if (const auto reason = unavailableReason())
        QSKIP(qPrintable(*reason));
    AvahiPeer avahi;
    ZeroconfPeer zeroconf;
    QString error;
    QVERIFY2(startPeers(avahi, zeroconf, &error), qPrintable(error));
    QElapsedTimer timer;
    timer.start();
    ZeroconfService service;
    service.instance = u"esp32-a1b2c3"_s;
    service.type = Arduino;
    service.port = 3232;
    service.txt = {u"board=esp32"_s, u"auth_upload=no"_s};
    QVERIFY2(zeroconf.registerService(service, &error), qPrintable(error));
    logTiming("zeroconf register (probing + announce)", timer.restart());

    const QList<MdnsPeerService> found = avahi.browse(Arduino, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    logTiming("avahi-browse -rt", timer.restart());
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].instance, u"esp32-a1b2c3"_s);
    QCOMPARE(found[0].type, Arduino);
    QCOMPARE(found[0].domain, u"local"_s);
    QCOMPARE(found[0].host, u"esp32-a1b2c3.local"_s);
    QCOMPARE(found[0].addresses, QStringList{u"127.0.0.1"_s});
    QCOMPARE(found[0].port, quint16(3232));
    QCOMPARE(found[0].txt, (QStringList{u"board=esp32"_s, u"auth_upload=no"_s}));
    QCOMPARE(found[0].interfaceName, u"lo"_s);

    const AvahiPeer::Handle browser = avahi.startBrowsing(Arduino, &error);
    QVERIFY2(browser >= 0, qPrintable(error));
    const auto isResolved = [](const AvahiBrowseEvent &event) {
        return event.kind == AvahiBrowseEvent::Kind::Resolved && event.service.instance == u"esp32-a1b2c3"_s;
    };
    QVERIFY(avahi.waitForBrowseEvent(browser, isResolved, 5'000));

    timer.restart();
    QVERIFY2(zeroconf.unregisterService(service.instance, Arduino, &error), qPrintable(error));
    const auto isRemoved = [](const AvahiBrowseEvent &event) {
        return event.kind == AvahiBrowseEvent::Kind::Removed && event.service.instance == u"esp32-a1b2c3"_s;
    };
    QVERIFY(avahi.waitForBrowseEvent(browser, isRemoved, 3'000));
    logTiming("zeroconf goodbye seen by avahi-browse", timer.elapsed());
    QVERIFY(avahi.browse(Arduino, &error).isEmpty());
}

void TestMdnsPeers::avahiServiceSeenByZeroconf()
{
    if (const auto reason = unavailableReason())
        QSKIP(qPrintable(*reason));
    AvahiPeer avahi;
    ZeroconfPeer zeroconf;
    QString error;
    QVERIFY2(startPeers(avahi, zeroconf, &error), qPrintable(error));
    QSignalSpy events(&zeroconf, &ZeroconfPeer::eventReceived);
    QVERIFY2(zeroconf.browse({Rollout}, &error), qPrintable(error));

    QElapsedTimer timer;
    timer.start();
    const AvahiPeer::Handle published =
        avahi.publish(u"OTA Console 1"_s, Rollout, 4242, {u"path=/api"_s, u"v=1"_s}, &error);
    QVERIFY2(published >= 0, qPrintable(error));
    logTiming("avahi-publish established", timer.restart());
    const auto added = zeroconf.waitForEvent(
        [](const ZeroconfEvent &event) { return event.kind == ZeroconfEvent::Kind::Added; }, 5'000);
    QVERIFY(added);
    logTiming("zeroconf browser added + resolved", timer.restart());
    QVERIFY(added->resolved);
    QCOMPARE(added->service.instance, u"OTA Console 1"_s);
    QCOMPARE(added->service.type, Rollout);
    QCOMPARE(added->service.host, AvahiPeer::hostName());
    QCOMPARE(added->service.addresses, QStringList{u"127.0.0.1"_s});
    QCOMPARE(added->service.port, quint16(4242));
    QCOMPARE(added->service.txt, (QStringList{u"path=/api"_s, u"v=1"_s}));
    QVERIFY(events.count() >= 1);

    const auto resolved = zeroconf.resolve(u"OTA Console 1"_s, Rollout, &error);
    QVERIFY2(resolved, qPrintable(error));
    QCOMPARE(resolved->port, quint16(4242));

    // A service on a host of its own, as a device would announce it.
    QVERIFY2(avahi.publishAddress(u"esp-avahi"_s, u"127.0.0.7"_s, &error) >= 0, qPrintable(error));
    QVERIFY2(avahi.publish(u"esp-avahi"_s, Arduino, 3232, {u"board=esp32"_s}, &error, u"esp-avahi"_s) >= 0,
             qPrintable(error));
    const auto device = zeroconf.resolve(u"esp-avahi"_s, Arduino, &error);
    QVERIFY2(device, qPrintable(error));
    QCOMPARE(device->host, u"esp-avahi.local"_s);
    QCOMPARE(device->addresses, QStringList{u"127.0.0.7"_s});

    timer.restart();
    QVERIFY(avahi.unpublish(published));
    const auto removed = zeroconf.waitForEvent(
        [](const ZeroconfEvent &event) {
            return event.kind == ZeroconfEvent::Kind::Removed && event.service.instance == u"OTA Console 1"_s;
        },
        3'000);
    QVERIFY(removed);
    logTiming("avahi goodbye seen by zeroconf", timer.elapsed());
}

// SIGKILLed peers send no goodbye: the other side keeps the service.
void TestMdnsPeers::vanishingWithoutGoodbye()
{
    if (const auto reason = unavailableReason())
        QSKIP(qPrintable(*reason));
    AvahiPeer avahi;
    ZeroconfPeer zeroconf;
    QString error;
    QVERIFY2(startPeers(avahi, zeroconf, &error), qPrintable(error));
    ZeroconfService service{u"esp32-dead01"_s, Arduino, 3232, {u"board=esp32"_s}, {}, {}, {}};
    QVERIFY2(zeroconf.registerService(service, &error), qPrintable(error));
    const AvahiPeer::Handle browser = avahi.startBrowsing(Arduino, &error);
    QVERIFY2(browser >= 0, qPrintable(error));
    const auto about = [](AvahiBrowseEvent::Kind kind) {
        return [kind](const AvahiBrowseEvent &event) {
            return event.kind == kind && event.service.instance == u"esp32-dead01"_s;
        };
    };
    QVERIFY(avahi.waitForBrowseEvent(browser, about(AvahiBrowseEvent::Kind::Resolved), 5'000));
    zeroconf.kill();
    QVERIFY(!zeroconf.isRunning());
    QVERIFY(!avahi.waitForBrowseEvent(browser, about(AvahiBrowseEvent::Kind::Removed), 1'500));

    ZeroconfPeer watcher;
    QVERIFY2(watcher.start(&error), qPrintable(error));
    QVERIFY2(watcher.browse({Rollout}, &error), qPrintable(error));
    QVERIFY2(avahi.publish(u"OTA Console 2"_s, Rollout, 4242, {}, &error) >= 0, qPrintable(error));
    QVERIFY(watcher.waitForEvent([](const ZeroconfEvent &event) { return event.kind == ZeroconfEvent::Kind::Added; },
                                 5'000));
    avahi.killDaemon();
    QVERIFY(!avahi.isRunning());
    QVERIFY(!watcher.waitForEvent(
        [](const ZeroconfEvent &event) { return event.kind == ZeroconfEvent::Kind::Removed; }, 1'500));
}

void TestMdnsPeers::manyServicesAtOnce()
{
    if (const auto reason = unavailableReason())
        QSKIP(qPrintable(*reason));
    AvahiPeer avahi;
    ZeroconfPeer zeroconf;
    QString error;
    QVERIFY2(startPeers(avahi, zeroconf, &error), qPrintable(error));
    constexpr int Count = 50;
    QList<ZeroconfService> services;
    for (int i = 0; i < Count; ++i) {
        const QString name = u"esp32-%1"_s.arg(i, 6, 16, QLatin1Char('0'));
        services.append({name, Arduino, 3232, {u"board=esp32"_s}, name, {u"127.0.1.%1"_s.arg(i + 1)}, {}});
    }
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(zeroconf.registerServices(services, &error), qPrintable(error));
    logTiming("zeroconf register_many (50)", timer.restart());
    QList<MdnsPeerService> found;
    QVERIFY2(avahi.browseUntil(
                 Arduino,
                 [&](const QList<MdnsPeerService> &list) {
                     found = list;
                     return list.size() == Count;
                 },
                 15'000, &error),
             qPrintable(error + u" (found %1)"_s.arg(found.size())));
    logTiming("avahi-browse resolved all 50", timer.elapsed());
    for (const MdnsPeerService &service : std::as_const(found)) {
        const int index = service.instance.mid(6).toInt(nullptr, 16);
        QCOMPARE(service.addresses, QStringList{u"127.0.1.%1"_s.arg(index + 1)});
    }
}

QTEST_GUILESS_MAIN(TestMdnsPeers)
#include "tst_mdnspeers.moc"
