// The New-rollout dialog's estimate: data = image × 1.15 × devices, its
// cost at a price per MB, and the duration from the stages' soaks and the
// devices' check-in interval; case by case.
#include <QLocale>
#include <QTest>

#include "models/rolloutestimate.h"
#include "models/stagesmodel.h"

using namespace Qt::Literals::StringLiterals;
using Models::RolloutEstimate;
using Models::StageDraft;

namespace
{
    constexpr qint64 Hour = 3600;

    RolloutEstimate::Input input(qint64 imageBytes, qint64 devices, std::optional<double> price = std::nullopt)
    {
        RolloutEstimate::Input in;
        in.imageBytes = imageBytes;
        in.devicesToUpdate = devices;
        in.pricePerMb = price;
        in.stages = Models::StagesModel::caseStudy();
        return in;
    }
} // namespace

class TestRolloutEstimate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ruleOfThumbFromTheCaseStudy()
    {
        // ROLLOUTS.md: 500 KB, 1,000 devices, 0.10 per MB: about 56 per fleet-wide update.
        const RolloutEstimate::Input in = input(500 * 1024, 1000, 0.10);
        const RolloutEstimate estimate = RolloutEstimate::compute(in);
        QCOMPARE(estimate.bytes, 500.0 * 1024 * 1.15 * 1000);
        QVERIFY(estimate.cost.has_value());
        QVERIFY2(qAbs(*estimate.cost - 56.15) < 0.01, qPrintable(QString::number(*estimate.cost)));
        QVERIFY2(estimate.costText(in).startsWith(u"56.15"_s), qPrintable(estimate.costText(in)));
        QVERIFY2(estimate.dataText(in).contains(QLocale().toString(1000) + u" devices"), qPrintable(estimate.dataText(in)));
    }

    void noDevicesCostNothing()
    {
        const RolloutEstimate::Input in = input(1024 * 1024, 0, 0.25);
        const RolloutEstimate estimate = RolloutEstimate::compute(in);
        QCOMPARE(estimate.bytes, 0.0);
        QCOMPARE(estimate.cost.value_or(-1), 0.0);
        QCOMPARE(estimate.durationSeconds, 0); // no stage has a device: nothing to wait for
        for (const RolloutEstimate::Stage &stage : estimate.stages)
            QCOMPARE(stage.devices, 0);
        QVERIFY2(estimate.durationText(in).contains(u"no stage has a device"_s), qPrintable(estimate.durationText(in)));
    }

    void noPriceNoCost_data()
    {
        QTest::addColumn<std::optional<double>>("price");
        QTest::addRow("not set") << std::optional<double>();
        QTest::addRow("zero") << std::optional<double>(0.0);
        QTest::addRow("negative") << std::optional<double>(-1.0);
    }

    void noPriceNoCost()
    {
        QFETCH(std::optional<double>, price);
        const RolloutEstimate::Input in = input(400'000, 5000, price);
        const RolloutEstimate estimate = RolloutEstimate::compute(in);
        QVERIFY(!estimate.cost.has_value());
        QVERIFY(estimate.bytes > 0); // the volume is still worth knowing
        QVERIFY2(estimate.costText(in).contains(u"no price"_s), qPrintable(estimate.costText(in)));
    }

    void hugeFleetsDoNotOverflow()
    {
        // 16 MiB (the server's largest image) to 100 million devices: 1.9e15 bytes.
        const RolloutEstimate::Input in = input(16 * 1024 * 1024, 100'000'000, 0.05);
        const RolloutEstimate estimate = RolloutEstimate::compute(in);
        QCOMPARE(estimate.megabytes, 16.0 * 1.15 * 1e8);
        QVERIFY(qAbs(*estimate.cost - 16.0 * 1.15 * 1e8 * 0.05) < 1.0);
        QCOMPARE(estimate.stages.at(0).devices, 50);
        QCOMPARE(estimate.stages.at(1).devices, 500);
        QCOMPARE(estimate.stages.at(2).devices, 100'000'000 - 550);
        QCOMPARE(estimate.devicesLeftOver, 0);
        QVERIFY(!estimate.dataText(in).isEmpty());
    }

    void stagesAreDealtAsTheServerDoes_data()
    {
        QTest::addColumn<qint64>("devices");
        QTest::addColumn<QList<qint64>>("dealt");
        QTest::addRow("case study") << qint64(5000) << QList<qint64>{50, 500, 4450};
        QTest::addRow("small fleet: the canary takes all") << qint64(30) << QList<qint64>{30, 0, 0};
        QTest::addRow("between") << qint64(300) << QList<qint64>{50, 250, 0};
        QTest::addRow("none") << qint64(0) << QList<qint64>{0, 0, 0};
    }

    void stagesAreDealtAsTheServerDoes()
    {
        QFETCH(qint64, devices);
        QFETCH(QList<qint64>, dealt);
        QCOMPARE(RolloutEstimate::dealStages(Models::StagesModel::caseStudy(), devices), dealt);
    }

    void percentsRoundUpAndLeftOversAreCounted()
    {
        StageDraft tenth;
        tenth.name = u"tenth"_s;
        tenth.size = 10;
        QCOMPARE(RolloutEstimate::dealStages({tenth}, 11), QList<qint64>{2}); // 1.1 rounded up
        QCOMPARE(RolloutEstimate::dealStages({tenth}, 100), QList<qint64>{10}); // exactly, no float creep
        RolloutEstimate::Input in = input(1000, 100);
        in.stages = {tenth};
        QCOMPARE(RolloutEstimate::compute(in).devicesLeftOver, 90); // the server refuses that
    }

    void durationIsTwoCheckInsAndTheSoakPerStage()
    {
        RolloutEstimate::Input in = input(1000, 5000);
        in.checkInSeconds = Hour;
        const RolloutEstimate estimate = RolloutEstimate::compute(in);
        QVERIFY(estimate.checkInKnown);
        // (2 h + 24 h) + (2 h + 48 h) + (2 h + 168 h) = 246 h
        QCOMPARE(estimate.durationSeconds, 246 * Hour);
        QCOMPARE(estimate.stages.at(0).seconds, 26 * Hour);
        const QString text = estimate.durationText(in);
        QVERIFY2(text.startsWith(u"about 10 d 6 h"_s), qPrintable(text));
        QVERIFY2(text.contains(u"two check-in intervals (1 h each"_s), qPrintable(text)); // says how
        QVERIFY2(text.contains(u"1 d + 2 d + 7 d"_s), qPrintable(text));
    }

    void emptyStagesAddNoTime()
    {
        RolloutEstimate::Input in = input(1000, 30); // the canary takes all 30
        in.checkInSeconds = 600;
        const RolloutEstimate estimate = RolloutEstimate::compute(in);
        QCOMPARE(estimate.durationSeconds, 2 * 600 + 24 * Hour);
    }

    void unknownCheckInSaysSo()
    {
        const RolloutEstimate::Input in = input(1000, 5000);
        const RolloutEstimate estimate = RolloutEstimate::compute(in);
        QVERIFY(!estimate.checkInKnown);
        QCOMPARE(estimate.durationSeconds, 240 * Hour); // the soaks alone
        QVERIFY2(estimate.durationText(in).startsWith(u"at least 10 d"_s), qPrintable(estimate.durationText(in)));
        QVERIFY(estimate.durationText(in).contains(u"not known"_s));
    }

    void manualGatesAreMentioned()
    {
        RolloutEstimate::Input in = input(1000, 5000);
        in.stages[1].manualGate = true;
        in.checkInSeconds = 60;
        const RolloutEstimate estimate = RolloutEstimate::compute(in);
        QVERIFY(estimate.manualGates);
        QVERIFY(estimate.durationText(in).contains(u"operator"_s));
    }

    void typicalIntervalIsTheMedian()
    {
        QCOMPARE(RolloutEstimate::typicalInterval({}), std::nullopt);
        QCOMPARE(RolloutEstimate::typicalInterval({0, -5}), std::nullopt); // no usable interval
        QCOMPARE(RolloutEstimate::typicalInterval({300}).value(), 300);
        // Two devices asleep for a day do not stretch a 5-minute fleet.
        QCOMPARE(RolloutEstimate::typicalInterval({300, 300, 300, 86400, 86400}).value(), 300);
    }
};

QTEST_GUILESS_MAIN(TestRolloutEstimate)
#include "tst_rolloutestimate.moc"
