#include "tokenstore.h"

#include <QSqlQuery>

#include "database.h"
#include "sqlhelpers.h"

using namespace Qt::Literals::StringLiterals;

namespace Store
{
    namespace
    {
        const QString Columns =
            u"id, name, role, break_glass, created_by, created_at, revoked_at, revoked_by, last_used_at"_s;

        Token tokenFrom(const QSqlQuery &q)
        {
            Token t;
            t.id = q.value(0).toLongLong();
            t.name = q.value(1).toString();
            t.role = roleFromName(q.value(2).toString()).value_or(Role::Viewer);
            t.breakGlass = q.value(3).toBool();
            t.createdBy = q.value(4).toString();
            t.createdAt = Sql::fromMs(q.value(5));
            t.revokedAt = Sql::fromMs(q.value(6));
            t.revokedBy = q.value(7).toString();
            t.lastUsedAt = Sql::fromMs(q.value(8));
            return t;
        }
    } // namespace

    QString roleName(Role role)
    {
        switch (role) {
        case Role::Viewer: return u"viewer"_s;
        case Role::Operator: return u"operator"_s;
        case Role::Admin: return u"admin"_s;
        }
        return u"viewer"_s;
    }

    std::optional<Role> roleFromName(const QString &name)
    {
        for (Role role : {Role::Viewer, Role::Operator, Role::Admin}) {
            if (roleName(role) == name)
                return role;
        }
        return std::nullopt;
    }

    bool roleAllows(Role held, Role needed)
    {
        return static_cast<int>(held) >= static_cast<int>(needed);
    }

    Result<NewToken, StoreError> TokenStore::create(const QString &name, Role role, bool breakGlass,
                                                    const QString &createdBy)
    {
        if (name.trimmed().isEmpty())
            return StoreError{StoreError::Kind::InvalidInput, u"a token needs a name (who or what uses it)"_s};
        const QString secret = Sql::newSecret(u"ota_");
        const QDateTime now = m_db.now();
        return m_db.transaction([&](QSqlDatabase &db) -> Result<NewToken, StoreError> {
            auto inserted = Sql::run(db, u"creating token \"%1\""_s.arg(name),
                                     u"INSERT INTO tokens (name, secret_hash, role, break_glass, created_by, created_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"_s,
                                     {name, Sql::sha256Hex(secret.toUtf8()), roleName(role), breakGlass, createdBy,
                                      Sql::msOrNull(now)});
            if (!inserted)
                return inserted.error();
            if (!inserted.value().next())
                return StoreError{StoreError::Kind::QueryFailed, u"creating token: no id returned"_s};
            NewToken made;
            made.token = Token{inserted.value().value(0).toLongLong(), name, role, breakGlass, createdBy,
                               Sql::fromMs(Sql::msOrNull(now)), {}, {}, {}};
            made.secret = secret;
            return made;
        });
    }

    Result<std::optional<Token>, StoreError> TokenStore::authenticate(const QString &secret)
    {
        if (!secret.startsWith(u"ota_"_s))
            return std::optional<Token>();
        return m_db.transaction([&](QSqlDatabase &db) -> Result<std::optional<Token>, StoreError> {
            auto found = Sql::first(
                Sql::run(db, u"looking up a token"_s,
                         u"SELECT "_s + Columns + u" FROM tokens WHERE secret_hash = ? AND revoked_at IS NULL"_s,
                         {Sql::sha256Hex(secret.toUtf8())}),
                tokenFrom);
            if (!found || !found.value())
                return found;
            Token token = *found.value();
            const QDateTime now = m_db.now();
            if (!token.lastUsedAt.isValid() || token.lastUsedAt.msecsTo(now) >= LastUsedResolutionMs) {
                auto used = Sql::run(db, u"marking token %1 used"_s.arg(token.id),
                                     u"UPDATE tokens SET last_used_at = ? WHERE id = ?"_s,
                                     {Sql::msOrNull(now), token.id});
                if (!used)
                    return used.error();
                token.lastUsedAt = Sql::fromMs(Sql::msOrNull(now));
            }
            return std::optional<Token>(token);
        });
    }

    Result<QList<Token>, StoreError> TokenStore::list()
    {
        return Sql::all(Sql::run(m_db, u"listing tokens"_s, u"SELECT "_s + Columns + u" FROM tokens ORDER BY id"_s),
                        tokenFrom);
    }

    Result<std::optional<Token>, StoreError> TokenStore::find(const QString &column, const QVariant &value)
    {
        return Sql::first(Sql::run(m_db, u"finding a token"_s,
                                   u"SELECT "_s + Columns + u" FROM tokens WHERE "_s + column + u" = ?"_s, {value}),
                          tokenFrom);
    }

    Result<Token, StoreError> TokenStore::revoke(qint64 id, const QString &by)
    {
        return m_db.transaction([&](QSqlDatabase &db) -> Result<Token, StoreError> {
            auto updated = Sql::run(db, u"revoking token %1"_s.arg(id),
                                    u"UPDATE tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL"_s,
                                    {Sql::msOrNull(m_db.now()), by, id});
            if (!updated)
                return updated.error();
            const bool changed = updated.value().numRowsAffected() == 1;
            auto token = find(u"id"_s, id);
            if (!token)
                return token.error();
            if (!token.value())
                return StoreError{StoreError::Kind::NotFound, u"there is no token %1"_s.arg(id)};
            if (!changed) {
                return StoreError{StoreError::Kind::Conflict,
                                  u"token %1 (\"%2\") was already revoked by %3"_s.arg(id)
                                      .arg(token.value()->name, token.value()->revokedBy)};
            }
            return *token.value();
        });
    }
} // namespace Store
