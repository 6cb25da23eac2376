#include "rolloutservice.h"

#include <algorithm>

#include <QHash>
#include <QSet>

#include "engine/rolloutcounts.h"
#include "journal.h"
#include "serverlogging.h"
#include "store/database.h"

using namespace Qt::Literals::StringLiterals;

namespace Service
{
    namespace
    {
        QString eventKind(Engine::Change::Subject subject)
        {
            switch (subject) {
            case Engine::Change::Subject::Rollout: return u"rollout.changed"_s;
            case Engine::Change::Subject::Stage: return u"stage.changed"_s;
            case Engine::Change::Subject::Device: return u"rollout-device.changed"_s;
            }
            return {};
        }
    } // namespace

    RolloutService::RolloutService(Store::Database &db, Journal &journal, const Engine::Clock &clock,
                                   const Engine::DeploymentWindowPolicy &policy, QObject *parent)
        : QObject(parent)
        , m_db(db)
        , m_journal(journal)
        , m_clock(clock)
        , m_engine(clock, policy)
        , m_store(db)
    {
        connect(&m_tickTimer, &QTimer::timeout, this, [this] {
            if (!m_db.tryAcquireEngineLease())
                return; // another instance runs the engine
            if (auto ticked = tick(); !ticked)
                qCWarning(lcEngine) << "engine tick not recorded:" << ticked.error().message;
        });
    }

    RolloutService::~RolloutService() = default;

    Result<int, Store::StoreError> RolloutService::restore()
    {
        auto rollouts = m_store.loadAll();
        if (!rollouts)
            return rollouts.error();
        int restored = 0;
        for (Store::RolloutStore::Loaded &loaded : rollouts.value()) {
            const QString id = loaded.rollout.id;
            if (auto restoredOne = m_engine.restore(std::move(loaded.rollout)); !restoredOne) {
                return Store::StoreError{Store::StoreError::Kind::QueryFailed,
                                         u"rollout %1 cannot be restored: %2"_s.arg(id, restoredOne.error().message)};
            }
            m_revisions.insert(id, loaded.revision);
            ++restored;
        }
        return restored;
    }

    Result<bool, Store::StoreError> RolloutService::refresh()
    {
        if (m_db.engine() != Store::Engine::Postgres)
            return true;
        const auto revisions = m_store.revisions();
        if (!revisions)
            return revisions.error();
        for (auto it = revisions.value().cbegin(); it != revisions.value().cend(); ++it) {
            const QString &id = it.key();
            const qint64 known = m_revisions.value(id, -1);
            if (it.value() <= known)
                continue;
            const Engine::Rollout *current = m_engine.rollout(id);
            if (!current) {
                auto loaded = m_store.load(id);
                if (!loaded)
                    return loaded.error();
                m_engine.replace(std::move(loaded.value().rollout));
                m_revisions.insert(id, loaded.value().revision);
                continue;
            }
            // Only what changed: the record, and the entries written since.
            auto changed = m_store.changedSince(id, known);
            if (!changed)
                return changed.error();
            Engine::Rollout fresh = std::move(changed.value().record);
            fresh.devices = current->devices;
            fresh.rebuildIndex();
            for (Engine::DeviceEntry &entry : changed.value().devices) {
                if (Engine::DeviceEntry *mine = fresh.device(entry.deviceId))
                    *mine = std::move(entry);
            }
            m_engine.replace(std::move(fresh));
            m_revisions.insert(id, changed.value().revision);
            qCDebug(lcEngine) << "took rollout" << id << "at revision" << changed.value().revision
                              << "from another instance";
        }
        return true;
    }

    Result<bool, Store::StoreError> RolloutService::reload(const Engine::Changes &changes)
    {
        QSet<QString> ids;
        for (const Engine::Change &change : changes)
            ids.insert(change.rolloutId);
        for (const QString &id : std::as_const(ids)) {
            auto loaded = m_store.load(id);
            if (!loaded)
                return loaded.error();
            m_engine.replace(std::move(loaded.value().rollout));
            m_revisions.insert(id, loaded.value().revision);
        }
        return true;
    }

    Result<bool, Store::StoreError> RolloutService::record(const Engine::Changes &changes)
    {
        if (changes.isEmpty())
            return true;
        // Which rollouts changed, and which of their devices.
        QHash<QString, QSet<QString>> devicesOf;
        QSet<QString> whole;
        QStringList order;
        for (const Engine::Change &change : changes) {
            if (!devicesOf.contains(change.rolloutId))
                order.append(change.rolloutId);
            QSet<QString> &devices = devicesOf[change.rolloutId];
            if (change.subject == Engine::Change::Subject::Device)
                devices.insert(change.deviceId);
            else
                whole.insert(change.rolloutId);
        }
        for (const QString &rolloutId : std::as_const(order)) {
            const Engine::Rollout *rollout = m_engine.rollout(rolloutId);
            if (!rollout)
                continue;
            auto saved = m_store.save(*rollout, devicesOf.value(rolloutId), whole.contains(rolloutId),
                                      m_revisions.value(rolloutId, 0));
            if (!saved)
                return saved.error();
            m_revisions.insert(rolloutId, saved.value());
        }
        for (const Engine::Change &change : changes) {
            if (change.subject != Engine::Change::Subject::Device) {
                const Engine::Rollout *rollout = m_engine.rollout(change.rolloutId);
                QJsonObject detail = change.toJson();
                detail.remove(u"reason"_s);
                detail.remove(u"actor"_s);
                detail.remove(u"action"_s);
                // A stage's change is named by where it went: stage.active, stage.soaking, stage.passed, ...
                const QString action = change.subject == Engine::Change::Subject::Stage
                                           ? u"stage."_s + change.to.toLower()
                                           : u"rollout."_s + change.action;
                const QString result = change.from.isEmpty() || change.from == change.to
                                           ? change.to
                                           : change.from + u" -> "_s + change.to;
                auto audited = m_journal.audit(change.actor, action, rollout ? rollout->label() : change.rolloutId,
                                               change.reason, result, detail);
                if (!audited)
                    return audited.error();
            }
            m_journal.post(eventKind(change.subject), change.toJson());
        }
        for (const QString &rolloutId : std::as_const(order)) {
            if (const Engine::Rollout *rollout = m_engine.rollout(rolloutId)) {
                m_journal.postLatest(u"rollout.counts"_s, rolloutId, summary(*rollout));
                Q_EMIT rolloutChanged(rolloutId);
            }
        }
        return true;
    }

    void RolloutService::startTicking(int intervalMs)
    {
        m_tickTimer.start(intervalMs);
    }

    Result<Engine::Changes, Store::StoreError> RolloutService::tick()
    {
        Engine::Changes changes;
        if (auto ran = run([&] { return changes = m_engine.tick(); }); !ran)
            return ran.error();
        return changes;
    }

    QList<const Engine::Rollout *> RolloutService::byCreation() const
    {
        QList<const Engine::Rollout *> rollouts;
        for (const QString &id : m_engine.rolloutIds()) {
            if (const Engine::Rollout *rollout = m_engine.rollout(id))
                rollouts.append(rollout);
        }
        std::sort(rollouts.begin(), rollouts.end(), [](const Engine::Rollout *a, const Engine::Rollout *b) {
            return a->createdAt != b->createdAt ? a->createdAt < b->createdAt : a->id < b->id;
        });
        return rollouts;
    }

    QJsonObject RolloutService::summary(const Engine::Rollout &rollout) const
    {
        return {{u"id"_s, rollout.id},
                {u"name"_s, rollout.spec.name},
                {u"state"_s, Engine::name(rollout.state)},
                {u"pauseReason"_s, Engine::name(rollout.pauseReason)},
                {u"stateReason"_s, rollout.stateReason},
                {u"currentStage"_s, rollout.currentStage},
                {u"release"_s, rollout.spec.release.toJson()},
                {u"createdBy"_s, rollout.createdBy},
                {u"createdAt"_s, rollout.createdAt.toString(Qt::ISODateWithMs)},
                {u"counts"_s, Engine::RolloutCounts::of(rollout).toJson(rollout)}};
    }
} // namespace Service
