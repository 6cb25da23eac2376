#pragma once

#include <QHttpServerResponse>
#include <QString>

namespace Http
{
    // Every refusal the API gives: an HTTP status, a stable machine code
    // ("malformed-json", "forbidden", ...) and a message that says what was
    // wrong and what to do. Sent as {"error": {"code": ..., "message": ...}}.
    struct ApiError
    {
        QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::BadRequest;
        QString code;
        QString message;

        QHttpServerResponse toResponse() const;

        static ApiError badRequest(const QString &code, const QString &message);
        static ApiError unauthorized(const QString &message);
        static ApiError forbidden(const QString &message);
        static ApiError notFound(const QString &message);
        static ApiError conflict(const QString &code, const QString &message);
        static ApiError payloadTooLarge(qint64 size, qint64 limit);
    };
} // namespace Http
