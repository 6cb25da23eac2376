#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include "store/devicestore.h"
#include "storefixture.h"

using namespace Store;
using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

namespace
{
    CheckIn report(const QString &deviceId, const QString &version, qint64 bootCount, const QDateTime &next = {})
    {
        CheckIn r;
        r.deviceId = deviceId;
        r.chip = u"esp32"_s;
        r.board = u"esp32-devkitc"_s;
        r.project = u"sensor"_s;
        r.version = version;
        r.slot = u"ota_0"_s;
        r.battery = 87;
        r.rssi = -61;
        r.uptimeS = 3600;
        r.bootCount = bootCount;
        r.health = QJsonObject{{u"mqtt"_s, true}, {u"sensors"_s, u"ok"_s}};
        r.nextExpected = next;
        return r;
    }
} // namespace

class TestDeviceStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { m_fixture.addEngineRows(); }
    void initTestCase() { m_fixture.startPostgres(); }

    void enrolmentGivesASecretThatIsStoredOnlyAsItsHash()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        DeviceStore devices(*db);
        const auto secret = devices.enrol(u"sensor-0001"_s, {u"building-3"_s});
        OTA_VERIFY_OK(secret);
        QVERIFY(secret->startsWith(u"dev_"_s));
        QCOMPARE(secret->size(), 4 + 43);
        QSqlQuery q(db->connection().value());
        QVERIFY(q.exec(u"SELECT * FROM devices"_s) && q.next());
        for (int i = 0; i < q.record().count(); ++i)
            QVERIFY(!q.value(i).toString().contains(secret->mid(4, 16)));
        const auto device = devices.find(u"sensor-0001"_s);
        OTA_VERIFY_OK(device);
        QVERIFY(device.value().has_value());
        QCOMPARE(device.value()->tags, QStringList{u"building-3"_s});
        QVERIFY(device.value()->enrolledAt.isValid());
        QVERIFY(!device.value()->lastSeen.isValid());
    }

    void aDeviceAuthenticatesWithItsOwnSecretOnly()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        DeviceStore devices(*db);
        const auto a = devices.enrol(u"a"_s);
        const auto b = devices.enrol(u"b"_s);
        OTA_VERIFY_OK(a);
        OTA_VERIFY_OK(b);
        QVERIFY(devices.authenticate(u"a"_s, a.value()).value());
        QVERIFY(devices.authenticate(u"b"_s, b.value()).value());
        QVERIFY(!devices.authenticate(u"a"_s, b.value()).value()); // another device's secret
        QVERIFY(!devices.authenticate(u"b"_s, a.value()).value());
        QVERIFY(!devices.authenticate(u"a"_s, QString()).value());
        QVERIFY(!devices.authenticate(u"a"_s, a.value() + u"x"_s).value());
        QVERIFY(!devices.authenticate(u"ghost"_s, a.value()).value());
    }

    void enrollingTwiceIsADuplicate()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        DeviceStore devices(*db);
        const auto first = devices.enrol(u"a"_s);
        OTA_VERIFY_OK(first);
        const auto again = devices.enrol(u"a"_s);
        QVERIFY(!again);
        QCOMPARE(again.error().kind, StoreError::Kind::Duplicate);
        QCOMPARE(again.error().message, u"device a is already enrolled"_s);
        QVERIFY(devices.authenticate(u"a"_s, first.value()).value()); // the first secret still holds
    }

    void badDeviceIdsAreRefused_data()
    {
        QTest::addColumn<QString>("deviceId");
        QTest::newRow("empty") << QString();
        QTest::newRow("space") << u"a b"_s;
        QTest::newRow("slash") << u"a/b"_s;
        QTest::newRow("quote") << u"a'b"_s;
        QTest::newRow("65 characters") << QString(65, u'x');
        QTest::newRow("non-ASCII") << u"sensör"_s;
    }

    void badDeviceIdsAreRefused()
    {
        QFETCH(QString, deviceId);
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        DeviceStore devices(*db);
        const auto refused = devices.enrol(deviceId);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, StoreError::Kind::InvalidInput);
        QVERIFY(devices.list()->isEmpty());
    }

    void aCheckInUpdatesTheDeviceAndAppendsToItsHistory()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        QDateTime now = QDateTime::fromString(u"2024-07-01T10:00:00Z"_s, Qt::ISODate);
        db->setClock([&now] { return now; });
        DeviceStore devices(*db);
        OTA_VERIFY_OK(devices.enrol(u"s1"_s));
        for (int i = 1; i <= 3; ++i) {
            now = now.addSecs(300);
            const auto device = devices.checkIn(report(u"s1"_s, u"2.3.%1"_s.arg(i), i, now.addSecs(300)));
            OTA_VERIFY_OK(device);
            QCOMPARE(device->version, u"2.3.%1"_s.arg(i));
            QCOMPARE(device->lastSeen, now);
            QCOMPARE(device->nextExpected, now.addSecs(300));
        }
        const auto device = devices.find(u"s1"_s).value().value();
        QCOMPARE(device.battery, 87);
        QCOMPARE(device.rssi, -61);
        QCOMPARE(device.uptimeS, 3600);
        QCOMPARE(device.bootCount, 3);
        QCOMPARE(device.board, u"esp32-devkitc"_s);
        QCOMPARE(device.health.value(u"sensors"_s).toString(), u"ok"_s);
        const auto history = devices.history(u"s1"_s, 2);
        OTA_VERIFY_OK(history);
        QCOMPARE(history->size(), 2);
        QCOMPARE(history->at(0).version, u"2.3.3"_s); // newest first
        QCOMPARE(history->at(1).version, u"2.3.2"_s);
        QCOMPARE(history->at(0).at, now);
        QCOMPARE(history->at(0).bootCount, 3);
        QCOMPARE(history->at(0).health.value(u"mqtt"_s).toBool(), true);
        QCOMPARE(devices.history(u"s1"_s)->size(), 3);
    }

    void theOtaSlotSizeIsKeptUntilTheDeviceSaysAnother()
    {
        // The partition table changes only with a serial flash: a check-in
        // that does not say the size leaves the last one known.
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        DeviceStore devices(*db);
        OTA_VERIFY_OK(devices.enrol(u"s1"_s));
        QCOMPARE(devices.find(u"s1"_s).value().value().otaSlotBytes, std::nullopt);
        CheckIn r = report(u"s1"_s, u"1.0.0"_s, 1);
        r.otaSlotBytes = 0x1E0000;
        OTA_VERIFY_OK(devices.checkIn(r));
        QCOMPARE(devices.find(u"s1"_s).value().value().otaSlotBytes, 0x1E0000);
        r.otaSlotBytes.reset();
        OTA_VERIFY_OK(devices.checkIn(r));
        QCOMPARE(devices.find(u"s1"_s).value().value().otaSlotBytes, 0x1E0000);
        r.otaSlotBytes = 0x140000;
        OTA_VERIFY_OK(devices.checkIn(r));
        QCOMPARE(devices.list().value().first().otaSlotBytes, 0x140000);
    }

    void unknownValuesStayUnknown()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        DeviceStore devices(*db);
        OTA_VERIFY_OK(devices.enrol(u"s1"_s));
        CheckIn r = report(u"s1"_s, u"1.0.0"_s, 1);
        r.battery.reset();
        r.rssi.reset();
        OTA_VERIFY_OK(devices.checkIn(r));
        const auto device = devices.find(u"s1"_s).value().value();
        QCOMPARE(device.battery, std::nullopt);
        QCOMPARE(device.rssi, std::nullopt);
        QVERIFY(!device.nextExpected.isValid());
        QCOMPARE(devices.history(u"s1"_s)->first().battery, std::nullopt);
    }

    void aCheckInFromAnUnknownDeviceIsRefusedAndLeavesNothing()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        DeviceStore devices(*db);
        const auto refused = devices.checkIn(report(u"ghost"_s, u"1.0"_s, 1));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, StoreError::Kind::NotFound);
        QCOMPARE(refused.error().message, u"device ghost is not enrolled"_s);
        QVERIFY(devices.history(u"ghost"_s)->isEmpty());
    }

    void devicesAreFilteredByVersionAndByBeingOverdue()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        const QDateTime now = QDateTime::fromString(u"2024-07-01T10:00:00Z"_s, Qt::ISODate);
        db->setClock([now] { return now; });
        DeviceStore devices(*db);
        for (const QString &id : {u"a"_s, u"b"_s, u"c"_s, u"never-seen"_s})
            OTA_VERIFY_OK(devices.enrol(id));
        OTA_VERIFY_OK(devices.checkIn(report(u"a"_s, u"2.3.1"_s, 1, now.addSecs(-600)))); // overdue
        OTA_VERIFY_OK(devices.checkIn(report(u"b"_s, u"2.3.1"_s, 1, now.addSecs(600))));
        OTA_VERIFY_OK(devices.checkIn(report(u"c"_s, u"2.3.2"_s, 1, now.addSecs(-1)))); // overdue
        const auto ids = [](const QList<Device> &list) {
            QStringList out;
            for (const Device &d : list)
                out.append(d.deviceId);
            return out;
        };
        QCOMPARE(ids(devices.list().value()), (QStringList{u"a"_s, u"b"_s, u"c"_s, u"never-seen"_s}));
        QCOMPARE(ids(devices.list({u"2.3.1"_s, {}, {}, 0}).value()), (QStringList{u"a"_s, u"b"_s}));
        QCOMPARE(ids(devices.list({{}, {}, now, 0}).value()), (QStringList{u"a"_s, u"c"_s}));
        QCOMPARE(ids(devices.list({u"2.3.2"_s, {}, now, 0}).value()), QStringList{u"c"_s});
        QCOMPARE(ids(devices.list({{}, {}, {}, 2}).value()), (QStringList{u"a"_s, u"b"_s}));
        QVERIFY(devices.find(u"a"_s).value()->overdueAt(now));
        QVERIFY(!devices.find(u"b"_s).value()->overdueAt(now));
    }

    void theFleetIsTalliedByVersionWithOverdueAndNeverSeen()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        const QDateTime now = QDateTime::fromString(u"2024-07-01T10:00:00Z"_s, Qt::ISODate);
        db->setClock([now] { return now; });
        DeviceStore devices(*db);
        QCOMPARE(devices.tally(now).value(), FleetTally{});
        for (const QString &id : {u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"never-1"_s, u"never-2"_s})
            OTA_VERIFY_OK(devices.enrol(id));
        OTA_VERIFY_OK(devices.checkIn(report(u"a"_s, u"2.3.1"_s, 1, now.addSecs(-600)))); // overdue
        OTA_VERIFY_OK(devices.checkIn(report(u"b"_s, u"2.3.1"_s, 1, now.addSecs(600))));
        OTA_VERIFY_OK(devices.checkIn(report(u"c"_s, u"2.3.2"_s, 1, now.addSecs(-1)))); // overdue
        OTA_VERIFY_OK(devices.checkIn(report(u"d"_s, u"2.3.2"_s, 1)));                // no next check-in said
        const auto tally = devices.tally(now);
        OTA_VERIFY_OK(tally);
        QCOMPARE(tally->devices, 6);
        QCOMPARE(tally->versions, (QMap<QString, int>{{u"2.3.1"_s, 2}, {u"2.3.2"_s, 2}}));
        QCOMPARE(tally->overdue, 2);
        QCOMPARE(tally->neverSeen, 2);
        // The same as counting the listing by hand.
        int overdueInListing = 0;
        const auto listing = devices.list();
        OTA_VERIFY_OK(listing);
        for (const Device &device : listing.value())
            overdueInListing += device.lastSeen.isValid() && device.overdueAt(now) ? 1 : 0;
        QCOMPARE(overdueInListing, tally->overdue);
    }

    void tagsCanBeChanged()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        DeviceStore devices(*db);
        OTA_VERIFY_OK(devices.enrol(u"s1"_s));
        OTA_VERIFY_OK(devices.setTags(u"s1"_s, {u"floor-2"_s, u"pilot"_s}));
        QCOMPARE(devices.find(u"s1"_s).value()->tags, (QStringList{u"floor-2"_s, u"pilot"_s}));
        const auto unknown = devices.setTags(u"ghost"_s, {});
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, StoreError::Kind::NotFound);
    }

private:
    StoreFixture m_fixture;
};

QTEST_GUILESS_MAIN(TestDeviceStore)
#include "tst_devicestore.moc"
