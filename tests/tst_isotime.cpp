#include <QTest>

#include "rollout/isotime.h"

using namespace Qt::Literals::StringLiterals;

// Times on the wire are read by IsoTime::parse: the server's own spelling
// fast, and every text exactly as QDateTime::fromString(ISODateWithMs)
// reads it.
class TestIsoTime final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEveryTextAsQtDoes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("server spelling") << u"2026-12-03T13:50:46.123Z"_s;
        QTest::newRow("no milliseconds") << u"2026-12-03T13:50:46Z"_s;
        QTest::newRow("midnight") << u"2026-01-01T00:00:00.000Z"_s;
        QTest::newRow("last millisecond of a leap year") << u"2024-12-31T23:59:59.999Z"_s;
        QTest::newRow("leap day") << u"2024-02-29T12:00:00.000Z"_s;
        QTest::newRow("year 1") << u"0001-01-01T00:00:00.000Z"_s;
        QTest::newRow("with an offset") << u"2026-12-03T14:50:46.123+01:00"_s;
        QTest::newRow("local, no zone") << u"2026-12-03T13:50:46.123"_s;
        QTest::newRow("24:00 is the next midnight") << u"2026-12-03T24:00:00.000Z"_s;
        QTest::newRow("not a leap year") << u"2026-02-29T12:00:00.000Z"_s;
        QTest::newRow("month 13") << u"2026-13-01T12:00:00.000Z"_s;
        QTest::newRow("hour 25") << u"2026-12-03T25:00:00.000Z"_s;
        QTest::newRow("minute 60") << u"2026-12-03T13:60:00.000Z"_s;
        QTest::newRow("second 60") << u"2026-12-03T13:50:60.000Z"_s;
        QTest::newRow("year 0") << u"0000-06-01T12:00:00.000Z"_s;
        QTest::newRow("letters") << u"2026-1x-03T13:50:46.123Z"_s;
        QTest::newRow("space for T") << u"2026-12-03 13:50:46.123Z"_s;
        QTest::newRow("comma for the dot") << u"2026-12-03T13:50:46,123Z"_s;
        QTest::newRow("empty") << QString();
        QTest::newRow("date only") << u"2026-12-03"_s;
        QTest::newRow("Arabic-Indic digits") << u"٢٠٢٦-12-03T13:50:46.123Z"_s;
    }

    void readsEveryTextAsQtDoes()
    {
        QFETCH(QString, text);
        const QDateTime expected = QDateTime::fromString(text, Qt::ISODateWithMs);
        const QDateTime actual = Rollout::IsoTime::parse(text);
        QCOMPARE(actual.isValid(), expected.isValid());
        if (expected.isValid()) {
            QCOMPARE(actual.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
            QCOMPARE(actual.timeSpec(), expected.timeSpec());
        }
    }

    void theServerSpellingIsUtc()
    {
        const QDateTime at = Rollout::IsoTime::parse(u"2026-12-03T13:50:46.123Z");
        QCOMPARE(at, QDateTime(QDate(2026, 12, 3), QTime(13, 50, 46, 123), Qt::UTC));
        QCOMPARE(at.timeSpec(), Qt::UTC);
    }
};

QTEST_GUILESS_MAIN(TestIsoTime)
#include "tst_isotime.moc"
