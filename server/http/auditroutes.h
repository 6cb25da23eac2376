#pragma once

namespace Store
{
    class Database;
}

namespace Http
{
    class Access;
    class ApiServer;

    // GET /api/v1/audit, /api/v1/audit/verify, /api/v1/audit/export (operator or admin).
    void addAuditRoutes(ApiServer &server, Access &access, const Store::Database &db);
} // namespace Http
