#include <QTest>

#include "store/eventlog.h"
#include "storefixture.h"

using namespace Store;
using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

namespace
{
    QList<qint64> appendEvents(EventLog &events, int n)
    {
        QList<qint64> seqs;
        for (int i = 0; i < n; ++i) {
            const auto event = events.append(u"device.state"_s, QJsonObject{{u"i"_s, i}});
            seqs.append(event ? event->seq : -1);
        }
        return seqs;
    }
} // namespace

class TestEventLog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { m_fixture.addEngineRows(); }
    void initTestCase() { m_fixture.startPostgres(); }

    void anEmptyLogHasNothingToReplay()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        EventLog events(*db);
        QCOMPARE(events.oldestSeq().value(), std::nullopt);
        QCOMPARE(events.latestSeq().value(), 0);
        QVERIFY(events.since(0)->isEmpty());
        QVERIFY(events.canResumeAfter(0).value());
    }

    void eventsComeBackInOrderAfterAGivenSeq()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        EventLog events(*db);
        const QList<qint64> seqs = appendEvents(events, 10);
        for (int i = 1; i < seqs.size(); ++i)
            QVERIFY(seqs.at(i) > seqs.at(i - 1));
        const auto after = events.since(seqs.at(6));
        OTA_VERIFY_OK(after);
        QCOMPARE(after->size(), 3);
        QCOMPARE(after->at(0).seq, seqs.at(7));
        QCOMPARE(after->at(0).kind, u"device.state"_s);
        QCOMPARE(after->at(0).payload.value(u"i"_s).toInt(), 7);
        QVERIFY(after->at(0).at.isValid());
        QCOMPARE(events.latestSeq().value(), seqs.last());
        QVERIFY(events.since(seqs.last())->isEmpty());
    }

    void sinceHonoursItsLimit()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        EventLog events(*db);
        const QList<qint64> seqs = appendEvents(events, 10);
        const auto page = events.since(0, 4);
        OTA_VERIFY_OK(page);
        QCOMPARE(page->size(), 4);
        QCOMPARE(page->last().seq, seqs.at(3));
    }

    void aClientOlderThanTheOldestRetainedEventNeedsASnapshot()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        EventLog events(*db);
        const QList<qint64> seqs = appendEvents(events, 10);
        QCOMPARE(events.oldestSeq().value(), seqs.first());
        const auto pruned = events.prune(seqs.at(5));
        OTA_VERIFY_OK(pruned);
        QCOMPARE(pruned.value(), 5);
        QCOMPARE(events.oldestSeq().value(), seqs.at(5));
        QVERIFY(events.canResumeAfter(seqs.at(4)).value()); // next it needs is the oldest kept
        QVERIFY(!events.canResumeAfter(seqs.at(3)).value());
        QVERIFY(!events.canResumeAfter(0).value());
    }

    void pruningKeepsTheNewestEventSoSeqKeepsIncreasing()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        EventLog events(*db);
        const QList<qint64> seqs = appendEvents(events, 3);
        QCOMPARE(events.prune(seqs.last() + 1).value(), 2);
        QCOMPARE(events.oldestSeq().value(), seqs.last());
        QCOMPARE(events.latestSeq().value(), seqs.last());
        QVERIFY(!events.canResumeAfter(0).value());
        QVERIFY(events.canResumeAfter(seqs.last()).value());
        const auto next = events.append(u"x"_s, {});
        OTA_VERIFY_OK(next);
        QVERIFY(next->seq > seqs.last());
    }

    void anEventNeedsAKind()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        EventLog events(*db);
        const auto refused = events.append(QString(), {});
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, StoreError::Kind::InvalidInput);
    }

private:
    StoreFixture m_fixture;
};

QTEST_GUILESS_MAIN(TestEventLog)
#include "tst_eventlog.moc"
