#include <csignal>

#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "store/database.h"
#include "store/devicestore.h"

using namespace Store;
using namespace Qt::Literals::StringLiterals;

// SQLite promises no committed check-in is lost when the server is killed:
// a writer process is killed with SIGKILL mid-stream, again and again, and
// every check-in it reported committed must be there after reopening.
class TestStoreCrashSafety final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCommittedCheckInSurvivesKillMinusNine()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString location = dir.filePath(u"ota.db"_s);
        qint64 reportedTotal = 0;
        for (int round = 0; round < 5; ++round) {
            QProcess writer;
            writer.setProcessChannelMode(QProcess::SeparateChannels);
            writer.start(QStringLiteral(STORE_WRITER_PATH), {location, u"sensor-1"_s});
            QVERIFY(writer.waitForStarted());
            // Let it commit a varying number of check-ins, then kill it mid-write.
            const qint64 target = 20 + QRandomGenerator::global()->bounded(200);
            QByteArray out;
            qint64 lastCommitted = 0;
            while (lastCommitted < target) {
                QVERIFY2(writer.state() == QProcess::Running || writer.bytesAvailable() > 0,
                         writer.readAllStandardError().constData());
                writer.waitForReadyRead(5000);
                out += writer.readAllStandardOutput();
                const qsizetype end = out.lastIndexOf('\n');
                if (end < 0)
                    continue;
                const qsizetype start = out.lastIndexOf("committed ", end);
                if (start >= 0)
                    lastCommitted = out.mid(start + 10, end - start - 10).toLongLong();
            }
            ::kill(static_cast<pid_t>(writer.processId()), SIGKILL);
            QVERIFY(writer.waitForFinished(10000));
            QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
            out += writer.readAllStandardOutput();
            const qsizetype end = out.lastIndexOf('\n');
            const qsizetype start = out.lastIndexOf("committed ", end);
            lastCommitted = out.mid(start + 10, end - start - 10).toLongLong();
            reportedTotal += lastCommitted;

            auto db = Database::open(location);
            QVERIFY2(db, db ? "" : qPrintable(db.error().message));
            QSqlQuery q(db.value()->connection().value());
            QVERIFY(q.exec(u"PRAGMA integrity_check"_s) && q.next());
            QCOMPARE(q.value(0).toString(), u"ok"_s);
            QVERIFY(q.exec(u"SELECT COUNT(*) FROM device_checkins"_s) && q.next());
            const qint64 rows = q.value(0).toLongLong();
            // Every reported commit is there; at most one more, committed just before the kill.
            QVERIFY2(rows >= reportedTotal && rows <= reportedTotal + 1,
                     qPrintable(u"round %1: %2 rows, %3 reported"_s.arg(round).arg(rows).arg(reportedTotal)));
            reportedTotal = rows;
            DeviceStore devices(*db.value());
            const auto device = devices.find(u"sensor-1"_s);
            QVERIFY(device && device.value());
            QVERIFY(device.value()->bootCount.value_or(0) >= lastCommitted);
        }
    }
};

QTEST_GUILESS_MAIN(TestStoreCrashSafety)
#include "tst_storecrashsafety.moc"
