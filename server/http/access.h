#pragma once

#include <QByteArray>
#include <QString>

#include "apierror.h"
#include "result.h"
#include "store/tokenstore.h"

class QHttpServerRequest;

namespace Http
{
    // Who made a request, as their token says.
    struct Principal
    {
        qint64 tokenId = 0;
        QString name;     // the token's name: the actor in the audit log
        Store::Role role = Store::Role::Viewer;
        bool breakGlass = false;
    };

    // Checks the bearer token of every request against the token store and
    // the role the route needs. 401 without a live token, 403 with one that
    // lacks the role; both say which role or right is needed.
    class Access final
    {
    public:
        explicit Access(const Store::Database &db) : m_tokens(db) {}

        Result<Principal, ApiError> require(const QHttpServerRequest &request, Store::Role needed);
        Result<Principal, ApiError> requireBreakGlass(const QHttpServerRequest &request);
        // For the event stream: empty when the token may read, else why not.
        QString refusalForStream(const QByteArray &bearerToken);

        static QByteArray bearerToken(const QHttpServerRequest &request);

    private:
        Result<Principal, ApiError> authenticate(const QByteArray &bearerToken);

        Store::TokenStore m_tokens;
    };
} // namespace Http
