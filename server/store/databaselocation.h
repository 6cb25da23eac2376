#pragma once

#include <QString>

#include "result.h"
#include "storeerror.h"

namespace Store
{
    enum class Engine { Sqlite, Postgres };

    // Where a store lives, parsed from --db:
    //   /path/to/ota.db or sqlite:/path/to/ota.db         SQLite file
    //   postgresql://user[:password]@host[:port]/dbname    PostgreSQL (postgres:// too)
    // User and password may be percent-encoded.
    struct DatabaseLocation
    {
        Engine engine = Engine::Sqlite;
        QString path;     // SQLite
        QString host;     // PostgreSQL
        int port = 5432;
        QString user;
        QString password;
        QString databaseName;

        static Result<DatabaseLocation, StoreError> parse(const QString &location);

        // For messages and logs: the path, or "postgresql://user@host:port/db"
        // without the password.
        QString display() const;
        // "127.0.0.1:5432" for PostgreSQL messages.
        QString hostAndPort() const;
    };
} // namespace Store
