#include <QFile>
#include <QHostAddress>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "store/database.h"
#include "store/databaselocation.h"

using namespace Store;
using namespace Qt::Literals::StringLiterals;

class TestStoreLocation final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void locationsParse_data()
    {
        QTest::addColumn<QString>("location");
        QTest::addColumn<bool>("postgres");
        QTest::addColumn<QString>("display");
        QTest::newRow("plain path") << u"/var/lib/ota/ota.db"_s << false << u"/var/lib/ota/ota.db"_s;
        QTest::newRow("sqlite: prefix") << u"sqlite:/var/lib/ota/ota.db"_s << false << u"/var/lib/ota/ota.db"_s;
        QTest::newRow("relative path") << u"ota.db"_s << false << u"ota.db"_s;
        QTest::newRow("postgresql with password") << u"postgresql://ota:s%40cret@db.lan:6543/fleet"_s << true
                                                  << u"postgresql://ota@db.lan:6543/fleet"_s;
        QTest::newRow("postgres scheme, default port") << u"postgres://ota@10.0.0.5/fleet"_s << true
                                                       << u"postgresql://ota@10.0.0.5:5432/fleet"_s;
    }

    void locationsParse()
    {
        QFETCH(QString, location);
        QFETCH(bool, postgres);
        QFETCH(QString, display);
        const auto parsed = DatabaseLocation::parse(location);
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
        QCOMPARE(parsed->engine == Engine::Postgres, postgres);
        QCOMPARE(parsed->display(), display);
        QVERIFY(!parsed->display().contains(u"cret"_s));
    }

    void thePasswordIsPercentDecoded()
    {
        const auto parsed = DatabaseLocation::parse(u"postgresql://ota:s%40cret@db.lan/fleet"_s);
        QVERIFY(parsed);
        QCOMPARE(parsed->password, u"s@cret"_s);
        QCOMPARE(parsed->user, u"ota"_s);
        QCOMPARE(parsed->databaseName, u"fleet"_s);
    }

    void badLocationsAreRefusedWithoutEchoingThem_data()
    {
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << QString() << u"names no SQLite file"_s;
        QTest::newRow("sqlite: alone") << u"sqlite:"_s << u"names no SQLite file"_s;
        QTest::newRow("in memory") << u":memory:"_s << u"would lose everything"_s;
        QTest::newRow("other scheme") << u"mysql://u:hunter2@h/db"_s << u"scheme of the given location is not supported"_s;
        QTest::newRow("no database") << u"postgresql://u:hunter2@h:5432/"_s << u"has no database name"_s;
        QTest::newRow("no user") << u"postgresql://h:5432/db"_s << u"has no user"_s;
        QTest::newRow("options") << u"postgresql://u:hunter2@h/db?sslmode=require"_s << u"has options"_s;
    }

    void badLocationsAreRefusedWithoutEchoingThem()
    {
        QFETCH(QString, location);
        QFETCH(QString, says);
        const auto parsed = DatabaseLocation::parse(location);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().kind, StoreError::Kind::BadLocation);
        QVERIFY2(parsed.error().message.contains(says), qPrintable(parsed.error().message));
        QVERIFY(!parsed.error().message.contains(u"hunter2"_s));
    }

    void aSqliteFileInAMissingDirectoryNamesTheDirectory()
    {
        const auto refused = Database::open(u"/nonexistent-ota-dir/ota.db"_s);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, StoreError::Kind::CannotOpen);
        QCOMPARE(refused.error().message,
                 u"cannot open /nonexistent-ota-dir/ota.db: the directory /nonexistent-ota-dir does not exist"_s);
    }

    void aFileThatIsNotADatabaseIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"notes.txt"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        const auto refused = Database::open(path);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, StoreError::Kind::CannotOpen);
        QVERIFY2(refused.error().message.startsWith(u"cannot open "_s + path + u": "_s), qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(u"not a SQLite database"_s), qPrintable(refused.error().message));
    }

    void aPostgresServerThatIsNotThereIsReportedAsRefused()
    {
        int port = 0;
        {
            QTcpServer probe; // a port nobody listens on once probe closes
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        const auto refused = Database::open(u"postgresql://ota:hunter2@127.0.0.1:%1/fleet"_s.arg(port));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, StoreError::Kind::Unreachable);
        const QString message = refused.error().message;
        QVERIFY2(message.startsWith(u"PostgreSQL at 127.0.0.1:%1 refused: "_s.arg(port)), qPrintable(message));
        QVERIFY2(message.endsWith(u"(is it running? check --db)"_s), qPrintable(message));
        QVERIFY(!message.contains(u"hunter2"_s));
    }
};

QTEST_GUILESS_MAIN(TestStoreLocation)
#include "tst_storelocation.moc"
