#include <QTest>

#include "firmware/signingkey.h"
#include "store/keystore.h"
#include "storefixture.h"
#include "testfiles.h"

using namespace Store;
using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

class TestKeyStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { m_fixture.addEngineRows(); }
    void initTestCase() { m_fixture.startPostgres(); }

    void anAddedKeyIsTrustedAndListedUnderItsKeyId()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        KeyStore keys(*db);
        const Firmware::PublicKey pub = newSigningKey().publicKey();
        const auto added = keys.add(pub.toPem(), u"release key 2024"_s, u"alice"_s);
        OTA_VERIFY_OK(added);
        QCOMPARE(added->keyId, pub.keyId());
        QCOMPARE(added->pem, pub.toPem());
        QVERIFY(keys.isTrusted(pub.keyId()).value());
        const auto listed = keys.list();
        OTA_VERIFY_OK(listed);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().name, u"release key 2024"_s);
        QCOMPARE(listed->first().addedBy, u"alice"_s);
        QVERIFY(!listed->first().revoked());
        const auto found = keys.find(pub.keyId());
        OTA_VERIFY_OK(found);
        QVERIFY(found.value().has_value());
        QCOMPARE(found.value()->pem, pub.toPem());
    }

    void theSameKeyTwiceIsADuplicateEvenWithOtherText()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        KeyStore keys(*db);
        const Firmware::PublicKey pub = newSigningKey().publicKey();
        OTA_VERIFY_OK(keys.add(pub.toPem(), u"first"_s, u"alice"_s));
        const auto again = keys.add("comment above\n" + pub.toPem(), u"second"_s, u"bob"_s);
        QVERIFY(!again);
        QCOMPARE(again.error().kind, StoreError::Kind::Duplicate);
        QCOMPARE(again.error().message, u"key %1 is already trusted, as \"first\""_s.arg(pub.keyId()));
        QCOMPARE(keys.list()->size(), 1);
    }

    void aRevokedKeyIsNotTrustedAndCannotComeBack()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        KeyStore keys(*db);
        const Firmware::PublicKey pub = newSigningKey().publicKey();
        OTA_VERIFY_OK(keys.add(pub.toPem(), u"leaked"_s, u"alice"_s));
        const auto revoked = keys.revoke(pub.keyId(), u"bob"_s);
        OTA_VERIFY_OK(revoked);
        QVERIFY(revoked->revoked());
        QCOMPARE(revoked->revokedBy, u"bob"_s);
        QVERIFY(!keys.isTrusted(pub.keyId()).value());
        QVERIFY(keys.find(pub.keyId()).value()->revoked());
        const auto readded = keys.add(pub.toPem(), u"leaked again"_s, u"mallory"_s);
        QVERIFY(!readded);
        QCOMPARE(readded.error().kind, StoreError::Kind::Duplicate);
        QVERIFY2(readded.error().message.contains(u"revoked by bob"_s), qPrintable(readded.error().message));
        QVERIFY(!keys.isTrusted(pub.keyId()).value());
    }

    void revokingTwiceOrAnUnknownKeyIsAnError()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        KeyStore keys(*db);
        const Firmware::PublicKey pub = newSigningKey().publicKey();
        OTA_VERIFY_OK(keys.add(pub.toPem(), u"k"_s, u"alice"_s));
        OTA_VERIFY_OK(keys.revoke(pub.keyId(), u"bob"_s));
        const auto twice = keys.revoke(pub.keyId(), u"carol"_s);
        QVERIFY(!twice);
        QCOMPARE(twice.error().kind, StoreError::Kind::Conflict);
        const auto unknown = keys.revoke(QString(64, u'a'), u"carol"_s);
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, StoreError::Kind::NotFound);
        QVERIFY(!keys.isTrusted(QString(64, u'a')).value());
        QVERIFY(!keys.find(QString(64, u'a')).value().has_value());
    }

    void whatIsNotANamedPublicKeyIsRefused_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("says");
        const Firmware::SigningKey key = newSigningKey();
        QTest::newRow("garbage") << QByteArray("hello") << u"k"_s << u"not a trusted-key candidate"_s;
        QTest::newRow("empty") << QByteArray() << u"k"_s << u"not a trusted-key candidate"_s;
        QTest::newRow("a private key") << key.toUnencryptedPem().value() << u"k"_s
                                       << u"not a trusted-key candidate"_s;
        QTest::newRow("no name") << key.publicKey().toPem() << u" "_s << u"needs a name"_s;
    }

    void whatIsNotANamedPublicKeyIsRefused()
    {
        QFETCH(QByteArray, pem);
        QFETCH(QString, name);
        QFETCH(QString, says);
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        KeyStore keys(*db);
        const auto added = keys.add(pem, name, u"alice"_s);
        QVERIFY(!added);
        QCOMPARE(added.error().kind, StoreError::Kind::InvalidInput);
        QVERIFY2(added.error().message.contains(says), qPrintable(added.error().message));
        QVERIFY(keys.list()->isEmpty());
    }

private:
    StoreFixture m_fixture;
};

QTEST_GUILESS_MAIN(TestKeyStore)
#include "tst_keystore.moc"
