#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "result.h"
#include "storeerror.h"

namespace Store
{
    class Database;

    struct AuditEntry
    {
        qint64 seq = 0; // 1, 2, 3, ... without gaps
        QDateTime at;
        QString actor;  // token name, "device:<id>", "system", ...
        QString action; // "release.upload", "rollout.start", "breakglass", "login.failed", ...
        QString target; // what was acted on
        QString reason;
        QString result; // "ok", "denied", "failed", ...
        QJsonObject detail;
        QString prevHash;
        QString hash;
    };

    struct AuditVerification
    {
        bool ok = true;
        qint64 entries = 0;       // entries checked
        qint64 firstBadSeq = 0;   // where the chain breaks (0 when ok)
        QString problem;          // what is wrong there, for a person
        QString headHash;         // the last good hash: keep it elsewhere to detect a cut tail
    };

    // The append-only, hash-chained audit log (docs/server-store.md "Audit chain").
    class AuditLog final
    {
    public:
        explicit AuditLog(const Database &db) : m_db(db) {}

        static inline const QString GenesisHash = QString(64, u'0');

        Result<AuditEntry, StoreError> append(const QString &actor, const QString &action, const QString &target,
                                              const QString &reason, const QString &result,
                                              const QJsonObject &detail = {});
        Result<QList<AuditEntry>, StoreError> entries(qint64 afterSeq = 0, int limit = 0); // oldest first; 0: all
        Result<AuditVerification, StoreError> verify();

        Result<QByteArray, StoreError> exportJson();
        Result<QByteArray, StoreError> exportCsv(); // RFC 4180, header row, CRLF line ends

        // The exact text hashed for an entry (without prevHash), and the hash.
        static QByteArray canonical(const AuditEntry &entry, const QString &detailText);
        static QString chainHash(const QString &prevHash, const QByteArray &canonical);
        static QString csvField(const QString &value);

    private:
        const Database &m_db;
    };
} // namespace Store
