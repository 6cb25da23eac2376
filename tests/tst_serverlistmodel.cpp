// The Connect dialog's server list: announced and recent servers, one row
// per URL, under QAbstractItemModelTester.
#include <QAbstractItemModelTester>
#include <QTest>

#include "models/serverlistmodel.h"

using namespace Qt::Literals::StringLiterals;
using Models::ServerListModel;

namespace
{
    Discovery::ServiceInstance announced(const QString &instance, const QString &address, quint16 port, bool tls)
    {
        Discovery::ServiceInstance service;
        service.instanceName = instance;
        service.serviceType = u"_otarollout._tcp"_s;
        service.fullName = Discovery::DnsName::serviceInstance(instance, Discovery::DnsName::fromDotted(u"_otarollout._tcp.local"));
        service.hostName = u"host.local"_s;
        service.port = port;
        service.addresses = {QHostAddress(u"fe80::1"_s), QHostAddress(address)};
        service.txt = {{u"name"_s, instance}, {u"tls"_s, tls ? u"yes"_s : u"no"_s}, {u"version"_s, u"0.3.0"_s}};
        return service;
    }

    QString cell(const ServerListModel &model, int row, int column)
    {
        return model.index(row, column).data().toString();
    }
} // namespace

class TestServerListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void announcedServerIsListed()
    {
        ServerListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addAnnounced(announced(u"Plant rollouts"_s, u"127.0.0.1"_s, 8443, true));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, ServerListModel::NameColumn), u"Plant rollouts"_s);
        QCOMPARE(cell(model, 0, ServerListModel::AddressColumn), u"127.0.0.1:8443"_s); // IPv4 before link-local IPv6
        QCOMPARE(cell(model, 0, ServerListModel::TlsColumn), u"yes"_s);
        QCOMPARE(cell(model, 0, ServerListModel::SourceColumn), u"found on the network"_s);
        QCOMPARE(model.url(0), QUrl(u"https://127.0.0.1:8443"_s));
        QVERIFY(model.index(0, 0).data(Qt::ToolTipRole).toString().contains(u"0.3.0"_s));
        // An update is the same row, not a second one.
        model.addAnnounced(announced(u"Plant rollouts"_s, u"127.0.0.1"_s, 8443, true));
        QCOMPARE(model.rowCount(), 1);
    }

    void plainHttpServerSaysNoTls()
    {
        ServerListModel model;
        model.addAnnounced(announced(u"Bench"_s, u"127.0.0.2"_s, 8080, false));
        QCOMPARE(model.url(0), QUrl(u"http://127.0.0.2:8080"_s));
        QCOMPARE(cell(model, 0, ServerListModel::TlsColumn), u"no"_s);
        QCOMPARE(model.index(0, 0).data(ServerListModel::TlsRole).toBool(), false);
    }

    void unresolvedInstanceIsNotListed()
    {
        ServerListModel model;
        Discovery::ServiceInstance service = announced(u"Half"_s, u"127.0.0.1"_s, 8080, false);
        service.addresses.clear();
        model.addAnnounced(service);
        QCOMPARE(model.rowCount(), 0);
    }

    void recentAndAnnouncedShareARow()
    {
        ServerListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRecentServers({QUrl(u"https://127.0.0.1:8443"_s), QUrl(u"http://10.0.0.5:8080"_s)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(cell(model, 1, ServerListModel::SourceColumn), u"used before"_s);
        const Discovery::ServiceInstance service = announced(u"Plant rollouts"_s, u"127.0.0.1"_s, 8443, true);
        model.addAnnounced(service);
        QCOMPARE(model.rowCount(), 2);
        const int row = model.rowOf(QUrl(u"https://127.0.0.1:8443/"_s));
        QCOMPARE(row, 0);
        QCOMPARE(cell(model, row, ServerListModel::NameColumn), u"Plant rollouts"_s);
        QCOMPARE(cell(model, row, ServerListModel::SourceColumn), u"found on the network, used before"_s);
        // Its goodbye leaves it as a recent server.
        model.removeAnnounced(service);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(cell(model, row, ServerListModel::SourceColumn), u"used before"_s);
        // Recent servers replaced: the announced ones stay.
        model.addAnnounced(announced(u"Bench"_s, u"127.0.0.2"_s, 8080, false));
        model.setRecentServers({});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, ServerListModel::NameColumn), u"Bench"_s);
        QCOMPARE(model.rowOf(QUrl(u"http://10.0.0.5:8080"_s)), -1);
    }

    void goodbyeRemovesAnAnnouncedServer()
    {
        ServerListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Discovery::ServiceInstance first = announced(u"A"_s, u"127.0.0.1"_s, 8080, false);
        model.addAnnounced(first);
        model.addAnnounced(announced(u"B"_s, u"127.0.0.2"_s, 8080, false));
        model.removeAnnounced(first);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOf(QUrl(u"http://127.0.0.2:8080"_s)), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerListModel)
#include "tst_serverlistmodel.moc"
