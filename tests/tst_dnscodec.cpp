#include <QDir>
#include <QFile>
#include <QTest>

#include "discovery/dnsmessage.h"

using namespace Discovery;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(Discovery::DnsRecord)
Q_DECLARE_METATYPE(Discovery::DnsError::Kind)

namespace
{
    using Kind = DnsError::Kind;
    using Labels = QList<QByteArray>;
    using TxtPairs = QHash<QString, QString>;

    // Hand-built wire bytes, so each malformed case says exactly what it breaks.
    QByteArray be16(quint16 value)
    {
        const char bytes[] = {char(value >> 8), char(value & 0xFF)};
        return QByteArray(bytes, 2);
    }

    QByteArray be32(quint32 value)
    {
        return be16(quint16(value >> 16)) + be16(quint16(value & 0xFFFF));
    }

    QByteArray header(quint16 questions, quint16 answers = 0, quint16 authorities = 0, quint16 additionals = 0)
    {
        return be16(0) + be16(0) + be16(questions) + be16(answers) + be16(authorities) + be16(additionals);
    }

    QByteArray label(const QByteArray &bytes)
    {
        return char(bytes.size()) + bytes;
    }

    QByteArray name(const Labels &labels)
    {
        QByteArray wire;
        for (const QByteArray &l : labels)
            wire += label(l);
        return wire + '\0';
    }

    QByteArray pointer(quint16 offset)
    {
        return be16(0xC000 | offset);
    }

    QByteArray questionTail(quint16 type = RecordType::PTR)
    {
        return be16(type) + be16(ClassIn);
    }

    QByteArray record(const QByteArray &owner, quint16 type, const QByteArray &data)
    {
        return owner + be16(type) + be16(ClassIn) + be32(120) + be16(quint16(data.size())) + data;
    }

    // A record whose data length says `length` but whose data bytes are `data`.
    QByteArray recordClaiming(const QByteArray &owner, quint16 type, quint16 length, const QByteArray &data)
    {
        return owner + be16(type) + be16(ClassIn) + be32(120) + be16(length) + data;
    }

    const QByteArray aLocal = name({"a", "local"}); // 9 bytes: a question or record named by it at 12 has its fields at 21
    constexpr quint16 HINFO = 13;                   // a type with no typed member: kept as raw bytes

    DnsName dotted(const QString &text)
    {
        return DnsName::fromDotted(text);
    }

    DnsRecord makeRecord(const QString &owner, quint16 type, quint32 ttl = 120, bool cacheFlush = false)
    {
        DnsRecord r;
        r.name = dotted(owner);
        r.type = type;
        r.ttl = ttl;
        r.cacheFlush = cacheFlush;
        return r;
    }

    // What a DNS-SD responder announces for one OTA-capable board.
    DnsMessage announcement()
    {
        const DnsName type = dotted(u"_arduino._tcp.local"_s);
        const DnsName instance = DnsName::serviceInstance(u"Boiler Room. Unit 2"_s, type);
        const DnsName host = dotted(u"boiler-room.local"_s);
        DnsMessage m;
        m.flags = DnsMessage::ResponseFlag | DnsMessage::AuthoritativeFlag;
        DnsRecord ptr = makeRecord(u"_arduino._tcp.local"_s, RecordType::PTR, 4500);
        ptr.ptr = instance;
        DnsRecord srv = makeRecord(QString(), RecordType::SRV, 120, true);
        srv.name = instance;
        srv.srv = {0, 0, 3232, host};
        DnsRecord txt = makeRecord(QString(), RecordType::TXT, 4500, true);
        txt.name = instance;
        txt.txt = {"board=esp32", "tcp_check=no", "ssh_upload=no", "auth_upload=yes"};
        DnsRecord a = makeRecord(u"boiler-room.local"_s, RecordType::A, 120, true);
        a.address = QHostAddress(u"192.168.1.50"_s);
        DnsRecord aaaa = makeRecord(u"boiler-room.local"_s, RecordType::AAAA, 120, true);
        aaaa.address = QHostAddress(u"fe80::1234:5678"_s);
        DnsRecord nsec = makeRecord(u"boiler-room.local"_s, RecordType::NSEC, 120, true);
        nsec.nsec = {host, {RecordType::A, RecordType::AAAA}};
        m.answers = {ptr};
        m.additionals = {srv, txt, a, aaaa, nsec};
        return m;
    }

    QString typeName(quint16 type)
    {
        switch (type) {
        case RecordType::A: return u"A"_s;
        case RecordType::PTR: return u"PTR"_s;
        case RecordType::TXT: return u"TXT"_s;
        case RecordType::AAAA: return u"AAAA"_s;
        case RecordType::SRV: return u"SRV"_s;
        case RecordType::NSEC: return u"NSEC"_s;
        case RecordType::ANY: return u"ANY"_s;
        default: return u"TYPE%1"_s.arg(type);
        }
    }

    // One line per question or record, compared against what each recorded
    // packet was seen to carry (python-zeroconf's own decoder agrees).
    QString describe(const DnsRecord &r)
    {
        QString data;
        switch (r.type) {
        case RecordType::PTR: data = r.ptr.toString(); break;
        case RecordType::SRV:
            data = u"%1 %2 %3 %4"_s.arg(r.srv.priority).arg(r.srv.weight).arg(r.srv.port).arg(r.srv.target.toString());
            break;
        case RecordType::TXT: {
            QStringList strings;
            for (const QByteArray &s : r.txt)
                strings.append(u'"' + QString::fromUtf8(s) + u'"');
            data = u"["_s + strings.join(u' ') + u"]"_s;
            break;
        }
        case RecordType::A:
        case RecordType::AAAA: data = r.address.toString(); break;
        case RecordType::NSEC: {
            QStringList types;
            for (quint16 t : r.nsec.types)
                types.append(typeName(t));
            data = r.nsec.nextName.toString() + u" ("_s + types.join(u' ') + u')';
            break;
        }
        default: data = QString::fromLatin1(r.rawData.toHex());
        }
        return u"%1 %2%3 %4 %5"_s.arg(r.name.toString(), typeName(r.type), r.cacheFlush ? u" flush"_s : QString())
            .arg(r.ttl)
            .arg(data);
    }

    QStringList describe(const DnsMessage &m)
    {
        QStringList lines;
        for (const DnsQuestion &q : m.questions)
            lines.append(u"? %1 %2 %3"_s.arg(q.name.toString(), typeName(q.type), q.unicastResponse ? u"QU"_s : u"QM"_s));
        for (const DnsRecord &r : m.answers)
            lines.append(u"an "_s + describe(r));
        for (const DnsRecord &r : m.authorities)
            lines.append(u"ns "_s + describe(r));
        for (const DnsRecord &r : m.additionals)
            lines.append(u"ar "_s + describe(r));
        return lines;
    }

    // Equal down to the bytes of every label, the TTL and the mDNS bits.
    bool sameExactly(const DnsRecord &a, const DnsRecord &b)
    {
        return a.sameRecordAs(b) && a.name.labels() == b.name.labels() && a.ttl == b.ttl && a.cacheFlush == b.cacheFlush
            && a.txt == b.txt && a.ptr.labels() == b.ptr.labels() && a.srv.target.labels() == b.srv.target.labels();
    }

    bool sameExactly(const QList<DnsRecord> &a, const QList<DnsRecord> &b)
    {
        return a.size() == b.size() && std::equal(a.cbegin(), a.cend(), b.cbegin(), [](const auto &x, const auto &y) {
                   return sameExactly(x, y);
               });
    }

    bool sameExactly(const DnsMessage &a, const DnsMessage &b)
    {
        const auto sameQuestion = [](const DnsQuestion &x, const DnsQuestion &y) {
            return x.name.labels() == y.name.labels() && x.type == y.type && x.klass == y.klass
                && x.unicastResponse == y.unicastResponse;
        };
        return a.id == b.id && a.flags == b.flags && a.questions.size() == b.questions.size()
            && std::equal(a.questions.cbegin(), a.questions.cend(), b.questions.cbegin(), sameQuestion)
            && sameExactly(a.answers, b.answers) && sameExactly(a.authorities, b.authorities)
            && sameExactly(a.additionals, b.additionals);
    }

    QString errorText(const Result<DnsMessage, DnsError> &result)
    {
        return result ? QString() : result.error().message;
    }

    QByteArray recorded(const QString &file)
    {
        QFile f(QStringLiteral(OTA_MDNS_DATA_DIR) + u'/' + file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
} // namespace

class TestDnsCodec final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyRecordTypeRoundTrips_data()
    {
        QTest::addColumn<DnsRecord>("record");
        DnsRecord ptr = makeRecord(u"_arduino._tcp.local"_s, RecordType::PTR, 4500);
        ptr.ptr = DnsName::serviceInstance(u"Boiler Room. Unit 2"_s, dotted(u"_arduino._tcp.local"_s));
        QTest::newRow("PTR") << ptr;
        DnsRecord srv = makeRecord(u"Pump._arduino._tcp.local"_s, RecordType::SRV, 120, true);
        srv.srv = {10, 20, 3232, dotted(u"pump.local"_s)};
        QTest::newRow("SRV") << srv;
        DnsRecord txt = makeRecord(u"Pump._arduino._tcp.local"_s, RecordType::TXT, 4500, true);
        txt.txt = {"board=esp32", "auth_upload=yes", "flag", QByteArray("bin=\x00\xff", 6), QByteArray(255, 'x')};
        QTest::newRow("TXT") << txt;
        DnsRecord emptyTxt = makeRecord(u"Valve._arduino._tcp.local"_s, RecordType::TXT, 4500, true);
        QTest::newRow("TXT with no strings") << emptyTxt;
        DnsRecord a = makeRecord(u"pump.local"_s, RecordType::A, 120, true);
        a.address = QHostAddress(u"10.1.2.3"_s);
        QTest::newRow("A") << a;
        DnsRecord aaaa = makeRecord(u"pump.local"_s, RecordType::AAAA, 120, true);
        aaaa.address = QHostAddress(u"2001:db8::42"_s);
        QTest::newRow("AAAA") << aaaa;
        DnsRecord nsec = makeRecord(u"pump.local"_s, RecordType::NSEC, 120, true);
        nsec.nsec = {dotted(u"pump.local"_s), {RecordType::A, RecordType::TXT, RecordType::AAAA, RecordType::SRV}};
        QTest::newRow("NSEC, one window") << nsec;
        nsec.nsec.types = {0, RecordType::A, RecordType::NSEC, 255, 256, 1234, 32769, 65535};
        QTest::newRow("NSEC, several windows") << nsec;
        nsec.nsec.types = {};
        QTest::newRow("NSEC, no types") << nsec;
        DnsRecord raw = makeRecord(u"pump.local"_s, HINFO, 120);
        raw.rawData = label("ESP32") + label("FreeRTOS");
        QTest::newRow("other type as raw bytes") << raw;
        DnsRecord goodbye = ptr;
        goodbye.ttl = 0;
        QTest::newRow("goodbye (TTL 0)") << goodbye;
        DnsRecord otherClass = a;
        otherClass.klass = 0x7FFF;
        otherClass.cacheFlush = false;
        QTest::newRow("largest class without the top bit") << otherClass;
        DnsRecord maxTtl = a;
        maxTtl.ttl = 0xFFFFFFFF;
        QTest::newRow("largest TTL") << maxTtl;
    }
    void everyRecordTypeRoundTrips()
    {
        QFETCH(DnsRecord, record);
        for (auto section : {&DnsMessage::answers, &DnsMessage::authorities, &DnsMessage::additionals}) {
            DnsMessage message;
            message.flags = DnsMessage::ResponseFlag;
            (message.*section).append(record);
            const auto parsed = DnsCodec::parse(DnsCodec::encode(message));
            QVERIFY2(parsed, qPrintable(errorText(parsed)));
            QCOMPARE((parsed.value().*section).size(), 1);
            QVERIFY2(sameExactly((parsed.value().*section).constFirst(), record),
                     qPrintable(describe(*parsed).join(u'\n')));
        }
    }

    void questionsRoundTripWithTheUnicastResponseBit_data()
    {
        QTest::addColumn<quint16>("type");
        QTest::addColumn<quint16>("klass");
        QTest::addColumn<bool>("unicast");
        QTest::addColumn<quint16>("wireClass");
        QTest::newRow("PTR, multicast answer (QM)") << RecordType::PTR << ClassIn << false << quint16(0x0001);
        QTest::newRow("PTR, unicast answer (QU)") << RecordType::PTR << ClassIn << true << quint16(0x8001);
        QTest::newRow("ANY, QU") << RecordType::ANY << ClassIn << true << quint16(0x8001);
        QTest::newRow("ANY class 255, QM") << RecordType::ANY << quint16(255) << false << quint16(0x00FF);
    }
    void questionsRoundTripWithTheUnicastResponseBit()
    {
        QFETCH(quint16, type);
        QFETCH(quint16, klass);
        QFETCH(bool, unicast);
        QFETCH(quint16, wireClass);
        DnsMessage query;
        query.questions = {{dotted(u"_arduino._tcp.local"_s), type, klass, unicast}};
        const QByteArray wire = DnsCodec::encode(query);
        QCOMPARE(wire, header(1) + name({"_arduino", "_tcp", "local"}) + be16(type) + be16(wireClass));
        const auto parsed = DnsCodec::parse(wire);
        QVERIFY2(parsed, qPrintable(errorText(parsed)));
        QVERIFY(sameExactly(*parsed, query));
        QVERIFY(!parsed->isResponse());
    }

    void cacheFlushIsTheTopBitOfTheRecordClass()
    {
        DnsMessage message;
        DnsRecord a = makeRecord(u"pump.local"_s, RecordType::A, 120, true);
        a.address = QHostAddress(u"10.0.0.7"_s);
        message.answers = {a};
        const QByteArray wire = DnsCodec::encode(message);
        QCOMPARE(wire, header(0, 1) + name({"pump", "local"}) + be16(RecordType::A) + be16(0x8001) + be32(120) + be16(4)
                           + QByteArray::fromHex("0a000007"));
        const auto parsed = DnsCodec::parse(wire);
        QVERIFY(parsed);
        QCOMPARE(parsed->answers.constFirst().klass, ClassIn);
        QVERIFY(parsed->answers.constFirst().cacheFlush);
    }

    void headerAndAllFourSectionsRoundTrip()
    {
        DnsMessage message = announcement();
        message.id = 0x1234;
        message.flags |= DnsMessage::TruncatedFlag;
        message.questions = {{dotted(u"_arduino._tcp.local"_s), RecordType::PTR, ClassIn, true},
                             {dotted(u"boiler-room.local"_s), RecordType::ANY, ClassIn, false}};
        message.authorities = {message.additionals.at(2)};
        const auto parsed = DnsCodec::parse(DnsCodec::encode(message));
        QVERIFY2(parsed, qPrintable(errorText(parsed)));
        QCOMPARE(parsed->id, quint16(0x1234));
        QVERIFY(parsed->isResponse());
        QVERIFY(parsed->isTruncated());
        QCOMPARE(describe(*parsed), describe(message));
        QVERIFY(sameExactly(*parsed, message));
    }

    void compressionShrinksRepeatedSuffixesAndDecodes()
    {
        const DnsName type = dotted(u"_arduino._tcp.local"_s);
        const QStringList instances = {u"Boiler"_s, u"Pump 4"_s, u"Valve 7"_s, u"Chiller"_s, u"Fan"_s};
        DnsMessage message;
        for (const QString &instance : instances) {
            DnsRecord ptr = makeRecord(QString(), RecordType::PTR, 4500);
            ptr.name = type;
            ptr.ptr = DnsName::serviceInstance(instance, type);
            message.answers.append(ptr);
        }
        const QByteArray wire = DnsCodec::encode(message);
        // The type is written once at 12; every other owner name is a
        // pointer to it, and every target is its instance label plus one.
        qsizetype expected = 12 + type.encodedLength();
        for (const QString &instance : instances)
            expected += 10 + 1 + instance.size() + 2;
        expected += (instances.size() - 1) * 2;
        QCOMPARE(wire.size(), expected);
        qsizetype uncompressed = 12;
        for (const DnsRecord &r : std::as_const(message.answers))
            uncompressed += r.name.encodedLength() + 10 + r.ptr.encodedLength();
        QVERIFY(wire.size() < uncompressed / 2);
        QCOMPARE(wire.mid(12 + type.encodedLength() + 10 + 1 + 6, 2), pointer(12));

        const auto parsed = DnsCodec::parse(wire);
        QVERIFY2(parsed, qPrintable(errorText(parsed)));
        QVERIFY(sameExactly(*parsed, message));
    }

    void compressionKeepsTheCaseOfEachName()
    {
        DnsMessage message;
        DnsRecord first = makeRecord(u"pump.local"_s, RecordType::A);
        DnsRecord second = makeRecord(u"PUMP.Local"_s, RecordType::A);
        message.answers = {first, second};
        const auto parsed = DnsCodec::parse(DnsCodec::encode(message));
        QVERIFY(parsed);
        QCOMPARE(parsed->answers.at(0).name.labels(), (Labels {"pump", "local"}));
        QCOMPARE(parsed->answers.at(1).name.labels(), (Labels {"PUMP", "Local"}));
    }

    void compressionPointsOnlyToOffsetsBelow0x3fff()
    {
        DnsMessage message;
        DnsRecord big = makeRecord(u"x.local"_s, HINFO);
        big.rawData = QByteArray(0x4000, 'h');
        DnsRecord late = makeRecord(u"late.test"_s, RecordType::A);
        DnsRecord early = makeRecord(u"x.local"_s, RecordType::A);
        message.answers = {big, late, late, early};
        const QByteArray wire = DnsCodec::encode(message);
        // "late.test" starts past 0x3FFF, so its second use is written out
        // again; "x.local" at 12 is still pointed to.
        const qsizetype lateName = name({"late", "test"}).size();
        QCOMPARE(wire.size(), 12 + (aLocal.size() + 10 + 0x4000) + 2 * (lateName + 10 + 4) + (2 + 10 + 4));
        QCOMPARE(wire.right(16).left(2), pointer(12));
        const auto parsed = DnsCodec::parse(wire);
        QVERIFY2(parsed, qPrintable(errorText(parsed)));
        QVERIFY(sameExactly(*parsed, message));
    }

    void decodesPointersInRecordDataAndPointersToPointers()
    {
        // 12: question _arduino._tcp.local PTR
        // 37: answer, owner -> 12, PTR data "dev" + pointer -> 12 at 49
        // 55: additional, owner -> 49 (a pointer to the PTR data, which points on to 12)
        const QByteArray wire = header(1, 1, 0, 1) + name({"_arduino", "_tcp", "local"}) + questionTail()
            + record(pointer(12), RecordType::PTR, label("dev") + pointer(12))
            + record(pointer(49), RecordType::SRV, be16(0) + be16(0) + be16(3232) + pointer(49));
        const auto parsed = DnsCodec::parse(wire);
        QVERIFY2(parsed, qPrintable(errorText(parsed)));
        QCOMPARE(describe(*parsed), (QStringList {
                                        u"? _arduino._tcp.local PTR QM"_s,
                                        u"an _arduino._tcp.local PTR 120 dev._arduino._tcp.local"_s,
                                        u"ar dev._arduino._tcp.local SRV 120 0 0 3232 dev._arduino._tcp.local"_s,
                                    }));
    }

    void acceptsNamesAtTheLimits()
    {
        // 3 x 64 + 62 + root: exactly 255 bytes.
        const QByteArray longest = name({QByteArray(63, 'a'), QByteArray(63, 'b'), QByteArray(63, 'c'), QByteArray(61, 'd')});
        QCOMPARE(longest.size(), 255);
        const auto parsed = DnsCodec::parse(QByteArray(header(1) + longest + questionTail()));
        QVERIFY2(parsed, qPrintable(errorText(parsed)));
        QCOMPARE(parsed->questions.constFirst().name.encodedLength(), 255);

        // A name reached through 128 pointers, the most a name may follow.
        QByteArray chain;
        const qint64 chainStart = 12 + aLocal.size() + 10;
        for (int i = 0; i < 127; ++i)
            chain += pointer(i == 0 ? 12 : quint16(chainStart + 2 * (i - 1)));
        const QByteArray wire = header(0, 2) + record(aLocal, HINFO, chain) + record(pointer(quint16(chainStart + 2 * 126)), RecordType::A, be32(1));
        const auto chained = DnsCodec::parse(wire);
        QVERIFY2(chained, qPrintable(errorText(chained)));
        QCOMPARE(chained->answers.at(1).name, dotted(u"a.local"_s));
    }

    void rejectsMalformedMessagesWithKindAndOffset_data()
    {
        QTest::addColumn<QByteArray>("packet");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<qint64>("offset");
        // Takes the packet as QByteArray, so the string builder's sums become one.
        const auto row = [](const char *title, const QByteArray &packet, Kind kind, qint64 offset) {
            QTest::newRow(title) << packet << kind << offset;
        };

        // Truncation and counts that lie.
        row("empty message", QByteArray(), Kind::Truncated, qint64(0));
        row("11-byte header", header(0).left(11), Kind::Truncated, qint64(0));
        row("question count with no question", header(1), Kind::Truncated, qint64(12));
        row("65535 questions, one present", header(0xFFFF) + aLocal + questionTail(), Kind::Truncated, qint64(25));
        row("answer count one too many", header(1, 2) + aLocal + questionTail() + record(name({"b", "local"}), RecordType::A, be32(1)), Kind::Truncated, qint64(48));
        row("additional count with no record", header(0, 0, 0, 1), Kind::Truncated, qint64(12));
        row("label runs past the end", header(1) + "\x05" "ab", Kind::Truncated, qint64(12));
        row("name without its root byte", header(1) + label("a"), Kind::Truncated, qint64(14));
        row("question type and class cut", header(1) + aLocal + '\0', Kind::Truncated, qint64(21));
        row("record type, class, TTL cut", header(0, 1) + aLocal + be16(RecordType::A) + be16(ClassIn), Kind::Truncated, qint64(21));
        row("record data past the end", header(0, 1) + recordClaiming(aLocal, RecordType::A, 4, "\x01\x02"), Kind::Truncated, qint64(31));
        row("pointer cut in half", header(1) + "\xC0", Kind::Truncated, qint64(12));
        row("pointer target runs off the end", header(0, 2) + record(aLocal, HINFO, "\x3f") + record(pointer(31), RecordType::A, be32(1)), Kind::Truncated, qint64(31));

        // Compression pointers.
        row("pointer to itself", header(1) + pointer(12) + questionTail(), Kind::PointerForward, qint64(12));
        row("pointer forward", header(1) + pointer(16) + questionTail() + aLocal, Kind::PointerForward, qint64(12));
        row("pointer back into its own labels", header(1) + label("a") + pointer(12) + questionTail(), Kind::PointerForward, qint64(14));
        row("two pointers pointing at each other", header(1) + pointer(14) + pointer(12) + questionTail(), Kind::PointerForward, qint64(12));
        row("pointer in record data to its own name", header(0, 1) + record(aLocal, RecordType::PTR, label("b") + pointer(31)), Kind::PointerForward, qint64(33));
        row("pointer far past the end", header(1) + pointer(0x3000) + questionTail(), Kind::PointerOutOfRange, qint64(12));
        row("pointer just past the end", header(1) + pointer(18) + questionTail(), Kind::PointerOutOfRange, qint64(12));
        {
            // 128 pointers, each to the one before, the first to the name at 12; a name pointing at the last follows 129.
            const qint64 chainStart = 12 + aLocal.size() + 10;
            QByteArray chain;
            for (int i = 0; i < 128; ++i)
                chain += pointer(i == 0 ? 12 : quint16(chainStart + 2 * (i - 1)));
            row("chain of 129 pointers", header(0, 2) + record(aLocal, HINFO, chain) + record(pointer(quint16(chainStart + 2 * 127)), RecordType::A, be32(1)), Kind::PointerLoop, chainStart);
        }

        // Labels and names.
        row("64-byte label", header(1) + label(QByteArray(64, 'x')) + '\0' + questionTail(), Kind::LabelTooLong, qint64(12));
        row("0x80 label type", header(1) + "\x80" "abc" + questionTail(), Kind::LabelTooLong, qint64(12));
        row("label type in a later label", header(1) + label("ok") + "\x41" + questionTail(), Kind::LabelTooLong, qint64(15));
        row("name of 257 bytes", header(1) + name(Labels(4, QByteArray(63, 'n'))) + questionTail(), Kind::NameTooLong, qint64(12 + 3 * 64));
        row("name over 255 bytes through a pointer", header(2) + name(Labels(3, QByteArray(63, 'n'))) + questionTail() + label(QByteArray(62, 'm')) + pointer(12)
                   + questionTail(), Kind::NameTooLong, qint64(12 + 2 * 64));

        // Record data that disagrees with its length (the record starts at 12, its data at 31).
        const QByteArray h1 = header(0, 1);
        row("A of 5 bytes", h1 + record(aLocal, RecordType::A, QByteArray::fromHex("0a00000100")), Kind::BadRecordData, qint64(31));
        row("AAAA of 4 bytes", h1 + record(aLocal, RecordType::AAAA, be32(1)), Kind::BadRecordData, qint64(31));
        row("SRV of 6 bytes", h1 + record(aLocal, RecordType::SRV, be16(0) + be16(0) + be16(1)), Kind::BadRecordData, qint64(31));
        row("SRV target past its data", h1 + record(aLocal, RecordType::SRV, be16(0) + be16(0) + be16(1) + label("x")) + '\0', Kind::BadRecordData, qint64(39));
        row("PTR with a byte after its name", h1 + record(aLocal, RecordType::PTR, pointer(12) + 'z'), Kind::BadRecordData, qint64(33));
        row("PTR name longer than its data", h1 + recordClaiming(aLocal, RecordType::PTR, 3, name({"b", "local"})), Kind::BadRecordData, qint64(33));
        row("PTR with no data", h1 + record(aLocal, RecordType::PTR, QByteArray()), Kind::BadRecordData, qint64(31));
        row("TXT string past its data", h1 + record(aLocal, RecordType::TXT, "\x05" "ab"), Kind::TxtPastEnd, qint64(31));
        row("second TXT string past its data", h1 + record(aLocal, RecordType::TXT, "\x01" "a" "\x09" "xyz"), Kind::TxtPastEnd, qint64(33));
        row("TXT string into the next record", header(0, 2) + record(aLocal, RecordType::TXT, "\x01" "a" "\x08") + record(pointer(12), RecordType::A, be32(1)), Kind::TxtPastEnd, qint64(33));
        row("NSEC next name past its data", h1 + record(aLocal, RecordType::NSEC, "\x05" "ab"), Kind::BadRecordData, qint64(31));
        row("NSEC window cut after its number", h1 + record(aLocal, RecordType::NSEC, pointer(12) + '\0'), Kind::BadRecordData, qint64(33));
        row("NSEC window of 33 bytes", h1 + record(aLocal, RecordType::NSEC, pointer(12) + '\0' + char(33) + QByteArray(33, '\x40')),
            Kind::BadRecordData, qint64(33));
        row("NSEC bitmap past its data", h1 + record(aLocal, RecordType::NSEC, pointer(12) + QByteArray::fromHex("000540")),
            Kind::BadRecordData, qint64(33));
        row("NSEC second window past its data",
            h1 + record(aLocal, RecordType::NSEC, pointer(12) + QByteArray::fromHex("00014001")), Kind::BadRecordData, qint64(36));

        // Bytes no count covers.
        row("one byte after the last question", header(1) + aLocal + questionTail() + '\0', Kind::TrailingBytes, qint64(25));
        row("a whole record the count leaves out", header(0, 1) + record(aLocal, RecordType::A, be32(1)) + record(pointer(12), RecordType::A, be32(2)), Kind::TrailingBytes, qint64(35));
    }
    void rejectsMalformedMessagesWithKindAndOffset()
    {
        QFETCH(QByteArray, packet);
        QFETCH(Kind, kind);
        QFETCH(qint64, offset);
        const auto parsed = DnsCodec::parse(packet);
        QVERIFY2(!parsed, qPrintable(describe(parsed ? *parsed : DnsMessage()).join(u'\n')));
        const DnsError &error = parsed.error();
        QVERIFY2(error.kind == kind, qPrintable(error.message));
        QCOMPARE(error.offset, offset);
        QVERIFY2(error.message.contains(u"0x%1"_s.arg(offset, 0, 16)), qPrintable(error.message));
    }

    void nsecBitmapsAreReadAsTypeSets_data()
    {
        QTest::addColumn<QByteArray>("bitmap");
        QTest::addColumn<QList<quint16>>("types");
        using Types = QList<quint16>;
        QTest::newRow("one window (RFC 4034)") << QByteArray::fromHex("000440000008") << Types {RecordType::A, RecordType::AAAA};
        QTest::newRow("python-zeroconf 0.47: 16-bit window and length")
            << QByteArray::fromHex("0000000400000008") << Types {RecordType::AAAA};
        QTest::newRow("windows out of order") << QByteArray::fromHex("010140000140") << Types {1, 257};
        QTest::newRow("window repeated") << QByteArray::fromHex("000140000108") << Types {1, 4};
        QTest::newRow("trailing zero bytes") << QByteArray::fromHex("00054000000000") << Types {RecordType::A};
        QTest::newRow("no bitmap") << QByteArray() << Types {};
        QTest::newRow("32-byte window 255") << (QByteArray::fromHex("ff20") + QByteArray(31, '\0') + '\x01') << Types {65535};
    }
    void nsecBitmapsAreReadAsTypeSets()
    {
        QFETCH(QByteArray, bitmap);
        QFETCH(QList<quint16>, types);
        const auto parsed = DnsCodec::parse(QByteArray(header(0, 1) + record(aLocal, RecordType::NSEC, pointer(12) + bitmap)));
        QVERIFY2(parsed, qPrintable(errorText(parsed)));
        const NsecData &nsec = parsed->answers.constFirst().nsec;
        QCOMPARE(nsec.nextName, dotted(u"a.local"_s));
        QCOMPARE(nsec.types, types);
        // Written back in the RFC 4034 form.
        const auto again = DnsCodec::parse(DnsCodec::encode(*parsed));
        QVERIFY(again);
        QCOMPARE(again->answers.constFirst().nsec.types, types);
    }

    void nsecIsWrittenInTheRfc4034Form()
    {
        DnsMessage message;
        DnsRecord nsec = makeRecord(u"a.local"_s, RecordType::NSEC);
        nsec.nsec = {dotted(u"a.local"_s), {RecordType::AAAA, RecordType::A, RecordType::A, 256}};
        message.answers = {nsec};
        QCOMPARE(DnsCodec::encode(message),
                 header(0, 1) + record(aLocal, RecordType::NSEC, pointer(12) + QByteArray::fromHex("000440000008" "010180")));
    }

    void emptyTxtFormsAreNoStrings_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<Labels>("strings");
        QTest::newRow("no bytes at all") << QByteArray() << Labels {};
        QTest::newRow("one empty string") << QByteArray(1, '\0') << Labels {};
        QTest::newRow("two empty strings are kept") << QByteArray(2, '\0') << Labels {"", ""};
        QTest::newRow("empty string beside others is kept") << QByteArray("\x01" "a\x00", 3) << Labels {"a", ""};
    }
    void emptyTxtFormsAreNoStrings()
    {
        QFETCH(QByteArray, data);
        QFETCH(Labels, strings);
        const auto parsed = DnsCodec::parse(QByteArray(header(0, 1) + record(aLocal, RecordType::TXT, data)));
        QVERIFY2(parsed, qPrintable(errorText(parsed)));
        QCOMPARE(parsed->answers.constFirst().txt, strings);
    }

    void noTxtStringsAreWrittenAsOneEmptyString()
    {
        DnsMessage message;
        message.answers = {makeRecord(u"a.local"_s, RecordType::TXT)};
        QCOMPARE(DnsCodec::encode(message), header(0, 1) + record(aLocal, RecordType::TXT, QByteArray(1, '\0')));
    }

    void decodeTxtFollowsRfc6763_data()
    {
        QTest::addColumn<Labels>("strings");
        QTest::addColumn<TxtPairs>("pairs");
        using Pairs = TxtPairs;
        QTest::newRow("Arduino OTA board") << Labels {"board=esp32", "tcp_check=no", "ssh_upload=no", "auth_upload=yes"}
                                           << Pairs {{u"board"_s, u"esp32"_s}, {u"tcp_check"_s, u"no"_s},
                                                     {u"ssh_upload"_s, u"no"_s}, {u"auth_upload"_s, u"yes"_s}};
        QTest::newRow("keys are lower-cased, values kept") << Labels {"Board=ESP32"} << Pairs {{u"board"_s, u"ESP32"_s}};
        QTest::newRow("first occurrence wins") << Labels {"board=esp32", "BOARD=esp8266", "board=x"}
                                               << Pairs {{u"board"_s, u"esp32"_s}};
        QTest::newRow("key without = has an empty value") << Labels {"secure"} << Pairs {{u"secure"_s, QString()}};
        QTest::newRow("empty value") << Labels {"note="} << Pairs {{u"note"_s, QString()}};
        QTest::newRow("string starting with = is ignored") << Labels {"=esp32", "a=1"} << Pairs {{u"a"_s, u"1"_s}};
        QTest::newRow("value may hold =") << Labels {"url=a=b"} << Pairs {{u"url"_s, u"a=b"_s}};
        QTest::newRow("empty strings are ignored") << Labels {"", ""} << Pairs {};
        QTest::newRow("UTF-8 value") << Labels {"room=K\xc3\xbc" "che"} << Pairs {{u"room"_s, u"Küche"_s}};
    }
    void decodeTxtFollowsRfc6763()
    {
        QFETCH(Labels, strings);
        QFETCH(TxtPairs, pairs);
        QCOMPARE(decodeTxt(strings), pairs);
    }

    void encodeTxtWritesPairsAndSkipsKeysThatCannotBeRead()
    {
        const QList<std::pair<QByteArray, QByteArray>> pairs = {
            {"board", "esp32"}, {"secure", QByteArray()}, {"note", ""}, {"", "nokey"}, {"a=b", "c"}};
        const Labels strings = encodeTxt(pairs);
        QCOMPARE(strings, (Labels {"board=esp32", "secure", "note="}));
        const QHash<QString, QString> decoded = decodeTxt(strings);
        QCOMPARE(decoded.value(u"board"_s), u"esp32"_s);
        QVERIFY(decoded.contains(u"secure"_s));
        QVERIFY(decoded.contains(u"note"_s));
    }

    void sameRecordIgnoresTtlCacheFlushAndNameCase()
    {
        const DnsMessage m = announcement();
        DnsRecord srv = m.additionals.at(0);
        DnsRecord other = srv;
        other.ttl = 0;
        other.cacheFlush = !srv.cacheFlush;
        other.name = dotted(srv.name.toString().toUpper());
        QVERIFY(srv.sameRecordAs(other));
        other.srv.port = 8266;
        QVERIFY(!srv.sameRecordAs(other));

        DnsRecord txt = m.additionals.at(1);
        DnsRecord emptyTxt = txt;
        emptyTxt.txt = {};
        DnsRecord oneEmptyString = txt;
        oneEmptyString.txt = {""};
        QVERIFY(emptyTxt.sameRecordAs(oneEmptyString));
        QVERIFY(!txt.sameRecordAs(emptyTxt));

        DnsRecord a = m.additionals.at(2);
        DnsRecord otherA = a;
        otherA.address = QHostAddress(u"192.168.1.51"_s);
        QVERIFY(!a.sameRecordAs(otherA));
        otherA = a;
        otherA.klass = 3;
        QVERIFY(!a.sameRecordAs(otherA));
    }

    void everyPrefixOfAResponseIsTruncated()
    {
        const QByteArray wire = DnsCodec::encode(announcement());
        QVERIFY(DnsCodec::parse(wire));
        for (qsizetype length = 0; length < wire.size(); ++length) {
            const auto parsed = DnsCodec::parse(wire.left(length));
            QVERIFY2(!parsed, qPrintable(u"prefix of %1 bytes parsed"_s.arg(length)));
            QVERIFY2(parsed.error().kind == Kind::Truncated, qPrintable(parsed.error().message));
            QVERIFY(parsed.error().offset >= 0 && parsed.error().offset <= length);
        }
    }

    void everyByteFlipGivesAMessageOrAnError_data()
    {
        QTest::addColumn<QByteArray>("packet");
        QTest::newRow("generated announcement") << DnsCodec::encode(announcement());
        QTest::newRow("Avahi service announcement") << recorded(u"avahi-service-announce.bin"_s);
        QTest::newRow("python-zeroconf browse answer") << recorded(u"zeroconf-browse-answer.bin"_s);
    }
    void everyByteFlipGivesAMessageOrAnError()
    {
        QFETCH(QByteArray, packet);
        QVERIFY(!packet.isEmpty());
        int parsedCount = 0;
        int rejectedCount = 0;
        for (qsizetype offset = 0; offset < packet.size(); ++offset) {
            for (int mask : {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xFF}) {
                QByteArray mutated = packet;
                mutated[offset] = char(mutated.at(offset) ^ mask);
                const auto parsed = DnsCodec::parse(mutated);
                if (!parsed) {
                    ++rejectedCount;
                    QVERIFY(!parsed.error().message.isEmpty());
                    QVERIFY(parsed.error().offset >= 0 && parsed.error().offset <= mutated.size());
                    continue;
                }
                ++parsedCount;
                const auto again = DnsCodec::parse(DnsCodec::encode(*parsed));
                QVERIFY2(again, qPrintable(u"flip %1 at %2: %3"_s.arg(mask).arg(offset).arg(errorText(again))));
                QVERIFY2(sameExactly(*again, *parsed), qPrintable(u"flip %1 at %2"_s.arg(mask).arg(offset)));
            }
        }
        QVERIFY(parsedCount > 0);
        QVERIFY(rejectedCount > 0);
    }

    void recordedPacketsParseWithTheExpectedRecords_data();
    void recordedPacketsParseWithTheExpectedRecords()
    {
        QFETCH(QString, file);
        QFETCH(quint16, flags);
        QFETCH(QList<int>, counts);
        QFETCH(QStringList, lines);
        const QByteArray packet = recorded(file);
        QVERIFY2(!packet.isEmpty(), qPrintable(file));
        const auto parsed = DnsCodec::parse(packet);
        QVERIFY2(parsed, qPrintable(errorText(parsed)));
        QCOMPARE(parsed->flags, flags);
        QCOMPARE((QList<int> {int(parsed->questions.size()), int(parsed->answers.size()), int(parsed->authorities.size()),
                              int(parsed->additionals.size())}),
                 counts);
        QCOMPARE(describe(*parsed), lines);
        // Our encoding carries the same message and compresses at least as
        // well; only TXT data of zero bytes grows, to one empty string (RFC 6763 6.1).
        const QByteArray encoded = DnsCodec::encode(*parsed);
        qsizetype emptyTxt = 0;
        for (const auto *section : {&parsed->answers, &parsed->authorities, &parsed->additionals}) {
            emptyTxt += std::count_if(section->cbegin(), section->cend(), [](const DnsRecord &r) {
                return r.type == RecordType::TXT && r.txt.isEmpty();
            });
        }
        QVERIFY2(encoded.size() <= packet.size() + emptyTxt, qPrintable(u"%1 > %2"_s.arg(encoded.size()).arg(packet.size())));
        const auto again = DnsCodec::parse(encoded);
        QVERIFY(again);
        QVERIFY(sameExactly(*again, *parsed));
    }

    void everyRecordedPacketParses()
    {
        const QStringList files = QDir(QStringLiteral(OTA_MDNS_DATA_DIR)).entryList({u"*.bin"_s}, QDir::Files);
        QVERIFY(files.size() >= 10);
        for (const QString &file : files) {
            const auto parsed = DnsCodec::parse(recorded(file));
            QVERIFY2(parsed, qPrintable(file + u": "_s + errorText(parsed)));
        }
    }
};

void TestDnsCodec::recordedPacketsParseWithTheExpectedRecords_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<quint16>("flags");
    QTest::addColumn<QList<int>>("counts");
    QTest::addColumn<QStringList>("lines");
    // Captured from Avahi 0.8 and python-zeroconf 0.47 on lo in a private
    // network namespace; tests/data/mdns/README.md says how.
    QTest::newRow("Avahi answers a QU browse") << u"avahi-browse-answer.bin"_s << quint16(0x8400) << QList<int> {0, 5, 0, 0}
                        << QStringList {
                               u"an _arduino._tcp.local PTR 4500 Boiler Room\\. Unit 2._arduino._tcp.local"_s,
                               u"an Boiler Room\\. Unit 2._arduino._tcp.local TXT flush 4500 [\"board=esp32\" \"tcp_check=no\" \"ssh_upload=no\" \"auth_upload=yes\"]"_s,
                               u"an Boiler Room\\. Unit 2._arduino._tcp.local SRV flush 120 0 0 3232 vm.local"_s,
                               u"an vm.local AAAA flush 120 ::1"_s,
                               u"an vm.local A flush 120 127.0.0.1"_s,
                           };
    QTest::newRow("avahi-browse asks with a known answer") << u"avahi-browse-query.bin"_s << quint16(0x0) << QList<int> {1, 1, 0, 0}
                        << QStringList {
                               u"? _arduino._tcp.local PTR QM"_s,
                               u"an _arduino._tcp.local PTR 4500 Boiler Room\\. Unit 2._arduino._tcp.local"_s,
                           };
    QTest::newRow("Avahi announces its host name") << u"avahi-host-announce.bin"_s << quint16(0x8400) << QList<int> {0, 4, 0, 0}
                        << QStringList {
                               u"an 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa PTR flush 120 vm.local"_s,
                               u"an vm.local A flush 120 127.0.0.1"_s,
                               u"an 1.0.0.127.in-addr.arpa PTR flush 120 vm.local"_s,
                               u"an vm.local AAAA flush 120 ::1"_s,
                           };
    QTest::newRow("Avahi says goodbye to its host name") << u"avahi-host-goodbye.bin"_s << quint16(0x8400) << QList<int> {0, 4, 0, 0}
                        << QStringList {
                               u"an vm.local AAAA flush 0 ::1"_s,
                               u"an 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa PTR flush 0 vm.local"_s,
                               u"an vm.local A flush 0 127.0.0.1"_s,
                               u"an 1.0.0.127.in-addr.arpa PTR flush 0 vm.local"_s,
                           };
    QTest::newRow("Avahi probes its host name") << u"avahi-host-probe.bin"_s << quint16(0x0) << QList<int> {3, 0, 4, 0}
                        << QStringList {
                               u"? 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa ANY QM"_s,
                               u"? vm.local ANY QM"_s,
                               u"? 1.0.0.127.in-addr.arpa ANY QM"_s,
                               u"ns vm.local A 120 127.0.0.1"_s,
                               u"ns 1.0.0.127.in-addr.arpa PTR 120 vm.local"_s,
                               u"ns vm.local AAAA 120 ::1"_s,
                               u"ns 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa PTR 120 vm.local"_s,
                           };
    QTest::newRow("Avahi announces a service") << u"avahi-service-announce.bin"_s << quint16(0x8400) << QList<int> {0, 6, 0, 0}
                        << QStringList {
                               u"an Boiler Room\\. Unit 2._arduino._tcp.local TXT flush 4500 [\"board=esp32\" \"tcp_check=no\" \"ssh_upload=no\" \"auth_upload=yes\"]"_s,
                               u"an _arduino._tcp.local PTR 4500 Boiler Room\\. Unit 2._arduino._tcp.local"_s,
                               u"an Boiler Room\\. Unit 2._arduino._tcp.local SRV flush 120 0 0 3232 vm.local"_s,
                               u"an vm.local AAAA flush 120 ::1"_s,
                               u"an vm.local A flush 120 127.0.0.1"_s,
                               u"an _services._dns-sd._udp.local PTR 4500 _arduino._tcp.local"_s,
                           };
    QTest::newRow("Avahi says goodbye to a service") << u"avahi-service-goodbye.bin"_s << quint16(0x8400) << QList<int> {0, 6, 0, 0}
                        << QStringList {
                               u"an _services._dns-sd._udp.local PTR 0 _arduino._tcp.local"_s,
                               u"an _arduino._tcp.local PTR 0 Boiler Room\\. Unit 2._arduino._tcp.local"_s,
                               u"an Boiler Room\\. Unit 2._arduino._tcp.local SRV flush 0 0 0 3232 vm.local"_s,
                               u"an vm.local AAAA flush 120 ::1"_s,
                               u"an vm.local A flush 120 127.0.0.1"_s,
                               u"an Boiler Room\\. Unit 2._arduino._tcp.local TXT flush 0 [\"board=esp32\" \"tcp_check=no\" \"ssh_upload=no\" \"auth_upload=yes\"]"_s,
                           };
    QTest::newRow("Avahi probes a service") << u"avahi-service-probe.bin"_s << quint16(0x0) << QList<int> {1, 0, 2, 0}
                        << QStringList {
                               u"? Boiler Room\\. Unit 2._arduino._tcp.local ANY QM"_s,
                               u"ns Boiler Room\\. Unit 2._arduino._tcp.local SRV 120 0 0 3232 vm.local"_s,
                               u"ns Boiler Room\\. Unit 2._arduino._tcp.local TXT 4500 [\"board=esp32\" \"tcp_check=no\" \"ssh_upload=no\" \"auth_upload=yes\"]"_s,
                           };
    QTest::newRow("a query for a missing AAAA") << u"zeroconf-aaaa-query.bin"_s << quint16(0x0) << QList<int> {1, 0, 0, 0}
                        << QStringList {
                               u"? valve-7.local AAAA QM"_s,
                           };
    QTest::newRow("python-zeroconf answers ANY") << u"zeroconf-any-answer.bin"_s << quint16(0x8400) << QList<int> {0, 2, 0, 2}
                        << QStringList {
                               u"an Pump Station 4._arduino._tcp.local TXT flush 4500 [\"board=esp32c3\" \"tcp_check=no\" \"ssh_upload=no\" \"auth_upload=yes\"]"_s,
                               u"an Pump Station 4._arduino._tcp.local SRV flush 120 0 0 3232 pump-station-4.local"_s,
                               u"ar pump-station-4.local AAAA flush 120 fe80::1234:5678"_s,
                               u"ar pump-station-4.local A flush 120 127.0.0.2"_s,
                           };
    QTest::newRow("an ANY query for a service instance") << u"zeroconf-any-query.bin"_s << quint16(0x0) << QList<int> {1, 0, 0, 0}
                        << QStringList {
                               u"? Pump Station 4._arduino._tcp.local ANY QM"_s,
                           };
    QTest::newRow("python-zeroconf answers a browse with NSEC") << u"zeroconf-browse-answer.bin"_s << quint16(0x8400) << QList<int> {0, 2, 0, 8}
                        << QStringList {
                               u"an _arduino._tcp.local PTR 4500 Valve 7._arduino._tcp.local"_s,
                               u"an _arduino._tcp.local PTR 4500 Pump Station 4._arduino._tcp.local"_s,
                               u"ar valve-7.local NSEC flush 4500 valve-7.local (AAAA)"_s,
                               u"ar valve-7.local A flush 120 127.0.0.3"_s,
                               u"ar Valve 7._arduino._tcp.local SRV flush 120 0 0 8266 valve-7.local"_s,
                               u"ar Valve 7._arduino._tcp.local TXT flush 4500 []"_s,
                               u"ar Pump Station 4._arduino._tcp.local TXT flush 4500 [\"board=esp32c3\" \"tcp_check=no\" \"ssh_upload=no\" \"auth_upload=yes\"]"_s,
                               u"ar Pump Station 4._arduino._tcp.local SRV flush 120 0 0 3232 pump-station-4.local"_s,
                               u"ar pump-station-4.local AAAA flush 120 fe80::1234:5678"_s,
                               u"ar pump-station-4.local A flush 120 127.0.0.2"_s,
                           };
    QTest::newRow("python-zeroconf browses, later query QM") << u"zeroconf-browse-query-qm.bin"_s << quint16(0x0) << QList<int> {1, 0, 0, 0}
                        << QStringList {
                               u"? _arduino._tcp.local PTR QM"_s,
                           };
    QTest::newRow("python-zeroconf browses Avahi, QU") << u"zeroconf-browse-query-qu-to-avahi.bin"_s << quint16(0x0) << QList<int> {1, 0, 0, 0}
                        << QStringList {
                               u"? _arduino._tcp.local PTR QU"_s,
                           };
    QTest::newRow("python-zeroconf browses, first query QU") << u"zeroconf-browse-query-qu.bin"_s << quint16(0x0) << QList<int> {1, 0, 0, 0}
                        << QStringList {
                               u"? _arduino._tcp.local PTR QU"_s,
                           };
    QTest::newRow("python-zeroconf announces a service with no TXT data") << u"zeroconf-empty-txt-announce.bin"_s << quint16(0x8400) << QList<int> {0, 4, 0, 0}
                        << QStringList {
                               u"an _arduino._tcp.local PTR 4500 Valve 7._arduino._tcp.local"_s,
                               u"an Valve 7._arduino._tcp.local SRV flush 120 0 0 8266 valve-7.local"_s,
                               u"an Valve 7._arduino._tcp.local TXT flush 4500 []"_s,
                               u"an valve-7.local A flush 120 127.0.0.3"_s,
                           };
    QTest::newRow("python-zeroconf answers a missing AAAA with NSEC") << u"zeroconf-nsec-answer.bin"_s << quint16(0x8400) << QList<int> {0, 1, 0, 0}
                        << QStringList {
                               u"an valve-7.local NSEC flush 4500 valve-7.local (AAAA)"_s,
                           };
    QTest::newRow("python-zeroconf announces a service with A and AAAA") << u"zeroconf-service-announce.bin"_s << quint16(0x8400) << QList<int> {0, 5, 0, 0}
                        << QStringList {
                               u"an _arduino._tcp.local PTR 4500 Pump Station 4._arduino._tcp.local"_s,
                               u"an Pump Station 4._arduino._tcp.local SRV flush 120 0 0 3232 pump-station-4.local"_s,
                               u"an Pump Station 4._arduino._tcp.local TXT flush 4500 [\"board=esp32c3\" \"tcp_check=no\" \"ssh_upload=no\" \"auth_upload=yes\"]"_s,
                               u"an pump-station-4.local A flush 120 127.0.0.2"_s,
                               u"an pump-station-4.local AAAA flush 120 fe80::1234:5678"_s,
                           };
    QTest::newRow("python-zeroconf says goodbye to a service") << u"zeroconf-service-goodbye.bin"_s << quint16(0x8400) << QList<int> {0, 5, 0, 0}
                        << QStringList {
                               u"an _arduino._tcp.local PTR 0 Pump Station 4._arduino._tcp.local"_s,
                               u"an Pump Station 4._arduino._tcp.local SRV flush 0 0 0 3232 pump-station-4.local"_s,
                               u"an Pump Station 4._arduino._tcp.local TXT flush 0 [\"board=esp32c3\" \"tcp_check=no\" \"ssh_upload=no\" \"auth_upload=yes\"]"_s,
                               u"an pump-station-4.local A flush 0 127.0.0.2"_s,
                               u"an pump-station-4.local AAAA flush 0 fe80::1234:5678"_s,
                           };
    QTest::newRow("python-zeroconf probes a service") << u"zeroconf-service-probe.bin"_s << quint16(0x400) << QList<int> {1, 0, 1, 0}
                        << QStringList {
                               u"? _arduino._tcp.local PTR QU"_s,
                               u"ns _arduino._tcp.local PTR 4500 Pump Station 4._arduino._tcp.local"_s,
                           };
    QTest::newRow("python-zeroconf enumerates its service types") << u"zeroconf-type-enum-answer.bin"_s << quint16(0x8400) << QList<int> {0, 1, 0, 0}
                        << QStringList {
                               u"an _services._dns-sd._udp.local PTR 4500 _arduino._tcp.local"_s,
                           };
    QTest::newRow("a service type enumeration query") << u"zeroconf-type-enum-query.bin"_s << quint16(0x0) << QList<int> {1, 0, 0, 0}
                        << QStringList {
                               u"? _services._dns-sd._udp.local PTR QM"_s,
                           };
}

QTEST_GUILESS_MAIN(TestDnsCodec)
#include "tst_dnscodec.moc"
