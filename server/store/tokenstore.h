#pragma once

#include <optional>

#include <QDateTime>
#include <QList>
#include <QString>

#include "result.h"
#include "storeerror.h"

namespace Store
{
    class Database;

    // viewer reads; operator also uploads and runs rollouts; admin also
    // manages keys, tokens and policy. Break-glass is a separate right.
    enum class Role { Viewer, Operator, Admin };
    QString roleName(Role role);                          // "viewer", "operator", "admin"
    std::optional<Role> roleFromName(const QString &name); // nullopt for anything else
    bool roleAllows(Role held, Role needed);              // admin > operator > viewer

    struct Token
    {
        qint64 id = 0;
        QString name;
        Role role = Role::Viewer;
        bool breakGlass = false;
        QString createdBy;
        QDateTime createdAt;
        QDateTime revokedAt; // invalid while the token is live
        QString revokedBy;
        QDateTime lastUsedAt;

        bool revoked() const { return revokedAt.isValid(); }
    };

    struct NewToken
    {
        Token token;
        QString secret; // "ota_" + 43 base64url characters; shown once, never stored
    };

    // API tokens. Only the SHA-256 of a secret is stored.
    class TokenStore final
    {
    public:
        explicit TokenStore(const Database &db) : m_db(db) {}

        Result<NewToken, StoreError> create(const QString &name, Role role, bool breakGlass, const QString &createdBy);
        // The live token with this secret, or nullopt (unknown or revoked).
        // Marks it used (last_used_at, at most once a minute, so reads stay cheap).
        Result<std::optional<Token>, StoreError> authenticate(const QString &secret);
        Result<QList<Token>, StoreError> list();
        Result<Token, StoreError> revoke(qint64 id, const QString &by);

        static constexpr qint64 LastUsedResolutionMs = 60 * 1000;

    private:
        Result<std::optional<Token>, StoreError> find(const QString &column, const QVariant &value);
        const Database &m_db;
    };
} // namespace Store
