#pragma once

#include <QList>
#include <QString>

#include "apicall.h"
#include "device.h"

namespace Rollout
{
    class ServerClient;

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

    private:
        ServerClient *m_client;
    };
} // namespace Rollout
