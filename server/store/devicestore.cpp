#include "devicestore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include "database.h"
#include "sqlhelpers.h"

using namespace Qt::Literals::StringLiterals;

namespace Store
{
    namespace
    {
        const QString Select = u"SELECT device_id, chip, board, project, version, slot, battery, rssi, uptime_s, "
                               "boot_count, ota_slot_bytes, health, tags, last_seen, next_expected, enrolled_at FROM devices "_s;

        QStringList tagsFrom(const QVariant &text)
        {
            QStringList tags;
            const QJsonArray array = QJsonDocument::fromJson(text.toString().toUtf8()).array();
            for (const QJsonValue &tag : array)
                tags.append(tag.toString());
            return tags;
        }

        QString tagsText(const QStringList &tags)
        {
            return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(tags)).toJson(QJsonDocument::Compact));
        }

        Device deviceFrom(const QSqlQuery &q)
        {
            return Device{q.value(0).toString(),      q.value(1).toString(),      q.value(2).toString(),
                          q.value(3).toString(),      q.value(4).toString(),      q.value(5).toString(),
                          Sql::optionalInt(q.value(6)), Sql::optionalInt(q.value(7)), Sql::optionalInt(q.value(8)),
                          Sql::optionalInt(q.value(9)), Sql::optionalInt(q.value(10)), Sql::jsonObject(q.value(11)),
                          tagsFrom(q.value(12)),      Sql::fromMs(q.value(13)),   Sql::fromMs(q.value(14)),
                          Sql::fromMs(q.value(15))};
        }

        Result<std::optional<Device>, StoreError> findIn(const QSqlDatabase &db, const QString &deviceId)
        {
            return Sql::first(
                Sql::run(db, u"finding device %1"_s.arg(deviceId), Select + u"WHERE device_id = ?"_s, {deviceId}),
                deviceFrom);
        }

        StoreError notEnrolled(const QString &deviceId)
        {
            return StoreError{StoreError::Kind::NotFound, u"device %1 is not enrolled"_s.arg(deviceId)};
        }
    } // namespace

    bool DeviceStore::isValidDeviceId(const QString &deviceId)
    {
        if (deviceId.isEmpty() || deviceId.size() > 64)
            return false;
        return std::all_of(deviceId.cbegin(), deviceId.cend(), [](QChar c) {
            return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.'
                   || c == u'_' || c == u':' || c == u'-';
        });
    }

    Result<QString, StoreError> DeviceStore::enrol(const QString &deviceId, const QStringList &tags)
    {
        auto secrets = enrolAll({{deviceId, tags}});
        if (!secrets)
            return secrets.error();
        return secrets.value().constFirst();
    }

    Result<QStringList, StoreError> DeviceStore::enrolAll(const QList<std::pair<QString, QStringList>> &devices)
    {
        QStringList malformed;
        for (const auto &[deviceId, tags] : devices) {
            if (!isValidDeviceId(deviceId))
                malformed.append(u"'"_s + deviceId.left(80) + u"'"_s);
        }
        if (!malformed.isEmpty()) {
            return StoreError{StoreError::Kind::InvalidInput,
                              u"a device id is 1 to 64 characters of A-Z a-z 0-9 . _ : -; not so: "_s
                                  + malformed.join(u", "_s)};
        }
        return m_db.transaction([&](QSqlDatabase &db) -> Result<QStringList, StoreError> {
            QStringList taken;
            for (const auto &[deviceId, tags] : devices) {
                auto existing = findIn(db, deviceId);
                if (!existing)
                    return existing.error();
                if (existing.value())
                    taken.append(deviceId);
            }
            if (taken.size() == 1)
                return StoreError{StoreError::Kind::Duplicate, u"device %1 is already enrolled"_s.arg(taken.constFirst())};
            if (!taken.isEmpty()) {
                return StoreError{StoreError::Kind::Duplicate,
                                  u"%1 devices are already enrolled: %2"_s.arg(taken.size()).arg(taken.join(u", "_s))};
            }
            QStringList secrets;
            secrets.reserve(devices.size());
            const QVariant enrolledAt = Sql::msOrNull(m_db.now());
            for (const auto &[deviceId, tags] : devices) {
                const QString secret = Sql::newSecret(u"dev_");
                auto inserted = Sql::run(db, u"enrolling device %1"_s.arg(deviceId),
                                         u"INSERT INTO devices (device_id, credential_hash, tags, enrolled_at) VALUES (?, ?, ?, ?)"_s,
                                         {deviceId, Sql::sha256Hex(secret.toUtf8()), tagsText(tags), enrolledAt});
                if (!inserted)
                    return inserted.error();
                secrets.append(secret);
            }
            return secrets;
        });
    }

    Result<bool, StoreError> DeviceStore::authenticate(const QString &deviceId, const QString &secret)
    {
        const auto stored = Sql::first(Sql::run(m_db, u"authenticating device %1"_s.arg(deviceId),
                                                u"SELECT credential_hash FROM devices WHERE device_id = ?"_s, {deviceId}),
                                       [](const QSqlQuery &q) { return q.value(0).toString(); });
        if (!stored)
            return stored.error();
        return stored.value() && Sql::sameHash(*stored.value(), Sql::sha256Hex(secret.toUtf8()));
    }

    Result<Device, StoreError> DeviceStore::checkIn(const CheckIn &report)
    {
        const QDateTime now = m_db.now();
        const QString health = Sql::compactJson(report.health);
        return m_db.transaction([&](QSqlDatabase &db) -> Result<Device, StoreError> {
            auto updated = Sql::run(
                db, u"recording the check-in of %1"_s.arg(report.deviceId),
                u"UPDATE devices SET chip = ?, board = ?, project = ?, version = ?, slot = ?, battery = ?, rssi = ?, "
                "uptime_s = ?, boot_count = ?, ota_slot_bytes = COALESCE(?, ota_slot_bytes), health = ?, last_seen = ?, "
                "next_expected = ? WHERE device_id = ?"_s,
                {report.chip, report.board, report.project, report.version, report.slot,
                 Sql::intOrNull(report.battery), Sql::intOrNull(report.rssi), Sql::intOrNull(report.uptimeS),
                 Sql::intOrNull(report.bootCount), Sql::intOrNull(report.otaSlotBytes), health, Sql::msOrNull(now),
                 Sql::msOrNull(report.nextExpected), report.deviceId});
            if (!updated)
                return updated.error();
            if (updated.value().numRowsAffected() != 1)
                return notEnrolled(report.deviceId);
            auto appended = Sql::run(
                db, u"appending to the history of %1"_s.arg(report.deviceId),
                u"INSERT INTO device_checkins (device_id, at, version, slot, battery, rssi, uptime_s, boot_count, health) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                {report.deviceId, Sql::msOrNull(now), report.version, report.slot, Sql::intOrNull(report.battery),
                 Sql::intOrNull(report.rssi), Sql::intOrNull(report.uptimeS), Sql::intOrNull(report.bootCount), health});
            if (!appended)
                return appended.error();
            auto device = findIn(db, report.deviceId);
            if (!device)
                return device.error();
            if (!device.value())
                return notEnrolled(report.deviceId);
            return *device.value();
        });
    }

    Result<bool, StoreError> DeviceStore::recordVersion(const QString &deviceId, const QString &version)
    {
        auto updated = Sql::run(m_db, u"recording the version of %1"_s.arg(deviceId),
                                u"UPDATE devices SET version = ? WHERE device_id = ? AND version <> ?"_s,
                                {version, deviceId, version});
        if (!updated)
            return updated.error();
        return updated.value().numRowsAffected() == 1;
    }

    Result<bool, StoreError> DeviceStore::setTags(const QString &deviceId, const QStringList &tags)
    {
        return m_db.transaction([&](QSqlDatabase &db) -> Result<bool, StoreError> {
            auto updated = Sql::run(db, u"tagging device %1"_s.arg(deviceId),
                                    u"UPDATE devices SET tags = ? WHERE device_id = ?"_s, {tagsText(tags), deviceId});
            if (!updated)
                return updated.error();
            if (updated.value().numRowsAffected() != 1)
                return notEnrolled(deviceId);
            return true;
        });
    }

    Result<std::optional<Device>, StoreError> DeviceStore::find(const QString &deviceId)
    {
        auto db = m_db.connection();
        if (!db)
            return db.error();
        return findIn(db.value(), deviceId);
    }

    Result<QList<Device>, StoreError> DeviceStore::list(const DeviceFilter &filter)
    {
        QStringList where;
        QVariantList values;
        if (!filter.version.isEmpty()) {
            where.append(u"version = ?"_s);
            values.append(filter.version);
        }
        if (!filter.project.isEmpty()) {
            where.append(u"project = ?"_s);
            values.append(filter.project);
        }
        if (filter.overdueAt) {
            where.append(u"next_expected IS NOT NULL AND next_expected < ?"_s);
            values.append(Sql::msOrNull(*filter.overdueAt));
        }
        QString sql = Select;
        if (!where.isEmpty())
            sql += u"WHERE "_s + where.join(u" AND "_s);
        sql += u" ORDER BY device_id"_s;
        if (filter.limit > 0)
            sql += u" LIMIT %1"_s.arg(filter.limit);
        return Sql::all(Sql::run(m_db, u"listing devices"_s, sql, values), deviceFrom);
    }

    Result<FleetTally, StoreError> DeviceStore::tally(const QDateTime &now)
    {
        struct VersionRow
        {
            QString version;
            int devices;
            int overdue;
        };
        const auto byVersion = Sql::all(
            Sql::run(m_db, u"counting devices by version"_s,
                     u"SELECT version, COUNT(*), "
                     "SUM(CASE WHEN next_expected IS NOT NULL AND next_expected < ? THEN 1 ELSE 0 END) "
                     "FROM devices WHERE last_seen IS NOT NULL GROUP BY version"_s,
                     {Sql::msOrNull(now)}),
            [](const QSqlQuery &q) { return VersionRow{q.value(0).toString(), q.value(1).toInt(), q.value(2).toInt()}; });
        if (!byVersion)
            return byVersion.error();
        const auto neverSeen = Sql::first(Sql::run(m_db, u"counting devices never seen"_s,
                                                   u"SELECT COUNT(*) FROM devices WHERE last_seen IS NULL"_s),
                                          [](const QSqlQuery &q) { return q.value(0).toInt(); });
        if (!neverSeen)
            return neverSeen.error();
        FleetTally tally;
        tally.neverSeen = neverSeen.value().value_or(0);
        tally.devices = tally.neverSeen;
        for (const VersionRow &row : byVersion.value()) {
            tally.versions[row.version] += row.devices; // NULL and '' are both "no version"
            tally.overdue += row.overdue;
            tally.devices += row.devices;
        }
        return tally;
    }

    Result<QList<CheckInRecord>, StoreError> DeviceStore::history(const QString &deviceId, int limit)
    {
        return Sql::all(Sql::run(m_db, u"reading the history of %1"_s.arg(deviceId),
                                 u"SELECT id, at, version, slot, battery, rssi, boot_count, health FROM device_checkins "
                                 "WHERE device_id = ? ORDER BY id DESC LIMIT %1"_s.arg(std::max(limit, 1)),
                                 {deviceId}),
                        [](const QSqlQuery &q) {
                            return CheckInRecord{q.value(0).toLongLong(),     Sql::fromMs(q.value(1)),
                                                 q.value(2).toString(),       q.value(3).toString(),
                                                 Sql::optionalInt(q.value(4)), Sql::optionalInt(q.value(5)),
                                                 Sql::optionalInt(q.value(6)), Sql::jsonObject(q.value(7))};
                        });
    }
} // namespace Store
