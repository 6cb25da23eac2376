#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include "engine/rollout.h"
#include "result.h"
#include "storeerror.h"

namespace Store
{
    class Database;

    // Keeps the rollout engine's rollouts: one record per rollout
    // (everything ::Engine::Rollout::toJson holds but its devices) and one
    // entry per device, so persisting a device report rewrites one small
    // row. Every save raises the rollout's revision, and is refused (Stale)
    // when the store holds a newer revision than the one the caller last
    // read: several server instances on one PostgreSQL never write over each
    // other's changes, and read back only the entries that changed.
    class RolloutStore final
    {
    public:
        explicit RolloutStore(const Database &db) : m_db(db) {}

        // Writes the rollout's record and the entries of the listed devices
        // (all of them when allDevices), in one transaction, if the stored
        // revision is still `revision` (0 for a rollout not stored yet).
        // Returns the new revision.
        Result<qint64, StoreError> save(const ::Engine::Rollout &rollout, const QSet<QString> &deviceIds,
                                        bool allDevices, qint64 revision);

        struct Loaded
        {
            ::Engine::Rollout rollout;
            qint64 revision = 0;
        };
        // Every rollout with its devices, oldest first. A record that no
        // longer reads (hand-edited, say) is an error naming the rollout.
        Result<QList<Loaded>, StoreError> loadAll() const;
        Result<Loaded, StoreError> load(const QString &rolloutId) const;

        // Each rollout's current revision.
        Result<QHash<QString, qint64>, StoreError> revisions() const;

        // What changed since `since`: the record as a rollout without
        // devices, and the device entries written after that revision.
        struct Changed
        {
            ::Engine::Rollout record; // devices empty
            QList<::Engine::DeviceEntry> devices;
            qint64 revision = 0;
        };
        Result<Changed, StoreError> changedSince(const QString &rolloutId, qint64 since) const;

    private:
        const Database &m_db;
    };
} // namespace Store
