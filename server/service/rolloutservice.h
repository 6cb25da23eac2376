#pragma once

#include <memory>

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include "engine/clock.h"
#include "engine/rolloutengine.h"
#include "result.h"
#include "store/rolloutstore.h"
#include "store/storeerror.h"

namespace Store
{
    class Database;
}

namespace Service
{
    class Journal;

    // The rollout engine as the server runs it: loaded from the store at
    // start, every change it makes persisted before the caller answers, and
    // written to the journal (an audit entry for each rollout or stage
    // change, an event for every change, and the rollout's fresh counts).
    // tick() runs the engine's time-driven decisions (per-device timeouts,
    // soak, gates, windows) every tickInterval while this instance holds the
    // engine lease.
    class RolloutService final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(RolloutService)

    public:
        RolloutService(Store::Database &db, Journal &journal, const Engine::Clock &clock,
                       const Engine::DeploymentWindowPolicy &policy, QObject *parent = nullptr);
        ~RolloutService() override;

        // Loads every rollout the store holds into the engine; how many.
        Result<int, Store::StoreError> restore();

        Engine::RolloutEngine &engine() { return m_engine; }
        const Engine::RolloutEngine &engine() const { return m_engine; }
        const Engine::Clock &clock() const { return m_clock; }

        // Runs an engine call on fresh state and records what it changed:
        // call() makes the engine call, keeps its own result, and returns
        // the changes (none when the engine refused). When another server
        // instance on the same store wrote one of those rollouts first, the
        // newer copy is read and call() runs again (up to three times).
        template<typename Call>
        Result<bool, Store::StoreError> run(Call &&call)
        {
            for (int attempt = 1;; ++attempt) {
                if (auto synced = refresh(); !synced)
                    return synced.error();
                const Engine::Changes changes = call();
                auto recorded = record(changes);
                if (recorded || recorded.error().kind != Store::StoreError::Kind::Stale || attempt == 3)
                    return recorded;
                if (auto reloaded = reload(changes); !reloaded)
                    return reloaded.error();
            }
        }

        // Brings the engine up to date with what other server instances on
        // the same store wrote (PostgreSQL; one instance per SQLite file, so
        // nothing to do there). Read routes call it before they look.
        Result<bool, Store::StoreError> refresh();

        // Runs tick() every intervalMs real milliseconds.
        void startTicking(int intervalMs);
        Result<Engine::Changes, Store::StoreError> tick();

        // {"id", "name", "state", "pauseReason", "stateReason", "currentStage",
        //  "release", "createdBy", "createdAt", "counts": {...}}
        QJsonObject summary(const Engine::Rollout &rollout) const;
        // Every rollout, oldest first.
        QList<const Engine::Rollout *> byCreation() const;

    Q_SIGNALS:
        void rolloutChanged(const QString &rolloutId);

    private:
        // Persists and journals what one engine call changed. A change of a
        // rollout or stage saves all of that rollout's devices (stop and
        // break-glass touch many at once); device changes save just theirs.
        // Everything is saved before anything is journaled, so a Stale
        // refusal leaves no audit entry or event behind.
        Result<bool, Store::StoreError> record(const Engine::Changes &changes);
        // Reads again the rollouts these changes touched (after a Stale save).
        Result<bool, Store::StoreError> reload(const Engine::Changes &changes);

        Store::Database &m_db;
        Journal &m_journal;
        const Engine::Clock &m_clock;
        Engine::RolloutEngine m_engine;
        Store::RolloutStore m_store;
        QHash<QString, qint64> m_revisions; // rollout id -> the revision the engine holds
        QTimer m_tickTimer;
    };
} // namespace Service
