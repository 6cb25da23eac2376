#pragma once

#include <QList>
#include <QString>

#include "apicall.h"
#include "device.h"
#include "rolloutdetail.h"

namespace Rollout
{
    class ServerClient;

    // One check-in as the device history keeps it.
    struct CheckIn
    {
        QDateTime at;
        QString version;
        QString slot;
        std::optional<int> batteryPercent;
        std::optional<int> rssi;
        std::optional<qint64> bootCount;
        QJsonObject health; // check name -> passed

        static Result<CheckIn, QString> fromJson(const QJsonObject &object);
    };

    // GET /api/v1/devices/ID/history: the last check-ins, newest first, and
    // the device's entry in each rollout (json also holds rolloutName).
    struct DeviceHistory
    {
        QList<CheckIn> checkIns;
        QList<RolloutDevice> rollouts;

        static Result<DeviceHistory, QString> fromJson(const QJsonObject &object);
    };

    // The fleet: /api/v1/devices (enrolment needs an admin token).
    class DevicesApi final
    {
    public:
        explicit DevicesApi(ServerClient *client) : m_client(client) {}

        // All or nothing; each device's secret is answered this once.
        ApiCall *enrol(const QList<Enrolment> &devices, QObject *context, Done<QList<EnrolledDevice>> done);
        ApiCall *list(const DeviceQuery &query, QObject *context, Done<DeviceList> done);
        // The device; its json also holds "rollouts", its entry in each rollout.
        ApiCall *show(const QString &deviceId, QObject *context, Done<Device> done);
        // limit 1 to 10,000 newest check-ins (0: the server's default, 100).
        ApiCall *history(const QString &deviceId, int limit, QObject *context, Done<DeviceHistory> done);

    private:
        ServerClient *m_client;
    };
} // namespace Rollout
