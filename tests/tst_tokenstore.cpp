#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include "store/tokenstore.h"
#include "storefixture.h"

using namespace Store;
using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

class TestTokenStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { m_fixture.addEngineRows(); }
    void initTestCase() { m_fixture.startPostgres(); }

    void aNewTokenAuthenticatesWithItsSecretWhichIsNeverStored()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        TokenStore tokens(*db);
        const auto made = tokens.create(u"ci"_s, Role::Operator, false, u"admin"_s);
        OTA_VERIFY_OK(made);
        QVERIFY(made->secret.startsWith(u"ota_"_s));
        QCOMPARE(made->secret.size(), 4 + 43); // 32 bytes, base64url without padding
        const auto who = tokens.authenticate(made->secret);
        OTA_VERIFY_OK(who);
        QVERIFY(who.value().has_value());
        QCOMPARE(who.value()->id, made->token.id);
        QCOMPARE(who.value()->name, u"ci"_s);
        QCOMPARE(who.value()->role, Role::Operator);
        QCOMPARE(who.value()->createdBy, u"admin"_s);
        // No column of the table holds the secret or any part of it.
        QSqlQuery q(db->connection().value());
        QVERIFY(q.exec(u"SELECT * FROM tokens"_s));
        while (q.next()) {
            for (int i = 0; i < q.record().count(); ++i)
                QVERIFY(!q.value(i).toString().contains(made->secret.mid(4, 16)));
        }
    }

    void twoTokensNeverShareASecret()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        TokenStore tokens(*db);
        const auto a = tokens.create(u"a"_s, Role::Viewer, false, u"admin"_s);
        const auto b = tokens.create(u"a"_s, Role::Viewer, false, u"admin"_s);
        OTA_VERIFY_OK(a);
        OTA_VERIFY_OK(b);
        QVERIFY(a->secret != b->secret);
        QVERIFY(a->token.id != b->token.id);
    }

    void everyRoleAndTheBreakGlassRightAreKept_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<bool>("breakGlass");
        QTest::newRow("viewer") << Role::Viewer << false;
        QTest::newRow("operator") << Role::Operator << false;
        QTest::newRow("operator with break-glass") << Role::Operator << true;
        QTest::newRow("admin") << Role::Admin << false;
    }

    void everyRoleAndTheBreakGlassRightAreKept()
    {
        QFETCH(Role, role);
        QFETCH(bool, breakGlass);
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        TokenStore tokens(*db);
        const auto made = tokens.create(u"t"_s, role, breakGlass, u"admin"_s);
        OTA_VERIFY_OK(made);
        const auto listed = tokens.list();
        OTA_VERIFY_OK(listed);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().role, role);
        QCOMPARE(listed->first().breakGlass, breakGlass);
        QCOMPARE(roleFromName(roleName(role)), role);
    }

    void rolesAreOrderedViewerOperatorAdmin()
    {
        QVERIFY(roleAllows(Role::Admin, Role::Operator));
        QVERIFY(roleAllows(Role::Operator, Role::Viewer));
        QVERIFY(roleAllows(Role::Viewer, Role::Viewer));
        QVERIFY(!roleAllows(Role::Viewer, Role::Operator));
        QVERIFY(!roleAllows(Role::Operator, Role::Admin));
        QCOMPARE(roleFromName(u"root"_s), std::nullopt);
        QCOMPARE(roleFromName(u"Admin"_s), std::nullopt);
    }

    void wrongSecretsAreRefused_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::newRow("empty") << QString();
        QTest::newRow("no prefix") << u"abcdef"_s;
        QTest::newRow("unknown") << u"ota_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"_s;
        QTest::newRow("SQL") << u"ota_' OR '1'='1"_s;
    }

    void wrongSecretsAreRefused()
    {
        QFETCH(QString, secret);
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        TokenStore tokens(*db);
        OTA_VERIFY_OK(tokens.create(u"t"_s, Role::Admin, true, u"init"_s));
        const auto who = tokens.authenticate(secret);
        OTA_VERIFY_OK(who);
        QVERIFY(!who.value().has_value());
    }

    void aRevokedTokenNoLongerAuthenticates()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        TokenStore tokens(*db);
        const auto made = tokens.create(u"laptop"_s, Role::Admin, false, u"init"_s);
        OTA_VERIFY_OK(made);
        const auto revoked = tokens.revoke(made->token.id, u"alice"_s);
        OTA_VERIFY_OK(revoked);
        QVERIFY(revoked->revoked());
        QCOMPARE(revoked->revokedBy, u"alice"_s);
        const auto who = tokens.authenticate(made->secret);
        OTA_VERIFY_OK(who);
        QVERIFY(!who.value().has_value());
        QVERIFY(tokens.list()->first().revoked());
    }

    void revokingTwiceOrAnUnknownTokenIsAnError()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        TokenStore tokens(*db);
        const auto made = tokens.create(u"laptop"_s, Role::Admin, false, u"init"_s);
        OTA_VERIFY_OK(made);
        OTA_VERIFY_OK(tokens.revoke(made->token.id, u"alice"_s));
        const auto again = tokens.revoke(made->token.id, u"bob"_s);
        QVERIFY(!again);
        QCOMPARE(again.error().kind, StoreError::Kind::Conflict);
        QCOMPARE(again.error().message, u"token %1 (\"laptop\") was already revoked by alice"_s.arg(made->token.id));
        const auto unknown = tokens.revoke(4242, u"bob"_s);
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, StoreError::Kind::NotFound);
        QCOMPARE(tokens.list()->first().revokedBy, u"alice"_s);
    }

    void aTokenNeedsAName()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        TokenStore tokens(*db);
        const auto made = tokens.create(u"  "_s, Role::Viewer, false, u"init"_s);
        QVERIFY(!made);
        QCOMPARE(made.error().kind, StoreError::Kind::InvalidInput);
        QVERIFY(tokens.list()->isEmpty());
    }

    void authenticatingMarksTheTokenUsedAtMostOnceAMinute()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        QDateTime now = QDateTime::fromString(u"2024-07-01T10:00:00Z"_s, Qt::ISODate);
        db->setClock([&now] { return now; });
        TokenStore tokens(*db);
        const auto made = tokens.create(u"ci"_s, Role::Viewer, false, u"init"_s);
        OTA_VERIFY_OK(made);
        QVERIFY(!tokens.list()->first().lastUsedAt.isValid());
        OTA_VERIFY_OK(tokens.authenticate(made->secret));
        QCOMPARE(tokens.list()->first().lastUsedAt, now);
        const QDateTime first = now;
        now = now.addSecs(30);
        OTA_VERIFY_OK(tokens.authenticate(made->secret));
        QCOMPARE(tokens.list()->first().lastUsedAt, first);
        now = now.addSecs(31);
        OTA_VERIFY_OK(tokens.authenticate(made->secret));
        QCOMPARE(tokens.list()->first().lastUsedAt, now);
    }

private:
    StoreFixture m_fixture;
};

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
