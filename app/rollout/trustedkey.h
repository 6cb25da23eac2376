#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include "result.h"

namespace Rollout
{
    // A public key the server checks release signatures against
    // (GET /api/v1/keys). A revoked key is never trusted again.
    struct TrustedKey
    {
        QString keyId; // lower-case hex SHA-256 of the DER public key
        QString name;  // whose key it is
        QByteArray pem;
        QString addedBy;
        QDateTime addedAt;
        bool revoked = false;
        QDateTime revokedAt;
        QString revokedBy;
        QJsonObject json; // the object as the server sent it

        static Result<TrustedKey, QString> fromJson(const QJsonObject &object);
    };
} // namespace Rollout
