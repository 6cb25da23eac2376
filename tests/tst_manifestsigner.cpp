#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "firmware/manifestsigner.h"
#include "testfiles.h"
#include "firmware/releasemanifest.h"
#include "opensslcli.h"

using namespace Firmware;
using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

namespace
{
    using Kind = SignatureError::Kind;


    FirmwareImage sampleImage()
    {
        FirmwareImage image;
        image.chip = *chipByName(u"esp32");
        image.fileSize = 912'384;
        image.fileSha256 = QCryptographicHash::hash("image bytes", QCryptographicHash::Sha256);
        AppDescriptor descriptor;
        descriptor.version = u"2.3.2"_s;
        descriptor.projectName = u"smart_building_sensor"_s;
        descriptor.compileDate = u"Jul  5 2024"_s;
        descriptor.compileTime = u"09:15:00"_s;
        image.appDescriptor = descriptor;
        return image;
    }

    QByteArray manifestBytes()
    {
        ManifestOverrides overrides;
        overrides.gitCommit = u"0296947"_s;
        overrides.minPreviousVersion = u"2.0.0"_s;
        return ReleaseManifest::fromImage(sampleImage(), overrides).toJson();
    }


} // namespace

class TestManifestSigner final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aSignedManifestVerifiesWithItsKey()
    {
        const SigningKey key = newSigningKey();
        const QByteArray bytes = manifestBytes();
        const auto signature = ManifestSigner::sign(bytes, key);
        QVERIFY(signature);
        const auto match = ManifestSigner::verify(bytes, signature.value(), key.publicKey());
        QVERIFY2(match, qPrintable(match ? QString() : match.error().message));
        QCOMPARE(match->keyId, key.keyId());
        QCOMPARE(match->keyIndex, 0);
    }

    void theWireFormIsBase64OfTheDerBytes()
    {
        const SigningKey key = newSigningKey();
        const QByteArray der = ManifestSigner::sign(manifestBytes(), key).value();
        const QByteArray wire = ManifestSigner::toBase64(der);
        QCOMPARE(QByteArray::fromBase64(wire), der);
        QVERIFY(!wire.contains('\n'));
        QVERIFY(wire.startsWith("ME")); // SEQUENCE of 68..70 bytes
    }

    void verifyTakesDerOrBase64WithAnyWhitespace_data()
    {
        QTest::addColumn<int>("form");
        QTest::newRow("DER") << 0;
        QTest::newRow("base64") << 1;
        QTest::newRow("base64 with a trailing newline") << 2;
        QTest::newRow("base64 wrapped and indented") << 3;
    }
    void verifyTakesDerOrBase64WithAnyWhitespace()
    {
        QFETCH(int, form);
        const SigningKey key = newSigningKey();
        const QByteArray der = ManifestSigner::sign(manifestBytes(), key).value();
        const QByteArray base64 = ManifestSigner::toBase64(der);
        const QByteArray forms[] = {der, base64, base64 + '\n',
                                    "  " + base64.left(20) + "\r\n\t" + base64.mid(20, 30) + "\n " + base64.mid(50) + "\n\n"};
        QVERIFY(ManifestSigner::verify(manifestBytes(), forms[form], key.publicKey()));
        QCOMPARE(ManifestSigner::decodeSignature(forms[form]).value(), der);
    }

    void theMatchingTrustedKeyIsReported()
    {
        const SigningKey signer = newSigningKey();
        const QList<PublicKey> trusted = {newSigningKey().publicKey(), signer.publicKey(), newSigningKey().publicKey()};
        const QByteArray signature = ManifestSigner::sign(manifestBytes(), signer).value();
        const auto match = ManifestSigner::verify(manifestBytes(), signature, trusted);
        QVERIFY(match);
        QCOMPARE(match->keyIndex, 1);
        QCOMPARE(match->keyId, signer.keyId());
    }

    void anyChangeToTheBytesBreaksTheSignature_data()
    {
        QTest::addColumn<QByteArray>("changed");
        QByteArray bytes = manifestBytes();
        QTest::newRow("one more newline") << QByteArray(bytes + '\n');
        QTest::newRow("one byte less") << bytes.chopped(1);
        QTest::newRow("version changed") << QByteArray(bytes).replace("2.3.2", "2.3.3");
        QTest::newRow("same manifest, other layout") << QByteArray(bytes).replace("\n  ", "\n    ");
    }
    void anyChangeToTheBytesBreaksTheSignature()
    {
        QFETCH(QByteArray, changed);
        const SigningKey signer = newSigningKey();
        const SigningKey other = newSigningKey();
        const QByteArray signature = ManifestSigner::sign(manifestBytes(), signer).value();
        const auto result = ManifestSigner::verify(changed, signature, {other.publicKey(), signer.publicKey()});
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Kind::NoKeyMatched);
        QCOMPARE(result.error().triedKeyIds, (QStringList{other.keyId(), signer.keyId()}));
        QVERIFY(result.error().message.contains(other.keyId()));
        QVERIFY(result.error().message.contains(signer.keyId()));
    }

    void aSignatureByAnUntrustedKeyIsRefused()
    {
        const QByteArray signature = ManifestSigner::sign(manifestBytes(), newSigningKey()).value();
        const auto result = ManifestSigner::verify(manifestBytes(), signature, newSigningKey().publicKey());
        QCOMPARE(result.error().kind, Kind::NoKeyMatched);
    }

    void withoutTrustedKeysNothingVerifies()
    {
        const SigningKey key = newSigningKey();
        const QByteArray signature = ManifestSigner::sign(manifestBytes(), key).value();
        const auto result = ManifestSigner::verify(manifestBytes(), signature, QList<PublicKey>{});
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Kind::NoTrustedKeys);
    }

    void signaturesThatDoNotDecodeAreToldApart_data()
    {
        QTest::addColumn<QByteArray>("signature");
        const QByteArray der = ManifestSigner::sign(manifestBytes(), newSigningKey()).value();
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("only whitespace") << QByteArray(" \n\t ");
        QTest::newRow("not base64") << QByteArray("this is not a signature!");
        QTest::newRow("base64 of other bytes") << QByteArray("aGVsbG8gd29ybGQ=");
        QTest::newRow("DER with a byte after it") << QByteArray(der + '\0');
        QTest::newRow("DER cut short") << der.chopped(1);
        QTest::newRow("base64 of DER with a byte after it") << QByteArray(der + 'x').toBase64();
        QByteArray longForm = der;
        longForm.insert(1, '\x81'); // BER long-form length of the SEQUENCE: not DER
        QTest::newRow("BER length") << longForm;
        QTest::newRow("PEM armour") << QByteArray("-----BEGIN SIGNATURE-----\n" + der.toBase64() + "\n-----END SIGNATURE-----\n");
        QTest::newRow("far too long") << QByteArray(ManifestSigner::MaxSignatureText + 1, 'A');
    }
    void signaturesThatDoNotDecodeAreToldApart()
    {
        QFETCH(QByteArray, signature);
        const SigningKey key = newSigningKey();
        QCOMPARE(ManifestSigner::decodeSignature(signature).error().kind, Kind::Undecodable);
        const auto result = ManifestSigner::verify(manifestBytes(), signature, key.publicKey());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Kind::Undecodable);
        QVERIFY(!result.error().message.isEmpty());
    }

    void ourSignatureVerifiesWithOpenSslDgst()
    {
        if (!OpenSslCli::available())
            QSKIP("/usr/bin/openssl is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const SigningKey key = newSigningKey();
        const QByteArray bytes = manifestBytes();
        QVERIFY(writeFile(dir.filePath(u"manifest.json"_s), bytes));
        QVERIFY(writeFile(dir.filePath(u"sig.der"_s), ManifestSigner::sign(bytes, key).value()));
        QVERIFY(writeFile(dir.filePath(u"pub.pem"_s), key.publicKey().toPem()));
        const QStringList verify = {u"dgst"_s, u"-sha256"_s, u"-verify"_s, u"pub.pem"_s, u"-signature"_s,
                                    u"sig.der"_s, u"manifest.json"_s};
        const auto run = OpenSslCli::run(dir.path(), verify);
        QVERIFY2(run.succeeded(), run.errors.constData());
        QCOMPARE(run.output.trimmed(), QByteArray("Verified OK"));

        QVERIFY(writeFile(dir.filePath(u"manifest.json"_s), bytes + '\n'));
        QVERIFY(!OpenSslCli::run(dir.path(), verify).succeeded());
    }

    void aSignatureByOpenSslDgstVerifiesWithOurCode()
    {
        if (!OpenSslCli::available())
            QSKIP("/usr/bin/openssl is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray bytes = manifestBytes();
        QVERIFY(writeFile(dir.filePath(u"manifest.json"_s), bytes));
        const auto made = OpenSslCli::run(dir.path(), {u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s,
                                                       u"ec_paramgen_curve:P-256"_s, u"-out"_s, u"key.pem"_s});
        QVERIFY2(made.succeeded(), made.errors.constData());
        const auto pub = OpenSslCli::run(dir.path(), {u"pkey"_s, u"-in"_s, u"key.pem"_s, u"-pubout"_s});
        QVERIFY2(pub.succeeded(), pub.errors.constData());
        const auto signed_ = OpenSslCli::run(dir.path(), {u"dgst"_s, u"-sha256"_s, u"-sign"_s, u"key.pem"_s,
                                                          u"-out"_s, u"sig.der"_s, u"manifest.json"_s});
        QVERIFY2(signed_.succeeded(), signed_.errors.constData());
        const auto base64 = OpenSslCli::run(dir.path(), {u"base64"_s, u"-in"_s, u"sig.der"_s});
        QVERIFY2(base64.succeeded(), base64.errors.constData());

        const auto publicKey = PublicKey::fromPem(pub.output);
        QVERIFY(publicKey);
        const QByteArray der = readFile(dir.filePath(u"sig.der"_s));
        const auto match = ManifestSigner::verify(bytes, der, publicKey.value());
        QVERIFY2(match, qPrintable(match ? QString() : match.error().message));
        QCOMPARE(match->keyId, publicKey->keyId());
        QVERIFY(ManifestSigner::verify(bytes, base64.output, publicKey.value()));
        QCOMPARE(ManifestSigner::verify(QByteArray(bytes + ' '), der, publicKey.value()).error().kind, Kind::NoKeyMatched);
    }

    void aReleaseGoesFromImageToVerifiedManifest()
    {
        // Data flow 1 of ARCHITECTURE.md, both ends.
        const SigningKey operatorKey = newSigningKey();
        ManifestOverrides overrides;
        overrides.notes = u"Fixes the MQTT reconnect loop."_s;
        const ReleaseManifest manifest = ReleaseManifest::fromImage(sampleImage(), overrides);
        QVERIFY(manifest.validate());
        const QByteArray bytes = manifest.toJson();
        QVERIFY(bytes.contains("\"build_date\": \"2024-07-05T09:15:00\""));
        const QByteArray wire = ManifestSigner::toBase64(ManifestSigner::sign(bytes, operatorKey).value());

        const auto match = ManifestSigner::verify(bytes, wire, {newSigningKey().publicKey(), operatorKey.publicKey()});
        QVERIFY(match);
        QCOMPARE(match->keyId, operatorKey.keyId());
        const auto received = ReleaseManifest::parse(bytes);
        QVERIFY(received);
        QVERIFY(received->checkMatchesImage(sampleImage()));
        QCOMPARE(received.value(), manifest);
    }
};

QTEST_GUILESS_MAIN(TestManifestSigner)
#include "tst_manifestsigner.moc"
