#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include "models/modelroles.h"
#include "models/releaselistmodel.h"

using namespace Qt::Literals::StringLiterals;
using Models::ReleaseListModel;

namespace
{
    const QDateTime Now = QDateTime(QDate(2026, 12, 2), QTime(12, 0), QTimeZone::utc());

    Rollout::Release release(const QString &sha, const QString &version, int hoursAgo = 1)
    {
        Rollout::Release r;
        r.sha256 = sha;
        r.version = version;
        r.project = u"smart-building"_s;
        r.chip = u"esp32"_s;
        r.size = 124416;
        r.keyId = u"61110684aabbccdd"_s;
        r.uploadedBy = u"olga"_s;
        r.uploadedAt = Now.addSecs(-3600 * hoursAgo);
        r.startable = true;
        return r;
    }
} // namespace

class TestReleaseListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsWhoWhenAndKey()
    {
        ReleaseListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update({release(u"b"_s, u"2.0.0"_s, 3), release(u"a"_s, u"1.0.0"_s, 50)}, Now);
        model.setKeyNames({{u"61110684aabbccdd"_s, u"release-key"_s}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(ReleaseListModel::ColumnCount));
        QCOMPARE(model.index(0, ReleaseListModel::VersionColumn).data().toString(), u"2.0.0"_s);
        QCOMPARE(model.index(0, ReleaseListModel::UploadedColumn).data().toString(), u"3 h ago"_s);
        QCOMPARE(model.index(1, ReleaseListModel::UploadedColumn).data().toString(), u"2 days ago"_s);
        QCOMPARE(model.index(0, ReleaseListModel::UploadedByColumn).data().toString(), u"olga"_s);
        QCOMPARE(model.index(0, ReleaseListModel::KeyColumn).data().toString(), u"release-key (61110684)"_s);
        QCOMPARE(model.index(0, ReleaseListModel::SizeColumn).data(Models::SortRole).toLongLong(), 124416);
        QCOMPARE(model.index(0, ReleaseListModel::UploadedColumn).data(Models::SortRole).toDateTime(), Now.addSecs(-3 * 3600));
        QCOMPARE(model.index(1, 0).data(Models::IdRole).toString(), u"a"_s);
        QCOMPARE(model.rowOf(u"a"_s), 1);
    }

    void revokedKeyIsSaid()
    {
        ReleaseListModel model;
        Rollout::Release r = release(u"a"_s, u"1.0.0"_s);
        r.startable = false;
        model.update({r}, Now);
        QVERIFY(model.index(0, ReleaseListModel::KeyColumn).data().toString().contains(u"revoked"_s));
    }

    void newUploadsInsertWithoutReset()
    {
        ReleaseListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.update({release(u"b"_s, u"2.0.0"_s), release(u"a"_s, u"1.0.0"_s)}, Now);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.update({release(u"d"_s, u"4.0.0"_s), release(u"c"_s, u"3.0.0"_s), release(u"b"_s, u"2.0.0"_s)}, Now);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 1); // one batch
        QCOMPARE(removed.count(), 1);  // "a" is gone
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.release(0)->version, u"4.0.0"_s);
        QCOMPARE(model.rowOf(u"b"_s), 2);
        QCOMPARE(model.rowOf(u"a"_s), -1);
        QVERIFY(model.release(3) == nullptr);
    }

    void sizesAndAges_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::addRow("seconds") << qint64(42) << u"42 s ago"_s;
        QTest::addRow("minutes") << qint64(600) << u"10 min ago"_s;
        QTest::addRow("future is now") << qint64(-5) << u"0 s ago"_s;
    }
    void sizesAndAges()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QCOMPARE(ReleaseListModel::ageText(Now.addSecs(-seconds), Now), text);
        QCOMPARE(ReleaseListModel::ageText({}, Now), u"unknown"_s);
    }
};

QTEST_GUILESS_MAIN(TestReleaseListModel)
#include "tst_releaselistmodel.moc"
