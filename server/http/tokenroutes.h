#pragma once

namespace Http
{
    class Access;
    class ApiServer;

    // GET /api/v1/token: who the bearer token is (name, role, break-glass
    // right), so a console can enable only the actions the server would allow.
    void addTokenRoutes(ApiServer &server, Access &access);
} // namespace Http
