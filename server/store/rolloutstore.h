#pragma once

#include <QList>
#include <QSet>
#include <QString>

#include "engine/rollout.h"
#include "result.h"
#include "storeerror.h"

namespace Store
{
    class Database;

    // Keeps the rollout engine's rollouts across restarts: one record per
    // rollout (everything ::Engine::Rollout::toJson holds but its devices) and
    // one entry per device, so persisting a device report rewrites one small
    // row. The engine stays the authority while the server runs; this store
    // is what restore() reads at start.
    class RolloutStore final
    {
    public:
        explicit RolloutStore(const Database &db) : m_db(db) {}

        // Writes the rollout's record and the entries of the listed devices
        // (all of them when allDevices), in one transaction.
        Result<bool, StoreError> save(const ::Engine::Rollout &rollout, const QSet<QString> &deviceIds,
                                      bool allDevices = false);
        // Every rollout with its devices, oldest first. A record that no
        // longer reads (hand-edited, say) is an error naming the rollout.
        Result<QList<::Engine::Rollout>, StoreError> loadAll() const;

    private:
        const Database &m_db;
    };
} // namespace Store
