#include "rolloutstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include "database.h"
#include "engine/states.h"
#include "sqlhelpers.h"

using namespace Qt::Literals::StringLiterals;

namespace Store
{
    namespace
    {
        const QString DevicesKey = u"devices"_s;

        Result<bool, StoreError> saveEntry(const QSqlDatabase &db, const QString &rolloutId,
                                           const ::Engine::DeviceEntry &entry, const QDateTime &now, qint64 revision)
        {
            auto ran = Sql::run(db, u"saving device %1 of rollout %2"_s.arg(entry.deviceId, rolloutId),
                                u"INSERT INTO rollout_devices (rollout_id, device_id, stage_index, state, entry, updated_at, "
                                "revision) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rollout_id, device_id) DO UPDATE SET "
                                "stage_index = excluded.stage_index, state = excluded.state, entry = excluded.entry, "
                                "updated_at = excluded.updated_at, revision = excluded.revision"_s,
                                {rolloutId, entry.deviceId, entry.stage, ::Engine::name(entry.state),
                                 Sql::compactJson(entry.toJson()), now.toMSecsSinceEpoch(), revision});
            if (!ran)
                return ran.error();
            return true;
        }

        StoreError unreadable(const QString &id, const QStringList &problems)
        {
            return StoreError{StoreError::Kind::QueryFailed,
                              u"rollout %1 in the store does not read: %2"_s.arg(id, problems.join(u"; "_s))};
        }

        Result<::Engine::DeviceEntry, StoreError> entryFrom(const QString &rolloutId, const QVariant &text)
        {
            auto entry = ::Engine::DeviceEntry::fromJson(Sql::jsonObject(text));
            if (!entry)
                return unreadable(rolloutId, entry.error());
            return std::move(entry).value();
        }
    } // namespace

    Result<qint64, StoreError> RolloutStore::save(const ::Engine::Rollout &rollout, const QSet<QString> &deviceIds,
                                                  bool allDevices, qint64 revision)
    {
        const QJsonObject record = rollout.recordJson();
        const QDateTime now = m_db.now();
        const bool postgres = m_db.engine() == Engine::Postgres;
        return m_db.transaction([&](QSqlDatabase &db) -> Result<qint64, StoreError> {
            // FOR UPDATE: another instance saving the same rollout waits for our commit.
            auto stored = Sql::first(Sql::run(db, u"reading the revision of rollout %1"_s.arg(rollout.id),
                                              u"SELECT revision FROM rollouts WHERE id = ?"_s
                                                  + (postgres ? u" FOR UPDATE"_s : QString()),
                                              {rollout.id}),
                                     [](const QSqlQuery &q) { return q.value(0).toLongLong(); });
            if (!stored)
                return stored.error();
            const qint64 current = stored.value().value_or(0);
            if (current != revision) {
                return StoreError{StoreError::Kind::Stale,
                                  u"%1 was changed by another server instance (revision %2, this one read %3)"_s.arg(
                                      rollout.label())
                                      .arg(current)
                                      .arg(revision)};
            }
            const qint64 next = current + 1;
            auto ran = Sql::run(db, u"saving rollout %1"_s.arg(rollout.id),
                                u"INSERT INTO rollouts (id, name, release_sha256, state, record, created_by, created_at, "
                                "updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                                "state = excluded.state, record = excluded.record, updated_at = excluded.updated_at, "
                                "revision = excluded.revision"_s,
                                {rollout.id, rollout.spec.name, rollout.spec.release.sha256, ::Engine::name(rollout.state),
                                 Sql::compactJson(record), rollout.createdBy, rollout.createdAt.toMSecsSinceEpoch(),
                                 now.toMSecsSinceEpoch(), next});
            if (!ran)
                return ran.error();
            for (const ::Engine::DeviceEntry &entry : rollout.devices) {
                if (!allDevices && !deviceIds.contains(entry.deviceId))
                    continue;
                if (auto saved = saveEntry(db, rollout.id, entry, now, next); !saved)
                    return saved.error();
            }
            return next;
        });
    }

    Result<QList<RolloutStore::Loaded>, StoreError> RolloutStore::loadAll() const
    {
        auto ids = Sql::all(Sql::run(m_db, u"reading rollouts"_s, u"SELECT id FROM rollouts ORDER BY created_at, id"_s),
                            [](const QSqlQuery &q) { return q.value(0).toString(); });
        if (!ids)
            return ids.error();
        QList<Loaded> rollouts;
        for (const QString &id : ids.value()) {
            auto loaded = load(id);
            if (!loaded)
                return loaded.error();
            rollouts.append(std::move(loaded).value());
        }
        return rollouts;
    }

    Result<RolloutStore::Loaded, StoreError> RolloutStore::load(const QString &rolloutId) const
    {
        auto changed = changedSince(rolloutId, -1);
        if (!changed)
            return changed.error();
        Loaded loaded{std::move(changed.value().record), changed.value().revision};
        loaded.rollout.devices = std::move(changed.value().devices);
        loaded.rollout.rebuildIndex();
        return loaded;
    }

    Result<QHash<QString, qint64>, StoreError> RolloutStore::revisions() const
    {
        auto rows = Sql::all(Sql::run(m_db, u"reading rollout revisions"_s, u"SELECT id, revision FROM rollouts"_s),
                             [](const QSqlQuery &q) { return std::pair(q.value(0).toString(), q.value(1).toLongLong()); });
        if (!rows)
            return rows.error();
        QHash<QString, qint64> revisions;
        for (const auto &[id, revision] : rows.value())
            revisions.insert(id, revision);
        return revisions;
    }

    Result<RolloutStore::Changed, StoreError> RolloutStore::changedSince(const QString &rolloutId, qint64 since) const
    {
        auto record = Sql::first(Sql::run(m_db, u"reading rollout %1"_s.arg(rolloutId),
                                          u"SELECT record, revision FROM rollouts WHERE id = ?"_s, {rolloutId}),
                                 [](const QSqlQuery &q) { return std::pair(q.value(0).toString(), q.value(1).toLongLong()); });
        if (!record)
            return record.error();
        if (!record.value())
            return StoreError{StoreError::Kind::NotFound, u"no rollout %1 in the store"_s.arg(rolloutId)};
        QJsonObject header = Sql::jsonObject(record.value()->first);
        header.insert(DevicesKey, QJsonArray());
        auto rollout = ::Engine::Rollout::fromJson(header);
        if (!rollout)
            return unreadable(rolloutId, rollout.error());
        auto texts = Sql::all(Sql::run(m_db, u"reading the devices of rollout %1"_s.arg(rolloutId),
                                       u"SELECT entry FROM rollout_devices WHERE rollout_id = ? AND revision > ? "
                                       "ORDER BY device_id"_s,
                                       {rolloutId, since}),
                              [](const QSqlQuery &q) { return q.value(0); });
        if (!texts)
            return texts.error();
        Changed changed{std::move(rollout).value(), {}, record.value()->second};
        changed.devices.reserve(texts.value().size());
        for (const QVariant &text : texts.value()) {
            auto entry = entryFrom(rolloutId, text);
            if (!entry)
                return entry.error();
            changed.devices.append(std::move(entry).value());
        }
        return changed;
    }
} // namespace Store
