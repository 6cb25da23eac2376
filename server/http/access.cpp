#include "access.h"

#include <QHttpServerRequest>

#include "serverlogging.h"

using namespace Qt::Literals::StringLiterals;

namespace Http
{
    QByteArray Access::bearerToken(const QHttpServerRequest &request)
    {
        const QByteArray header = request.value("Authorization");
        if (!header.startsWith("Bearer "))
            return {};
        return header.mid(7).trimmed();
    }

    Result<Principal, ApiError> Access::authenticate(const QByteArray &bearerToken)
    {
        if (bearerToken.isEmpty())
            return ApiError::unauthorized(u"this route needs a token: send \"Authorization: Bearer <token>\" "
                                          u"(ota-server token create makes one)"_s);
        const auto found = m_tokens.authenticate(QString::fromUtf8(bearerToken));
        if (!found) {
            qCWarning(lcHttp) << "token lookup failed:" << found.error().message;
            return ApiError {QHttpServerResponse::StatusCode::ServiceUnavailable, u"store-unavailable"_s,
                             u"the server cannot read its store right now; try again"_s};
        }
        if (!found.value())
            return ApiError::unauthorized(u"the token is unknown or revoked; ask an admin for a new one"_s);
        const Store::Token &token = *found.value();
        return Principal {token.id, token.name, token.role, token.breakGlass};
    }

    Result<Principal, ApiError> Access::require(const QHttpServerRequest &request, Store::Role needed)
    {
        auto principal = authenticate(bearerToken(request));
        if (!principal)
            return principal;
        if (!Store::roleAllows(principal->role, needed))
            return ApiError::forbidden(u"this needs the %1 role; token \"%2\" is %3"_s.arg(
                Store::roleName(needed), principal->name, Store::roleName(principal->role)));
        return principal;
    }

    Result<Principal, ApiError> Access::requireBreakGlass(const QHttpServerRequest &request)
    {
        auto principal = authenticate(bearerToken(request));
        if (!principal)
            return principal;
        if (!principal->breakGlass)
            return ApiError::forbidden(u"break-glass rollback needs the break-glass right; token \"%1\" does not hold it"_s.arg(
                principal->name));
        return principal;
    }

    QString Access::refusalForStream(const QByteArray &bearerToken)
    {
        const auto principal = authenticate(bearerToken);
        return principal ? QString() : principal.error().message;
    }
} // namespace Http
