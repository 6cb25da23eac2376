#pragma once

#include <QString>

namespace Store
{
    class Database;
}
namespace Service
{
    class Journal;
    class RolloutService;
    class FirmwareRegistry;
}

namespace Http
{
    class Access;

    // What the route groups share: who may do what, the store, the journal,
    // the rollout service and the firmware registry. Owned by main().
    struct RouteContext
    {
        Access &access;
        Store::Database &db;
        QString dataDir;
        Service::Journal &journal;
        Service::RolloutService &rollouts;
        Service::FirmwareRegistry &firmware;
    };
} // namespace Http
