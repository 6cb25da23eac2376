// mDNS over IPv6 between two interfaces of a veth pair the test creates in
// its private network namespace (no IPv4 on them, so only IPv6 can carry it).
#include <QNetworkInterface>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include "discovery/mdnsbrowser.h"
#include "discovery/mdnsresponder.h"
#include "discovery/mdnstransport.h"

using namespace Discovery;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(Discovery::ServiceInstance)

namespace
{
    bool ip(const QStringList &arguments)
    {
        QProcess process;
        process.start(u"ip"_s, arguments);
        return process.waitForFinished(5000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }

    bool hasLinkLocal(const QString &name)
    {
        const QNetworkInterface iface = QNetworkInterface::interfaceFromName(name);
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            if (entry.ip().protocol() == QAbstractSocket::IPv6Protocol && entry.ip().isLinkLocal())
                return true;
        }
        return false;
    }
} // namespace

class TestMdnsIpv6 final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ServiceInstance>();
        // Only in a private namespace holding nothing but lo may a test add interfaces.
        if (QNetworkInterface::allInterfaces().size() != 1)
            QSKIP("not in a private network namespace with only lo: run through .ci/test");
        if (!ip({u"link"_s, u"add"_s, u"otav6a"_s, u"type"_s, u"veth"_s, u"peer"_s, u"name"_s, u"otav6b"_s}))
            QSKIP("cannot create a veth pair here (ip link add failed)");
        QVERIFY(ip({u"link"_s, u"set"_s, u"otav6a"_s, u"up"_s}));
        QVERIFY(ip({u"link"_s, u"set"_s, u"otav6b"_s, u"up"_s}));
        // Duplicate address detection takes a moment before link-local addresses are usable.
        QTRY_VERIFY_WITH_TIMEOUT(hasLinkLocal(u"otav6a"_s) && hasLinkLocal(u"otav6b"_s), 5000);
        QTest::qWait(2500);
    }

    void cleanupTestCase()
    {
        ip({u"link"_s, u"del"_s, u"otav6a"_s});
    }

    void aServiceAnnouncedOverIpv6OnlyIsFoundWithItsIpv6Address()
    {
        MdnsTransport deviceSide({u"otav6a"_s});
        MdnsTransport consoleSide({u"otav6b"_s});
        QString error;
        QVERIFY2(deviceSide.start(&error), qPrintable(error));
        QVERIFY2(consoleSide.start(&error), qPrintable(error));

        MdnsResponder responder(&deviceSide);
        ServiceDescription device;
        device.instanceName = u"esp32-v6v6v6"_s;
        device.serviceType = u"_arduino._tcp"_s;
        device.port = 3232;
        device.txt = {{"board", "esp32"}};
        device.hostName = u"esp32-v6v6v6"_s;
        device.addresses = {QHostAddress(u"fd00:7::7"_s)};
        responder.publish(device);

        MdnsBrowser browser(&consoleSide, {u"_arduino._tcp"_s});
        QSignalSpy added(&browser, &MdnsBrowser::instanceAdded);
        browser.start();
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, 5000);
        const ServiceInstance found = added.constFirst().at(0).value<ServiceInstance>();
        QCOMPARE(found.instanceName, u"esp32-v6v6v6"_s);
        QCOMPARE(found.addresses, QList<QHostAddress> {QHostAddress(u"fd00:7::7"_s)});
        QCOMPARE(found.interfaceIndex, QNetworkInterface::interfaceIndexFromName(u"otav6b"_s));
    }
};

QTEST_GUILESS_MAIN(TestMdnsIpv6)
#include "tst_mdnsipv6.moc"
