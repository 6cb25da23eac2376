#pragma once

#include <QString>

namespace Store
{
    // Why a store call failed. The message is for a person: it names the
    // database (never its password) and, where there is one, what to do.
    struct StoreError
    {
        enum class Kind
        {
            BadLocation,    // --db is neither a path, sqlite:PATH nor postgresql://...
            CannotOpen,     // the SQLite file or its directory cannot be opened
            Unreachable,    // PostgreSQL refused the connection (down, wrong port, credentials)
            DriverMissing,  // the Qt SQL driver plugin is not installed
            SchemaTooNew,   // the database was migrated by a newer ota-server
            MigrationFailed,
            QueryFailed,    // a statement failed (see the message for the engine's words)
            NotFound,
            Duplicate,
            InvalidInput,
            OutOfRange,     // a byte range beyond the end of a blob
            Stale,          // changed by another server instance since this one read it; read again and retry
            Conflict,       // e.g. revoking what is already revoked
            IoError,        // a blob file could not be written or read
        };

        Kind kind;
        QString message;

        static QString kindName(Kind kind); // "not-found", ... for JSON errors
    };
} // namespace Store
