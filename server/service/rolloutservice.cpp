#include "rolloutservice.h"

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
        for (Engine::Rollout &rollout : rollouts.value()) {
            const QString id = rollout.id;
            if (auto loaded = m_engine.restore(std::move(rollout)); !loaded) {
                return Store::StoreError{Store::StoreError::Kind::QueryFailed,
                                         u"rollout %1 cannot be restored: %2"_s.arg(id, loaded.error().message)};
            }
            ++restored;
        }
        return restored;
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
            if (auto saved = m_store.save(*rollout, devicesOf.value(rolloutId), whole.contains(rolloutId)); !saved)
                return saved.error();
        }
        for (const Engine::Change &change : changes) {
            if (change.subject != Engine::Change::Subject::Device) {
                const Engine::Rollout *rollout = m_engine.rollout(change.rolloutId);
                QJsonObject detail = change.toJson();
                detail.remove(u"reason"_s);
                detail.remove(u"actor"_s);
                detail.remove(u"action"_s);
                const QString prefix = change.subject == Engine::Change::Subject::Stage ? u"stage."_s : u"rollout."_s;
                auto audited = m_journal.audit(change.actor, prefix + change.action,
                                               rollout ? rollout->label() : change.rolloutId, change.reason,
                                               change.from == change.to ? change.to : change.from + u" -> "_s + change.to,
                                               detail);
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
        Engine::Changes changes = m_engine.tick();
        if (auto recorded = record(changes); !recorded)
            return recorded.error();
        return changes;
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
