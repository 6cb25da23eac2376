#pragma once

#include <optional>

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QList>
#include <QString>
#include <QStringList>

#include "result.h"
#include "storeerror.h"

namespace Store
{
    class Database;

    // What a device says when it checks in (ROLLOUTS.md "Devices").
    struct CheckIn
    {
        QString deviceId;
        QString chip;
        QString board;
        QString project;
        QString version;
        QString slot; // running partition, e.g. "ota_0"
        std::optional<qint64> battery; // percent
        std::optional<qint64> rssi;    // dBm
        std::optional<qint64> uptimeS;
        std::optional<qint64> bootCount;
        std::optional<qint64> otaSlotBytes; // size of each OTA app partition
        QJsonObject health; // results of the device's health checks
        QDateTime nextExpected; // when the next check-in is due; invalid: unknown
    };

    struct Device
    {
        QString deviceId;
        QString chip;
        QString board;
        QString project;
        QString version;
        QString slot;
        std::optional<qint64> battery;
        std::optional<qint64> rssi;
        std::optional<qint64> uptimeS;
        std::optional<qint64> bootCount;
        std::optional<qint64> otaSlotBytes; // from the last check-in that said
        QJsonObject health;
        QStringList tags;
        QDateTime lastSeen;     // invalid: never checked in
        QDateTime nextExpected;
        QDateTime enrolledAt;

        // Due and not seen: overdue since nextExpected.
        bool overdueAt(const QDateTime &now) const { return nextExpected.isValid() && nextExpected < now; }
    };

    struct CheckInRecord // one row of a device's history
    {
        qint64 id = 0;
        QDateTime at;
        QString version;
        QString slot;
        std::optional<qint64> battery;
        std::optional<qint64> rssi;
        std::optional<qint64> bootCount;
        QJsonObject health;
    };

    // The fleet in numbers, counted by the database rather than from a
    // listing (the event stream's snapshot sends it on every connect).
    struct FleetTally
    {
        int devices = 0;              // enrolled
        QMap<QString, int> versions;  // devices seen at least once, by the version they run
        int overdue = 0;              // seen, and due before now
        int neverSeen = 0;            // enrolled, no check-in yet

        friend bool operator==(const FleetTally &, const FleetTally &) = default;
    };

    struct DeviceFilter
    {
        QString version;              // empty: any
        QString project;              // empty: any
        std::optional<QDateTime> overdueAt; // only devices overdue at this time
        int limit = 0;                // 0: no limit
    };

    class DeviceStore final
    {
    public:
        explicit DeviceStore(const Database &db) : m_db(db) {}

        // Device ids: 1..64 of [A-Za-z0-9._:-]. Returns the device's secret,
        // shown once; only its SHA-256 is stored. Duplicate if enrolled.
        Result<QString, StoreError> enrol(const QString &deviceId, const QStringList &tags = {});
        // Several at once, all or nothing: the secrets in the same order, or
        // an error naming every malformed or already enrolled id.
        Result<QStringList, StoreError> enrolAll(const QList<std::pair<QString, QStringList>> &devices);
        // Is secret this device's credential? Unknown devices: false.
        Result<bool, StoreError> authenticate(const QString &deviceId, const QString &secret);
        // Updates the device (liveness and state) and appends to its history,
        // in one transaction. NotFound for a device never enrolled.
        Result<Device, StoreError> checkIn(const CheckIn &report);
        // What a device's report says it runs now (after a reboot): true when
        // that changed the version on record.
        Result<bool, StoreError> recordVersion(const QString &deviceId, const QString &version);
        Result<bool, StoreError> setTags(const QString &deviceId, const QStringList &tags);
        Result<std::optional<Device>, StoreError> find(const QString &deviceId);
        Result<QList<Device>, StoreError> list(const DeviceFilter &filter = {}); // by device id
        Result<FleetTally, StoreError> tally(const QDateTime &now);
        Result<QList<CheckInRecord>, StoreError> history(const QString &deviceId, int limit = 100); // newest first

        static bool isValidDeviceId(const QString &deviceId);

    private:
        const Database &m_db;
    };
} // namespace Store
