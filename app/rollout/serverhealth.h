#pragma once

#include <QJsonObject>
#include <QString>

#include "result.h"

namespace Rollout
{
    // GET /api/v1/health: the server is up, and who it is.
    struct ServerHealth
    {
        QString status; // "ok"
        QString name;
        int apiVersion = 0;
        QString version; // the server's software version
        bool tls = false;
        QString engine; // "active" or "standby" (several instances on one store)
        QJsonObject json;

        static Result<ServerHealth, QString> fromJson(const QJsonObject &object);
    };
} // namespace Rollout
