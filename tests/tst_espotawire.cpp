#include <QTest>

#include "espota/espotawire.h"

using namespace Espota;
using namespace Qt::Literals::StringLiterals;

// The ArduinoOTA wire texts and the authentication arithmetic, checked
// against the test vectors of PROTOCOLS.md 1.4.
class TestEspotaWire final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void invitationIsFourFieldsAndANewline()
    {
        const Invitation invitation {Command::Flash, 51234, 1168784, "0123456789abcdef0123456789abcdef"};
        QCOMPARE(invitation.encode(), "0 51234 1168784 0123456789abcdef0123456789abcdef\n");
        Invitation fs = invitation;
        fs.command = Command::Filesystem;
        QVERIFY(fs.encode().startsWith("100 51234 "));
    }

    void deviceParsesWhatTheClientWrites()
    {
        const Invitation sent {Command::Filesystem, 43232, 4096, Auth::md5Hex("x")};
        const auto parsed = Invitation::parseAsDevice(sent.encode());
        QVERIFY(parsed);
        QCOMPARE(parsed->command, Command::Filesystem);
        QCOMPARE(parsed->hostPort, 43232);
        QCOMPARE(parsed->size, 4096);
        QCOMPARE(parsed->md5Hex, sent.md5Hex);
    }

    void deviceIgnoresWhatArduinoOtaIgnores_data()
    {
        QTest::addColumn<QByteArray>("datagram");
        QTest::newRow("unknown command") << QByteArray("7 43232 100 0123456789abcdef0123456789abcdef\n");
        QTest::newRow("auth command while idle") << QByteArray("200 43232 100 0123456789abcdef0123456789abcdef\n");
        QTest::newRow("short md5") << QByteArray("0 43232 100 0123456789abcdef\n");
        QTest::newRow("long md5") << QByteArray("0 43232 100 0123456789abcdef0123456789abcdef00\n");
        QTest::newRow("no port") << QByteArray("0");
        QTest::newRow("port out of range") << QByteArray("0 70000 100 0123456789abcdef0123456789abcdef\n");
        QTest::newRow("empty") << QByteArray();
    }
    void deviceIgnoresWhatArduinoOtaIgnores()
    {
        QFETCH(QByteArray, datagram);
        QVERIFY(!Invitation::parseAsDevice(datagram));
    }

    void deviceTrimsTheMd5AndToleratesNoNewline()
    {
        const auto parsed = Invitation::parseAsDevice("0 1000 5 0123456789abcdef0123456789abcdef");
        QVERIFY(parsed);
        QCOMPARE(parsed->md5Hex, "0123456789abcdef0123456789abcdef");
        QVERIFY(Invitation::parseAsDevice("0 1000 5 0123456789abcdef0123456789abcdef \r\n"));
    }

    void schemeIsChosenByNonceLength()
    {
        QCOMPARE(schemeForNonce(QByteArray(32, 'a')), AuthScheme::Md5);
        QCOMPARE(schemeForNonce(QByteArray(64, 'a')), AuthScheme::Pbkdf2Sha256);
        QVERIFY(!schemeForNonce(QByteArray(40, 'a')));
        QVERIFY(!schemeForNonce(QByteArray()));
    }

    void md5SchemeMatchesTheProtocolVector()
    {
        const QByteArray hash = Auth::passwordHash(u"admin"_s, Auth::PasswordHash::Md5);
        QCOMPARE(hash, "21232f297a57a5a743894a0e4a801fc3");
        QCOMPARE(Auth::response(AuthScheme::Md5, hash, "0123456789abcdef0123456789abcdef",
                                "c496a5ed80bd6e682c2fc24b2856e15a"),
                 "590831b69d864032883a9a029862903a");
    }

    void pbkdf2SchemeMatchesVectorA()
    {
        const QByteArray nonce = QByteArray("ab").repeated(32);
        const QByteArray cnonce = QByteArray("cd").repeated(32);
        const QByteArray sha = Auth::passwordHash(u"admin"_s, Auth::PasswordHash::Sha256);
        QCOMPARE(sha, "8c6976e5b5410415bde908bd4dee15dfb167a9c873fc4bb8a81f6f2ab448a918");
        QCOMPARE(Auth::response(AuthScheme::Pbkdf2Sha256, sha, nonce, cnonce),
                 "c022439c98bb1eda0ea5cd1e4d4fa8282fdf2a844d19fa01aae030439a7634f4");
        // A 3.3.1+ device that stored an MD5 hash with setPasswordHash().
        const QByteArray md5 = Auth::passwordHash(u"admin"_s, Auth::PasswordHash::Md5);
        QCOMPARE(Auth::response(AuthScheme::Pbkdf2Sha256, md5, nonce, cnonce),
                 "2a9e2e8a71bbded21d592065aa1b2afaaca98ec5ba4f9be53709eaba5b7f8720");
    }

    void pbkdf2SchemeMatchesVectorB()
    {
        const QByteArray sha = Auth::passwordHash(u"a-real-password"_s, Auth::PasswordHash::Sha256);
        QVERIFY(sha.startsWith("980061b5"));
        QVERIFY(sha.endsWith("2f9e"));
        QCOMPARE(Auth::response(AuthScheme::Pbkdf2Sha256, sha, QByteArray("ab").repeated(32),
                                QByteArray("cd").repeated(32)),
                 "4d63ba8b1efa8949a0c5caefe7e8bc77db582e5531bdf2667c663394b4551b93");
    }

    void clientNonceHasTheSchemesLength()
    {
        const QByteArray md5 = Auth::clientNonce(AuthScheme::Md5, u"fw.bin"_s, 100, Auth::md5Hex("x"), u"127.0.0.2"_s);
        const QByteArray sha = Auth::clientNonce(AuthScheme::Pbkdf2Sha256, u"fw.bin"_s, 100, Auth::md5Hex("x"), u"127.0.0.2"_s);
        QCOMPARE(md5.size(), 32);
        QCOMPARE(sha.size(), 64);
        QCOMPARE(md5, Auth::md5Hex(QByteArray("fw.bin100" + Auth::md5Hex("x") + "127.0.0.2")));
    }

    void authAnswerRoundTripsAndLengthsAreChecked()
    {
        const AuthAnswer answer {QByteArray(64, 'c'), QByteArray(64, 'd')};
        QCOMPARE(answer.encode(), "200 " + QByteArray(64, 'c') + ' ' + QByteArray(64, 'd') + '\n');
        QVERIFY(AuthAnswer::parseAsDevice(answer.encode(), AuthScheme::Pbkdf2Sha256));
        // A 3.3.1+ device refuses 32-character values ("auth param fail").
        QVERIFY(!AuthAnswer::parseAsDevice(answer.encode(), AuthScheme::Md5));
        QVERIFY(!AuthAnswer::parseAsDevice(QByteArray("0 43232 100 " + QByteArray(32, 'a') + '\n'), AuthScheme::Md5));
    }

    void noncesAreFreshHex()
    {
        const QByteArray a = Auth::newNonce(AuthScheme::Md5);
        const QByteArray b = Auth::newNonce(AuthScheme::Md5);
        QCOMPARE(a.size(), 32);
        QCOMPARE(Auth::newNonce(AuthScheme::Pbkdf2Sha256).size(), 64);
        QVERIFY(a != b);
        QCOMPARE(QByteArray::fromHex(a).toHex(), a);
    }

    void flavourNamesRoundTrip()
    {
        for (Flavour f : {Flavour::Esp32Md5, Flavour::Esp32Pbkdf2, Flavour::Esp8266})
            QCOMPARE(flavourByName(flavourName(f)), f);
        QVERIFY(!flavourByName(u"esp32"_s));
    }
};

QTEST_GUILESS_MAIN(TestEspotaWire)
#include "tst_espotawire.moc"
