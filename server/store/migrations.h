#pragma once

#include <QStringList>

#include "databaselocation.h"
#include "result.h"
#include "storeerror.h"

namespace Store
{
    class Database;

    // The numbered schema migrations. Each runs in a transaction of its own
    // and is recorded in schema_migrations (version, name, applied_at). The
    // SQL is written once with placeholders that dialect() fills in per
    // engine: {pk} {int64} {blob} {bool} {false}.
    class Migrations final
    {
    public:
        struct Migration
        {
            int version;
            const char *name;
            QStringList statements;
        };

        static const QList<Migration> &all();
        static int latestVersion();

        // The one place the two engines' SQL differs.
        static QString dialect(QString sql, Engine engine);

        // Brings the database to latestVersion(); returns the version it is
        // at. Refuses (SchemaTooNew) a database a newer build migrated.
        static Result<int, StoreError> apply(const Database &db);
    };
} // namespace Store
