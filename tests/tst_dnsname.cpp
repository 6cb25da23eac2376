#include <QSet>
#include <QTest>

#include "discovery/dnsname.h"

using namespace Discovery;
using namespace Qt::Literals::StringLiterals;

namespace
{
    using Labels = QList<QByteArray>;
} // namespace

class TestDnsName final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromDottedSplitsAtUnescapedDotsOnly_data()
    {
        QTest::addColumn<QString>("dotted");
        QTest::addColumn<Labels>("labels");
        QTest::newRow("service type") << u"_arduino._tcp.local"_s << Labels {"_arduino", "_tcp", "local"};
        QTest::newRow("trailing dot is the root") << u"local."_s << Labels {"local"};
        QTest::newRow("root alone") << u"."_s << Labels {};
        QTest::newRow("empty text") << QString() << Labels {};
        QTest::newRow("escaped dot stays in the label")
            << u"Boiler\\.Room._arduino._tcp.local"_s << Labels {"Boiler.Room", "_arduino", "_tcp", "local"};
        QTest::newRow("escaped backslash") << u"a\\\\b.local"_s << Labels {"a\\b", "local"};
        QTest::newRow("decimal escape") << u"a\\032b.local"_s << Labels {"a b", "local"};
        QTest::newRow("UTF-8 kept as bytes") << u"Küche ✓.local"_s << Labels {"K\xc3\xbc" "che \xe2\x9c\x93", "local"};
        QTest::newRow("empty label in the middle is kept") << u"a..b"_s << Labels {"a", "", "b"};
    }
    void fromDottedSplitsAtUnescapedDotsOnly()
    {
        QFETCH(QString, dotted);
        QFETCH(Labels, labels);
        QCOMPARE(DnsName::fromDotted(dotted).labels(), labels);
    }

    void toStringEscapesDotsAndBackslashesAndRoundTrips_data()
    {
        QTest::addColumn<Labels>("labels");
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << Labels {"_arduino", "_tcp", "local"} << u"_arduino._tcp.local"_s;
        QTest::newRow("dot in instance") << Labels {"Boiler Room. Unit 2", "_arduino", "_tcp", "local"}
                                         << u"Boiler Room\\. Unit 2._arduino._tcp.local"_s;
        QTest::newRow("backslash") << Labels {"a\\b", "local"} << u"a\\\\b.local"_s;
        QTest::newRow("control byte as decimal") << Labels {QByteArray("a\nb"), "local"} << u"a\\010b.local"_s;
        QTest::newRow("UTF-8") << Labels {"Gr\xc3\xbc\xc3\x9f" "e", "local"} << u"Grüße.local"_s;
        QTest::newRow("root") << Labels {} << u"."_s;
    }
    void toStringEscapesDotsAndBackslashesAndRoundTrips()
    {
        QFETCH(Labels, labels);
        QFETCH(QString, text);
        const DnsName name(labels);
        QCOMPARE(name.toString(), text);
        QCOMPARE(DnsName::fromDotted(text).labels(), labels);
    }

    void serviceInstanceTakesTheInstanceLabelWhole()
    {
        const DnsName type = DnsName::fromDotted(u"_arduino._tcp.local");
        const DnsName instance = DnsName::serviceInstance(u"Boiler Room. Unit 2"_s, type);
        QCOMPARE(instance.labels().size(), 4);
        QCOMPARE(instance.firstLabel(), u"Boiler Room. Unit 2"_s);
        QCOMPARE(instance.parent(), type);
        QVERIFY(instance.endsWith(type));
        QVERIFY(instance.endsWith(DnsName::fromDotted(u"LOCAL")));
        QVERIFY(instance.endsWith(DnsName()));
        QVERIFY(!type.endsWith(instance));
        QVERIFY(!instance.endsWith(DnsName::fromDotted(u"_udp.local")));
        QCOMPARE(DnsName().parent(), DnsName());
        QCOMPARE(DnsName().firstLabel(), QString());
    }

    void comparisonIgnoresAsciiCaseOnly_data()
    {
        QTest::addColumn<Labels>("a");
        QTest::addColumn<Labels>("b");
        QTest::addColumn<bool>("equal");
        QTest::newRow("same") << Labels {"esp32", "local"} << Labels {"esp32", "local"} << true;
        QTest::newRow("ASCII case") << Labels {"ESP32-Boiler", "LOCAL"} << Labels {"esp32-boiler", "local"} << true;
        QTest::newRow("non-ASCII case differs") << Labels {"\xc3\x84", "local"} << Labels {"\xc3\xa4", "local"} << false;
        QTest::newRow("label boundaries matter") << Labels {"a.b", "local"} << Labels {"a", "b", "local"} << false;
        QTest::newRow("different length") << Labels {"a", "local"} << Labels {"local"} << false;
        QTest::newRow("@ and ` are not letters") << Labels {"@"} << Labels {"`"} << false;
        QTest::newRow("[ and { are not letters") << Labels {"["} << Labels {"{"} << false;
    }
    void comparisonIgnoresAsciiCaseOnly()
    {
        QFETCH(Labels, a);
        QFETCH(Labels, b);
        QFETCH(bool, equal);
        QCOMPARE(DnsName(a) == DnsName(b), equal);
        QCOMPARE(DnsName(a) != DnsName(b), !equal);
        if (equal)
            QCOMPARE(qHash(DnsName(a), 7), qHash(DnsName(b), 7));
    }

    void hashFindsNamesRegardlessOfCase()
    {
        QSet<DnsName> names;
        names.insert(DnsName::fromDotted(u"Pump-Station-4.local"));
        names.insert(DnsName::fromDotted(u"valve-7.local"));
        QVERIFY(names.contains(DnsName::fromDotted(u"PUMP-STATION-4.LOCAL")));
        QVERIFY(names.contains(DnsName::fromDotted(u"Valve-7.Local")));
        QVERIFY(!names.contains(DnsName::fromDotted(u"valve-7")));
        QVERIFY(qHash(DnsName(Labels {"ab"})) != qHash(DnsName(Labels {"a", "b"})));
    }

    void encodedLengthAndValidity_data()
    {
        QTest::addColumn<Labels>("labels");
        QTest::addColumn<int>("length");
        QTest::addColumn<bool>("valid");
        QTest::newRow("root") << Labels {} << 1 << true;
        QTest::newRow("local") << Labels {"local"} << 7 << true;
        QTest::newRow("63-byte label") << Labels {QByteArray(63, 'a')} << 65 << true;
        QTest::newRow("64-byte label") << Labels {QByteArray(64, 'a')} << 66 << false;
        QTest::newRow("empty label") << Labels {"a", "", "local"} << 10 << false;
        // 4 x (1 + 62) + 1 = 253; one more 1-byte label gives 255, two give 257.
        const Labels four(4, QByteArray(62, 'x'));
        QTest::newRow("255 bytes") << (four + Labels {"y"}) << 255 << true;
        QTest::newRow("257 bytes") << (four + Labels {"y", "z"}) << 257 << false;
    }
    void encodedLengthAndValidity()
    {
        QFETCH(Labels, labels);
        QFETCH(int, length);
        QFETCH(bool, valid);
        QCOMPARE(DnsName(labels).encodedLength(), length);
        QCOMPARE(DnsName(labels).isValid(), valid);
        QCOMPARE(DnsName(labels).isEmpty(), labels.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDnsName)
#include "tst_dnsname.moc"
