#pragma once

namespace Http
{
    class ApiServer;
    struct RouteContext;

    // Trusted signing keys (admin) and the firmware registry: signed
    // release upload (operator), list, show and image download (viewer).
    void addFirmwareRoutes(ApiServer &server, RouteContext &context);
} // namespace Http
