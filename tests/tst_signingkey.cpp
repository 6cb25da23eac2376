#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "firmware/signingkey.h"
#include "testfiles.h"
#include "foreignkeys.h"
#include "opensslcli.h"

using namespace Firmware;
using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

namespace
{
    using Kind = KeyError::Kind;



} // namespace

class TestSigningKey final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generatedKeysAreNewP256KeysEachTime()
    {
        const SigningKey first = newSigningKey();
        const SigningKey second = newSigningKey();
        QCOMPARE(first.keyId().size(), 64);
        QVERIFY(first.keyId() != second.keyId());
        QVERIFY(first.publicKey().toPem().startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    void theEncryptedPemIsPkcs8AndReadsBackOnlyWithItsPassphrase()
    {
        const SigningKey key = newSigningKey();
        const auto pem = key.toEncryptedPem("correct horse");
        QVERIFY(pem);
        QVERIFY(pem->startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
        QVERIFY(!pem->contains("BEGIN PRIVATE KEY"));
        const auto read = SigningKey::fromPem(pem.value(), "correct horse");
        QVERIFY(read);
        QCOMPARE(read->keyId(), key.keyId());
        QCOMPARE(SigningKey::fromPem(pem.value(), "correct horse!").error().kind, Kind::WrongPassphrase);
        QCOMPARE(SigningKey::fromPem(pem.value()).error().kind, Kind::PassphraseRequired);
    }

    void anEmptyPassphraseIsRefusedRatherThanLeavingTheKeyOpen()
    {
        const auto pem = newSigningKey().toEncryptedPem({});
        QVERIFY(!pem);
        QCOMPARE(pem.error().kind, Kind::BadPassphrase);
    }

    void passphrasesUpTo1023BytesWork()
    {
        const SigningKey key = newSigningKey();
        const QByteArray longest(SigningKey::MaxPassphraseBytes, 'p');
        const auto pem = key.toEncryptedPem(longest);
        QVERIFY(pem);
        QCOMPARE(SigningKey::fromPem(pem.value(), longest)->keyId(), key.keyId());
        QCOMPARE(key.toEncryptedPem(QByteArray(longest + 'p')).error().kind, Kind::BadPassphrase);
    }

    void aPassphraseIsBytesNotText()
    {
        const SigningKey key = newSigningKey();
        const QByteArray passphrase = u"pässwörd ✓"_s.toUtf8();
        const auto read = SigningKey::fromPem(key.toEncryptedPem(passphrase).value(), passphrase);
        QVERIFY(read);
        QCOMPARE(read->keyId(), key.keyId());
    }

    void anUnencryptedPemComesOnlyFromItsOwnCall()
    {
        const SigningKey key = newSigningKey();
        const auto pem = key.toUnencryptedPem();
        QVERIFY(pem);
        QVERIFY(pem->startsWith("-----BEGIN PRIVATE KEY-----\n"));
        QCOMPARE(SigningKey::fromPem(pem.value())->keyId(), key.keyId());
        QCOMPARE(SigningKey::fromPem(pem.value(), "ignored")->keyId(), key.keyId());
    }

    void whatIsNotAP256PrivateKeyIsRefused_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::addColumn<QByteArray>("passphrase");
        QTest::addColumn<KeyError::Kind>("kind");
        const SigningKey key = newSigningKey();
        const QByteArray encrypted = key.toEncryptedPem("right").value();
        QTest::newRow("wrong passphrase") << encrypted << QByteArray("wrong") << Kind::WrongPassphrase;
        QTest::newRow("no passphrase") << encrypted << QByteArray() << Kind::PassphraseRequired;
        QTest::newRow("the public key") << key.publicKey().toPem() << QByteArray("right") << Kind::PublicKeyGiven;
        QTest::newRow("empty") << QByteArray() << QByteArray("right") << Kind::NotAKey;
        QTest::newRow("plain text") << QByteArray("my key is 1234") << QByteArray("right") << Kind::NotAKey;
        QTest::newRow("a certificate") << QByteArray("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
                                       << QByteArray() << Kind::NotAKey;
        QTest::newRow("damaged private key")
            << QByteArray("-----BEGIN PRIVATE KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n")
            << QByteArray() << Kind::NotAKey;
        QTest::newRow("RSA") << foreignPrivateKeyPem(ForeignKey::Rsa2048) << QByteArray() << Kind::WrongKeyType;
        QTest::newRow("P-384") << foreignPrivateKeyPem(ForeignKey::EcP384) << QByteArray() << Kind::WrongKeyType;
        QTest::newRow("Ed25519") << foreignPrivateKeyPem(ForeignKey::Ed25519) << QByteArray() << Kind::WrongKeyType;
    }
    void whatIsNotAP256PrivateKeyIsRefused()
    {
        QFETCH(QByteArray, pem);
        QFETCH(QByteArray, passphrase);
        QFETCH(KeyError::Kind, kind);
        const auto read = SigningKey::fromPem(pem, passphrase);
        QVERIFY(!read);
        QCOMPARE(KeyError::kindName(read.error().kind), KeyError::kindName(kind));
        QVERIFY(!read.error().message.isEmpty());
        QVERIFY(!read.error().message.contains(QString::fromUtf8(passphrase)) || passphrase.isEmpty());
    }

    void aKeyMadeByOpenSslGenpkeyWithAes256Loads()
    {
        if (!OpenSslCli::available())
            QSKIP("/usr/bin/openssl is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto made = OpenSslCli::run(dir.path(), {u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s,
                                                       u"ec_paramgen_curve:P-256"_s, u"-aes256"_s, u"-pass"_s,
                                                       u"pass:x"_s, u"-out"_s, u"key.pem"_s});
        QVERIFY2(made.succeeded(), made.errors.constData());
        const QByteArray pem = readFile(dir.filePath(u"key.pem"_s));
        const auto key = SigningKey::fromPem(pem, "x");
        QVERIFY2(key, qPrintable(key ? QString() : key.error().message));
        QCOMPARE(SigningKey::fromPem(pem, "y").error().kind, Kind::WrongPassphrase);
        QCOMPARE(SigningKey::fromPem(pem).error().kind, Kind::PassphraseRequired);

        const auto pub = OpenSslCli::run(dir.path(), {u"pkey"_s, u"-in"_s, u"key.pem"_s, u"-passin"_s, u"pass:x"_s,
                                                      u"-pubout"_s});
        QVERIFY2(pub.succeeded(), pub.errors.constData());
        QCOMPARE(key->publicKey().toPem(), pub.output);
    }

    void traditionalEcKeysFromOpenSslLoad()
    {
        if (!OpenSslCli::available())
            QSKIP("/usr/bin/openssl is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // "EC PARAMETERS" block first, then "EC PRIVATE KEY".
        const auto made = OpenSslCli::run(dir.path(), {u"ecparam"_s, u"-name"_s, u"prime256v1"_s, u"-genkey"_s,
                                                       u"-out"_s, u"ec.pem"_s});
        QVERIFY2(made.succeeded(), made.errors.constData());
        const QByteArray plain = readFile(dir.filePath(u"ec.pem"_s));
        QVERIFY(plain.contains("BEGIN EC PARAMETERS"));
        const auto key = SigningKey::fromPem(plain);
        QVERIFY2(key, qPrintable(key ? QString() : key.error().message));

        // "Proc-Type: 4,ENCRYPTED" with a DEK-Info header.
        const auto encrypted = OpenSslCli::run(dir.path(), {u"ec"_s, u"-in"_s, u"ec.pem"_s, u"-aes256"_s,
                                                            u"-passout"_s, u"pass:x"_s, u"-out"_s, u"ecenc.pem"_s});
        QVERIFY2(encrypted.succeeded(), encrypted.errors.constData());
        const QByteArray pem = readFile(dir.filePath(u"ecenc.pem"_s));
        QVERIFY(pem.contains("Proc-Type: 4,ENCRYPTED"));
        QCOMPARE(SigningKey::fromPem(pem, "x")->keyId(), key->keyId());
        QCOMPARE(SigningKey::fromPem(pem, "y").error().kind, Kind::WrongPassphrase);
        QCOMPARE(SigningKey::fromPem(pem).error().kind, Kind::PassphraseRequired);
    }

    void ourEncryptedKeyIsAes256AndOpensWithOpenSsl()
    {
        if (!OpenSslCli::available())
            QSKIP("/usr/bin/openssl is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const SigningKey key = newSigningKey();
        QVERIFY(writeFile(dir.filePath(u"key.pem"_s), key.toEncryptedPem("s3cret").value()));
        const auto structure = OpenSslCli::run(dir.path(), {u"asn1parse"_s, u"-in"_s, u"key.pem"_s});
        QVERIFY2(structure.succeeded(), structure.errors.constData());
        QVERIFY2(structure.output.contains("aes-256-cbc"), structure.output.constData());
        QVERIFY(structure.output.contains("PBKDF2"));
        const auto opened = OpenSslCli::run(dir.path(), {u"pkey"_s, u"-in"_s, u"key.pem"_s, u"-passin"_s,
                                                         u"pass:s3cret"_s, u"-pubout"_s});
        QVERIFY2(opened.succeeded(), opened.errors.constData());
        QCOMPARE(opened.output, key.publicKey().toPem());
        const auto refused = OpenSslCli::run(dir.path(), {u"pkey"_s, u"-in"_s, u"key.pem"_s, u"-passin"_s,
                                                          u"pass:wrong"_s, u"-pubout"_s});
        QVERIFY(!refused.succeeded());
    }

    void signaturesAreDerEcdsaOverSha256()
    {
        const SigningKey key = newSigningKey();
        const auto signature = key.sign("manifest bytes");
        QVERIFY(signature);
        QVERIFY(signature->size() >= 8 && signature->size() <= 72);
        QCOMPARE(signature->at(0), '\x30'); // SEQUENCE
        QVERIFY(key.publicKey().verifies("manifest bytes", signature.value()));
        QVERIFY(signature.value() != key.sign("manifest bytes").value()); // random k
    }
};

QTEST_GUILESS_MAIN(TestSigningKey)
#include "tst_signingkey.moc"
