#include <QTest>

#include "espota/ackstream.h"

using namespace Espota;

// What a device writes back during an ArduinoOTA transfer: decimal counts
// with no delimiter, then OK or an error text (PROTOCOLS.md 1.5).
class TestAckStream final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void coalescedCountsAreSplitAsADeviceReadingSegmentsWrites_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<qint64>("sent");
        QTest::addColumn<qint64>("acknowledged");
        QTest::addColumn<qint64>("largestRead");
        QTest::newRow("one ack") << QByteArray("1460") << qint64(1460) << qint64(1460) << qint64(16 * 1024);
        QTest::newRow("two full segments") << QByteArray("14601460") << qint64(2920) << qint64(2920) << qint64(16 * 1024);
        QTest::newRow("full then short") << QByteArray("1460536") << qint64(1996) << qint64(1996) << qint64(16 * 1024);
        QTest::newRow("three of 1024") << QByteArray("102410241024") << qint64(4096) << qint64(3072) << qint64(16 * 1024);
        QTest::newRow("short read then full") << QByteArray("121460") << qint64(1472) << qint64(1472) << qint64(16 * 1024);
        QTest::newRow("ESP8266 buffer-sized acks") << QByteArray("40964096") << qint64(8192) << qint64(8192) << qint64(16 * 1024);
        QTest::newRow("never more than sent") << QByteArray("14601460") << qint64(2000) << qint64(2000) << qint64(16 * 1024);
        QTest::newRow("ESP32 reads at most 1460: exact") << QByteArray("146014601460") << qint64(16384) << qint64(4380) << AckStream::Esp32LargestRead;
        QTest::newRow("unknown device: off by at most what was sent") << QByteArray("146014601460") << qint64(6000) << qint64(6000) << qint64(16 * 1024);
        QTest::newRow("nothing yet") << QByteArray() << qint64(1460) << qint64(0) << qint64(16 * 1024);
    }
    void coalescedCountsAreSplitAsADeviceReadingSegmentsWrites()
    {
        QFETCH(QByteArray, wire);
        QFETCH(qint64, sent);
        QFETCH(qint64, acknowledged);
        QFETCH(qint64, largestRead);
        AckStream acks(largestRead);
        acks.append(wire);
        QCOMPARE(acks.acknowledged(sent), acknowledged);
        QVERIFY(!acks.hasResultText());
    }

    void aCountSplitAcrossReadsIsCorrectedWhenTheRestArrives()
    {
        AckStream acks(16 * 1024);
        acks.append("14");
        QCOMPARE(acks.acknowledged(1460), 14);
        acks.append("60");
        QCOMPARE(acks.acknowledged(1460), 1460);
    }

    void aLongTransferAddsUpExactly()
    {
        // 1 MiB in 1460-byte reads plus the remainder, delivered in odd pieces.
        const qint64 total = 1024 * 1024;
        QByteArray wire;
        qint64 left = total;
        while (left > 0) {
            const qint64 n = std::min<qint64>(1460, left);
            wire += QByteArray::number(n);
            left -= n;
        }
        AckStream acks(16 * 1024);
        for (qsizetype at = 0; at < wire.size(); at += 7)
            acks.append(QByteArrayView(wire).sliced(at, std::min<qsizetype>(7, wire.size() - at)));
        QCOMPARE(acks.acknowledged(total), total);
    }

    void okAfterTheCountsIsTheResult()
    {
        AckStream acks(16 * 1024);
        acks.append("1460536O");
        QVERIFY(acks.hasResultText());
        QVERIFY(!acks.resultComplete()); // "O" may be the start of "OK"
        acks.append("K");
        QVERIFY(acks.resultComplete());
        QVERIFY(acks.resultIsOk());
        QCOMPARE(acks.acknowledged(1996), 1996);
    }

    void errorTextsKeepTheirDigits()
    {
        AckStream acks(16 * 1024);
        acks.append("4096ERROR[7]: MD5 verification failed: expected: 12, calculated: 34\n");
        QVERIFY(acks.resultComplete());
        QVERIFY(!acks.resultIsOk());
        QCOMPARE(acks.resultText(), "ERROR[7]: MD5 verification failed: expected: 12, calculated: 34");
        QCOMPARE(acks.acknowledged(8192), 4096);
    }

    void esp32ErrorEndsWithCrLf()
    {
        AckStream acks(16 * 1024);
        acks.append("1460MD5 Check Failed\r\n");
        QVERIFY(acks.resultComplete());
        QCOMPARE(acks.resultText(), "MD5 Check Failed");
    }
};

QTEST_GUILESS_MAIN(TestAckStream)
#include "tst_ackstream.moc"
