#include "apierror.h"

#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace Http
{
    using Status = QHttpServerResponse::StatusCode;

    QHttpServerResponse ApiError::toResponse() const
    {
        return QHttpServerResponse(
            QJsonObject {{u"error"_s, QJsonObject {{u"code"_s, code}, {u"message"_s, message}}}}, status);
    }

    ApiError ApiError::badRequest(const QString &code, const QString &message) { return {Status::BadRequest, code, message}; }

    ApiError ApiError::unauthorized(const QString &message) { return {Status::Unauthorized, u"unauthorized"_s, message}; }

    ApiError ApiError::forbidden(const QString &message) { return {Status::Forbidden, u"forbidden"_s, message}; }

    ApiError ApiError::notFound(const QString &message) { return {Status::NotFound, u"not-found"_s, message}; }

    ApiError ApiError::conflict(const QString &code, const QString &message) { return {Status::Conflict, code, message}; }

    ApiError ApiError::payloadTooLarge(qint64 size, qint64 limit)
    {
        return {Status::PayloadTooLarge, u"payload-too-large"_s,
                u"the request body is %1 bytes; this route takes at most %2"_s.arg(size).arg(limit)};
    }
} // namespace Http
