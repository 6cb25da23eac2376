// The LAN page's device list: rows from mDNS instances, offline rows that
// stay, the image check per device, ages, under QAbstractItemModelTester.
#include <QAbstractItemModelTester>
#include <QTest>

#include "models/landevicemodel.h"
#include "models/modelroles.h"
#include "models/statekind.h"
#include "testimagebuilder.h"

using namespace Qt::Literals::StringLiterals;
using Models::LanDeviceModel;

namespace
{
    const QDateTime Heard = QDateTime(QDate(2026, 12, 2), QTime(15, 0), Qt::UTC);

    Discovery::ServiceInstance instance(const QString &name, const QString &type, const QString &address,
                                        const QHash<QString, QString> &txt)
    {
        Discovery::ServiceInstance i;
        i.instanceName = name;
        i.serviceType = type;
        i.fullName = Discovery::DnsName::serviceInstance(name, Discovery::DnsName::fromDotted(QString(type + u".local"_s)));
        i.hostName = name + u".local"_s;
        i.port = type == u"_arduino._tcp"_s ? 3232 : 6053;
        i.addresses = {QHostAddress(address)};
        i.txt = txt;
        i.lastHeard = Heard;
        i.firstSeen = Heard;
        return i;
    }

    Discovery::ServiceInstance arduino(const QString &name, const QString &address, const QString &board = u"esp32"_s)
    {
        return instance(name, u"_arduino._tcp"_s, address,
                        {{u"board"_s, board}, {u"auth_upload"_s, u"yes"_s}, {u"version"_s, u"1.0.0"_s}});
    }

    Discovery::ServiceInstance esphome(const QString &name, const QString &address)
    {
        return instance(name, u"_esphomelib._tcp"_s, address,
                        {{u"platform"_s, u"ESP32"_s}, {u"board"_s, u"esp32dev"_s}, {u"version"_s, u"2025.11.2"_s},
                         {u"project_version"_s, u"1.2.0"_s}});
    }

    QString cell(const LanDeviceModel &model, int row, int column, int role = Qt::DisplayRole)
    {
        return model.data(model.index(row, column), role).toString();
    }

    std::shared_ptr<const Espota::PushImage> image(quint16 chipId)
    {
        return std::make_shared<const Espota::PushImage>(Espota::PushImage::fromBytes(
            TestSupport::TestImageBuilder(chipId).setVersion(u"2.0.0"_s).build(), u"fw.bin"_s));
    }
} // namespace

class TestLanDeviceModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void instancesBecomeRowsOnce()
    {
        LanDeviceModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNow(Heard.addSecs(42));
        model.upsert(arduino(u"esp32-a"_s, u"127.0.0.10"_s));
        model.upsert(esphome(u"kitchen"_s, u"127.0.0.11"_s));
        model.upsert(arduino(u"esp32-a"_s, u"127.0.0.10"_s)); // again: the same row
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(cell(model, 0, LanDeviceModel::NameColumn), u"esp32-a"_s);
        QCOMPARE(cell(model, 0, LanDeviceModel::ProtocolColumn), u"ArduinoOTA"_s);
        QCOMPARE(cell(model, 0, LanDeviceModel::AddressColumn), u"127.0.0.10:3232"_s);
        QCOMPARE(cell(model, 0, LanDeviceModel::AuthColumn), u"password"_s);
        QCOMPARE(cell(model, 0, LanDeviceModel::VersionColumn), u"1.0.0"_s);
        QCOMPARE(cell(model, 0, LanDeviceModel::HeardColumn), u"42 s ago"_s);
        QCOMPARE(cell(model, 1, LanDeviceModel::ProtocolColumn), u"ESPHome"_s);
        QCOMPARE(cell(model, 1, LanDeviceModel::BoardColumn), u"esp32dev (ESP32)"_s);
        QCOMPARE(cell(model, 1, LanDeviceModel::AddressColumn), u"127.0.0.11:3232"_s); // OTA port, not the API's
        QCOMPARE(cell(model, 1, LanDeviceModel::VersionColumn), u"1.2.0 (ESPHome 2025.11.2)"_s);
        QCOMPARE(cell(model, 1, LanDeviceModel::AuthColumn), u"not announced"_s);
        // Sorted on the raw address, not its text.
        QCOMPARE(model.data(model.index(0, LanDeviceModel::AddressColumn), Models::SortRole).toUInt(),
                 QHostAddress(u"127.0.0.10"_s).toIPv4Address());
    }

    void unresolvedInstancesAreLeftOut()
    {
        LanDeviceModel model;
        Discovery::ServiceInstance half = arduino(u"esp32-b"_s, u"127.0.0.12"_s);
        half.addresses.clear();
        model.upsert(half);
        QCOMPARE(model.rowCount(), 0);
    }

    void aDeviceThatLeavesStaysMarkedOffline()
    {
        LanDeviceModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto gone = arduino(u"esp32-a"_s, u"127.0.0.10"_s);
        model.upsert(gone);
        model.setNow(Heard.addSecs(125));
        model.markGone(gone, Discovery::RemovalReason::CheckFailed);
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(!model.device(0).online);
        QVERIFY(!model.device(0).target.heardOnMdns);
        QCOMPARE(cell(model, 0, LanDeviceModel::HeardColumn), u"offline (check failed), 2 min ago"_s);
        QCOMPARE(model.data(model.index(0, LanDeviceModel::HeardColumn), Models::StateKindRole).toInt(),
                 int(Models::StateKind::Unknown));
        model.upsert(gone); // heard again
        QVERIFY(model.device(0).online);
    }

    // Before anything is sent: each row says whether the image suits it, and why not.
    void theImageIsCheckedPerDevice()
    {
        LanDeviceModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsert(arduino(u"esp32-a"_s, u"127.0.0.10"_s));
        model.upsert(arduino(u"s3-board"_s, u"127.0.0.11"_s, u"esp32s3"_s));
        QCOMPARE(cell(model, 0, LanDeviceModel::ImageCheckColumn), QString());
        model.setImage(image(0)); // an ESP32 image
        QCOMPARE(cell(model, 0, LanDeviceModel::ImageCheckColumn), u"suits this device"_s);
        QVERIFY(model.device(1).imageRefusal.has_value());
        QVERIFY2(cell(model, 1, LanDeviceModel::ImageCheckColumn).contains(u"ESP32-S3"_s, Qt::CaseInsensitive),
                 qPrintable(cell(model, 1, LanDeviceModel::ImageCheckColumn)));
        QCOMPARE(model.data(model.index(1, LanDeviceModel::ImageCheckColumn), Models::StateKindRole).toInt(),
                 int(Models::StateKind::Bad));
        model.setImage(nullptr);
        QVERIFY(!model.device(1).imageRefusal);
    }

    void agesReadAsAgesAtEveryScale_data()
    {
        QTest::addColumn<int>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("seconds") << 5 << u"5 s ago"_s;
        QTest::newRow("minutes") << 600 << u"10 min ago"_s;
        QTest::newRow("hours") << 7200 << u"2 h ago"_s;
        QTest::newRow("days") << 3 * 86400 << u"3 days ago"_s;
        QTest::newRow("clock behind") << -5 << u"0 s ago"_s;
    }
    void agesReadAsAgesAtEveryScale()
    {
        QFETCH(int, seconds);
        QFETCH(QString, text);
        LanDeviceModel model;
        model.upsert(arduino(u"esp32-a"_s, u"127.0.0.10"_s));
        model.setNow(Heard.addSecs(seconds));
        QCOMPARE(cell(model, 0, LanDeviceModel::HeardColumn), text);
    }
};

QTEST_GUILESS_MAIN(TestLanDeviceModel)
#include "tst_landevicemodel.moc"
