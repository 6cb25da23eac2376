#include <QSqlQuery>
#include <QTest>

#include "engine/manualclock.h"
#include "engine/rolloutengine.h"
#include "store/rolloutstore.h"
#include "storefixture.h"

using namespace Store;
using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

namespace
{
    const QString Sha = QString(64, u'a');

    // A release row for the rollout to refer to (the schema keeps them linked).
    bool addRelease(const Database &db)
    {
        QSqlQuery q(db.connection().value());
        return q.exec(u"INSERT INTO trusted_keys (key_id, name, pem, added_by, added_at) VALUES ('k', 'k', 'pem', 't', 1)"_s)
               && q.exec(u"INSERT INTO releases (sha256, version, project, chip, size_bytes, manifest_bytes, signature, "
                         "key_id, blob_path, uploaded_by, uploaded_at) VALUES ('%1', '2.0.0', 'p', 'esp32', 1, 'm', 's', "
                         "'k', 'b', 't', 1)"_s.arg(Sha));
    }

    ::Engine::RolloutSpec spec()
    {
        ::Engine::RolloutSpec spec;
        spec.name = u"store test"_s;
        spec.release = {u"2.0.0"_s, Sha};
        spec.stages = {{u"all"_s, {::Engine::StageSize::Kind::Percent, 100}, 1.0, std::nullopt, 0,
                        ::Engine::GateAction::Auto, {}}};
        return spec;
    }

    QList<::Engine::DeviceTarget> targets(int n)
    {
        QList<::Engine::DeviceTarget> list;
        for (int i = 0; i < n; ++i)
            list.append({u"d%1"_s.arg(i), u"1.0.0"_s, u"esp32"_s, {}, u"p"_s, {}, 90});
        return list;
    }
} // namespace

// The engine's rollouts in the store: a record and an entry per device,
// with a revision that keeps two server instances from writing over each other.
class TestRolloutStore final : public QObject
{
    Q_OBJECT

    StoreFixture m_fixture;
    ::Engine::ManualClock m_clock{QDateTime(QDate(2026, 11, 24), QTime(9, 0), Qt::UTC)};

private Q_SLOTS:
    void initTestCase_data() { m_fixture.addEngineRows(); }
    void initTestCase() { m_fixture.startPostgres(); }

    void aSavedRolloutReadsBackTheSame()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        QVERIFY(addRelease(*db));
        ::Engine::RolloutEngine engine(m_clock, ::Engine::DeploymentWindowPolicy::alwaysOpen());
        const auto created = engine.create(spec(), targets(3), u"olga"_s);
        QVERIFY(created);
        RolloutStore store(*db);
        const auto saved = store.save(*engine.rollout(created->rolloutId), {}, true, 0);
        OTA_VERIFY_OK(saved);
        QCOMPARE(saved.value(), 1);
        const auto all = store.loadAll();
        OTA_VERIFY_OK(all);
        QCOMPARE(all->size(), 1);
        QCOMPARE(all->constFirst().revision, 1);
        QCOMPARE(all->constFirst().rollout, *engine.rollout(created->rolloutId));
    }

    void aSaveOverANewerRevisionIsRefusedAsStale()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        QVERIFY(addRelease(*db));
        ::Engine::RolloutEngine engine(m_clock, ::Engine::DeploymentWindowPolicy::alwaysOpen());
        const auto created = engine.create(spec(), targets(2), u"olga"_s);
        RolloutStore store(*db);
        OTA_VERIFY_OK(store.save(*engine.rollout(created->rolloutId), {}, true, 0));
        OTA_VERIFY_OK(store.save(*engine.rollout(created->rolloutId), {}, false, 1));
        const auto stale = store.save(*engine.rollout(created->rolloutId), {}, false, 1);
        QVERIFY(!stale);
        QCOMPARE(stale.error().kind, StoreError::Kind::Stale);
        QVERIFY(stale.error().message.contains(u"another server instance"_s));
        QCOMPARE(store.revisions().value().value(created->rolloutId), 2);
    }

    void onlyTheEntriesWrittenSinceARevisionAreReadAgain()
    {
        OTA_OPEN_FRESH_STORE(m_fixture, db);
        QVERIFY(addRelease(*db));
        ::Engine::RolloutEngine engine(m_clock, ::Engine::DeploymentWindowPolicy::alwaysOpen());
        const QString id = engine.create(spec(), targets(5), u"olga"_s)->rolloutId;
        RolloutStore store(*db);
        OTA_VERIFY_OK(store.save(*engine.rollout(id), {}, true, 0));
        QVERIFY(engine.start(id, u"olga"_s));
        const auto reply = engine.instructionFor(u"d3"_s, {u"1.0.0"_s, 90});
        QCOMPARE(reply.instruction.kind, ::Engine::Instruction::Kind::Install);
        OTA_VERIFY_OK(store.save(*engine.rollout(id), {u"d3"_s}, false, 1));
        const auto changed = store.changedSince(id, 1);
        OTA_VERIFY_OK(changed);
        QCOMPARE(changed->revision, 2);
        QCOMPARE(changed->devices.size(), 1);
        QCOMPARE(changed->devices.constFirst().deviceId, u"d3"_s);
        QCOMPARE(changed->devices.constFirst().state, ::Engine::DeviceState::Notified);
        QCOMPARE(changed->record.state, ::Engine::RolloutState::Running);
        QVERIFY(changed->record.devices.isEmpty());
        QCOMPARE(store.changedSince(id, 0)->devices.size(), 5);
        const auto missing = store.changedSince(u"nope"_s, 0);
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, StoreError::Kind::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestRolloutStore)
#include "tst_rolloutstore.moc"
