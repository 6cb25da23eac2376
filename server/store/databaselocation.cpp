#include "databaselocation.h"

#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace Store
{
    namespace
    {
        Result<DatabaseLocation, StoreError> badLocation(const QString &why)
        {
            return StoreError{StoreError::Kind::BadLocation, why};
        }

        Result<DatabaseLocation, StoreError> parsePostgres(const QString &location)
        {
            const QUrl url(location, QUrl::StrictMode);
            // The message must not repeat the location: it may hold a password.
            const QString shape = u"expected postgresql://user[:password]@host[:port]/dbname"_s;
            if (!url.isValid())
                return badLocation(u"the PostgreSQL location in --db is not a valid URL: "_s + shape);
            DatabaseLocation loc;
            loc.engine = Engine::Postgres;
            loc.host = url.host();
            loc.port = url.port(5432);
            loc.user = url.userName(QUrl::FullyDecoded);
            loc.password = url.password(QUrl::FullyDecoded);
            loc.databaseName = url.path(QUrl::FullyDecoded).mid(1);
            if (loc.host.isEmpty())
                return badLocation(u"the PostgreSQL location in --db has no host: "_s + shape);
            if (loc.user.isEmpty())
                return badLocation(u"the PostgreSQL location in --db has no user: "_s + shape);
            if (loc.databaseName.isEmpty() || loc.databaseName.contains(u'/'))
                return badLocation(u"the PostgreSQL location in --db has no database name: "_s + shape);
            if (url.hasQuery() || url.hasFragment())
                return badLocation(u"the PostgreSQL location in --db has options (?...), which are not supported: "_s
                                   + shape);
            return loc;
        }
    } // namespace

    Result<DatabaseLocation, StoreError> DatabaseLocation::parse(const QString &location)
    {
        if (location.startsWith(u"postgresql://"_s) || location.startsWith(u"postgres://"_s))
            return parsePostgres(location);
        if (location.contains(u"://"_s))
            return badLocation(u"--db must be a SQLite file path, sqlite:PATH or postgresql://...; "
                               "the scheme of the given location is not supported"_s);
        DatabaseLocation loc;
        loc.path = location.startsWith(u"sqlite:"_s) ? location.mid(7) : location;
        if (loc.path.isEmpty())
            return badLocation(u"--db names no SQLite file"_s);
        if (loc.path == u":memory:"_s)
            return badLocation(u"--db :memory: would lose everything on exit; give a file path"_s);
        return loc;
    }

    QString DatabaseLocation::display() const
    {
        if (engine == Engine::Sqlite)
            return path;
        return u"postgresql://%1@%2/%3"_s.arg(user, hostAndPort(), databaseName);
    }

    QString DatabaseLocation::hostAndPort() const
    {
        return u"%1:%2"_s.arg(host).arg(port);
    }
} // namespace Store
