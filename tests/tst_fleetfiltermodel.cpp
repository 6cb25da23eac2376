// Models::FleetFilterModel and Models::FleetFilter: each filter alone and
// together, the filter text other pages send, bad input, and the time to
// filter 100,000 devices (printed, never asserted: the machine is shared).
#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QTest>

#include "models/fleetfiltermodel.h"
#include "models/fleetmodel.h"
#include "models/modelroles.h"

using namespace Qt::Literals::StringLiterals;
using Models::FleetFilter;
using Models::FleetFilterModel;
using Models::FleetModel;

namespace
{
    const QDateTime Now(QDate(2026, 1, 1), QTime(12, 5), Qt::UTC);

    struct Spec
    {
        QString id;
        QString version;
        bool seen = true;
        bool healthy = true;
        bool overdue = false;
        bool reportsHealth = true;
    };

    Rollout::Device device(const Spec &s)
    {
        Rollout::Device d;
        d.id = s.id;
        d.version = s.seen ? s.version : QString();
        d.chip = u"esp32"_s;
        d.tags = {u"building-3"_s};
        if (s.seen)
            d.lastSeen = Now.addSecs(-60);
        d.overdue = s.overdue;
        if (s.seen && s.reportsHealth)
            d.health = QJsonObject{{u"wifi"_s, true}, {u"mqtt"_s, s.healthy}};
        d.json = QJsonObject{{u"id"_s, s.id}, {u"version"_s, d.version}, {u"healthy"_s, s.healthy},
                             {u"overdue"_s, s.overdue}, {u"seen"_s, s.seen}};
        return d;
    }

    QStringList idsOf(const FleetFilterModel &rows)
    {
        QStringList ids;
        for (int row = 0; row < rows.rowCount(); ++row)
            ids << rows.index(row, 0).data(Models::IdRole).toString();
        ids.sort();
        return ids;
    }
} // namespace

class TestFleetFilterModel : public QObject
{
    Q_OBJECT
    FleetModel m_fleet;

private Q_SLOTS:
    void init()
    {
        m_fleet.update({{device({u"a1"_s, u"2.3.1"_s}), device({u"a2"_s, u"2.3.1"_s, true, false}),
                         device({u"b1"_s, u"2.4.0"_s, true, true, true}), device({u"b2"_s, u"2.4.0"_s, true, true, false, false}),
                         device({u"c1"_s, QString(), false})},
                        Now});
        m_fleet.setRolloutStates({{u"a1"_s, u"SUCCEEDED"_s}, {u"a2"_s, u"DEFERRED"_s}});
    }

    void filters_data()
    {
        QTest::addColumn<QString>("words");
        QTest::addColumn<QStringList>("ids");
        QTest::addRow("nothing") << QString() << QStringList{u"a1"_s, u"a2"_s, u"b1"_s, u"b2"_s, u"c1"_s};
        QTest::addRow("version") << u"version:2.4.0"_s << QStringList{u"b1"_s, u"b2"_s};
        QTest::addRow("failing") << u"health:failing"_s << QStringList{u"a2"_s};
        QTest::addRow("healthy") << u"health:healthy"_s << QStringList{u"a1"_s, u"b1"_s};
        QTest::addRow("unreported") << u"health:unreported"_s << QStringList{u"b2"_s, u"c1"_s};
        QTest::addRow("overdue") << u"seen:overdue"_s << QStringList{u"b1"_s};
        QTest::addRow("on time") << u"seen:ontime"_s << QStringList{u"a1"_s, u"a2"_s, u"b2"_s};
        QTest::addRow("never seen") << u"seen:never"_s << QStringList{u"c1"_s};
        QTest::addRow("rollout state") << u"state:deferred"_s << QStringList{u"a2"_s};
        QTest::addRow("in no rollout") << u"state:none"_s << QStringList{u"b1"_s, u"b2"_s, u"c1"_s};
        QTest::addRow("text") << u"B1"_s << QStringList{u"b1"_s};
        QTest::addRow("tag text") << u"building"_s << QStringList{u"a1"_s, u"a2"_s, u"b1"_s, u"b2"_s, u"c1"_s};
        QTest::addRow("together") << u"version:2.3.1 health:healthy a"_s << QStringList{u"a1"_s};
    }

    void filters()
    {
        QFETCH(QString, words);
        QFETCH(QStringList, ids);
        FleetFilterModel rows;
        QAbstractItemModelTester tester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
        rows.setFleet(&m_fleet);
        const auto filter = FleetFilter::parse(words);
        QVERIFY2(filter, filter ? "" : qPrintable(filter.error()));
        rows.setFilter(*filter);
        QCOMPARE(idsOf(rows), ids);
        // What parse() read, toString() writes back, and parse() reads the same again.
        QCOMPARE(FleetFilter::parse(filter->toString()).value(), *filter);
    }

    void followsRolloutStateChanges()
    {
        FleetFilterModel rows;
        QAbstractItemModelTester tester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
        rows.setFleet(&m_fleet);
        rows.setFilter(FleetFilter::parse(u"state:failed"_s).value());
        QCOMPARE(rows.rowCount(), 0);
        m_fleet.setRolloutState(u"b1"_s, u"FAILED"_s);
        QCOMPARE(idsOf(rows), QStringList{u"b1"_s});
        QCOMPARE(m_fleet.index(m_fleet.rowOf(u"b1"_s), FleetModel::RolloutStateColumn).data().toString(), u"FAILED"_s);
    }

    void badInputSaysWhatItTakes_data()
    {
        QTest::addColumn<QString>("words");
        QTest::addColumn<QString>("message");
        QTest::addRow("health") << u"health:sick"_s << u"'sick' is not a health filter; use one of healthy, failing, unreported"_s;
        QTest::addRow("seen") << u"seen:yesterday"_s << u"'yesterday' is not a check-in filter; use one of ontime, overdue, never"_s;
        QTest::addRow("state") << u"state:broken"_s << u"'broken' is not a device state; use none or one of SCHEDULED"_s;
    }

    void badInputSaysWhatItTakes()
    {
        QFETCH(QString, words);
        QFETCH(QString, message);
        const auto filter = FleetFilter::parse(words);
        QVERIFY(!filter);
        QVERIFY2(filter.error().startsWith(message), qPrintable(filter.error()));
    }

    void sortsOnRawValues()
    {
        FleetFilterModel rows;
        rows.setFleet(&m_fleet);
        rows.sort(FleetModel::IdColumn, Qt::DescendingOrder);
        QCOMPARE(rows.index(0, 0).data().toString(), u"c1"_s);
    }

    void hundredThousandDevices()
    {
        QList<Rollout::Device> devices;
        constexpr int Count = 100000;
        devices.reserve(Count);
        for (int i = 0; i < Count; ++i)
            devices << device({u"sb-%1"_s.arg(i, 6, 10, QLatin1Char('0')), i % 10 == 0 ? u"2.3.2"_s : u"2.3.1"_s, true,
                               i % 13 != 0, i % 50 == 0});
        FleetModel fleet;
        fleet.update({devices, Now});
        FleetFilterModel rows;
        rows.setFleet(&fleet);
        rows.sort(FleetModel::IdColumn, Qt::AscendingOrder);
        const std::pair<const char *, QString> steps[] = {
            {"version", u"version:2.3.2"_s}, {"failing", u"health:failing"_s}, {"overdue", u"seen:overdue"_s},
            {"text", u"sb-0999"_s},          {"none", QString()},
        };
        for (const auto &[name, words] : steps) {
            QElapsedTimer timer;
            timer.start();
            rows.setFilter(FleetFilter::parse(words).value());
            const qint64 ms = timer.elapsed();
            qInfo("100,000 devices, filter %s: %lld ms, %d rows", name, ms, rows.rowCount());
        }
        rows.setFilter(FleetFilter::parse(u"version:2.3.2"_s).value());
        QCOMPARE(rows.rowCount(), Count / 10);
    }
};

QTEST_GUILESS_MAIN(TestFleetFilterModel)
#include "tst_fleetfiltermodel.moc"
