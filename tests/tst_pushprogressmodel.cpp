// One push job's rows as the LAN page shows them, under
// QAbstractItemModelTester. Devices that are left out or refused settle
// without any network, so this needs no device.
#include <QAbstractItemModelTester>
#include <QTest>

#include "espota/pushjob.h"
#include "models/modelroles.h"
#include "models/pushprogressmodel.h"
#include "models/statekind.h"
#include "testimagebuilder.h"

using namespace Qt::Literals::StringLiterals;
using Models::PushProgressModel;

namespace
{
    Espota::PushTarget target(const QString &name, const QString &board, bool heard)
    {
        Espota::PushTarget t;
        t.name = name;
        t.address = QHostAddress(u"127.0.0.250"_s);
        t.board = board;
        t.heardOnMdns = heard;
        return t;
    }
} // namespace

class TestPushProgressModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsFollowTheJob()
    {
        auto image = std::make_shared<const Espota::PushImage>(Espota::PushImage::fromBytes(
            TestSupport::TestImageBuilder(0).setVersion(u"2.0.0"_s).build(), u"fw.bin"_s));
        Espota::PushJobOptions options;
        options.onlyOnline = true;
        options.confirm = false;
        options.listenAddress = QHostAddress::LocalHost;
        options.listenPort = 0;
        // One not heard on mDNS (skipped), one an ESP32-S3 (the image is refused).
        Espota::PushJob job({target(u"away"_s, u"esp32"_s, false), target(u"s3"_s, u"esp32s3"_s, true)}, image, options);
        PushProgressModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setJob(&job);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(PushProgressModel::ColumnCount));
        const auto error = job.start();
        QVERIFY2(!error, qPrintable(error.value_or(QString())));
        QTRY_VERIFY_WITH_TIMEOUT(job.isFinished(), 10000);
        const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
            return model.data(model.index(row, column), role);
        };
        QCOMPARE(cell(0, PushProgressModel::DeviceColumn).toString(), u"away (127.0.0.250:3232)"_s);
        QCOMPARE(cell(0, PushProgressModel::ProtocolColumn).toString(), u"ArduinoOTA"_s);
        QCOMPARE(cell(0, PushProgressModel::StageColumn).toString(), Espota::pushStageName(Espota::PushStage::Skipped));
        QCOMPARE(cell(1, PushProgressModel::StageColumn).toString(), Espota::pushStageName(Espota::PushStage::Failed));
        QCOMPARE(cell(1, PushProgressModel::StageColumn, Models::StateKindRole).toInt(), int(Models::StateKind::Bad));
        QVERIFY(!cell(1, PushProgressModel::DetailColumn).toString().isEmpty());
        QCOMPARE(cell(1, PushProgressModel::ProgressColumn).toString(), u"0 %"_s);
        QCOMPARE(cell(1, PushProgressModel::ProgressColumn, Models::SortRole).toInt(), 0);
    }

    void aJobThatGoesAwayEmptiesTheTable()
    {
        auto image = std::make_shared<const Espota::PushImage>(Espota::PushImage::fromBytes(QByteArray(64, 'x'), u"x.bin"_s));
        PushProgressModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *job = new Espota::PushJob({target(u"a"_s, u"esp32"_s, true)}, image, Espota::PushJobOptions());
        model.setJob(job);
        QCOMPARE(model.rowCount(), 1);
        delete job;
        QCOMPARE(model.rowCount(), 0);
        model.setJob(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPushProgressModel)
#include "tst_pushprogressmodel.moc"
