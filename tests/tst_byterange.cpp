#include <QTest>

#include "http/byterange.h"

using Http::ByteRange;
using Kind = ByteRange::Kind;

// The Range header a device sends to resume a download, read as
// RFC 9110 14.1.2 says, for one range only.
class TestByteRange final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<int>("kind");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<qint64>("length");
        // A body of 1000 bytes.
        QTest::newRow("no header: everything") << QByteArray() << int(Kind::Whole) << qint64(0) << qint64(1000);
        QTest::newRow("from 100 on") << QByteArray("bytes=100-") << int(Kind::Part) << qint64(100) << qint64(900);
        QTest::newRow("100 to 199") << QByteArray("bytes=100-199") << int(Kind::Part) << qint64(100) << qint64(100);
        QTest::newRow("one byte") << QByteArray("bytes=0-0") << int(Kind::Part) << qint64(0) << qint64(1);
        QTest::newRow("end clipped") << QByteArray("bytes=900-5000") << int(Kind::Part) << qint64(900) << qint64(100);
        QTest::newRow("last 10") << QByteArray("bytes=-10") << int(Kind::Part) << qint64(990) << qint64(10);
        QTest::newRow("last 5000: all") << QByteArray("bytes=-5000") << int(Kind::Part) << qint64(0) << qint64(1000);
        QTest::newRow("spaces around") << QByteArray(" bytes= 5 - 9 ") << int(Kind::Part) << qint64(5) << qint64(5);
        QTest::newRow("at the end") << QByteArray("bytes=1000-") << int(Kind::Unsatisfiable) << qint64(0) << qint64(0);
        QTest::newRow("last 0") << QByteArray("bytes=-0") << int(Kind::Unsatisfiable) << qint64(0) << qint64(0);
        QTest::newRow("end before start") << QByteArray("bytes=9-5") << int(Kind::Malformed) << qint64(0) << qint64(0);
        QTest::newRow("two ranges") << QByteArray("bytes=0-1,5-6") << int(Kind::Malformed) << qint64(0) << qint64(0);
        QTest::newRow("other unit") << QByteArray("items=0-1") << int(Kind::Malformed) << qint64(0) << qint64(0);
        QTest::newRow("no dash") << QByteArray("bytes=5") << int(Kind::Malformed) << qint64(0) << qint64(0);
        QTest::newRow("negative") << QByteArray("bytes=-5-9") << int(Kind::Malformed) << qint64(0) << qint64(0);
        QTest::newRow("letters") << QByteArray("bytes=a-b") << int(Kind::Malformed) << qint64(0) << qint64(0);
        QTest::newRow("overflow") << QByteArray("bytes=99999999999999999999-") << int(Kind::Malformed) << qint64(0)
                                  << qint64(0);
        QTest::newRow("empty") << QByteArray("") << int(Kind::Malformed) << qint64(0) << qint64(0);
    }

    void parse()
    {
        QFETCH(QByteArray, header);
        QFETCH(int, kind);
        QFETCH(qint64, offset);
        QFETCH(qint64, length);
        const ByteRange range = ByteRange::parse(header, 1000);
        QCOMPARE(int(range.kind), kind);
        if (range.kind == Kind::Part || range.kind == Kind::Whole) {
            QCOMPARE(range.offset, offset);
            QCOMPARE(range.length, length);
        }
    }

    void contentRangeNamesTheBytesAndTheSize()
    {
        QCOMPARE(ByteRange::parse("bytes=100-199", 1000).contentRange(1000), QByteArray("bytes 100-199/1000"));
        QCOMPARE(ByteRange::parse("bytes=1000-", 1000).contentRange(1000), QByteArray("bytes */1000"));
    }

    void anEmptyBodyHasNoRange()
    {
        QCOMPARE(ByteRange::parse("bytes=0-", 0).kind, Kind::Unsatisfiable);
        QCOMPARE(ByteRange::parse("bytes=-1", 0).kind, Kind::Unsatisfiable);
    }
};

QTEST_GUILESS_MAIN(TestByteRange)
#include "tst_byterange.moc"
