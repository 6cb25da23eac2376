#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include "firmware/keyfiles.h"
#include "testfiles.h"
#include "opensslcli.h"

using namespace Firmware;
using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

namespace
{
    using Kind = KeyError::Kind;


    int modeOf(const QString &path)
    {
        struct stat status {};
        if (::stat(QFile::encodeName(path).constData(), &status) != 0)
            return -1;
        return int(status.st_mode & 0777);
    }



    // Every entry of the folder, hidden ones included: no temporary file may stay behind.
    QStringList entries(const QTemporaryDir &dir)
    {
        return QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                                          QDir::Name);
    }
} // namespace

class TestKeyFiles final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aKeyPairIsWrittenWithThePrivateKeyEncryptedAndOwnerOnly()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const SigningKey key = newSigningKey();
        const QString privatePath = dir.filePath(u"release.key"_s);
        const QString publicPath = dir.filePath(u"release.pub"_s);
        const auto written = KeyFiles::write(key, privatePath, publicPath, "passphrase");
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message));

        QCOMPARE(modeOf(privatePath), 0600);
        QCOMPARE(modeOf(publicPath), 0644);
        QVERIFY(readFile(privatePath).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        QCOMPARE(readFile(publicPath), key.publicKey().toPem());
        QCOMPARE(entries(dir), (QStringList{u"release.key"_s, u"release.pub"_s}));
    }

    void theFilesReadBackAsTheSameKey()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const SigningKey key = newSigningKey();
        const QString privatePath = dir.filePath(u"k.pem"_s);
        const QString publicPath = dir.filePath(u"k.pub.pem"_s);
        QVERIFY(KeyFiles::write(key, privatePath, publicPath, "pw"));
        QCOMPARE(KeyFiles::readPrivateKey(privatePath, "pw")->keyId(), key.keyId());
        QCOMPARE(KeyFiles::readPrivateKey(privatePath, "nope").error().kind, Kind::WrongPassphrase);
        QCOMPARE(KeyFiles::readPublicKey(publicPath)->keyId(), key.keyId());
    }

    void existingFilesAreNeverOverwritten_data()
    {
        QTest::addColumn<QString>("existing");
        QTest::newRow("private key file exists") << u"k.pem"_s;
        QTest::newRow("public key file exists") << u"k.pub.pem"_s;
    }
    void existingFilesAreNeverOverwritten()
    {
        QFETCH(QString, existing);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeFile(dir.filePath(existing), "precious"));
        const auto written = KeyFiles::write(newSigningKey(), dir.filePath(u"k.pem"_s), dir.filePath(u"k.pub.pem"_s), "pw");
        QVERIFY(!written);
        QCOMPARE(written.error().kind, Kind::FileExists);
        QVERIFY(written.error().message.contains(existing));
        QCOMPARE(readFile(dir.filePath(existing)), QByteArray("precious"));
        QCOMPARE(entries(dir), QStringList{existing});
    }

    void anEmptyPassphraseWritesNothing()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto written = KeyFiles::write(newSigningKey(), dir.filePath(u"k.pem"_s), dir.filePath(u"k.pub.pem"_s), {});
        QVERIFY(!written);
        QCOMPARE(written.error().kind, Kind::BadPassphrase);
        QVERIFY(entries(dir).isEmpty());
    }

    void anUnencryptedKeyIsWrittenOnlyWhenAskedFor()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const SigningKey key = newSigningKey();
        const QString privatePath = dir.filePath(u"k.pem"_s);
        const auto contradictory = KeyFiles::write(key, privatePath, dir.filePath(u"k.pub.pem"_s), "pw",
                                                   KeyFiles::Protection::Unencrypted);
        QCOMPARE(contradictory.error().kind, Kind::BadPassphrase);
        QVERIFY(entries(dir).isEmpty());

        QVERIFY(KeyFiles::write(key, privatePath, dir.filePath(u"k.pub.pem"_s), {}, KeyFiles::Protection::Unencrypted));
        QVERIFY(readFile(privatePath).startsWith("-----BEGIN PRIVATE KEY-----"));
        QCOMPARE(modeOf(privatePath), 0600);
        QCOMPARE(KeyFiles::readPrivateKey(privatePath, {})->keyId(), key.keyId());
    }

    void aFailedPublicKeyWriteTakesThePrivateKeyFileAway()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto written = KeyFiles::write(newSigningKey(), dir.filePath(u"k.pem"_s),
                                             dir.filePath(u"missing-folder/k.pub.pem"_s), "pw");
        QVERIFY(!written);
        QCOMPARE(written.error().kind, Kind::FileError);
        QVERIFY(written.error().message.contains(u"missing-folder"_s));
        QVERIFY(entries(dir).isEmpty());
    }

    void aMissingFolderIsAFileError()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto written = KeyFiles::write(newSigningKey(), dir.filePath(u"nowhere/k.pem"_s), dir.filePath(u"k.pub.pem"_s),
                                             "pw");
        QCOMPARE(written.error().kind, Kind::FileError);
        QVERIFY(entries(dir).isEmpty());
    }

    void onePathForBothKeysIsRefused()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"k.pem"_s);
        QCOMPARE(KeyFiles::write(newSigningKey(), path, path, "pw").error().kind, Kind::FileError);
        QVERIFY(entries(dir).isEmpty());
    }

    void readingAMissingOrWrongFileSaysSo()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QCOMPARE(KeyFiles::readPrivateKey(dir.filePath(u"absent.pem"_s), "pw").error().kind, Kind::FileError);
        QCOMPARE(KeyFiles::readPublicKey(dir.filePath(u"absent.pem"_s)).error().kind, Kind::FileError);
        QVERIFY(writeFile(dir.filePath(u"big.pem"_s), QByteArray(100'000, 'A')));
        QCOMPARE(KeyFiles::readPublicKey(dir.filePath(u"big.pem"_s)).error().kind, Kind::NotAKey);
    }

    void theOpenSslToolReadsTheWrittenFiles()
    {
        if (!OpenSslCli::available())
            QSKIP("/usr/bin/openssl is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(KeyFiles::write(newSigningKey(), dir.filePath(u"k.pem"_s), dir.filePath(u"k.pub.pem"_s), "x"));
        const auto pub = OpenSslCli::run(dir.path(), {u"pkey"_s, u"-in"_s, u"k.pem"_s, u"-passin"_s, u"pass:x"_s,
                                                      u"-pubout"_s});
        QVERIFY2(pub.succeeded(), pub.errors.constData());
        QCOMPARE(pub.output, readFile(dir.filePath(u"k.pub.pem"_s)));
    }
};

QTEST_GUILESS_MAIN(TestKeyFiles)
#include "tst_keyfiles.moc"
