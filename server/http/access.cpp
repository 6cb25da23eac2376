#include "access.h"

#include <QCryptographicHash>
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
        if (!found.value()) {
            auditFailure(u"token "_s + QString::fromLatin1(QCryptographicHash::hash(bearerToken, QCryptographicHash::Sha256).toHex().left(12)),
                         u"unknown or revoked token"_s);
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

    Result<QString, ApiError> Access::requireDevice(const QHttpServerRequest &request)
    {
        const QByteArray header = request.value("Authorization");
        const auto refused = [](const QString &why) {
            return ApiError {QHttpServerResponse::StatusCode::Unauthorized, u"device-unauthorized"_s, why};
        };
        if (!header.startsWith("Basic "))
            return refused(u"device routes need \"Authorization: Basic base64(<device id>:<secret>)\" with the "
                           u"secret from enrolment (docs/device-api.md)"_s);
        const QByteArray decoded = QByteArray::fromBase64(header.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        if (colon <= 0)
            return refused(u"the Basic credential is not \"<device id>:<secret>\" in base64"_s);
        const QString deviceId = QString::fromUtf8(decoded.left(colon));
        const auto known = m_devices.authenticate(deviceId, QString::fromUtf8(decoded.mid(colon + 1)));
        if (!known) {
            qCWarning(lcHttp) << "device lookup failed:" << known.error().message;
            return ApiError {QHttpServerResponse::StatusCode::ServiceUnavailable, u"store-unavailable"_s,
                             u"the server cannot read its store right now; try again"_s};
        }
        if (!known.value())
            auditFailure(u"device "_s + deviceId.left(64), u"unknown device or wrong secret"_s);
        if (!known.value())
            return refused(u"device '%1' is not enrolled or its secret is wrong; re-provision it with the secret "
                           u"from enrolment"_s.arg(deviceId.left(64)));
        return deviceId;
    }

    void Access::auditFailure(const QString &who, const QString &why)
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QDateTime last = m_lastFailureAudit.value(who);
        if (last.isValid() && last.secsTo(now) < 60)
            return;
        if (m_lastFailureAudit.size() > 10000)
            m_lastFailureAudit.clear(); // bounded: a flood of made-up names must not grow it forever
        m_lastFailureAudit.insert(who, now);
        if (const auto audited = m_audit.append(who, u"login.failed"_s, who, why, u"refused"_s); !audited)
            qCWarning(lcHttp) << "failed login not audited:" << audited.error().message;
    }

    QString Access::refusalForStream(const QByteArray &bearerToken)
    {
        const auto principal = authenticate(bearerToken);
        return principal ? QString() : principal.error().message;
    }
} // namespace Http
