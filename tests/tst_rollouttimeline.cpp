// The timeline of successes, failures and rollbacks from device histories.
#include <QJsonArray>
#include <QTest>

#include "models/rollouttimeline.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    QJsonObject change(const QString &at, const QString &to)
    {
        return {{u"at"_s, u"2026-12-02T10:00:%1.000Z"_s.arg(at)}, {u"to"_s, to}};
    }

    Rollout::RolloutDevice device(const QJsonArray &history)
    {
        Rollout::RolloutDevice d;
        d.json = {{u"history"_s, history}};
        return d;
    }
} // namespace

class TestRolloutTimeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void curvesStepUpWhenDevicesEnterTheirState()
    {
        const QList<Rollout::RolloutDevice> devices{
            device({change(u"00"_s, u"SCHEDULED"_s), change(u"10"_s, u"SUCCEEDED"_s)}),
            device({change(u"00"_s, u"SCHEDULED"_s), change(u"20"_s, u"FAILED"_s)}),
            // Succeeded, then rolled back by break-glass: it leaves the success curve.
            device({change(u"00"_s, u"SCHEDULED"_s), change(u"15"_s, u"SUCCEEDED"_s), change(u"30"_s, u"ROLLED_BACK"_s)}),
        };
        const Models::RolloutTimeline t = Models::RolloutTimeline::fromDevices(devices, {});
        QVERIFY(!t.isEmpty());
        QCOMPARE(t.succeeded.constLast().y(), 1.0);
        QCOMPARE(t.failed.constLast().y(), 1.0);
        QCOMPARE(t.rolledBack.constLast().y(), 1.0);
        QCOMPARE(t.peak(), 2); // two successes between 15 s and 30 s
        QCOMPARE(t.first, QDateTime::fromString(u"2026-12-02T10:00:10.000Z"_s, Qt::ISODateWithMs));
        QCOMPARE(t.last, QDateTime::fromString(u"2026-12-02T10:00:30.000Z"_s, Qt::ISODateWithMs));
        // Every curve spans the same time, so the chart's lines end together.
        QCOMPARE(t.succeeded.constLast().x(), t.rolledBack.constLast().x());
    }

    void noFinalStateNoTimeline()
    {
        const Models::RolloutTimeline t =
            Models::RolloutTimeline::fromDevices({device({change(u"00"_s, u"SCHEDULED"_s)})}, QDateTime::currentDateTimeUtc());
        QVERIFY(t.isEmpty());
        QCOMPARE(t.peak(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRolloutTimeline)
#include "tst_rollouttimeline.moc"
