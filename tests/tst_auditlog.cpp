#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

#include "store/auditlog.h"
#include "storefixture.h"

using namespace Store;
using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

namespace
{
    Result<bool, StoreError> appendFive(AuditLog &audit)
    {
        for (int i = 1; i <= 5; ++i) {
            auto entry = audit.append(u"alice"_s, u"rollout.start"_s, u"rollout/%1"_s.arg(i), u"planned"_s, u"ok"_s,
                                      QJsonObject{{u"devices"_s, 50 * i}, {u"stage"_s, u"canary"_s}});
            if (!entry)
                return entry.error();
        }
        return true;
    }

    bool exec(const Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection().value());
        return q.exec(sql);
    }
} // namespace

class TestAuditLog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { m_fixture.addEngineRows(); }
    void initTestCase() { m_fixture.startPostgres(); }

    void anEmptyLogVerifies()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        AuditLog audit(*db);
        const auto verified = audit.verify();
        OTA_VERIFY_OK(verified);
        QVERIFY(verified->ok);
        QCOMPARE(verified->entries, 0);
        QCOMPARE(verified->headHash, AuditLog::GenesisHash);
    }

    void eachEntryCarriesTheHashOfTheOneBefore()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        AuditLog audit(*db);
        OTA_VERIFY_OK(appendFive(audit));
        const auto entries = audit.entries();
        OTA_VERIFY_OK(entries);
        QCOMPARE(entries->size(), 5);
        QCOMPARE(entries->first().prevHash, AuditLog::GenesisHash);
        for (int i = 0; i < entries->size(); ++i) {
            QCOMPARE(entries->at(i).seq, i + 1);
            QCOMPARE(entries->at(i).hash.size(), 64);
            if (i > 0)
                QCOMPARE(entries->at(i).prevHash, entries->at(i - 1).hash);
        }
        QCOMPARE(entries->at(2).detail.value(u"devices"_s).toInt(), 150);
        const auto verified = audit.verify();
        OTA_VERIFY_OK(verified);
        QVERIFY2(verified->ok, qPrintable(verified->problem));
        QCOMPARE(verified->entries, 5);
        QCOMPARE(verified->headHash, entries->last().hash);
    }

    void theHashIsSha256OfThePreviousHashAndTheCanonicalEntry()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        AuditLog audit(*db);
        const auto entry = audit.append(u"alice"_s, u"key.add"_s, u"key/ab"_s, QString(), u"ok"_s, {});
        OTA_VERIFY_OK(entry);
        const QByteArray canonical = AuditLog::canonical(entry.value(), u"{}"_s);
        QCOMPARE(canonical, "[1," + QByteArray::number(entry->at.toMSecsSinceEpoch())
                                + ",\"alice\",\"key.add\",\"key/ab\",\"\",\"ok\",\"{}\"]");
        const QByteArray expected = QCryptographicHash::hash(QByteArray(QByteArray(64, '0') + canonical),
                                                             QCryptographicHash::Sha256).toHex();
        QCOMPARE(entry->hash, QString::fromLatin1(expected));
    }

    void anEditBehindItsBackIsFoundAtThatEntry_data()
    {
        QTest::addColumn<QString>("change");
        QTest::newRow("actor") << u"actor = 'mallory'"_s;
        QTest::newRow("reason") << u"reason = 'nothing to see'"_s;
        QTest::newRow("result") << u"result = 'denied'"_s;
        QTest::newRow("time") << u"at = at + 1"_s;
        QTest::newRow("detail") << u"detail = '{\"devices\":1,\"stage\":\"canary\"}'"_s;
        QTest::newRow("hash recomputed by hand") << u"hash = '%1'"_s.arg(QString(64, u'a'));
        QTest::newRow("prev_hash") << u"prev_hash = '%1'"_s.arg(QString(64, u'b'));
    }

    void anEditBehindItsBackIsFoundAtThatEntry()
    {
        QFETCH(QString, change);
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        AuditLog audit(*db);
        OTA_VERIFY_OK(appendFive(audit));
        QVERIFY(exec(*db, u"UPDATE audit_log SET "_s + change + u" WHERE seq = 3"_s));
        const auto verified = audit.verify();
        OTA_VERIFY_OK(verified);
        QVERIFY(!verified->ok);
        // A changed hash is seen at entry 3 itself (it no longer matches).
        QCOMPARE(verified->firstBadSeq, 3);
        QCOMPARE(verified->entries, 2);
        QVERIFY(!verified->problem.isEmpty());
    }

    void aDeletedEntryIsFoundWhereItWas()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        AuditLog audit(*db);
        OTA_VERIFY_OK(appendFive(audit));
        QVERIFY(exec(*db, u"DELETE FROM audit_log WHERE seq = 3"_s));
        const auto verified = audit.verify();
        OTA_VERIFY_OK(verified);
        QVERIFY(!verified->ok);
        QCOMPARE(verified->firstBadSeq, 3);
        QCOMPARE(verified->problem, u"entry 3 is missing (the next one is 4)"_s);
    }

    void aDeletedAndRenumberedEntryIsFoundToo()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        AuditLog audit(*db);
        OTA_VERIFY_OK(appendFive(audit));
        QVERIFY(exec(*db, u"DELETE FROM audit_log WHERE seq = 3"_s));
        QVERIFY(exec(*db, u"UPDATE audit_log SET seq = 3 WHERE seq = 4"_s));
        QVERIFY(exec(*db, u"UPDATE audit_log SET seq = 4 WHERE seq = 5"_s));
        const auto verified = audit.verify();
        OTA_VERIFY_OK(verified);
        QVERIFY(!verified->ok);
        QCOMPARE(verified->firstBadSeq, 3);
    }

    void appendingContinuesTheChainAfterReopening()
    {
        OTA_SKIP_WITHOUT_ENGINE(m_fixture);
        const QString location = m_fixture.freshLocation();
        {
            auto db = Database::open(location);
            OTA_VERIFY_OK(db);
            AuditLog audit(*db.value());
            OTA_VERIFY_OK(appendFive(audit));
        }
        auto db = Database::open(location);
        OTA_VERIFY_OK(db);
        AuditLog audit(*db.value());
        const auto sixth = audit.append(u"bob"_s, u"breakglass"_s, u"rollout/1"_s, u"MQTT loop"_s, u"ok"_s);
        OTA_VERIFY_OK(sixth);
        QCOMPARE(sixth->seq, 6);
        QVERIFY(audit.verify()->ok);
    }

    void anEntryNeedsAnActorAnActionAndAResult()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        AuditLog audit(*db);
        QCOMPARE(audit.append(QString(), u"a"_s, u"t"_s, {}, u"ok"_s).error().kind, StoreError::Kind::InvalidInput);
        QCOMPARE(audit.append(u"x"_s, QString(), u"t"_s, {}, u"ok"_s).error().kind, StoreError::Kind::InvalidInput);
        QCOMPARE(audit.append(u"x"_s, u"a"_s, u"t"_s, {}, QString()).error().kind, StoreError::Kind::InvalidInput);
        QVERIFY(audit.entries()->isEmpty());
    }

    void csvQuotesOnlyWhatNeedsIt_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("csv");
        QTest::newRow("plain") << u"alice"_s << u"alice"_s;
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("comma") << u"a,b"_s << u"\"a,b\""_s;
        QTest::newRow("quote") << u"say \"hi\""_s << u"\"say \"\"hi\"\"\""_s;
        QTest::newRow("newline") << u"line1\nline2"_s << u"\"line1\nline2\""_s;
        QTest::newRow("carriage return") << u"a\rb"_s << u"\"a\rb\""_s;
    }

    void csvQuotesOnlyWhatNeedsIt()
    {
        QFETCH(QString, field);
        QFETCH(QString, csv);
        QCOMPARE(AuditLog::csvField(field), csv);
    }

    void theCsvExportHasAHeaderAndOneQuotedRowPerEntry()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        AuditLog audit(*db);
        const auto entry = audit.append(u"alice"_s, u"rollout.stop"_s, u"rollout/7"_s,
                                        u"pilot: 8 rollbacks, \"MQTT\" creds\nsee ticket"_s, u"ok"_s,
                                        QJsonObject{{u"devices"_s, 500}});
        OTA_VERIFY_OK(entry);
        const auto csv = audit.exportCsv();
        OTA_VERIFY_OK(csv);
        const QString expected =
            u"seq,at,actor,action,target,reason,result,detail,prev_hash,hash\r\n"
            "1,%1,alice,rollout.stop,rollout/7,\"pilot: 8 rollbacks, \"\"MQTT\"\" creds\nsee ticket\",ok,"
            "\"{\"\"devices\"\":500}\",%2,%3\r\n"_s.arg(entry->at.toString(Qt::ISODateWithMs), AuditLog::GenesisHash,
                                                         entry->hash);
        QCOMPARE(QString::fromUtf8(csv.value()), expected);
    }

    void theJsonExportHasEveryEntry()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        AuditLog audit(*db);
        OTA_VERIFY_OK(appendFive(audit));
        const auto json = audit.exportJson();
        OTA_VERIFY_OK(json);
        const QJsonArray array = QJsonDocument::fromJson(json.value()).array();
        QCOMPARE(array.size(), 5);
        QCOMPARE(array.at(4).toObject().value(u"seq"_s).toInt(), 5);
        QCOMPARE(array.at(4).toObject().value(u"detail"_s).toObject().value(u"devices"_s).toInt(), 250);
        QCOMPARE(array.at(4).toObject().value(u"prev_hash"_s).toString(), array.at(3).toObject().value(u"hash"_s).toString());
    }

private:
    StoreFixture m_fixture;
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
