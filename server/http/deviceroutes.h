#pragma once

namespace Http
{
    class ApiServer;
    struct RouteContext;

    // Devices: enrolment and the fleet for consoles (admin / viewer), and the
    // device's own routes: check-in, reports, image download (docs/device-api.md).
    void addDeviceRoutes(ApiServer &server, RouteContext &context);
} // namespace Http
