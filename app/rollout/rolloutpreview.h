#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include "result.h"

namespace Rollout
{
    // The server's deployment window now (GET /api/v1/policy/window): shown
    // before an operator starts, resumes or advances a rollout.
    struct DeploymentWindow
    {
        bool open = false;
        QString describe;     // "Monday to Thursday 08:00-16:00 (Europe/Berlin); ..."
        QDateTime nextOpening; // invalid for a window that never opens
        QDateTime serverTime;
        QJsonObject json;

        static Result<DeploymentWindow, QString> fromJson(const QJsonObject &object);
    };

    // What creating a rollout spec would do now (POST /api/v1/rollouts/preview).
    struct RolloutPreview
    {
        int matching = 0;         // targets, alreadyInstalled included
        int alreadyInstalled = 0;
        int neverSeen = 0;        // matched but never checked in: left out
        int otherChip = 0;        // matched but of another chip: left out
        qint64 imageSize = 0;
        DeploymentWindow window;
        QJsonObject json;

        static Result<RolloutPreview, QString> fromJson(const QJsonObject &object);
    };
} // namespace Rollout
