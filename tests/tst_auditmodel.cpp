// Models::AuditModel and AuditFilterModel under QAbstractItemModelTester:
// batched appends that skip what is already there, filters by each field,
// time range and free text, sorting on seq, ages; AuditExportFile writing
// all or nothing.
#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "models/auditexportfile.h"
#include "models/auditfiltermodel.h"
#include "models/auditmodel.h"
#include "models/modelroles.h"

using namespace Qt::Literals::StringLiterals;
using Models::AuditFilter;
using Models::AuditFilterModel;
using Models::AuditModel;

namespace
{
    const QDateTime Start = QDateTime(QDate(2026, 12, 2), QTime(8, 0), Qt::UTC);

    Rollout::AuditEntry entry(qint64 seq, const QString &actor, const QString &action, const QString &result,
                              const QString &reason = {})
    {
        Rollout::AuditEntry e;
        e.seq = seq;
        e.at = Start.addSecs(seq * 60);
        e.actor = actor;
        e.action = action;
        e.target = u"key bench-%1"_s.arg(seq);
        e.result = result;
        e.reason = reason;
        e.detail = QJsonObject{{u"keyId"_s, u"kid-%1"_s.arg(seq)}};
        e.hash = u"hash-%1"_s.arg(seq);
        return e;
    }

    QList<Rollout::AuditEntry> someLog()
    {
        return {entry(1, u"ota-server init"_s, u"token.create"_s, u"ok"_s),
                entry(2, u"alice"_s, u"key.add"_s, u"ok"_s),
                entry(3, u"token 0a1b2c3d4e5f"_s, u"login.failed"_s, u"refused"_s),
                entry(4, u"bob"_s, u"release.upload"_s, u"refused: chip-mismatch"_s),
                entry(5, u"alice"_s, u"key.revoke"_s, u"ok"_s, u"leaked in ticket OPS-4411"_s)};
    }
} // namespace

class TestAuditModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendsInOneBatchAndSkipsOverlaps()
    {
        AuditModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QCOMPARE(model.append(someLog().mid(0, 3)), 3);
        QCOMPARE(inserted.size(), 1);
        // The next page overlaps the first by one entry: only 4 and 5 are new.
        QCOMPARE(model.append(someLog().mid(2)), 2);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(model.append(someLog()), 0);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.lastSeq(), 5);
        QCOMPARE(model.rowOfSeq(4), 3);
        QCOMPARE(model.rowOfSeq(99), -1);
        QCOMPARE(model.entry(3)->action, u"release.upload"_s);
        QCOMPARE(model.entry(5), nullptr);
        QCOMPARE(model.index(4, AuditModel::ReasonColumn).data().toString(), u"leaked in ticket OPS-4411"_s);
        QCOMPARE(model.index(4, AuditModel::SeqColumn).data(Models::IdRole).toLongLong(), 5);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.lastSeq(), 0);
    }

    void showsAgesWithTheMomentInTheTooltip()
    {
        AuditModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(someLog());
        model.setNow(Start.addSecs(5 * 60 + 42));
        QCOMPARE(model.index(4, AuditModel::TimeColumn).data().toString(), u"42 s ago"_s);
        QCOMPARE(model.index(0, AuditModel::TimeColumn).data().toString(), u"4 min ago"_s);
        QVERIFY(!model.index(0, AuditModel::TimeColumn).data(Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(AuditModel::ageText(Start, Start.addSecs(3 * 3600 + 5)), u"3 h ago"_s);
        QCOMPARE(AuditModel::ageText(Start, Start.addDays(2)), u"2 day(s) ago"_s);
        // A clock a little ahead of ours is "0 s ago", never negative.
        QCOMPARE(AuditModel::ageText(Start.addSecs(3), Start), u"0 s ago"_s);
    }

    void filtersByEachField_data()
    {
        QTest::addColumn<AuditFilter>("filter");
        QTest::addColumn<QList<qint64>>("seqs");
        const auto with = [](QString AuditFilter::*field, const QString &value) {
            AuditFilter filter;
            filter.*field = value;
            return filter;
        };
        const auto between = [](const QDateTime &from, const QDateTime &to) {
            AuditFilter filter;
            filter.from = from;
            filter.to = to;
            return filter;
        };
        AuditFilter actorAndResult = with(&AuditFilter::actor, u"alice"_s);
        actorAndResult.result = u"refused"_s;
        QTest::addRow("nothing") << AuditFilter{} << QList<qint64>{1, 2, 3, 4, 5};
        QTest::addRow("actor") << with(&AuditFilter::actor, u"ALICE"_s) << QList<qint64>{2, 5};
        QTest::addRow("action") << with(&AuditFilter::action, u"key."_s) << QList<qint64>{2, 5};
        QTest::addRow("target") << with(&AuditFilter::target, u"bench-3"_s) << QList<qint64>{3};
        QTest::addRow("result") << with(&AuditFilter::result, u"refused"_s) << QList<qint64>{3, 4};
        QTest::addRow("actor and result") << actorAndResult << QList<qint64>{};
        QTest::addRow("text in the reason") << with(&AuditFilter::text, u"ops-4411"_s) << QList<qint64>{5};
        QTest::addRow("text in the detail") << with(&AuditFilter::text, u"kid-2"_s) << QList<qint64>{2};
        QTest::addRow("from") << between(Start.addSecs(4 * 60), {}) << QList<qint64>{4, 5};
        QTest::addRow("to") << between({}, Start.addSecs(2 * 60)) << QList<qint64>{1, 2};
        QTest::addRow("from and to") << between(Start.addSecs(2 * 60), Start.addSecs(3 * 60)) << QList<qint64>{2, 3};
    }

    void filtersByEachField()
    {
        QFETCH(AuditFilter, filter);
        QFETCH(QList<qint64>, seqs);
        AuditModel model;
        AuditFilterModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(someLog());
        proxy.setFilter(filter);
        QCOMPARE(proxy.filter().isEmpty(), filter == AuditFilter{});
        proxy.sort(AuditModel::SeqColumn, Qt::AscendingOrder);
        QList<qint64> shown;
        for (int row = 0; row < proxy.rowCount(); ++row)
            shown.append(proxy.index(row, 0).data(Models::IdRole).toLongLong());
        QCOMPARE(shown, seqs);
        // New entries pass the same filter as they arrive.
        model.append({entry(6, u"alice"_s, u"key.add"_s, u"ok"_s)});
        const bool sixShown = proxy.rowCount() > int(seqs.size());
        QCOMPARE(sixShown, filter.accepts(*model.entry(5)));
    }

    void sortsNewestFirstOnSeq()
    {
        AuditModel model;
        AuditFilterModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(AuditModel::TimeColumn, Qt::DescendingOrder);
        model.append(someLog());
        QCOMPARE(proxy.index(0, 0).data(Models::IdRole).toLongLong(), 5);
        QCOMPARE(proxy.index(4, 0).data(Models::IdRole).toLongLong(), 1);
        // Text columns sort on their text, case-insensitive.
        proxy.sort(AuditModel::ActorColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, AuditModel::ActorColumn).data().toString(), u"alice"_s);
    }

    void exportFileIsAllOrNothing()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"audit.csv"_s);
        const auto written = Models::AuditExportFile::save(path, "seq,at\n1,2026\n");
        QVERIFY2(written, written ? "" : qPrintable(written.error()));
        QCOMPARE(written.value(), 14);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("seq,at\n1,2026\n"));
        // Into a folder that does not exist: refused, saying where and why.
        const QString nowhere = dir.filePath(u"missing/audit.csv"_s);
        const auto refused = Models::AuditExportFile::save(nowhere, "x");
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(nowhere), qPrintable(refused.error()));
        QVERIFY(!QFile::exists(nowhere));
        QVERIFY(!Models::AuditExportFile::save(dir.path(), "x"));
        QVERIFY(!Models::AuditExportFile::save(QString(), "x"));
        QCOMPARE(Models::AuditExportFile::formatFor(u"/tmp/a.JSON"_s), Rollout::AuditApi::ExportFormat::Json);
        QCOMPARE(Models::AuditExportFile::formatFor(u"/tmp/a.csv"_s), Rollout::AuditApi::ExportFormat::Csv);
        QCOMPARE(Models::AuditExportFile::formatFor(u"/tmp/a"_s), Rollout::AuditApi::ExportFormat::Csv);
    }
};

QTEST_GUILESS_MAIN(TestAuditModel)
#include "tst_auditmodel.moc"
