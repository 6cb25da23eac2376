#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

#include "discovery/mdnstransport.h"

using namespace Qt::Literals::StringLiterals;
using Discovery::MdnsTransport;

// Runs inside the private network namespace of .ci/test: only `lo` exists,
// and nothing can leave the machine.
class tst_MdnsTransport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsOnLoopback();
    void unknownInterfaceIsAnError();
    void twoTransportsShareThePortAndHearEachOther();
    void sharesThePortWithAPlainReuseAddressSocket();
    void unicastRepliesComeFromPort5353();
    void oneShotQueryGetsItsOwnAnswer();

private:
    struct Received
    {
        QByteArray packet;
        QHostAddress sender;
        quint16 port = 0;
        int interfaceIndex = 0;
        bool oneShot = false;
    };
    static Received takeMatching(QSignalSpy &spy, const QByteArray &packet);
};

tst_MdnsTransport::Received tst_MdnsTransport::takeMatching(QSignalSpy &spy, const QByteArray &packet)
{
    for (const QList<QVariant> &args : std::as_const(spy)) {
        if (args.at(0).toByteArray() == packet)
            return {args.at(0).toByteArray(), args.at(1).value<QHostAddress>(), args.at(2).value<quint16>(),
                    args.at(3).toInt(), args.at(4).toBool()};
    }
    return {};
}

void tst_MdnsTransport::startsOnLoopback()
{
    MdnsTransport transport;
    QString error;
    QVERIFY2(transport.start(&error), qPrintable(error));
    QVERIFY(transport.isStarted());
    const auto interfaces = transport.interfaces();
    QVERIFY(std::any_of(interfaces.cbegin(), interfaces.cend(), [](const QNetworkInterface &i) {
        return i.flags().testFlag(QNetworkInterface::IsLoopBack);
    }));
    QVERIFY(transport.start(&error)); // idempotent
}

void tst_MdnsTransport::unknownInterfaceIsAnError()
{
    MdnsTransport transport({u"eth7-does-not-exist"_s});
    QString error;
    QVERIFY(!transport.start(&error));
    QVERIFY2(error.contains(u"eth7-does-not-exist"_s) && error.contains(u"does not exist"_s), qPrintable(error));
    QVERIFY(!transport.isStarted());
}

void tst_MdnsTransport::twoTransportsShareThePortAndHearEachOther()
{
    MdnsTransport a({u"lo"_s});
    MdnsTransport b({u"lo"_s});
    QString error;
    QVERIFY2(a.start(&error), qPrintable(error));
    QVERIFY2(b.start(&error), qPrintable(error));
    QSignalSpy spyA(&a, &MdnsTransport::received);
    QSignalSpy spyB(&b, &MdnsTransport::received);

    const QByteArray packet("hello from a");
    a.sendMulticast(packet);
    QTRY_VERIFY(!takeMatching(spyB, packet).packet.isEmpty());
    // Multicast loop is on, so the sender hears itself too (a second process would).
    QTRY_VERIFY(!takeMatching(spyA, packet).packet.isEmpty());
    const Received r = takeMatching(spyB, packet);
    QCOMPARE(r.port, MdnsTransport::Port);
    QVERIFY(!r.oneShot);
    QCOMPARE(r.interfaceIndex, QNetworkInterface::interfaceIndexFromName(u"lo"_s));
}

void tst_MdnsTransport::sharesThePortWithAPlainReuseAddressSocket()
{
    // What a daemon using SO_REUSEADDR alone looks like (Avahi sets it).
    QUdpSocket daemon;
    QVERIFY(daemon.bind(QHostAddress::AnyIPv4, MdnsTransport::Port,
                        QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint));
    QVERIFY(daemon.joinMulticastGroup(MdnsTransport::ipv4Group(), QNetworkInterface::interfaceFromName(u"lo"_s)));

    MdnsTransport transport;
    QString error;
    QVERIFY2(transport.start(&error), qPrintable(error));
    const QByteArray packet("to the daemon");
    transport.sendMulticast(packet);
    QTRY_VERIFY(daemon.hasPendingDatagrams());
    QCOMPARE(daemon.receiveDatagram().data(), packet);

    // And the daemon's multicast reaches us.
    QSignalSpy spy(&transport, &MdnsTransport::received);
    const QByteArray fromDaemon("from the daemon");
    daemon.setMulticastInterface(QNetworkInterface::interfaceFromName(u"lo"_s));
    QVERIFY(daemon.writeDatagram(fromDaemon, MdnsTransport::ipv4Group(), MdnsTransport::Port) > 0);
    QTRY_VERIFY(!takeMatching(spy, fromDaemon).packet.isEmpty());
}

void tst_MdnsTransport::unicastRepliesComeFromPort5353()
{
    MdnsTransport transport;
    QString error;
    QVERIFY2(transport.start(&error), qPrintable(error));
    QUdpSocket querier;
    QVERIFY(querier.bind(QHostAddress::LocalHost, 0));
    const QByteArray packet("unicast answer");
    transport.sendUnicast(packet, QHostAddress::LocalHost, querier.localPort());
    QTRY_VERIFY(querier.hasPendingDatagrams());
    const QNetworkDatagram datagram = querier.receiveDatagram();
    QCOMPARE(datagram.data(), packet);
    QCOMPARE(datagram.senderPort(), int(MdnsTransport::Port));
}

void tst_MdnsTransport::oneShotQueryGetsItsOwnAnswer()
{
    MdnsTransport asker;
    MdnsTransport answerer;
    QString error;
    QVERIFY2(asker.start(&error), qPrintable(error));
    QVERIFY2(answerer.start(&error), qPrintable(error));
    QSignalSpy askerSpy(&asker, &MdnsTransport::received);
    QSignalSpy answererSpy(&answerer, &MdnsTransport::received);

    const QByteArray query("one-shot query");
    asker.sendOneShotQuery(query);
    QTRY_VERIFY(!takeMatching(answererSpy, query).packet.isEmpty());
    const Received q = takeMatching(answererSpy, query);
    QVERIFY(q.port != MdnsTransport::Port); // a legacy unicast query, RFC 6762 section 6.7

    const QByteArray answer("legacy answer");
    answerer.sendUnicast(answer, q.sender, q.port);
    QTRY_VERIFY(!takeMatching(askerSpy, answer).packet.isEmpty());
    QVERIFY(takeMatching(askerSpy, answer).oneShot);
    QCOMPARE(takeMatching(askerSpy, answer).port, MdnsTransport::Port);
}

QTEST_GUILESS_MAIN(tst_MdnsTransport)
#include "tst_mdnstransport.moc"
