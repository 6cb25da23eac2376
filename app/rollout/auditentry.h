#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include "result.h"

namespace Rollout
{
    // One append-only audit entry (GET /api/v1/audit): who did what to
    // what, why, and how it ended; chained to the one before by its hash.
    struct AuditEntry
    {
        qint64 seq = 0;
        QDateTime at;
        QString actor;
        QString action; // "release.upload", "rollout.break-glass", ...
        QString target;
        QString reason;
        QString result; // "ok", "refused: chip-mismatch", "RUNNING -> PAUSED", ...
        QJsonObject detail;
        QString prevHash;
        QString hash;
        QJsonObject json;

        static Result<AuditEntry, QString> fromJson(const QJsonObject &object);
    };

    // What GET /api/v1/audit/verify found walking the whole chain.
    struct AuditVerification
    {
        bool ok = false;
        qint64 entries = 0;
        QString headHash;    // keep it elsewhere to notice a cut tail
        qint64 firstBadSeq = 0; // when not ok
        QString problem;        // when not ok
        QJsonObject json;

        static Result<AuditVerification, QString> fromJson(const QJsonObject &object);
    };
} // namespace Rollout
