#pragma once

#include <QJsonObject>
#include <QList>

#include "tally.h"

namespace Engine
{
    struct Rollout;

    // Devices by state for a rollout and each of its stages, in one answer
    // (hawkBit's count maps). Devices in no stage (ALREADY_INSTALLED) count
    // in the total only.
    struct RolloutCounts
    {
        Tally total;
        QList<Tally> stages;

        static RolloutCounts of(const Rollout &rollout);
        // {"total": {...}, "stages": [{"name": "canary", "status": "ACTIVE", "counts": {...}}, ...]}
        QJsonObject toJson(const Rollout &rollout) const;
    };
} // namespace Engine
