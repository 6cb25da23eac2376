#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "access.h"
#include "apierror.h"
#include "engine/engineerror.h"
#include "result.h"
#include "store/releasestore.h"
#include "store/storeerror.h"

class QHttpServerRequest;

namespace Http
{
    // The JSON object a request carries: 413 over maxBytes, 400
    // malformed-json when it is not one JSON object.
    Result<QJsonObject, ApiError> jsonBody(const QHttpServerRequest &request, qint64 maxBytes);

    // The caller's principal (401/403 unless it holds `role`) and the body.
    struct Authorized
    {
        Principal principal;
        QJsonObject body;
    };
    Result<Authorized, ApiError> authorizedJson(Access &access, const QHttpServerRequest &request, Store::Role role,
                                                qint64 maxBytes);

    // 400 bad-request listing every problem ("stages[1].minSuccessRate ...").
    ApiError invalid(const QString &what, const QStringList &problems);

    // The store's errors as the API gives them: NotFound 404, Duplicate 409,
    // InvalidInput 400, anything else 503 store-unavailable.
    ApiError storeFailure(const Store::StoreError &error);

    // The engine's refusals: NotFound 404, InvalidInput 400, Forbidden 403,
    // IllegalTransition / WindowClosed / Conflict 409 with the kind as code.
    ApiError engineFailure(const Engine::EngineError &error);

    // A release's image, whole (200) or the one range asked for (206, 416
    // outside the image, 400 for anything but one bytes range), with ETag.
    QHttpServerResponse imageResponse(const Store::ReleaseStore &releases, const Store::Release &release,
                                      const QByteArray &rangeHeader);

    // A route's optional text field: "" when absent, a problem when not a string.
    QString optionalText(const QJsonObject &body, const QString &key, QStringList &problems, qsizetype maxLength = 4096);
} // namespace Http
