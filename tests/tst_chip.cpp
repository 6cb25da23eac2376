#include <QTest>

#include "firmware/chip.h"

using namespace Firmware;
using namespace Qt::Literals::StringLiterals;

class TestChip final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyChipIdOfTheProtocolTableIsKnown_data()
    {
        QTest::addColumn<quint16>("id");
        QTest::addColumn<QString>("name");
        QTest::newRow("esp32") << quint16(0) << u"ESP32"_s;
        QTest::newRow("esp32s2") << quint16(2) << u"ESP32-S2"_s;
        QTest::newRow("esp32c3") << quint16(5) << u"ESP32-C3"_s;
        QTest::newRow("esp32s3") << quint16(9) << u"ESP32-S3"_s;
        QTest::newRow("esp32c2") << quint16(12) << u"ESP32-C2"_s;
        QTest::newRow("esp32c6") << quint16(13) << u"ESP32-C6"_s;
        QTest::newRow("esp32h2") << quint16(16) << u"ESP32-H2"_s;
        QTest::newRow("esp32p4") << quint16(18) << u"ESP32-P4"_s;
        QTest::newRow("esp32c61") << quint16(20) << u"ESP32-C61"_s;
        QTest::newRow("esp32c5") << quint16(23) << u"ESP32-C5"_s;
        QTest::newRow("esp32h21") << quint16(25) << u"ESP32-H21"_s;
        QTest::newRow("esp32h4") << quint16(28) << u"ESP32-H4"_s;
        QTest::newRow("esp32e22") << quint16(31) << u"ESP32-E22"_s;
        QTest::newRow("esp32s31") << quint16(32) << u"ESP32-S31"_s;
    }
    void everyChipIdOfTheProtocolTableIsKnown()
    {
        QFETCH(quint16, id);
        QFETCH(QString, name);
        const auto chip = chipByImageId(id);
        QVERIFY(chip);
        QCOMPARE(chip->name, name);
        QCOMPARE(chip->family, ChipFamily::Esp32);
        QCOMPARE(chipByName(name)->imageChipId, id);
    }

    void unknownAndInvalidChipIdsAreNotGuessed()
    {
        QVERIFY(!chipByImageId(0xFFFF));
        QVERIFY(!chipByImageId(1));
        QVERIFY(!chipByName(u"esp33"));
    }

    void namesAreMatchedLeniently()
    {
        QCOMPARE(chipByName(u"esp32-c3")->key, u"esp32c3"_s);
        QCOMPARE(chipByName(u" ESP32C3 ")->key, u"esp32c3"_s);
        QCOMPARE(chipByName(u"ESP8266")->family, ChipFamily::Esp8266);
        QVERIFY(!chipByName(u"ESP8266")->imageChipId);
    }

    void flashFieldsAreNamedPerChip()
    {
        QCOMPARE(flashModeName(2), u"DIO"_s);
        QCOMPARE(flashSizeName(ChipFamily::Esp32, 2), u"4MB"_s);
        QCOMPARE(flashSizeName(ChipFamily::Esp8266, 4), u"4MB"_s);
        QCOMPARE(flashSizeName(ChipFamily::Esp8266, 0), u"512KB"_s);
        QCOMPARE(flashFrequencyName(*chipByName(u"esp32"), 0xF), u"80m"_s);
        QCOMPARE(flashFrequencyName(*chipByName(u"esp32c2"), 0xF), u"60m"_s);
        QCOMPARE(flashFrequencyName(*chipByName(u"esp32h2"), 0x0), u"24m"_s);
        QVERIFY(flashFrequencyName(*chipByName(u"esp32"), 0x7).startsWith(u"unknown"));
    }
};

QTEST_GUILESS_MAIN(TestChip)
#include "tst_chip.moc"
