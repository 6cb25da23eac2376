#include <algorithm>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "firmware/opensslptr.h"
#include "testfiles.h"
#include "firmware/securebootv2.h"
#include "sbv2testsigner.h"
#include "testimagebuilder.h"

using namespace Firmware::SecureBootV2;
using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

namespace
{
    const QString OpensslTool = u"/usr/bin/openssl"_s;

    QString fixture(const QString &name)
    {
        return QStringLiteral(OTA_FIXTURES_DIR) + u"/sbv2/"_s + name;
    }



    QString hex(qint64 value)
    {
        return u"0x%1"_s.arg(value, 0, 16);
    }

    QByteArray flipped(QByteArray data, qsizetype offset, quint8 mask = 0x01)
    {
        data[offset] = char(data.at(offset) ^ mask);
        return data;
    }

    QByteArray withByte(QByteArray data, qsizetype offset, quint8 value)
    {
        data[offset] = char(value);
        return data;
    }

    // Changes one byte of the block at blockOffset and gives it a valid CRC
    // again, so the change itself is what the reader sees.
    QByteArray resealed(QByteArray data, qsizetype blockOffset, qsizetype field, quint8 value, bool flip = false)
    {
        data[blockOffset + field] = char(flip ? quint8(data.at(blockOffset + field)) ^ value : value);
        resealSbv2Block(data, blockOffset);
        return data;
    }

    QByteArray reversed(QByteArray data)
    {
        std::reverse(data.begin(), data.end());
        return data;
    }

    // Two 4 KiB sectors of app image: the signature sector starts at 0x2000.
    QByteArray testImage()
    {
        return padTo4k(TestImageBuilder().addSegment(0x40080000, QByteArray(5000, 'i')).build());
    }
    constexpr qint64 TestSectorAt = 0x2000;

    Sbv2TestKey keyFor(Scheme scheme)
    {
        return Sbv2TestKey::shared(scheme);
    }

    // Where PROTOCOLS.md 4.2 puts the eFuse-digested key bytes and the signature.
    qsizetype materialAt(Scheme scheme) { return scheme == Scheme::EcdsaP384 ? 52 : 36; }
    qsizetype materialSize(Scheme scheme) { return scheme == Scheme::Rsa3072Pss ? 776 : scheme == Scheme::EcdsaP384 ? 97 : 65; }
    qsizetype signatureAt(Scheme scheme) { return scheme == Scheme::Rsa3072Pss ? 812 : scheme == Scheme::EcdsaP384 ? 149 : 101; }

    QByteArray publicPemOf(EVP_PKEY *key)
    {
        const Firmware::OpenSsl::BioPtr bio(BIO_new(BIO_s_mem()));
        PEM_write_bio_PUBKEY(bio.get(), key);
        return Firmware::OpenSsl::bioContents(bio.get());
    }

    // A DER INTEGER from big-endian magnitude bytes, written by hand so the
    // openssl tool sees a signature this test encoded, not the library.
    QByteArray derInteger(QByteArray bigEndian)
    {
        while (bigEndian.size() > 1 && bigEndian.at(0) == '\0')
            bigEndian.remove(0, 1);
        if (quint8(bigEndian.at(0)) & 0x80)
            bigEndian.prepend('\0');
        return QByteArray(1, '\x02') + char(bigEndian.size()) + bigEndian;
    }

    QByteArray ecdsaDer(const QByteArray &block, Scheme scheme, qsizetype coordinate)
    {
        const qsizetype at = signatureAt(scheme);
        const QByteArray body = derInteger(reversed(block.mid(at, coordinate))) + derInteger(reversed(block.mid(at + coordinate, coordinate)));
        return QByteArray(1, '\x30') + char(body.size()) + body;
    }

    struct ToolRun
    {
        int exitCode = -1;
        QByteArray output;
    };

    ToolRun runOpenssl(const QString &workDir, const QStringList &arguments)
    {
        QProcess process;
        process.setWorkingDirectory(workDir);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(OpensslTool, arguments);
        if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit)
            return {};
        return {process.exitCode(), process.readAll()};
    }
} // namespace

class TestSecureBootV2 final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void schemesAreNamedForPeople()
    {
        QCOMPARE(schemeName(Scheme::Rsa3072Pss), u"RSA-3072-PSS"_s);
        QCOMPARE(schemeName(Scheme::EcdsaP192), u"ECDSA P-192"_s);
        QCOMPARE(schemeName(Scheme::EcdsaP256), u"ECDSA P-256"_s);
        QCOMPARE(schemeName(Scheme::EcdsaP384), u"ECDSA P-384"_s);
    }

    // --- Real files signed by espsecure (esptool test/secure_images) ---

    void espsecureSignedBootloadersVerifyWithTheirPublicKeys_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("pem");
        QTest::addColumn<Scheme>("scheme");
        QTest::addColumn<QByteArray>("keyDigest"); // SHA-256 of block bytes 36..811 (RSA) or 36..100 (ECDSA)
        QTest::newRow("ECDSA P-256") << u"bootloader_signed_v2_ecdsa256.bin"_s << u"ecdsa256_secure_boot_signing_pubkey.pem"_s
                                     << Scheme::EcdsaP256 << "f35cc5dbdde67f94a7bbcb5723371ba91822193582308f84cb95b4531219056d"_ba;
        QTest::newRow("RSA-3072") << u"bootloader_signed_v2_rsa.bin"_s << u"rsa_secure_boot_signing_pubkey.pem"_s
                                  << Scheme::Rsa3072Pss << "cb2791a371b0c0322bf7370478ba0962224cab1cf2287879e429673e7da84463"_ba;
    }
    void espsecureSignedBootloadersVerifyWithTheirPublicKeys()
    {
        QFETCH(QString, file);
        QFETCH(QString, pem);
        QFETCH(Scheme, scheme);
        QFETCH(QByteArray, keyDigest);
        if (!QFile::exists(fixture(file)))
            QSKIP("shared fixtures not present; see ../shared/fixtures/README.md");
        const QByteArray signedFile = readFile(fixture(file));
        const QByteArray key = readFile(fixture(pem));
        QCOMPARE(signedFile.size(), 36864);

        const auto sector = findSector(signedFile);
        QVERIFY(sector && *sector);
        QCOMPARE((*sector)->offset, 0x8000);
        QCOMPARE((*sector)->blocks.size(), 1);
        const SignatureBlock &block = (*sector)->blocks.at(0);
        QCOMPARE(block.slot, 0);
        QCOMPARE(block.offset, 0x8000);
        QCOMPARE(block.scheme, scheme);
        QCOMPARE(block.imageDigest.toHex(), "41e8df85bcf9632d97f97d3716e09e403c4acece1ccc25749241be2b6ddd21de"_ba);
        QCOMPARE(block.keyDigest().toHex(), keyDigest);

        const auto report = verify(signedFile, key);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->slot, 0);
        QCOMPARE(report->scheme, scheme);
        QCOMPARE(report->keyDigest.toHex(), keyDigest);

        const auto digest = keyDigestOfPublicKey(key);
        QVERIFY(digest);
        QCOMPARE(digest->toHex(), keyDigest);
    }

    void espsecureSignedBootloadersRefuseOtherKeys_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("otherPem"); // a fixture, or empty for a key made here
        QTest::addColumn<Scheme>("madeKey");
        QTest::addColumn<QString>("blockDigest");
        const QString ecdsaFile = u"bootloader_signed_v2_ecdsa256.bin"_s;
        const QString rsaFile = u"bootloader_signed_v2_rsa.bin"_s;
        QTest::newRow("ECDSA file, RSA key") << ecdsaFile << u"rsa_secure_boot_signing_pubkey.pem"_s << Scheme::Rsa3072Pss << u"f35cc5db"_s;
        QTest::newRow("ECDSA file, another P-256 key") << ecdsaFile << QString() << Scheme::EcdsaP256 << u"f35cc5db"_s;
        QTest::newRow("RSA file, ECDSA key") << rsaFile << u"ecdsa256_secure_boot_signing_pubkey.pem"_s << Scheme::EcdsaP256 << u"cb2791a3"_s;
        QTest::newRow("RSA file, another RSA key") << rsaFile << QString() << Scheme::Rsa3072Pss << u"cb2791a3"_s;
    }
    void espsecureSignedBootloadersRefuseOtherKeys()
    {
        QFETCH(QString, file);
        QFETCH(QString, otherPem);
        QFETCH(Scheme, madeKey);
        QFETCH(QString, blockDigest);
        if (!QFile::exists(fixture(file)))
            QSKIP("shared fixtures not present; see ../shared/fixtures/README.md");
        const QByteArray otherKey = otherPem.isEmpty() ? keyFor(madeKey).publicKeyPem() : readFile(fixture(otherPem));
        const auto report = verify(readFile(fixture(file)), otherKey);
        QVERIFY(!report);
        QCOMPARE(report.error().kind, VerifyError::Kind::NoMatchingBlock);
        QVERIFY2(report.error().message.contains(blockDigest), qPrintable(report.error().message));
    }

    void anEspsecureSignedBootloaderWithAChangedByteFailsItsDigest()
    {
        if (!QFile::exists(fixture(u"bootloader_signed_v2_rsa.bin"_s)))
            QSKIP("shared fixtures not present; see ../shared/fixtures/README.md");
        const QByteArray key = readFile(fixture(u"rsa_secure_boot_signing_pubkey.pem"_s));
        const auto report = verify(flipped(readFile(fixture(u"bootloader_signed_v2_rsa.bin"_s)), 0x1234), key);
        QVERIFY(!report);
        QCOMPARE(report.error().kind, VerifyError::Kind::DigestMismatch);
        QVERIFY2(report.error().message.contains(u"block 0 at offset 0x8000"), qPrintable(report.error().message));
    }

    void theUnsignedBootloaderIsNotSigned()
    {
        if (!QFile::exists(fixture(u"bootloader_unsigned_v2.bin"_s)))
            QSKIP("shared fixtures not present; see ../shared/fixtures/README.md");
        const QByteArray unsignedFile = readFile(fixture(u"bootloader_unsigned_v2.bin"_s));
        QCOMPARE(unsignedFile.size(), 32768);
        QVERIFY(!findSector(unsignedFile));
        const auto sector = parseSector(QByteArrayView(unsignedFile).last(SectorSize), 0x7000);
        QVERIFY(!sector);
        QCOMPARE(sector.error().kind, SectorError::Kind::NoBlocks);
        QCOMPARE(sector.error().offset, 0x7000);
        for (const QString &pem : {u"rsa_secure_boot_signing_pubkey.pem"_s, u"ecdsa256_secure_boot_signing_pubkey.pem"_s}) {
            const auto report = verify(unsignedFile, readFile(fixture(pem)));
            QVERIFY(!report);
            QCOMPARE(report.error().kind, VerifyError::Kind::NotSigned);
            QVERIFY2(report.error().message.contains(u"0x7000") && report.error().message.contains(u"0x6a"),
                     qPrintable(report.error().message));
        }
    }

    // --- Sectors from the test signer ---

    void aSignedImageRoundTripsForEachScheme_data()
    {
        QTest::addColumn<Scheme>("scheme");
        QTest::newRow("RSA-3072") << Scheme::Rsa3072Pss;
        QTest::newRow("ECDSA P-192") << Scheme::EcdsaP192;
        QTest::newRow("ECDSA P-256") << Scheme::EcdsaP256;
        QTest::newRow("ECDSA P-384") << Scheme::EcdsaP384;
    }
    void aSignedImageRoundTripsForEachScheme()
    {
        QFETCH(Scheme, scheme);
        const Sbv2TestKey key = keyFor(scheme);
        const QByteArray image = testImage();
        const QByteArray signedFile = signSbv2(image, {key});
        QCOMPARE(signedFile.size(), TestSectorAt + SectorSize);
        QCOMPARE(quint8(signedFile.at(TestSectorAt)), quint8(0xE7));
        QCOMPARE(quint8(signedFile.at(TestSectorAt + 1)), quint8(scheme == Scheme::Rsa3072Pss ? 0x02 : 0x03));
        QCOMPARE(signedFile.mid(TestSectorAt + 1200, 16), QByteArray(16, '\0'));
        QCOMPARE(signedFile.mid(TestSectorAt + BlockSize), QByteArray(SectorSize - BlockSize, '\xff'));

        const auto sector = findSector(signedFile);
        QVERIFY(sector && *sector);
        QCOMPARE((*sector)->offset, TestSectorAt);
        QCOMPARE((*sector)->blocks.size(), 1);
        const SignatureBlock &block = (*sector)->blocks.at(0);
        QCOMPARE(block.scheme, scheme);
        QCOMPARE(block.offset, TestSectorAt);
        const auto algorithm = scheme == Scheme::EcdsaP384 ? QCryptographicHash::Sha384 : QCryptographicHash::Sha256;
        QCOMPARE(block.imageDigest, QCryptographicHash::hash(image, algorithm));
        QCOMPARE(block.publicKeyMaterial, signedFile.mid(TestSectorAt + materialAt(scheme), materialSize(scheme)));
        QCOMPARE(block.signature.size(), scheme == Scheme::Rsa3072Pss ? 384 : scheme == Scheme::EcdsaP384 ? 96 : 64);

        const auto report = verify(signedFile, key.publicKeyPem());
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->slot, 0);
        QCOMPARE(report->scheme, scheme);
        QCOMPARE(report->keyDigest, block.keyDigest());
    }

    void theKeyDigestOfAPublicKeyIsWhatItsBlocksCarry_data() { aSignedImageRoundTripsForEachScheme_data(); }
    void theKeyDigestOfAPublicKeyIsWhatItsBlocksCarry()
    {
        QFETCH(Scheme, scheme);
        const Sbv2TestKey key = keyFor(scheme);
        const QByteArray sector = buildSbv2Sector(testImage(), {key});
        // espsecure digest-sbv2-public-key: SHA-256 over the key bytes of a block.
        const QByteArray expected = QCryptographicHash::hash(sector.mid(materialAt(scheme), materialSize(scheme)),
                                                             QCryptographicHash::Sha256);
        const auto digest = keyDigestOfPublicKey(key.publicKeyPem());
        QVERIFY2(digest, qPrintable(digest ? QString() : digest.error().message));
        QCOMPARE(digest->toHex(), expected.toHex());
        QCOMPARE(parseSector(sector, 0)->blocks.at(0).keyDigest().toHex(), expected.toHex());
    }

    void aSectorWithSeveralBlocksVerifiesWithEachOfItsKeys_data()
    {
        QTest::addColumn<QList<int>>("schemes");
        QTest::addColumn<bool>("freshKeys"); // distinct keys of one scheme
        const auto s = [](Scheme scheme) { return static_cast<int>(scheme); };
        QTest::newRow("RSA, P-256") << QList<int>{s(Scheme::Rsa3072Pss), s(Scheme::EcdsaP256)} << false;
        QTest::newRow("P-192, P-384, RSA") << QList<int>{s(Scheme::EcdsaP192), s(Scheme::EcdsaP384), s(Scheme::Rsa3072Pss)} << false;
        QTest::newRow("three P-256 keys") << QList<int>{s(Scheme::EcdsaP256), s(Scheme::EcdsaP256), s(Scheme::EcdsaP256)} << true;
    }
    void aSectorWithSeveralBlocksVerifiesWithEachOfItsKeys()
    {
        QFETCH(QList<int>, schemes);
        QFETCH(bool, freshKeys);
        QList<Sbv2TestKey> keys;
        for (int scheme : schemes)
            keys.append(freshKeys ? Sbv2TestKey::generate(Scheme(scheme)) : keyFor(Scheme(scheme)));
        const QByteArray signedFile = signSbv2(testImage(), keys);

        const auto sector = findSector(signedFile);
        QVERIFY(sector && *sector);
        QCOMPARE((*sector)->blocks.size(), keys.size());
        for (int slot = 0; slot < keys.size(); ++slot) {
            QCOMPARE((*sector)->blocks.at(slot).slot, slot);
            QCOMPARE((*sector)->blocks.at(slot).offset, TestSectorAt + slot * BlockSize);
            QCOMPARE((*sector)->blocks.at(slot).scheme, keys.at(slot).scheme());
            const auto report = verify(signedFile, keys.at(slot).publicKeyPem());
            QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
            QCOMPARE(report->slot, slot);
        }
        const auto stranger = verify(signedFile, Sbv2TestKey::generate(Scheme::EcdsaP256).publicKeyPem());
        QCOMPARE(stranger.error().kind, VerifyError::Kind::NoMatchingBlock);

        // A forged last block fails on its own; the others still verify.
        const qsizetype last = TestSectorAt + (keys.size() - 1) * BlockSize;
        const QByteArray forged = resealed(signedFile, last, signatureAt(keys.last().scheme()) + 3, 0x40, true);
        QCOMPARE(verify(forged, keys.last().publicKeyPem()).error().kind, VerifyError::Kind::BadSignature);
        QCOMPARE(verify(forged, keys.first().publicKeyPem())->slot, 0);
    }

    void aBlockAfterAnEmptySlotIsStillRead()
    {
        const QByteArray image = testImage();
        QByteArray sector(SectorSize, '\xff');
        sector.replace(0, BlockSize, keyFor(Scheme::EcdsaP256).signatureBlock(image));
        sector.replace(2 * BlockSize, BlockSize, keyFor(Scheme::EcdsaP384).signatureBlock(image));
        const auto parsed = parseSector(sector, TestSectorAt);
        QVERIFY(parsed);
        QCOMPARE(parsed->blocks.size(), 2);
        QCOMPARE(parsed->blocks.at(1).slot, 2);
        QCOMPARE(parsed->blocks.at(1).offset, TestSectorAt + 2 * BlockSize);
        QCOMPARE(verify(QByteArray(image + sector), keyFor(Scheme::EcdsaP384).publicKeyPem())->slot, 2);
    }

    void aBareSectorSignsTheEmptyImage()
    {
        const QByteArray sector = buildSbv2Sector(QByteArrayView(), {keyFor(Scheme::EcdsaP256)});
        const auto report = verify(sector, keyFor(Scheme::EcdsaP256).publicKeyPem());
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    }

    void theFuzzSeedsAreSignedFilesThatVerify()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        writeSbv2FuzzSeeds(dir.filePath(u"sbv2sector"_s));
        const QStringList seeds = QDir(dir.filePath(u"sbv2sector"_s)).entryList(QDir::Files);
        QVERIFY(seeds.size() >= 8);
        QSet<int> schemesSeen;
        for (const QString &seed : seeds) {
            const QByteArray file = readFile(dir.filePath(u"sbv2sector/"_s + seed));
            const auto sector = findSector(file);
            QVERIFY2(sector && *sector, qPrintable(seed));
            for (const SignatureBlock &block : (*sector)->blocks) {
                schemesSeen.insert(static_cast<int>(block.scheme));
                const auto report = verify(file, Sbv2TestKey::fuzzKey(block.scheme).publicKeyPem());
                QVERIFY2(report && report->slot == block.slot, qPrintable(seed));
            }
        }
        QCOMPARE(schemesSeen.size(), 4);
    }

    // --- Every error kind, with its offset and message ---

    void everySectorErrorSaysWhatAndWhere_data()
    {
        QTest::addColumn<QByteArray>("sector");
        QTest::addColumn<SectorError::Kind>("kind");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<QString>("saying");
        using K = SectorError::Kind;
        const QByteArray image = testImage();
        const QByteArray p256 = buildSbv2Sector(image, {keyFor(Scheme::EcdsaP256)});
        const QByteArray p384 = buildSbv2Sector(image, {keyFor(Scheme::EcdsaP384)});
        const QByteArray three = buildSbv2Sector(image, {keyFor(Scheme::EcdsaP192), keyFor(Scheme::Rsa3072Pss), keyFor(Scheme::EcdsaP256)});
        constexpr qsizetype Slot1 = BlockSize;
        constexpr qsizetype Slot2 = 2 * BlockSize;
        // The sector sits at 0x8000 in the file; offsets are file offsets.
        QTest::newRow("one byte short") << p256.first(4095) << K::WrongSize << qint64(0x8000) << u"at offset 0x8000 is 4095 bytes"_s;
        QTest::newRow("one byte long") << QByteArray(p256 + 'x') << K::WrongSize << qint64(0x8000) << u"4097 bytes"_s;
        QTest::newRow("nothing") << QByteArray() << K::WrongSize << qint64(0x8000) << u"0 bytes"_s;
        QTest::newRow("all 0xFF") << QByteArray(4096, '\xff') << K::NoBlocks << qint64(0x8000) << u"first byte is 0xff"_s;
        QTest::newRow("magic in slot 1 only") << withByte(three, 0, 0xE6) << K::NoBlocks << qint64(0x8000) << u"0xe6"_s;
        QTest::newRow("version 0x04") << resealed(p256, 0, 1, 0x04) << K::BadVersion << qint64(0x8001)
                                      << u"Secure Boot V2 block 0 at offset 0x8000: version byte at 0x8001 is 0x04"_s;
        QTest::newRow("version 0x01 in slot 1") << resealed(three, Slot1, 1, 0x01) << K::BadVersion << qint64(0x8000 + Slot1 + 1)
                                                << u"block 1 at offset 0x84c0: version byte at 0x84c1 is 0x01"_s;
        QTest::newRow("CRC field changed") << flipped(p256, 1196) << K::BadCrc << qint64(0x8000 + 1196)
                                           << u"Secure Boot V2 block 0 at offset 0x8000: CRC-32 is 0x"_s;
        QTest::newRow("digest changed, CRC not") << flipped(p256, 10) << K::BadCrc << qint64(0x8000 + 1196) << u"but bytes 0..1195 give 0x"_s;
        QTest::newRow("a zero byte before the CRC changed") << withByte(p256, 1196 - 1, 0xAA) << K::BadCrc << qint64(0x8000 + 1196) << u"CRC-32"_s;
        QTest::newRow("slot 2 with a bad CRC") << flipped(three, Slot2 + 500) << K::BadCrc << qint64(0x8000 + Slot2 + 1196)
                                               << u"block 2 at offset 0x8980"_s;
        QTest::newRow("curve id 4") << resealed(p256, 0, 36, 4) << K::BadCurve << qint64(0x8024) << u"curve id at 0x8024 is 4"_s;
        QTest::newRow("curve id 0") << resealed(p256, 0, 36, 0) << K::BadCurve << qint64(0x8024) << u"is 0"_s;
        QTest::newRow("P-384 curve id with SHA-256") << resealed(p256, 0, 36, 3) << K::BadCurve << qint64(0x8024)
                                                     << u"1 (P-192) or 2 (P-256) go with SHA-256"_s;
        QTest::newRow("P-384 block marked SHA-256") << resealed(resealed(p384, 0, 2, 0x00), 0, 36, 3) << K::BadCurve << qint64(0x8024)
                                                    << u"curve id at 0x8024 is 3"_s;
        QTest::newRow("P-256 block marked SHA-384") << resealed(resealed(p256, 0, 2, 0x01), 0, 52, 2) << K::BadCurve << qint64(0x8034)
                                                    << u"3 (P-384) goes with SHA-384"_s;
        QTest::newRow("SHA variant 0x02") << resealed(p384, 0, 2, 0x02) << K::BadCurve << qint64(0x8002)
                                          << u"SHA variant byte at 0x8002 is 0x02"_s;
    }
    void everySectorErrorSaysWhatAndWhere()
    {
        QFETCH(QByteArray, sector);
        QFETCH(SectorError::Kind, kind);
        QFETCH(qint64, offset);
        QFETCH(QString, saying);
        const auto parsed = parseSector(sector, 0x8000);
        QVERIFY2(!parsed, "a broken sector must not parse");
        QCOMPARE(parsed.error().kind, kind);
        QCOMPARE(parsed.error().offset, offset);
        QVERIFY2(parsed.error().message.contains(saying), qPrintable(parsed.error().message));
    }

    void everyVerifyErrorSaysWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QByteArray>("pem");
        QTest::addColumn<VerifyError::Kind>("kind");
        QTest::addColumn<QString>("saying");
        using K = VerifyError::Kind;
        const QByteArray image = testImage();
        const QByteArray p256Pem = keyFor(Scheme::EcdsaP256).publicKeyPem();
        const QByteArray p256File = signSbv2(image, {keyFor(Scheme::EcdsaP256)});

        QTest::newRow("empty file") << QByteArray() << p256Pem << K::NotSigned << u"empty"_s;
        QTest::newRow("unsigned image") << image << p256Pem << K::NotSigned << u"at offset 0x1000, start with 0x"_s;
        QTest::newRow("length not a multiple of 4096") << QByteArray(p256File + 'x') << p256Pem << K::NotSigned << u"12289 bytes, not a multiple of 4096"_s;
        QTest::newRow("block with a bad CRC") << flipped(p256File, TestSectorAt + 40) << p256Pem << K::BadSector << u"CRC-32 is"_s;
        QTest::newRow("garbage PEM") << p256File << "-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n"_ba
                                     << K::BadPublicKey << u"Not a PEM public key"_s;
        QTest::newRow("random bytes as PEM") << p256File << QByteArray(300, '\x9c') << K::BadPublicKey << u"Not a PEM public key"_s;
        QTest::newRow("empty PEM") << p256File << "  \n"_ba << K::BadPublicKey << u"empty"_s;
        QTest::newRow("half a PEM") << p256File << p256Pem.first(p256Pem.size() / 2) << K::BadPublicKey << u"Not a PEM public key"_s;
        QTest::newRow("private key") << p256File << keyFor(Scheme::EcdsaP256).privateKeyPem() << K::BadPublicKey << u"private key"_s;
        QTest::newRow("RSA-2048 key") << p256File << keyPem("RSA", 2048) << K::BadPublicKey << u"2048 bits"_s;
        QTest::newRow("secp256k1 key") << p256File << keyPem("EC", 0, "secp256k1") << K::BadPublicKey << u"curve secp256k1"_s;
        QTest::newRow("Ed25519 key") << p256File << keyPem("ED25519") << K::BadPublicKey << u"ED25519"_s;
        QTest::newRow("another P-256 key") << p256File << Sbv2TestKey::generate(Scheme::EcdsaP256).publicKeyPem()
                                           << K::NoMatchingBlock << u"the sector holds block 0: ECDSA P-256, key digest"_s;
        QTest::newRow("image byte changed") << flipped(p256File, 0x123) << p256Pem << K::DigestMismatch
                                            << u"Secure Boot V2 block 0 at offset 0x2000 claims SHA-256"_s;
        for (Scheme scheme : {Scheme::Rsa3072Pss, Scheme::EcdsaP192, Scheme::EcdsaP256, Scheme::EcdsaP384}) {
            const QByteArray file = signSbv2(image, {keyFor(scheme)});
            QTest::addRow("%s signature byte changed", qPrintable(schemeName(scheme)))
                << resealed(file, TestSectorAt, signatureAt(scheme) + 5, 0x01, true) << keyFor(scheme).publicKeyPem()
                << K::BadSignature << u"signature at %1 does not verify"_s.arg(hex(TestSectorAt + signatureAt(scheme)));
        }
        // A re-hashed image with a resealed block: the digest now matches, the signature cannot.
        const QByteArray changed = flipped(image, 0x123);
        QByteArray rehashed = changed + p256File.sliced(TestSectorAt);
        rehashed.replace(TestSectorAt + 4, 32, QCryptographicHash::hash(changed, QCryptographicHash::Sha256));
        resealSbv2Block(rehashed, TestSectorAt);
        QTest::newRow("image changed and re-hashed") << rehashed << p256Pem << K::BadSignature << u"does not verify"_s;
    }
    void everyVerifyErrorSaysWhatIsWrong()
    {
        QFETCH(QByteArray, file);
        QFETCH(QByteArray, pem);
        QFETCH(VerifyError::Kind, kind);
        QFETCH(QString, saying);
        const auto report = verify(file, pem);
        QVERIFY2(!report, "a bad file or key must not verify");
        QCOMPARE(report.error().kind, kind);
        QVERIFY2(report.error().message.contains(saying), qPrintable(report.error().message));
    }

    // Every single-byte change of a block, resealed so its CRC holds, gives a
    // value: an error when the byte is one the chip reads, success when it is
    // padding nothing reads. Run under ASan in CI.
    void everyByteOfABlockThatTheChipReadsIsChecked_data() { aSignedImageRoundTripsForEachScheme_data(); }
    void everyByteOfABlockThatTheChipReadsIsChecked()
    {
        QFETCH(Scheme, scheme);
        const QByteArray signedFile = signSbv2(testImage(), {keyFor(scheme)});
        const QByteArray pem = keyFor(scheme).publicKeyPem();
        for (qsizetype length = 0; length < SectorSize; length += 97) {
            const auto parsed = parseSector(QByteArrayView(signedFile).sliced(TestSectorAt, length), TestSectorAt);
            QCOMPARE(parsed.error().kind, SectorError::Kind::WrongSize);
        }
        const bool rsa = scheme == Scheme::Rsa3072Pss;
        const qsizetype digestEnd = 4 + (scheme == Scheme::EcdsaP384 ? 48 : 32);
        const qsizetype coordinate = scheme == Scheme::EcdsaP192 ? 24 : scheme == Scheme::EcdsaP256 ? 32 : 48;
        // The eFuse key digest covers P-192's 16 padding bytes too.
        const qsizetype keyEnd = materialAt(scheme) + materialSize(scheme);
        const qsizetype signatureEnd = signatureAt(scheme) + (rsa ? 384 : 2 * coordinate);
        for (qsizetype field = 0; field < 1196; ++field) {
            const bool read = field < 2 || (field == 2 && !rsa) || (field >= 4 && field < digestEnd)
                || (field >= materialAt(scheme) && field < keyEnd) || (field >= signatureAt(scheme) && field < signatureEnd);
            const auto report = verify(resealed(signedFile, TestSectorAt, field, 0x80, true), pem);
            QVERIFY2(bool(report) != read, qPrintable(u"block byte %1 changed: %2"_s.arg(field).arg(report ? u"verifies"_s : report.error().message)));
        }
    }

    // --- Cross-checks against the openssl command-line tool ---

    void keysMadeByTheOpensslToolSignBlocksThatVerify_data()
    {
        QTest::addColumn<Scheme>("scheme");
        QTest::addColumn<QStringList>("makeKey");
        QTest::newRow("RSA-3072 genpkey") << Scheme::Rsa3072Pss
                                          << QStringList{u"genpkey"_s, u"-algorithm"_s, u"RSA"_s, u"-pkeyopt"_s, u"rsa_keygen_bits:3072"_s, u"-out"_s, u"key.pem"_s};
        for (const auto &[scheme, curve] : {std::pair{Scheme::EcdsaP192, u"prime192v1"_s}, std::pair{Scheme::EcdsaP256, u"prime256v1"_s},
                                            std::pair{Scheme::EcdsaP384, u"secp384r1"_s}}) {
            QTest::addRow("%s ecparam", qPrintable(curve))
                << scheme << QStringList{u"ecparam"_s, u"-name"_s, curve, u"-genkey"_s, u"-noout"_s, u"-out"_s, u"key.pem"_s};
        }
    }
    void keysMadeByTheOpensslToolSignBlocksThatVerify()
    {
        QFETCH(Scheme, scheme);
        QFETCH(QStringList, makeKey);
        if (!QFile::exists(OpensslTool))
            QSKIP("/usr/bin/openssl is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QCOMPARE(runOpenssl(dir.path(), makeKey).exitCode, 0);
        const ToolRun pubout = runOpenssl(dir.path(), {u"pkey"_s, u"-in"_s, u"key.pem"_s, u"-pubout"_s});
        QCOMPARE(pubout.exitCode, 0);

        const auto key = Sbv2TestKey::fromPrivateKeyPem(readFile(dir.filePath(u"key.pem"_s)));
        QVERIFY(key);
        QCOMPARE(key->scheme(), scheme);
        const QByteArray signedFile = signSbv2(testImage(), {*key});
        const auto report = verify(signedFile, pubout.output);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->scheme, scheme);
        QCOMPARE(keyDigestOfPublicKey(pubout.output).value(), findSector(signedFile)->value().blocks.at(0).keyDigest());
    }

    void signaturesOfTheTestSignerVerifyWithTheOpensslTool_data() { aSignedImageRoundTripsForEachScheme_data(); }
    void signaturesOfTheTestSignerVerifyWithTheOpensslTool()
    {
        QFETCH(Scheme, scheme);
        if (!QFile::exists(OpensslTool))
            QSKIP("/usr/bin/openssl is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Sbv2TestKey key = keyFor(scheme);
        const QByteArray image = testImage();
        const QByteArray block = key.signatureBlock(image);
        QVERIFY(writeFile(dir.filePath(u"image.bin"_s), image));
        QVERIFY(writeFile(dir.filePath(u"pub.pem"_s), key.publicKeyPem()));

        QStringList check;
        QByteArray signature;
        QByteArray verifiedSays;
        if (scheme == Scheme::Rsa3072Pss) {
            QCOMPARE(runOpenssl(dir.path(), {u"dgst"_s, u"-sha256"_s, u"-binary"_s, u"-out"_s, u"digest.bin"_s, u"image.bin"_s}).exitCode, 0);
            signature = reversed(block.mid(812, 384));
            check = {u"pkeyutl"_s, u"-verify"_s, u"-pubin"_s, u"-inkey"_s, u"pub.pem"_s, u"-in"_s, u"digest.bin"_s,
                     u"-sigfile"_s, u"sig.bin"_s, u"-pkeyopt"_s, u"rsa_padding_mode:pss"_s, u"-pkeyopt"_s,
                     u"rsa_pss_saltlen:32"_s, u"-pkeyopt"_s, u"digest:sha256"_s};
            verifiedSays = "Signature Verified Successfully";
        } else {
            const qsizetype coordinate = scheme == Scheme::EcdsaP192 ? 24 : scheme == Scheme::EcdsaP256 ? 32 : 48;
            signature = ecdsaDer(block, scheme, coordinate);
            check = {u"dgst"_s, scheme == Scheme::EcdsaP384 ? u"-sha384"_s : u"-sha256"_s, u"-verify"_s, u"pub.pem"_s,
                     u"-signature"_s, u"sig.bin"_s, u"image.bin"_s};
            verifiedSays = "Verified OK";
        }
        QVERIFY(writeFile(dir.filePath(u"sig.bin"_s), signature));
        const ToolRun good = runOpenssl(dir.path(), check);
        QVERIFY2(good.exitCode == 0 && good.output.contains(verifiedSays), good.output.constData());

        QVERIFY(writeFile(dir.filePath(u"sig.bin"_s), flipped(signature, signature.size() - 3)));
        QVERIFY(runOpenssl(dir.path(), check).exitCode != 0);
    }

    void rsaBlockFieldsAgreeWithTheOpensslToolsModulus()
    {
        if (!QFile::exists(OpensslTool))
            QSKIP("/usr/bin/openssl is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Sbv2TestKey key = keyFor(Scheme::Rsa3072Pss);
        QVERIFY(writeFile(dir.filePath(u"pub.pem"_s), key.publicKeyPem()));
        const ToolRun text = runOpenssl(dir.path(), {u"pkey"_s, u"-pubin"_s, u"-in"_s, u"pub.pem"_s, u"-noout"_s, u"-text"_s});
        QCOMPARE(text.exitCode, 0);
        const QString printed = QString::fromLatin1(text.output);
        const QRegularExpressionMatch modulus = QRegularExpression(u"Modulus:\\s*([0-9a-f:\\s]+)Exponent"_s).match(printed);
        QVERIFY2(modulus.hasMatch(), qPrintable(printed));
        QByteArray n = QByteArray::fromHex(modulus.captured(1).remove(u':').remove(QRegularExpression(u"\\s"_s)).toLatin1());
        while (n.size() > 384 && n.at(0) == '\0')
            n.remove(0, 1);
        QVERIFY(printed.contains(u"Exponent: 65537 (0x10001)"));

        const QByteArray block = key.signatureBlock(testImage());
        QCOMPARE(reversed(block.mid(36, 384)).toHex(), n.toHex());
        QCOMPARE(qFromLittleEndian<quint32>(block.constData() + 420), 65537u);
        // m' = -n^-1 mod 2^32, so n * m' = -1 mod 2^32.
        const quint32 n0 = qFromLittleEndian<quint32>(block.constData() + 36);
        QCOMPARE(quint32(n0 * qFromLittleEndian<quint32>(block.constData() + 808)), 0xFFFFFFFFu);
        // rinv = R^2 mod n is below n.
        QVERIFY(reversed(block.mid(424, 384)) < n);
    }

    void aPkcs1RsaPublicKeyGivesTheSameDigest()
    {
        if (!QFile::exists(OpensslTool))
            QSKIP("/usr/bin/openssl is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Sbv2TestKey key = keyFor(Scheme::Rsa3072Pss);
        QVERIFY(writeFile(dir.filePath(u"pub.pem"_s), key.publicKeyPem()));
        const ToolRun pkcs1 = runOpenssl(dir.path(), {u"rsa"_s, u"-pubin"_s, u"-in"_s, u"pub.pem"_s, u"-RSAPublicKey_out"_s});
        QCOMPARE(pkcs1.exitCode, 0);
        QVERIFY(pkcs1.output.contains("BEGIN RSA PUBLIC KEY"));
        QCOMPARE(keyDigestOfPublicKey(pkcs1.output).value(), keyDigestOfPublicKey(key.publicKeyPem()).value());
    }

private:
    static QByteArray keyPem(const char *type, size_t bits = 0, const char *curve = nullptr)
    {
        EVP_PKEY *raw = bits ? EVP_PKEY_Q_keygen(nullptr, nullptr, type, bits)
                             : curve ? EVP_PKEY_Q_keygen(nullptr, nullptr, type, curve)
                                     : EVP_PKEY_Q_keygen(nullptr, nullptr, type);
        const Firmware::OpenSsl::PkeyPtr key(raw);
        return key ? publicPemOf(key.get()) : QByteArray();
    }
};

QTEST_GUILESS_MAIN(TestSecureBootV2)
#include "tst_securebootv2.moc"
