#pragma once

#include <QDateTime>
#include <QJsonObject>

#include "result.h"
#include "store/devicestore.h"

namespace Http
{
    // A device as the API shows it: its last check-in, and liveness as
    // facts ("lastSeen", "nextExpected", "overdue", "overdueSeconds"), never
    // a bare "online" flag.
    // The one spelling of a device's JSON: appended as text (the listing),
    // or as an object (one device, an event).
    void appendDeviceJson(QByteArray &out, const Store::Device &device, const QDateTime &now);
    QJsonObject deviceToJson(const Store::Device &device, const QDateTime &now);
    QJsonObject checkInRecordToJson(const Store::CheckInRecord &record);

    // The body of GET /api/v1/devices: {"devices": [deviceToJson...],
    // "serverTime": now}, compact. Tens of MB at 100,000 devices, so it is
    // written as text directly rather than built as a QJsonArray first.
    QByteArray deviceListingJson(const QList<Store::Device> &devices, const QDateTime &now);

    // The body of POST /api/v1/device/checkin (docs/device-api.md) for the
    // device deviceId, with nextExpected worked out from now; every problem
    // when it is not one.
    Result<Store::CheckIn, QStringList> checkInFromJson(const QJsonObject &body, const QString &deviceId,
                                                        const QDateTime &now);
} // namespace Http
