#pragma once

#include <QJsonObject>

namespace Http
{
    struct RouteContext;

    // The state a console starts from when it connects to the event
    // stream: every rollout's summary with its counts, the fleet's version
    // mix and liveness totals, and the deployment window. Devices one by one
    // come from GET /api/v1/devices (a fleet can be 100,000).
    QJsonObject snapshot(RouteContext &context);
} // namespace Http
