#include <QDir>
#include <QFile>
#include <QTest>
#include <QtEndian>

#include "firmware/imagereader.h"
#include "testimagebuilder.h"

using namespace Firmware;
using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

namespace
{
    QString fixture(const QString &name)
    {
        return QStringLiteral(OTA_FIXTURES_DIR) + u"/firmware/"_s + name;
    }

    QByteArray withLe32(QByteArray data, qsizetype offset, quint32 value)
    {
        qToLittleEndian(value, data.data() + offset);
        return data;
    }

    QByteArray withByte(QByteArray data, qsizetype offset, quint8 value)
    {
        data[offset] = char(value);
        return data;
    }

    QByteArray flipped(QByteArray data, qsizetype offset)
    {
        data[offset] = char(data.at(offset) ^ 0x01);
        return data;
    }

    // The built image has one 1280-byte DROM segment at 0x20: data ends at
    // 0x520, the checksum sits at 0x52f, the appended hash at 0x530..0x54f.
    constexpr qsizetype SegmentDataEnd = 0x520;
    constexpr qsizetype ChecksumOffset = 0x52f;
} // namespace

class TestImageReader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEveryFieldOfAGeneratedImage_data()
    {
        QTest::addColumn<quint16>("chipId");
        QTest::addColumn<QString>("chipKey");
        QTest::addColumn<bool>("hashAppended");
        for (const Chip &chip : knownChips()) {
            if (!chip.imageChipId)
                continue;
            QTest::addRow("%s with hash", qPrintable(chip.key)) << *chip.imageChipId << chip.key << true;
            QTest::addRow("%s without hash", qPrintable(chip.key)) << *chip.imageChipId << chip.key << false;
        }
    }
    void readsEveryFieldOfAGeneratedImage()
    {
        QFETCH(quint16, chipId);
        QFETCH(QString, chipKey);
        QFETCH(bool, hashAppended);
        const QByteArray file = TestImageBuilder(chipId)
                                    .setVersion(u"2.4.1-rc1"_s)
                                    .setProjectName(u"boiler_ctrl"_s)
                                    .setIdfVersion(u"v5.3.1"_s)
                                    .setCompileDate(u"Nov  5 2026"_s)
                                    .setCompileTime(u"07:08:09"_s)
                                    .setSecureVersion(7)
                                    .setHashAppended(hashAppended)
                                    .setChipRevisions(101, 199)
                                    .setFlash(3, 3, 0xF)
                                    .setEntryPoint(0x40081234)
                                    .addSegment(0x3FFB0000, QByteArray(64, 'd'))
                                    .addSegment(0x40080000, QByteArray(128, 'i'))
                                    .build();

        const auto image = ImageReader::read(file);
        QVERIFY2(image, qPrintable(image ? QString() : image.error().message));
        QCOMPARE(image->chip.key, chipKey);
        QCOMPARE(image->segments.size(), 3);
        QCOMPARE(image->segments.at(0).dataOffset, 0x20);
        QCOMPARE(image->segments.at(1).loadAddress, 0x3FFB0000u);
        QCOMPARE(image->segments.at(2).length, 128u);
        QCOMPARE(image->entryPoint, 0x40081234u);
        QCOMPARE(image->flashMode, quint8(3));
        QCOMPARE(image->flashModeName(), u"DOUT"_s);
        QCOMPARE(image->flashSizeName(), u"8MB"_s);
        QCOMPARE(image->minChipRevisionFull, quint16(101));
        QCOMPARE(image->maxChipRevisionFull, quint16(199));
        QCOMPARE(image->hashAppended, hashAppended);
        QCOMPARE(image->appendedSha256.size(), hashAppended ? 32 : 0);
        QCOMPARE(image->imageEnd, file.size());
        QVERIFY(image->appDescriptor);
        const AppDescriptor &desc = *image->appDescriptor;
        QCOMPARE(desc.version, u"2.4.1-rc1"_s);
        QCOMPARE(desc.projectName, u"boiler_ctrl"_s);
        QCOMPARE(desc.idfVersion, u"v5.3.1"_s);
        QCOMPARE(desc.secureVersion, 7u);
        QCOMPARE(desc.elfSha256, QByteArray(32, '\x5a'));
        QCOMPARE(desc.buildDateTime(), QDateTime(QDate(2026, 11, 5), QTime(7, 8, 9)));
        QVERIFY(!image->signatureSector);
        QCOMPARE(image->fileSize, file.size());
        QCOMPARE(image->fileSha256.toHex(), QCryptographicHash::hash(file, QCryptographicHash::Sha256).toHex());
        QCOMPARE(image->fileMd5.toHex(), QCryptographicHash::hash(file, QCryptographicHash::Md5).toHex());
    }

    void stringsThatFillTheirWholeFieldAreReadWithoutOverrun()
    {
        const QString full31 = u"abcdefghijklmnopqrstuvwxyz01234"_s;
        const QString full32 = full31 + u"5"_s;
        const auto image = ImageReader::read(TestImageBuilder().setVersion(full32).setProjectName(full31).build());
        QVERIFY(image);
        QCOMPARE(image->appDescriptor->version, full32);
        QCOMPARE(image->appDescriptor->projectName, full31);
    }

    void readsAnArduinoEsp8266FileWithEbootFirst()
    {
        const auto image = ImageReader::read(buildEsp8266Image(true));
        QVERIFY2(image, qPrintable(image ? QString() : image.error().message));
        QVERIFY(image->isEsp8266());
        QCOMPARE(image->chip.key, u"esp8266"_s);
        QCOMPARE(image->imageOffset, 0x1000);
        QVERIFY(image->bootloaderNote.contains(u"eboot"));
        QCOMPARE(image->segments.size(), 3);
        QCOMPARE(image->segments.at(0).region, u"IROM"_s);
        QCOMPARE(image->flashSizeName(), u"4MB"_s);
        QVERIFY(!image->appDescriptor);
    }

    void readsAPlainEsp8266Image()
    {
        const auto image = ImageReader::read(buildEsp8266Image(false));
        QVERIFY(image);
        QVERIFY(image->isEsp8266());
        QCOMPARE(image->imageOffset, 0);
        QVERIFY(image->bootloaderNote.isEmpty());
    }

    void readsRealBuilds_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("chipKey");
        QTest::addColumn<int>("segments");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("idf");
        QTest::newRow("ESP-IDF 5.2.2 ESP32") << u"esp32_idf5.2.2_hello_world.bin"_s << u"esp32"_s << 5
                                             << u"v1.4.1-2-g0296947-dirty"_s << u"hello_world"_s << u"v5.2.2-dirty"_s;
        QTest::newRow("ESP-IDF 5.2.2 ESP32-C3") << u"esp32c3_idf5.2.2_hello_world.bin"_s << u"esp32c3"_s << 5
                                                << u"v1.4.1-2-g0296947-dirty"_s << u"hello_world"_s << u"v5.2.2-dirty"_s;
        QTest::newRow("Arduino 2 ESP32-S3") << u"esp32s3_arduino2_idf4.4.7_t-dongle-s3-wifi-guard.bin"_s << u"esp32s3"_s << -1
                                            << u"esp-idf: v4.4.7 38eeba213a"_s << u"arduino-lib-builder"_s << u"v4.4.7-dirty"_s;
        QTest::newRow("Arduino 3 ESP32-C6") << u"esp32c6_arduino3_idf5.1.4_ld2410c_sensor.bin"_s << u"esp32c6"_s << -1
                                            << u"769c168"_s << u"arduino-lib-builder"_s << u"v5.1.4-972-g632e0c2a9f-dirty"_s;
    }
    void readsRealBuilds()
    {
        QFETCH(QString, file);
        QFETCH(QString, chipKey);
        QFETCH(int, segments);
        QFETCH(QString, version);
        QFETCH(QString, project);
        QFETCH(QString, idf);
        if (!QFile::exists(fixture(file)))
            QSKIP("shared fixtures not present; see ../shared/fixtures/README.md");
        const auto image = ImageReader::readFile(fixture(file));
        QVERIFY2(image, qPrintable(image ? QString() : image.error().message));
        QCOMPARE(image->chip.key, chipKey);
        if (segments >= 0)
            QCOMPARE(image->segments.size(), segments);
        QCOMPARE(image->appDescriptor->version, version);
        QCOMPARE(image->appDescriptor->projectName, project);
        QCOMPARE(image->appDescriptor->idfVersion, idf);
        QVERIFY(image->hashAppended);
    }

    void readsTheRealEsp32BuildDateAndChipRevisions()
    {
        if (!QFile::exists(fixture(u"esp32c3_idf5.2.2_hello_world.bin"_s)))
            QSKIP("shared fixtures not present");
        const auto esp32 = ImageReader::readFile(fixture(u"esp32_idf5.2.2_hello_world.bin"_s));
        QVERIFY(esp32);
        QCOMPARE(esp32->appDescriptor->compileDate, u"Jul 25 2024"_s);
        QCOMPARE(esp32->appDescriptor->compileTime, u"16:23:40"_s);
        const auto c3 = ImageReader::readFile(fixture(u"esp32c3_idf5.2.2_hello_world.bin"_s));
        QVERIFY(c3);
        QCOMPARE(c3->minChipRevisionFull, quint16(3));
        QCOMPARE(c3->maxChipRevisionFull, quint16(199));
        QVERIFY(std::any_of(c3->segments.cbegin(), c3->segments.cend(),
                            [](const ImageSegment &s) { return s.loadAddress == 0 && s.region == u"padding"; }));
        const auto s3 = ImageReader::readFile(fixture(u"esp32s3_arduino2_idf4.4.7_t-dongle-s3-wifi-guard.bin"_s));
        QVERIFY(s3);
        QCOMPARE(s3->maxChipRevisionFull, quint16(65535));
    }

    void readsTheRealEsp8266Build()
    {
        if (!QFile::exists(fixture(u"esp8266_arduino_deepsleep.bin"_s)))
            QSKIP("shared fixtures not present");
        const auto image = ImageReader::readFile(fixture(u"esp8266_arduino_deepsleep.bin"_s));
        QVERIFY2(image, qPrintable(image ? QString() : image.error().message));
        QVERIFY(image->isEsp8266());
        QCOMPARE(image->imageOffset, 0x1000);
        QVERIFY(!image->appDescriptor);
    }

    void refusesWhatIsNotAnApplication_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<ImageError::Kind>("kind");
        QTest::newRow("bootloader") << u"esp32_idf5.2.2_bootloader.bin"_s << ImageError::Kind::Bootloader;
        QTest::newRow("partition table") << u"esp32_partition-table.bin"_s << ImageError::Kind::PartitionTable;
    }
    void refusesWhatIsNotAnApplication()
    {
        QFETCH(QString, file);
        QFETCH(ImageError::Kind, kind);
        if (!QFile::exists(fixture(file)))
            QSKIP("shared fixtures not present");
        const auto image = ImageReader::readFile(fixture(file));
        QVERIFY(!image);
        QCOMPARE(image.error().kind, kind);
    }

    void everyBadInputIsAnErrorValueNamingTheProblem_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<ImageError::Kind>("kind");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<QString>("saying");

        using K = ImageError::Kind;
        const QByteArray valid = TestImageBuilder().build();
        const QByteArray noHash = TestImageBuilder().setHashAppended(false).build();

        QTest::newRow("empty file") << QByteArray() << K::Empty << qint64(0) << u"empty"_s;
        QTest::newRow("text file") << "hello, world\n"_ba << K::NotAnImage << qint64(0) << u"0x68"_s;
        QTest::newRow("esp8266 v2 image") << withByte(valid, 0, 0xEA) << K::NotAnImage << qint64(0) << u"version 2"_s;
        QTest::newRow("partition table") << "\xaa\x50\x01\x02"_ba + QByteArray(60, '\0') << K::PartitionTable << qint64(0) << u"partition table"_s;
        QTest::newRow("header cut short") << valid.first(10) << K::Truncated << qint64(10) << u"24-byte image header"_s;
        QTest::newRow("segment header cut short") << valid.first(28) << K::TooManySegments << qint64(24) << u"segment count is wrong or the file is truncated"_s;
        QTest::newRow("segment data cut short") << valid.first(0x200) << K::SegmentPastEnd << qint64(0x20) << u"run past the end"_s;
        QTest::newRow("checksum cut off") << valid.first(ChecksumOffset) << K::Truncated << qint64(ChecksumOffset) << u"before the checksum byte at 0x52f"_s;
        QTest::newRow("appended hash cut short") << valid.first(ChecksumOffset + 10) << K::Truncated << qint64(ChecksumOffset + 10) << u"SHA-256 is appended"_s;
        QTest::newRow("zero segments") << withByte(valid, 1, 0) << K::TooManySegments << qint64(1) << u"1 to 16"_s;
        QTest::newRow("seventeen segments") << withByte(valid, 1, 17) << K::TooManySegments << qint64(1) << u"17 segments"_s;
        QTest::newRow("segment count past the end") << withByte(valid.first(SegmentDataEnd), 1, 2) << K::TooManySegments << qint64(SegmentDataEnd) << u"says 2 segments"_s;
        QTest::newRow("segment length past the end") << withLe32(valid, 28, 0x10000) << K::SegmentPastEnd << qint64(0x20) << u"0x10000 bytes"_s;
        QTest::newRow("segment length not a multiple of 4") << withLe32(valid, 28, 1281) << K::BadSegment << qint64(28) << u"multiple of 4"_s;
        QTest::newRow("segment length over 16 MiB") << withLe32(valid, 28, 0x1000000) << K::BadSegment << qint64(28) << u"16 MiB"_s;
        QTest::newRow("segment data corrupted") << flipped(noHash, 0x300) << K::ChecksumMismatch << qint64(ChecksumOffset) << u"segment data gives"_s;
        QTest::newRow("checksum byte corrupted") << flipped(valid, ChecksumOffset) << K::ChecksumMismatch << qint64(ChecksumOffset) << u"Checksum byte at 0x52f"_s;
        QTest::newRow("appended hash corrupted") << flipped(valid, ChecksumOffset + 5) << K::AppendedHashMismatch << qint64(ChecksumOffset + 1) << u"SHA-256 appended at 0x530"_s;
        QTest::newRow("header changed after hashing") << withByte(valid, 2, 0) << K::AppendedHashMismatch << qint64(ChecksumOffset + 1) << u"hash to"_s;
        QTest::newRow("unknown chip id") << withByte(valid, 12, 0x7F) << K::UnknownChip << qint64(12) << u"Chip id 0x7f"_s;
        QTest::newRow("invalid chip id 0xffff") << withByte(withByte(valid, 12, 0xFF), 13, 0xFF) << K::UnknownChip << qint64(12) << u"0xffff"_s;
        QTest::newRow("hash flag neither 0 nor 1") << withByte(valid, 23, 2) << K::BadHeader << qint64(23) << u"only 0 or 1"_s;
        QTest::newRow("bootloader descriptor instead of an app") << TestImageBuilder().setAppDescriptor(false).build()
                                                                 << K::Bootloader << qint64(0x20) << u"second-stage bootloader"_s;
        QTest::newRow("app descriptor missing") << reseal(withByte(TestImageBuilder().setAppDescriptor(false).build(), 0x20, 0x00))
                                                << K::AppDescriptorMissing << qint64(0x20) << u"0xABCD5432"_s;
        QTest::newRow("app descriptor magic damaged") << reseal(withByte(valid, 0x21, 0x00))
                                                      << K::AppDescriptorMissing << qint64(0x20) << u"No application descriptor"_s;
        QTest::newRow("esp8266 app cut short") << buildEsp8266Image(true).first(0x1400) << K::SegmentPastEnd << qint64(0x1010) << u"Segment 0"_s;
        QTest::newRow("esp8266 segment count past the end") << withByte(buildEsp8266Image(false).first(0xAA0), 1, 4) << K::TooManySegments << qint64(0xAA0) << u"says 4 segments"_s;
        QTest::newRow("signature sector cut short") << padTo4k(valid) + "\xe7\x02"_ba + QByteArray(100, '\0')
                                                    << K::Truncated << qint64(0x1000 + 102) << u"Secure Boot V2 signature sector"_s;
        QTest::newRow("signature sector with a bad CRC") << padTo4k(valid) + "\xe7\x02"_ba + QByteArray(4094, '\0')
                                                         << K::BadSignatureSector << qint64(-2) << u"CRC"_s;
    }
    void everyBadInputIsAnErrorValueNamingTheProblem()
    {
        QFETCH(QByteArray, file);
        QFETCH(ImageError::Kind, kind);
        QFETCH(qint64, offset);
        QFETCH(QString, saying);

        const auto image = ImageReader::read(file);
        QVERIFY2(!image, "a bad image must not read as valid");
        QCOMPARE(ImageError::kindName(image.error().kind), ImageError::kindName(kind));
        if (offset != -2) // -2: the offset depends on generated bytes; the kind is what matters
            QCOMPARE(image.error().offset, offset);
        QVERIFY2(image.error().message.contains(saying, Qt::CaseInsensitive), qPrintable(image.error().message));
    }

    void aFileLargerThanAnyFlashIsRefusedBeforeReading()
    {
        QByteArray huge(ImageReader::MaxFileSize + 1, '\0');
        huge[0] = char(0xE9);
        const auto image = ImageReader::read(huge);
        QVERIFY(!image);
        QCOMPARE(image.error().kind, ImageError::Kind::NotAnImage);
        QVERIFY(image.error().message.contains(u"64 MiB"));
    }

    void aMissingFileSaysWhichFileAndWhy()
    {
        const auto image = ImageReader::readFile(u"/nonexistent/dir/app.bin"_s);
        QVERIFY(!image);
        QCOMPARE(image.error().kind, ImageError::Kind::FileUnreadable);
        QVERIFY(image.error().message.contains(u"/nonexistent/dir/app.bin"));
    }

    // Every prefix and every single-byte corruption of a valid image must give
    // a value (usually an error), never a crash; run under ASan in CI.
    void noPrefixOrByteFlipCrashes()
    {
        const QByteArray valid = padTo4k(TestImageBuilder().addSegment(0x40080000, QByteArray(64, 'x')).build());
        int errors = 0;
        for (qsizetype length = 0; length < valid.size(); ++length)
            errors += ImageReader::read(QByteArrayView(valid).first(length)) ? 0 : 1;
        for (qsizetype at = 0; at < 0x600; ++at) {
            for (quint8 mask : {quint8(0x01), quint8(0x80), quint8(0xFF)}) {
                QByteArray bad = valid;
                bad[at] = char(bad.at(at) ^ mask);
                errors += ImageReader::read(bad) ? 0 : 1;
            }
        }
        QVERIFY(errors > 0);
    }
};

QTEST_GUILESS_MAIN(TestImageReader)
#include "tst_imagereader.moc"
