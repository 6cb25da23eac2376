#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTest>

#include "store/keystore.h"
#include "store/releasestore.h"
#include "storefixture.h"
#include "testfiles.h"

using namespace Store;
using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

namespace
{
    QByteArray image(int size = 1000, char seed = 'a')
    {
        QByteArray bytes(size, '\0');
        for (int i = 0; i < size; ++i)
            bytes[i] = static_cast<char>(seed + i % 23);
        return bytes;
    }

    NewRelease describe(const QByteArray &bytes, const QString &keyId, const QString &by = u"alice"_s)
    {
        const QString sha = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        return NewRelease{sha, u"2.3.2"_s, u"sensor"_s, u"esp32"_s, "{\n  \"sha256\": \"" + sha.toLatin1() + "\"\n}\n",
                          QByteArray("\x30\x45 signature", 12), keyId, by};
    }

    qint64 rows(const Database &db)
    {
        QSqlQuery q(db.connection().value());
        return q.exec(u"SELECT COUNT(*) FROM releases"_s) && q.next() ? q.value(0).toLongLong() : -1;
    }
} // namespace

class TestReleaseStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { m_fixture.addEngineRows(); }
    void initTestCase() { m_fixture.startPostgres(); }

    void anAddedReleaseKeepsItsExactManifestAndItsImageBlob()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        const QString dataDir = m_fixture.freshDataDir();
        ReleaseStore releases(*db, dataDir);
        const QString keyId = trustedKey(*db);
        const QByteArray bytes = image();
        const NewRelease release = describe(bytes, keyId);
        const auto added = releases.add(release, bytes);
        OTA_VERIFY_OK(added);
        QCOMPARE(added->sha256, release.sha256);
        QCOMPARE(added->size, bytes.size());
        QCOMPARE(added->blobPath, u"blobs/%1/%2"_s.arg(release.sha256.left(2), release.sha256));
        QCOMPARE(readFile(QDir(dataDir).filePath(added->blobPath)), bytes);
        const auto found = releases.find(release.sha256);
        OTA_VERIFY_OK(found);
        QVERIFY(found.value().has_value());
        QCOMPARE(found.value()->manifestBytes, release.manifestBytes);
        QCOMPARE(found.value()->signature, release.signature);
        QCOMPARE(found.value()->keyId, keyId);
        QCOMPARE(found.value()->version, u"2.3.2"_s);
        QCOMPARE(found.value()->uploadedBy, u"alice"_s);
        QCOMPARE(releases.list()->size(), 1);
        // Only the blob is left in its directory: no temporary file.
        QCOMPARE(QDir(dataDir + u"/blobs/"_s + release.sha256.left(2)).entryList(QDir::Files | QDir::Hidden),
                 QStringList{release.sha256});
    }

    void addingTheSameImageAgainReturnsTheStoredRelease()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        ReleaseStore releases(*db, m_fixture.freshDataDir());
        const QString keyId = trustedKey(*db);
        const QByteArray bytes = image();
        const auto first = releases.add(describe(bytes, keyId, u"alice"_s), bytes);
        OTA_VERIFY_OK(first);
        const auto second = releases.add(describe(bytes, keyId, u"bob"_s), bytes);
        OTA_VERIFY_OK(second);
        QCOMPARE(second->uploadedBy, u"alice"_s);
        QCOMPARE(second->uploadedAt, first->uploadedAt);
        QCOMPARE(rows(*db), 1);
    }

    void anImageThatIsNotTheDescribedOneLeavesNothingBehind()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        const QString dataDir = m_fixture.freshDataDir();
        ReleaseStore releases(*db, dataDir);
        const QByteArray bytes = image();
        NewRelease release = describe(bytes, trustedKey(*db));
        const auto refused = releases.add(release, image(1000, 'b'));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, StoreError::Kind::InvalidInput);
        QVERIFY2(refused.error().message.contains(u"not %1 as the release says"_s.arg(release.sha256)),
                 qPrintable(refused.error().message));
        QCOMPARE(rows(*db), 0);
        QVERIFY(!QDir(dataDir + u"/blobs"_s).exists());
    }

    void aReleaseSignedByAnUnknownKeyLeavesNothingBehind()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        const QString dataDir = m_fixture.freshDataDir();
        ReleaseStore releases(*db, dataDir);
        const QByteArray bytes = image();
        const auto refused = releases.add(describe(bytes, QString(64, u'f')), bytes);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, StoreError::Kind::InvalidInput);
        QVERIFY2(refused.error().message.contains(u"which is not in the trusted keys"_s), qPrintable(refused.error().message));
        QCOMPARE(rows(*db), 0);
        QVERIFY(!releases.blobs().contains(describe(bytes, {}).sha256));
    }

    void aReleaseWithoutSignatureIsRefused()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        ReleaseStore releases(*db, m_fixture.freshDataDir());
        const QByteArray bytes = image();
        NewRelease release = describe(bytes, trustedKey(*db));
        release.signature.clear();
        const auto refused = releases.add(release, bytes);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, StoreError::Kind::InvalidInput);
        QCOMPARE(rows(*db), 0);
    }

    void aBlobLostOnDiskIsRestoredByTheSameUpload()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        ReleaseStore releases(*db, m_fixture.freshDataDir());
        const QByteArray bytes = image();
        const NewRelease release = describe(bytes, trustedKey(*db));
        OTA_VERIFY_OK(releases.add(release, bytes));
        QVERIFY(QFile::remove(releases.blobs().absolutePath(release.sha256)));
        OTA_VERIFY_OK(releases.add(release, bytes));
        QCOMPARE(releases.readImage(release.sha256).value(), bytes);
    }

    void rangeReads_data()
    {
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<qint64>("length");
        QTest::addColumn<qint64>("expectedFrom");
        QTest::addColumn<qint64>("expectedSize");
        QTest::newRow("whole") << 0LL << -1LL << 0LL << 1000LL;
        QTest::newRow("first byte") << 0LL << 1LL << 0LL << 1LL;
        QTest::newRow("middle") << 100LL << 200LL << 100LL << 200LL;
        QTest::newRow("resume to the end") << 640LL << -1LL << 640LL << 360LL;
        QTest::newRow("length past the end is clipped") << 900LL << 500LL << 900LL << 100LL;
        QTest::newRow("last byte") << 999LL << 10LL << 999LL << 1LL;
    }

    void rangeReads()
    {
        QFETCH(qint64, offset);
        QFETCH(qint64, length);
        QFETCH(qint64, expectedFrom);
        QFETCH(qint64, expectedSize);
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        ReleaseStore releases(*db, m_fixture.freshDataDir());
        const QByteArray bytes = image();
        const NewRelease release = describe(bytes, trustedKey(*db));
        OTA_VERIFY_OK(releases.add(release, bytes));
        const auto read = releases.readImage(release.sha256, offset, length);
        OTA_VERIFY_OK(read);
        QCOMPARE(read.value(), bytes.mid(expectedFrom, expectedSize));
    }

    void rangesOutsideTheImageAreRefused_data()
    {
        QTest::addColumn<qint64>("offset");
        QTest::newRow("at the end") << 1000LL;
        QTest::newRow("beyond the end") << 5000LL;
        QTest::newRow("negative") << -1LL;
    }

    void rangesOutsideTheImageAreRefused()
    {
        QFETCH(qint64, offset);
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        ReleaseStore releases(*db, m_fixture.freshDataDir());
        const QByteArray bytes = image();
        const NewRelease release = describe(bytes, trustedKey(*db));
        OTA_VERIFY_OK(releases.add(release, bytes));
        const auto read = releases.readImage(release.sha256, offset, 10);
        QVERIFY(!read);
        QCOMPARE(read.error().kind, StoreError::Kind::OutOfRange);
        QCOMPARE(read.error().message,
                 u"offset %1 is outside blob %2 of 1000 bytes"_s.arg(offset).arg(release.sha256));
    }

    void anUnknownImageIsNotFound()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        ReleaseStore releases(*db, m_fixture.freshDataDir());
        for (const QString &sha : {QString(64, u'0'), u"../../etc/passwd"_s, QString()}) {
            const auto read = releases.readImage(sha);
            QVERIFY(!read);
            QCOMPARE(read.error().kind, StoreError::Kind::NotFound);
        }
        QVERIFY(!releases.find(QString(64, u'0')).value().has_value());
    }

    void releasesAreListedNewestFirst()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        QDateTime now = QDateTime::fromString(u"2024-07-01T10:00:00Z"_s, Qt::ISODate);
        db->setClock([&now] { return now; });
        ReleaseStore releases(*db, m_fixture.freshDataDir());
        const QString keyId = trustedKey(*db);
        const QByteArray older = image(500, 'a');
        const QByteArray newer = image(600, 'b');
        OTA_VERIFY_OK(releases.add(describe(older, keyId), older));
        now = now.addSecs(60);
        OTA_VERIFY_OK(releases.add(describe(newer, keyId), newer));
        const auto listed = releases.list();
        OTA_VERIFY_OK(listed);
        QCOMPARE(listed->size(), 2);
        QCOMPARE(listed->at(0).size, 600);
        QCOMPARE(listed->at(1).size, 500);
    }

private:
    QString trustedKey(const Database &db)
    {
        KeyStore keys(db);
        const auto added = keys.add(newSigningKey().publicKey().toPem(), u"release"_s, u"admin"_s);
        return added ? added->keyId : QString();
    }

    StoreFixture m_fixture;
};

QTEST_GUILESS_MAIN(TestReleaseStore)
#include "tst_releasestore.moc"
