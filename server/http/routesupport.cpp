#include "routesupport.h"

#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonParseError>

#include "byterange.h"

using namespace Qt::Literals::StringLiterals;

namespace Http
{
    using Status = QHttpServerResponse::StatusCode;

    Result<QJsonObject, ApiError> jsonBody(const QHttpServerRequest &request, qint64 maxBytes)
    {
        const QByteArray body = request.body();
        if (body.size() > maxBytes)
            return ApiError::payloadTooLarge(body.size(), maxBytes);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError) {
            return ApiError::badRequest(u"malformed-json"_s,
                                        u"the body is not valid JSON (%1 at byte %2); send one JSON object"_s.arg(
                                            error.errorString())
                                            .arg(error.offset));
        }
        if (!document.isObject())
            return ApiError::badRequest(u"malformed-json"_s, u"the body must be one JSON object"_s);
        return document.object();
    }

    Result<Authorized, ApiError> authorizedJson(Access &access, const QHttpServerRequest &request, Store::Role role,
                                                qint64 maxBytes)
    {
        auto principal = access.require(request, role);
        if (!principal)
            return principal.error();
        auto body = jsonBody(request, maxBytes);
        if (!body)
            return body.error();
        return Authorized{std::move(principal).value(), std::move(body).value()};
    }

    ApiError invalid(const QString &what, const QStringList &problems)
    {
        return ApiError::badRequest(u"bad-request"_s, what + u": "_s + problems.join(u"; "_s));
    }

    ApiError storeFailure(const Store::StoreError &error)
    {
        switch (error.kind) {
        case Store::StoreError::Kind::NotFound: return ApiError::notFound(error.message);
        case Store::StoreError::Kind::Duplicate: return ApiError::conflict(u"duplicate"_s, error.message);
        case Store::StoreError::Kind::Conflict: return ApiError::conflict(u"conflict"_s, error.message);
        case Store::StoreError::Kind::InvalidInput: return ApiError::badRequest(u"bad-request"_s, error.message);
        case Store::StoreError::Kind::OutOfRange:
            return {Status::RequestRangeNotSatisfiable, u"range-not-satisfiable"_s, error.message};
        default: break;
        }
        return {Status::ServiceUnavailable, u"store-unavailable"_s,
                u"the server cannot use its store right now (%1); try again"_s.arg(error.message)};
    }

    ApiError engineFailure(const Engine::EngineError &error)
    {
        QString message = error.message;
        // Some refusals already carry their problems in the message.
        const QString problems = error.problems.join(u"; "_s);
        if (!problems.isEmpty() && !message.contains(problems))
            message += u": "_s + problems;
        const QString code = Engine::EngineError::kindName(error.kind);
        switch (error.kind) {
        case Engine::EngineError::Kind::NotFound: return {Status::NotFound, code, message};
        case Engine::EngineError::Kind::InvalidInput: return {Status::BadRequest, code, message};
        case Engine::EngineError::Kind::Forbidden: return {Status::Forbidden, code, message};
        case Engine::EngineError::Kind::IllegalTransition:
        case Engine::EngineError::Kind::WindowClosed:
        case Engine::EngineError::Kind::Conflict: return {Status::Conflict, code, message};
        }
        return {Status::Conflict, code, message};
    }

    QHttpServerResponse imageResponse(const Store::ReleaseStore &releases, const Store::Release &release,
                                      const QByteArray &rangeHeader)
    {
        const qint64 size = release.size;
        const ByteRange range = ByteRange::parse(rangeHeader, size);
        if (range.kind == ByteRange::Kind::Malformed) {
            return ApiError::badRequest(u"bad-range"_s, u"Range must be one range: bytes=A-B, bytes=A- or bytes=-N"_s)
                .toResponse();
        }
        if (range.kind == ByteRange::Kind::Unsatisfiable) {
            QHttpServerResponse refused = ApiError{Status::RequestRangeNotSatisfiable, u"range-not-satisfiable"_s,
                                                   u"the image has %1 bytes; the range lies outside it"_s.arg(size)}
                                              .toResponse();
            refused.setHeader("Content-Range", range.contentRange(size));
            return refused;
        }
        const bool part = range.kind == ByteRange::Kind::Part;
        const auto bytes = releases.readImage(release.sha256, part ? range.offset : 0, part ? range.length : -1);
        if (!bytes)
            return storeFailure(bytes.error()).toResponse();
        QHttpServerResponse response("application/octet-stream", bytes.value(), part ? Status::PartialContent : Status::Ok);
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("ETag", '"' + release.sha256.toLatin1() + '"');
        if (part)
            response.setHeader("Content-Range", range.contentRange(size));
        return response;
    }

    QString optionalText(const QJsonObject &body, const QString &key, QStringList &problems, qsizetype maxLength)
    {
        const QJsonValue value = body.value(key);
        if (value.isUndefined())
            return {};
        if (!value.isString()) {
            problems.append(key + u" must be a string"_s);
            return {};
        }
        const QString text = value.toString();
        if (text.size() > maxLength)
            problems.append(u"%1 is %2 characters; at most %3"_s.arg(key).arg(text.size()).arg(maxLength));
        return text;
    }
} // namespace Http
