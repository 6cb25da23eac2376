#include "migrations.h"

#include <QSqlDatabase>

#include "database.h"
#include "serverlogging.h"
#include "sqlhelpers.h"

using namespace Qt::Literals::StringLiterals;

namespace Store
{
    namespace
    {
        QStringList schemaV1()
        {
            return {
                u"CREATE TABLE trusted_keys ("
                "key_id TEXT PRIMARY KEY, name TEXT NOT NULL, pem TEXT NOT NULL, "
                "added_by TEXT NOT NULL, added_at {int64} NOT NULL, revoked_at {int64}, revoked_by TEXT)"_s,

                u"CREATE TABLE releases ("
                "sha256 TEXT PRIMARY KEY, version TEXT NOT NULL, project TEXT NOT NULL, chip TEXT NOT NULL, "
                "size_bytes {int64} NOT NULL, manifest_bytes {blob} NOT NULL, signature {blob} NOT NULL, "
                "key_id TEXT NOT NULL REFERENCES trusted_keys(key_id), blob_path TEXT NOT NULL, "
                "uploaded_by TEXT NOT NULL, uploaded_at {int64} NOT NULL)"_s,

                u"CREATE TABLE devices ("
                "device_id TEXT PRIMARY KEY, credential_hash TEXT NOT NULL, "
                "chip TEXT NOT NULL DEFAULT '', board TEXT NOT NULL DEFAULT '', project TEXT NOT NULL DEFAULT '', "
                "version TEXT NOT NULL DEFAULT '', slot TEXT NOT NULL DEFAULT '', "
                "battery INTEGER, rssi INTEGER, uptime_s {int64}, boot_count {int64}, "
                "health TEXT NOT NULL DEFAULT '{}', tags TEXT NOT NULL DEFAULT '[]', "
                "last_seen {int64}, next_expected {int64}, enrolled_at {int64} NOT NULL)"_s,
                u"CREATE INDEX devices_version ON devices (version)"_s,
                u"CREATE INDEX devices_next_expected ON devices (next_expected)"_s,

                u"CREATE TABLE device_checkins ("
                "id {pk}, device_id TEXT NOT NULL REFERENCES devices(device_id) ON DELETE CASCADE, "
                "at {int64} NOT NULL, version TEXT NOT NULL, slot TEXT NOT NULL, battery INTEGER, rssi INTEGER, "
                "uptime_s {int64}, boot_count {int64}, health TEXT NOT NULL DEFAULT '{}')"_s,
                u"CREATE INDEX device_checkins_device ON device_checkins (device_id, id)"_s,

                u"CREATE TABLE tokens ("
                "id {pk}, name TEXT NOT NULL, secret_hash TEXT NOT NULL UNIQUE, "
                "role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')), "
                "break_glass {bool} NOT NULL DEFAULT {false}, created_by TEXT NOT NULL, created_at {int64} NOT NULL, "
                "revoked_at {int64}, revoked_by TEXT, last_used_at {int64})"_s,

                u"CREATE TABLE rollouts ("
                "id {pk}, name TEXT NOT NULL, release_sha256 TEXT NOT NULL REFERENCES releases(sha256), "
                "state TEXT NOT NULL, pause_reason TEXT NOT NULL DEFAULT '', spec TEXT NOT NULL DEFAULT '{}', "
                "state_json TEXT NOT NULL DEFAULT '{}', created_by TEXT NOT NULL, approved_by TEXT, "
                "created_at {int64} NOT NULL, updated_at {int64} NOT NULL)"_s,
                u"CREATE TABLE rollout_devices ("
                "rollout_id {int64} NOT NULL REFERENCES rollouts(id) ON DELETE CASCADE, "
                "device_id TEXT NOT NULL REFERENCES devices(device_id), stage_index INTEGER NOT NULL, "
                "state TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '', attempts INTEGER NOT NULL DEFAULT 0, "
                "previous_version TEXT NOT NULL DEFAULT '', updated_at {int64} NOT NULL, "
                "PRIMARY KEY (rollout_id, device_id))"_s,
                u"CREATE INDEX rollout_devices_device ON rollout_devices (device_id)"_s,
                u"CREATE TABLE rollout_device_history ("
                "id {pk}, rollout_id {int64} NOT NULL REFERENCES rollouts(id) ON DELETE CASCADE, "
                "device_id TEXT NOT NULL, at {int64} NOT NULL, state TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '')"_s,
                u"CREATE INDEX rollout_device_history_device ON rollout_device_history (rollout_id, device_id, id)"_s,

                u"CREATE TABLE audit_log ("
                "seq {int64} PRIMARY KEY, at {int64} NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, "
                "target TEXT NOT NULL, reason TEXT NOT NULL, result TEXT NOT NULL, detail TEXT NOT NULL, "
                "prev_hash TEXT NOT NULL, hash TEXT NOT NULL)"_s,

                u"CREATE TABLE events (seq {pk}, at {int64} NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL)"_s,

                u"CREATE TABLE engine_lease (name TEXT PRIMARY KEY, holder TEXT NOT NULL, acquired_at {int64} NOT NULL)"_s,
            };
        }

        // The engine persists a rollout as one record (its spec, stages,
        // approvals, history: everything but its devices) and one entry per
        // device, so a report rewrites one small row and not the whole
        // rollout. Version 1's rollout tables were never written by any
        // release, so they are replaced rather than converted.
        QStringList schemaV2()
        {
            return {
                u"DROP TABLE rollout_device_history"_s,
                u"DROP TABLE rollout_devices"_s,
                u"DROP TABLE rollouts"_s,
                u"CREATE TABLE rollouts ("
                "id TEXT PRIMARY KEY, name TEXT NOT NULL, release_sha256 TEXT NOT NULL REFERENCES releases(sha256), "
                "state TEXT NOT NULL, record TEXT NOT NULL, created_by TEXT NOT NULL, "
                "created_at {int64} NOT NULL, updated_at {int64} NOT NULL)"_s,
                u"CREATE TABLE rollout_devices ("
                "rollout_id TEXT NOT NULL REFERENCES rollouts(id) ON DELETE CASCADE, "
                "device_id TEXT NOT NULL, stage_index INTEGER NOT NULL, state TEXT NOT NULL, "
                "entry TEXT NOT NULL, updated_at {int64} NOT NULL, PRIMARY KEY (rollout_id, device_id))"_s,
                u"CREATE INDEX rollout_devices_device ON rollout_devices (device_id)"_s,
            };
        }

        // Several server instances on one PostgreSQL each hold the engine in
        // memory: a revision per rollout (and the revision that last wrote
        // each device entry) lets an instance see that another changed it,
        // read only what changed, and refuse to write over a newer copy.
        QStringList schemaV3()
        {
            return {
                u"ALTER TABLE rollouts ADD COLUMN revision {int64} NOT NULL DEFAULT 0"_s,
                u"ALTER TABLE rollout_devices ADD COLUMN revision {int64} NOT NULL DEFAULT 0"_s,
                u"CREATE INDEX rollout_devices_revision ON rollout_devices (rollout_id, revision)"_s,
            };
        }

        // The readiness card compares a release with the devices' OTA slot:
        // a device says how large its partitions are, and the partition table
        // changes only with a serial flash, so the last size said is kept.
        QStringList schemaV4()
        {
            return {u"ALTER TABLE devices ADD COLUMN ota_slot_bytes {int64}"_s};
        }

        StoreError migrationError(const Database &db, const QString &why)
        {
            return StoreError{StoreError::Kind::MigrationFailed,
                              u"cannot migrate %1: %2"_s.arg(db.location().display(), why)};
        }

        // The newest version recorded; 0 for an empty database.
        Result<int, StoreError> currentVersion(const QSqlDatabase &conn)
        {
            auto found = Sql::run(conn, u"reading the schema version"_s,
                                  u"SELECT COALESCE(MAX(version), 0) FROM schema_migrations"_s);
            if (!found)
                return found.error();
            return found.value().next() ? found.value().value(0).toInt() : 0;
        }
    } // namespace

    const QList<Migrations::Migration> &Migrations::all()
    {
        static const QList<Migration> migrations{
            {1, "initial schema: keys, releases, devices, tokens, rollouts, audit, events, engine lease", schemaV1()},
            {2, "rollouts as engine records with one entry per device", schemaV2()},
            {3, "rollout revisions for several server instances", schemaV3()},
            {4, "each device's OTA slot size", schemaV4()},
        };
        return migrations;
    }

    int Migrations::latestVersion()
    {
        return all().constLast().version;
    }

    QString Migrations::dialect(QString sql, Engine engine)
    {
        const bool pg = engine == Engine::Postgres;
        return sql.replace(u"{pk}"_s, pg ? u"BIGSERIAL PRIMARY KEY"_s : u"INTEGER PRIMARY KEY AUTOINCREMENT"_s)
            .replace(u"{int64}"_s, pg ? u"BIGINT"_s : u"INTEGER"_s)
            .replace(u"{blob}"_s, pg ? u"BYTEA"_s : u"BLOB"_s)
            .replace(u"{bool}"_s, pg ? u"BOOLEAN"_s : u"INTEGER"_s)
            .replace(u"{false}"_s, pg ? u"FALSE"_s : u"0"_s);
    }

    Result<int, StoreError> Migrations::apply(const Database &db)
    {
        for (;;) {
            // One transaction per step: take the migration lock (several
            // PostgreSQL instances may start at once), look, apply the next.
            auto step = db.transaction([&](QSqlDatabase &conn) -> Result<int, StoreError> {
                if (auto locked = db.lockForAppend(conn, Database::AppendLock::Migrations); !locked)
                    return locked.error();
                auto created = Sql::run(conn, u"creating schema_migrations"_s,
                                        dialect(u"CREATE TABLE IF NOT EXISTS schema_migrations ("
                                                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                                                "applied_at {int64} NOT NULL)"_s,
                                                db.engine()));
                if (!created)
                    return migrationError(db, created.error().message);
                auto current = currentVersion(conn);
                if (!current)
                    return migrationError(db, current.error().message);
                const int version = current.value();
                if (version > latestVersion()) {
                    return StoreError{StoreError::Kind::SchemaTooNew,
                                      u"%1 has schema version %2, but this ota-server knows only up to version %3: "
                                      "it was written by a newer ota-server; run that version (or point --db at "
                                      "another database)"_s.arg(db.location().display())
                                          .arg(version)
                                          .arg(latestVersion())};
                }
                if (version == latestVersion())
                    return version;
                const Migration &next = all().at(version); // versions are 1, 2, ... in order
                for (const QString &statement : next.statements) {
                    if (auto ran = Sql::run(conn, u"migration %1"_s.arg(next.version), dialect(statement, db.engine()));
                        !ran)
                        return migrationError(db, ran.error().message);
                }
                auto recorded = Sql::run(conn, u"recording migration %1"_s.arg(next.version),
                                         u"INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"_s,
                                         {next.version, QString::fromUtf8(next.name), db.now().toMSecsSinceEpoch()});
                if (!recorded)
                    return migrationError(db, recorded.error().message);
                qCInfo(lcStore) << "migrated" << db.location().display() << "to schema version" << next.version;
                return -next.version; // applied one: go round again
            });
            if (!step)
                return step.error();
            if (step.value() >= 0)
                return step.value();
        }
    }
} // namespace Store
