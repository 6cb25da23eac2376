#include <QTest>

#include "discovery/serviceinstance.h"
#include "espota/pushimage.h"
#include "espota/pushoutcome.h"
#include "espota/pushtarget.h"
#include "testimagebuilder.h"

using namespace Espota;
using namespace Qt::Literals::StringLiterals;

namespace
{
    PushTarget boardTarget(const QString &board, const QString &name = u"dev"_s)
    {
        PushTarget target;
        target.name = name;
        target.address = QHostAddress(u"127.0.0.5"_s);
        target.board = board;
        return target;
    }

    PushImage esp32Image(quint16 chipId = 0) // 0 ESP32, 5 ESP32-C3, 9 ESP32-S3
    {
        return PushImage::fromBytes(TestSupport::TestImageBuilder(chipId).setVersion(u"2.0.0"_s).build(), u"fw.bin"_s);
    }
} // namespace

// Who a push goes to, and whether the image suits that device.
class TestPushTarget final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void boardTxtTellsTheFamily_data()
    {
        QTest::addColumn<QString>("board");
        QTest::addColumn<int>("family"); // -1 unknown
        QTest::newRow("ESP32 variant") << u"esp32"_s << int(Firmware::ChipFamily::Esp32);
        QTest::newRow("S3 board name") << u"adafruit_feather_esp32s3"_s << int(Firmware::ChipFamily::Esp32);
        QTest::newRow("ESP8266 board id") << u"nodemcuv2"_s << int(Firmware::ChipFamily::Esp8266);
        QTest::newRow("ESP8266 generic") << u"generic"_s << int(Firmware::ChipFamily::Esp8266);
        QTest::newRow("custom name says nothing") << u"boiler_controller"_s << -1;
    }
    void boardTxtTellsTheFamily()
    {
        QFETCH(QString, board);
        QFETCH(int, family);
        const auto found = boardTarget(board).family();
        QCOMPARE(found ? int(*found) : -1, family);
    }

    void portAndHostNameTellTheFamilyWhenTheBoardDoesNot()
    {
        PushTarget target = boardTarget({}, u"esp8266-1a2b3c"_s);
        QCOMPARE(target.family(), Firmware::ChipFamily::Esp8266);
        QCOMPARE(target.effectivePort(), 8266);
        target = boardTarget({}, u"10.0.0.4"_s);
        target.port = 3232;
        QCOMPARE(target.family(), Firmware::ChipFamily::Esp32);
    }

    void boardNamesTheChipOnlyWhenItSaysWhichOne()
    {
        QCOMPARE(boardTarget(u"esp32s3"_s).chip()->key, u"esp32s3"_s);
        QCOMPARE(boardTarget(u"XIAO_ESP32C3"_s).chip()->key, u"esp32c3"_s);
        QCOMPARE(boardTarget(u"esp32"_s).chip()->key, u"esp32"_s);
        QVERIFY(!boardTarget(u"m5stack_core_esp32"_s).chip()); // an ESP32 family board, chip not named
    }

    void addressTextIsIpv4WithAnOptionalPort_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("port");
        QTest::newRow("address") << u"192.168.1.20"_s << true << 0;
        QTest::newRow("address and port") << u"127.0.0.5:8266"_s << true << 8266;
        QTest::newRow("port zero") << u"127.0.0.5:0"_s << false << 0;
        QTest::newRow("port too big") << u"127.0.0.5:70000"_s << false << 0;
        QTest::newRow("name") << u"esp32-abc"_s << false << 0;
        QTest::newRow("IPv6") << u"::1"_s << false << 0;
    }
    void addressTextIsIpv4WithAnOptionalPort()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(int, port);
        const auto target = PushTarget::fromAddressText(text);
        QCOMPARE(target.hasValue(), valid);
        if (valid)
            QCOMPARE(target->port, port);
        else
            QVERIFY(target.error().contains(text));
    }

    void anAnnouncedInstanceBecomesATarget()
    {
        Discovery::ServiceInstance instance;
        instance.instanceName = u"esp32-0a1b2c3d4e5f"_s;
        instance.port = 3232;
        instance.addresses = {QHostAddress(u"::1"_s), QHostAddress(u"127.0.0.9"_s)};
        instance.txt = {{u"board"_s, u"esp32"_s}, {u"auth_upload"_s, u"yes"_s}, {u"fw_version"_s, u"1.4.0"_s}};
        const PushTarget target = PushTarget::fromService(instance);
        QCOMPARE(target.address, QHostAddress(u"127.0.0.9"_s));
        QCOMPARE(target.announcedVersion, u"1.4.0"_s);
        QCOMPARE(target.announcesPassword, true);
        QVERIFY(target.heardOnMdns);
    }

    // ESPHome: the SRV port is the API's, `version` is ESPHome's release.
    void anEsphomeInstanceBecomesAnEsphomeTarget()
    {
        Discovery::ServiceInstance instance;
        instance.instanceName = u"kitchen-sensor"_s;
        instance.serviceType = u"_esphomelib._tcp"_s;
        instance.port = 6053;
        instance.addresses = {QHostAddress(u"127.0.0.9"_s)};
        instance.txt = {{u"platform"_s, u"ESP8266"_s}, {u"board"_s, u"d1_mini"_s}, {u"version"_s, u"2025.11.2"_s},
                        {u"project_version"_s, u"1.2.0"_s}};
        const PushTarget target = PushTarget::fromService(instance);
        QCOMPARE(target.protocol, PushProtocol::Esphome);
        QCOMPARE(target.effectivePort(), quint16(8266));
        QCOMPARE(target.announcedVersion, u"1.2.0"_s);
        QCOMPARE(target.esphomeVersion, u"2025.11.2"_s);
        QCOMPARE(target.family(), Firmware::ChipFamily::Esp8266);
        QCOMPARE(pushProtocolFromName(u"esphome"), PushProtocol::Esphome);
        QVERIFY(!pushProtocolFromName(u"zigbee"));
    }

    void versionKeysAreReadInOrder()
    {
        QCOMPARE(versionFromTxt({{u"project_version"_s, u"3"_s}, {u"fw_version"_s, u"2"_s}}), u"2"_s);
        QCOMPARE(versionFromTxt({{u"project_version"_s, u"3"_s}}), u"3"_s);
        QCOMPARE(versionFromTxt({}), QString());
    }

    void matchingImageIsAccepted()
    {
        QVERIFY(!imageRefusal(esp32Image(), boardTarget(u"esp32"_s), Command::Flash));
        QVERIFY(!imageRefusal(esp32Image(9), boardTarget(u"adafruit_feather_esp32s3"_s), Command::Flash));
        QVERIFY(!imageRefusal(esp32Image(), boardTarget(u"boiler_controller"_s), Command::Flash));
    }

    void esp8266ImageToAnEsp32IsRefused()
    {
        const PushImage image = PushImage::fromBytes(TestSupport::buildEsp8266Image(), u"esp8266.bin"_s);
        const auto refusal = imageRefusal(image, boardTarget(u"esp32"_s, u"esp32-bench"_s), Command::Flash);
        QVERIFY(refusal);
        QVERIFY2(refusal->contains(u"ESP8266"_s) && refusal->contains(u"esp32-bench"_s), qPrintable(*refusal));
        QVERIFY(refusal->contains(u"--force"_s));
    }

    void esp32ImageToAnEsp8266IsRefused()
    {
        const auto refusal = imageRefusal(esp32Image(), boardTarget(u"nodemcuv2"_s), Command::Flash);
        QVERIFY(refusal);
        QVERIFY(refusal->contains(u"an ESP8266"_s));
    }

    void espImageToAnEsphomeNodeOnAnotherChipIsRefused_data()
    {
        QTest::addColumn<QString>("platform");
        QTest::addColumn<QString>("board");
        QTest::newRow("Raspberry Pi Pico W") << u"RP2040"_s << u"rpipicow"_s;
        QTest::newRow("LibreTiny Beken") << u"BK72XX"_s << u"cb2s"_s;
        QTest::newRow("LibreTiny Realtek") << u"RTL87XX"_s << u"wr3"_s;
    }

    void espImageToAnEsphomeNodeOnAnotherChipIsRefused()
    {
        QFETCH(QString, platform);
        QFETCH(QString, board);
        PushTarget target = boardTarget(board, u"porch-light"_s);
        target.protocol = PushProtocol::Esphome;
        target.platform = platform;
        const auto refusal = imageRefusal(esp32Image(), target, Command::Flash);
        QVERIFY(refusal);
        QVERIFY2(refusal->contains(u"porch-light runs ESPHome on %1"_s.arg(platform)), qPrintable(*refusal));
        QVERIFY(refusal->contains(u"--force"_s));
        // The same image suits an ESPHome node on an ESP32.
        target.platform = u"ESP32"_s;
        target.board = u"esp32dev"_s;
        QVERIFY(!imageRefusal(esp32Image(), target, Command::Flash));
    }

    void wrongChipOfTheFamilyIsRefused()
    {
        const auto refusal = imageRefusal(esp32Image(5), boardTarget(u"esp32s3"_s), Command::Flash);
        QVERIFY(refusal);
        QVERIFY2(refusal->contains(u"ESP32-C3"_s) && refusal->contains(u"ESP32-S3"_s), qPrintable(*refusal));
    }

    void nonAppImageAsFirmwareIsRefused()
    {
        const PushImage littlefs = PushImage::fromBytes(QByteArray(4096, '\xff'), u"littlefs.bin"_s);
        const auto refusal = imageRefusal(littlefs, boardTarget(u"esp32"_s), Command::Flash);
        QVERIFY(refusal);
        QVERIFY2(refusal->contains(u"cannot be pushed as firmware"_s), qPrintable(*refusal));
        QVERIFY(refusal->contains(u"--fs"_s));
        QVERIFY(!imageRefusal(littlefs, boardTarget(u"esp32"_s), Command::Filesystem));
    }

    void appImageAsFilesystemIsRefused()
    {
        const auto refusal = imageRefusal(esp32Image(), boardTarget(u"esp32"_s), Command::Filesystem);
        QVERIFY(refusal);
        QVERIFY(refusal->contains(u"without --fs"_s));
    }

    void loadSaysWhatIsWrongWithTheFile()
    {
        const auto missing = PushImage::load(u"/nonexistent/fw.bin"_s);
        QVERIFY(!missing);
        QVERIFY(missing.error().contains(u"/nonexistent/fw.bin"_s));
    }

    void deviceErrorsBecomeAdvice_data()
    {
        QTest::addColumn<QString>("deviceText");
        QTest::addColumn<QString>("advice");
        QTest::newRow("ESP32 magic") << u"Wrong Magic Byte"_s << u"--fs"_s;
        QTest::newRow("ESP8266 magic") << u"ERROR[10]: Magic byte is not 0xE9"_s << u"--fs"_s;
        QTest::newRow("space") << u"Not Enough Space"_s << u"partition"_s;
        QTest::newRow("ESP32 MD5") << u"MD5 Check Failed"_s << u"push again"_s;
        QTest::newRow("ESP8266 MD5") << u"ERROR[7]: MD5 verification failed: expected: a, calculated: b"_s << u"push again"_s;
        QTest::newRow("no partition") << u"Partition Could Not be Found"_s << u"partition table"_s;
        QTest::newRow("signature") << u"ERROR[12]: Signature verification failed"_s << u"key"_s;
        QTest::newRow("unknown kept verbatim") << u"Flux capacitor"_s << u"\"Flux capacitor\""_s;
    }
    void deviceErrorsBecomeAdvice()
    {
        QFETCH(QString, deviceText);
        QFETCH(QString, advice);
        const QString message = explainDeviceError(deviceText, 1000);
        QVERIFY2(message.contains(advice), qPrintable(message));
        QVERIFY(message.contains(deviceText));
    }

    void onlyNetworkFailuresAreRetried()
    {
        QVERIFY(isNetworkFailure(PushFailure::NoAnswer));
        QVERIFY(isNetworkFailure(PushFailure::ConnectionLost));
        QVERIFY(isNetworkFailure(PushFailure::NoConnectBack));
        QVERIFY(!isNetworkFailure(PushFailure::AuthenticationFailed));
        QVERIFY(!isNetworkFailure(PushFailure::DeviceError));
        QVERIFY(!isNetworkFailure(PushFailure::DeviceRefused));
        QVERIFY(!isNetworkFailure(PushFailure::ResultLost));
    }
};

QTEST_GUILESS_MAIN(TestPushTarget)
#include "tst_pushtarget.moc"
