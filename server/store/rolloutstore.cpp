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
                                           const ::Engine::DeviceEntry &entry, const QDateTime &now)
        {
            auto ran = Sql::run(db, u"saving device %1 of rollout %2"_s.arg(entry.deviceId, rolloutId),
                                u"INSERT INTO rollout_devices (rollout_id, device_id, stage_index, state, entry, updated_at) "
                                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (rollout_id, device_id) DO UPDATE SET "
                                "stage_index = excluded.stage_index, state = excluded.state, entry = excluded.entry, "
                                "updated_at = excluded.updated_at"_s,
                                {rolloutId, entry.deviceId, entry.stage, ::Engine::name(entry.state),
                                 Sql::compactJson(entry.toJson()), now.toMSecsSinceEpoch()});
            if (!ran)
                return ran.error();
            return true;
        }
    } // namespace

    Result<bool, StoreError> RolloutStore::save(const ::Engine::Rollout &rollout, const QSet<QString> &deviceIds,
                                                bool allDevices)
    {
        QJsonObject record = rollout.toJson();
        record.remove(DevicesKey);
        const QDateTime now = m_db.now();
        return m_db.transaction([&](QSqlDatabase &db) -> Result<bool, StoreError> {
            auto ran = Sql::run(db, u"saving rollout %1"_s.arg(rollout.id),
                                u"INSERT INTO rollouts (id, name, release_sha256, state, record, created_by, created_at, "
                                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                                "state = excluded.state, record = excluded.record, updated_at = excluded.updated_at"_s,
                                {rollout.id, rollout.spec.name, rollout.spec.release.sha256, ::Engine::name(rollout.state),
                                 Sql::compactJson(record), rollout.createdBy,
                                 rollout.createdAt.toMSecsSinceEpoch(), now.toMSecsSinceEpoch()});
            if (!ran)
                return ran.error();
            for (const ::Engine::DeviceEntry &entry : rollout.devices) {
                if (!allDevices && !deviceIds.contains(entry.deviceId))
                    continue;
                if (auto saved = saveEntry(db, rollout.id, entry, now); !saved)
                    return saved.error();
            }
            return true;
        });
    }

    Result<QList<::Engine::Rollout>, StoreError> RolloutStore::loadAll() const
    {
        auto records = Sql::all(Sql::run(m_db, u"reading rollouts"_s,
                                         u"SELECT id, record FROM rollouts ORDER BY created_at, id"_s),
                                [](const QSqlQuery &q) { return std::pair(q.value(0).toString(), q.value(1).toString()); });
        if (!records)
            return records.error();
        QList<::Engine::Rollout> rollouts;
        for (const auto &[id, text] : records.value()) {
            QJsonObject record = Sql::jsonObject(text);
            auto entries = Sql::all(Sql::run(m_db, u"reading the devices of rollout %1"_s.arg(id),
                                             u"SELECT entry FROM rollout_devices WHERE rollout_id = ? ORDER BY device_id"_s,
                                             {id}),
                                    [](const QSqlQuery &q) { return Sql::jsonObject(q.value(0)); });
            if (!entries)
                return entries.error();
            QJsonArray devices;
            for (const QJsonObject &entry : entries.value())
                devices.append(entry);
            record.insert(DevicesKey, devices);
            auto rollout = ::Engine::Rollout::fromJson(record);
            if (!rollout) {
                return StoreError{StoreError::Kind::QueryFailed,
                                  u"rollout %1 in the store does not read: %2"_s.arg(id, rollout.error().join(u"; "_s))};
            }
            rollouts.append(std::move(rollout).value());
        }
        return rollouts;
    }
} // namespace Store
