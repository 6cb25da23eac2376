#pragma once

namespace Http
{
    class ApiServer;
    struct RouteContext;

    // Rollouts: create (with a preview of what it would target), list,
    // show, device entries, the operator's actions (approve, deny, start,
    // pause, resume, advance, stop) and break-glass rollback; and the
    // deployment window policy.
    void addRolloutRoutes(ApiServer &server, RouteContext &context);
} // namespace Http
