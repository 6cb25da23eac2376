#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include "result.h"

namespace Rollout
{
    // A release as the server holds it (GET /api/v1/releases): an image
    // named by its SHA-256, its manifest and signature, who uploaded it.
    struct Release
    {
        QString sha256;
        QString version;
        QString project;
        QString chip;
        qint64 size = 0;
        QByteArray manifest;        // the exact signed manifest bytes
        QByteArray signatureBase64; // base64 DER ECDSA signature over them
        QString keyId;              // the trusted key that verified it
        QString uploadedBy;
        QDateTime uploadedAt;
        bool startable = false;     // its key is still trusted: it may start new rollouts
        QJsonObject json;           // the object as the server sent it

        static Result<Release, QString> fromJson(const QJsonObject &object);
    };
} // namespace Rollout
