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
    QJsonObject deviceToJson(const Store::Device &device, const QDateTime &now);
    QJsonObject checkInRecordToJson(const Store::CheckInRecord &record);

    // The body of POST /api/v1/device/checkin (docs/device-api.md) for the
    // device deviceId, with nextExpected worked out from now; every problem
    // when it is not one.
    Result<Store::CheckIn, QStringList> checkInFromJson(const QJsonObject &body, const QString &deviceId,
                                                        const QDateTime &now);
} // namespace Http
