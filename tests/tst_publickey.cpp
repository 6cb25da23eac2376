#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "firmware/publickey.h"
#include "testfiles.h"
#include "firmware/signingkey.h"
#include "foreignkeys.h"
#include "opensslcli.h"

using namespace Firmware;
using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

namespace
{
    using Kind = KeyError::Kind;


} // namespace

class TestPublicKey final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aPemPublicKeyReadsBackToTheSameKey()
    {
        const SigningKey key = newSigningKey();
        const QByteArray pem = key.publicKey().toPem();
        QVERIFY(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"));
        const auto read = PublicKey::fromPem(pem);
        QVERIFY(read);
        QVERIFY(read.value() == key.publicKey());
        QCOMPARE(read->keyId(), key.keyId());
    }

    void derAndPemDescribeTheSameKey()
    {
        const PublicKey key = newSigningKey().publicKey();
        const auto fromDer = PublicKey::fromDer(key.toDer());
        QVERIFY(fromDer);
        QCOMPARE(fromDer->toPem(), key.toPem());
        QCOMPARE(key.toDer().size(), 91); // SPKI of a named-curve P-256 key, uncompressed point
    }

    void theKeyIdIsTheHexSha256OfTheDerSubjectPublicKeyInfo()
    {
        const PublicKey key = newSigningKey().publicKey();
        const QByteArray expected = QCryptographicHash::hash(key.toDer(), QCryptographicHash::Sha256).toHex();
        QCOMPARE(key.keyId(), QString::fromLatin1(expected));
        QCOMPARE(key.keyId().size(), 64);
        QCOMPARE(key.keyId(), key.keyId().toLower());
    }

    void theKeyIdIsWhatOpenSslAndSha256sumComputeForTheKey()
    {
        if (!OpenSslCli::available())
            QSKIP("/usr/bin/openssl is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const PublicKey key = newSigningKey().publicKey();
        QVERIFY(writeFile(dir.filePath(u"pub.pem"_s), key.toPem()));
        const auto der = OpenSslCli::run(dir.path(), {u"pkey"_s, u"-pubin"_s, u"-in"_s, u"pub.pem"_s,
                                                      u"-outform"_s, u"DER"_s});
        QVERIFY2(der.succeeded(), der.errors.constData());
        QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(der.output, QCryptographicHash::Sha256).toHex()),
                 key.keyId());
    }

    void aPublicKeyFromTheOpenSslToolReads()
    {
        if (!OpenSslCli::available())
            QSKIP("/usr/bin/openssl is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto made = OpenSslCli::run(dir.path(), {u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s,
                                                       u"ec_paramgen_curve:P-256"_s, u"-out"_s, u"key.pem"_s});
        QVERIFY2(made.succeeded(), made.errors.constData());
        const auto pub = OpenSslCli::run(dir.path(), {u"pkey"_s, u"-in"_s, u"key.pem"_s, u"-pubout"_s});
        QVERIFY2(pub.succeeded(), pub.errors.constData());
        const auto key = PublicKey::fromPem(pub.output);
        QVERIFY2(key, qPrintable(key ? QString() : key.error().message));
        QCOMPARE(key->toPem(), pub.output);
    }

    void textAroundThePemBlockIsIgnored()
    {
        const PublicKey key = newSigningKey().publicKey();
        const QByteArray text = "Trusted release key of the building fleet\n\n" + key.toPem() + "\n# end\n";
        const auto read = PublicKey::fromPem(text);
        QVERIFY(read);
        QCOMPARE(read->keyId(), key.keyId());
    }

    void whatIsNotAP256PublicKeyIsRefused_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::addColumn<KeyError::Kind>("kind");
        const SigningKey key = newSigningKey();
        QTest::newRow("empty") << QByteArray() << Kind::NotAKey;
        QTest::newRow("plain text") << QByteArray("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 me@host") << Kind::NotAKey;
        QTest::newRow("a certificate") << QByteArray("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
                                       << Kind::NotAKey;
        QByteArray damaged = key.publicKey().toPem();
        damaged.replace(30, 20, "AAAAAAAAAAAAAAAAAAAA");
        QTest::newRow("damaged block") << damaged << Kind::NotAKey;
        QTest::newRow("the private key") << key.toEncryptedPem("pw").value() << Kind::PrivateKeyGiven;
        QTest::newRow("unencrypted private key") << key.toUnencryptedPem().value() << Kind::PrivateKeyGiven;
        QTest::newRow("RSA") << foreignPublicKeyPem(ForeignKey::Rsa2048) << Kind::WrongKeyType;
        QTest::newRow("P-384") << foreignPublicKeyPem(ForeignKey::EcP384) << Kind::WrongKeyType;
        QTest::newRow("Ed25519") << foreignPublicKeyPem(ForeignKey::Ed25519) << Kind::WrongKeyType;
    }
    void whatIsNotAP256PublicKeyIsRefused()
    {
        QFETCH(QByteArray, pem);
        QFETCH(KeyError::Kind, kind);
        const auto read = PublicKey::fromPem(pem);
        QVERIFY(!read);
        QCOMPARE(KeyError::kindName(read.error().kind), KeyError::kindName(kind));
        QVERIFY(!read.error().message.isEmpty());
    }

    void theWrongKeyTypeIsNamed()
    {
        const auto read = PublicKey::fromPem(foreignPublicKeyPem(ForeignKey::EcP384));
        QVERIFY(!read);
        QVERIFY2(read.error().message.contains(u"secp384r1"_s), qPrintable(read.error().message));
    }

    void derMustBeExactlyOneSubjectPublicKeyInfo()
    {
        const QByteArray der = newSigningKey().publicKey().toDer();
        QCOMPARE(PublicKey::fromDer(QByteArray(der + '\0')).error().kind, Kind::NotAKey);
        QCOMPARE(PublicKey::fromDer(der.left(der.size() - 1)).error().kind, Kind::NotAKey);
        QCOMPARE(PublicKey::fromDer({}).error().kind, Kind::NotAKey);
    }

    void aKeyVerifiesOnlySignaturesItsPrivateKeyMadeOverTheSameBytes()
    {
        const SigningKey key = newSigningKey();
        const QByteArray message = "{\"version\": \"2.3.2\"}\n";
        const QByteArray signature = key.sign(message).value();
        QVERIFY(key.publicKey().verifies(message, signature));
        QVERIFY(!key.publicKey().verifies(QByteArray(message + ' '), signature));
        QVERIFY(!newSigningKey().publicKey().verifies(message, signature));
        QVERIFY(!key.publicKey().verifies(message, {}));
        QVERIFY(!key.publicKey().verifies(message, "garbage"));
        QVERIFY(key.publicKey().verifies({}, key.sign({}).value()));
    }
};

QTEST_GUILESS_MAIN(TestPublicKey)
#include "tst_publickey.moc"
