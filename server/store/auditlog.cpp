#include "auditlog.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include "database.h"
#include "serverlogging.h"
#include "sqlhelpers.h"

using namespace Qt::Literals::StringLiterals;

namespace Store
{
    namespace
    {
        struct StoredEntry
        {
            AuditEntry entry;
            QString detailText; // as stored: hashed verbatim
        };

        StoredEntry entryFrom(const QSqlQuery &q)
        {
            const QString detail = q.value(7).toString();
            return StoredEntry{AuditEntry{q.value(0).toLongLong(), Sql::fromMs(q.value(1)), q.value(2).toString(),
                                          q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
                                          q.value(6).toString(), Sql::jsonObject(detail), q.value(8).toString(),
                                          q.value(9).toString()},
                               detail};
        }

        QJsonObject toJson(const AuditEntry &e)
        {
            return QJsonObject{{u"seq"_s, e.seq},
                               {u"at"_s, e.at.toString(Qt::ISODateWithMs)},
                               {u"actor"_s, e.actor},
                               {u"action"_s, e.action},
                               {u"target"_s, e.target},
                               {u"reason"_s, e.reason},
                               {u"result"_s, e.result},
                               {u"detail"_s, e.detail},
                               {u"prev_hash"_s, e.prevHash},
                               {u"hash"_s, e.hash}};
        }

        Result<QList<StoredEntry>, StoreError> readEntries(const Database &database, qint64 afterSeq, int limit)
        {
            QString sql = u"SELECT seq, at, actor, action, target, reason, result, detail, prev_hash, hash "
                          "FROM audit_log WHERE seq > ? ORDER BY seq"_s;
            if (limit > 0)
                sql += u" LIMIT %1"_s.arg(limit);
            return Sql::all(Sql::run(database, u"reading the audit log"_s, sql, {afterSeq}), entryFrom);
        }
    } // namespace

    QByteArray AuditLog::canonical(const AuditEntry &entry, const QString &detailText)
    {
        // A JSON array in a fixed order: every field escaped, so no two
        // different entries serialise alike.
        const QJsonArray fields{entry.seq,    entry.at.toMSecsSinceEpoch(), entry.actor,  entry.action,
                                entry.target, entry.reason,                 entry.result, detailText};
        return QJsonDocument(fields).toJson(QJsonDocument::Compact);
    }

    QString AuditLog::chainHash(const QString &prevHash, const QByteArray &canonicalBytes)
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(prevHash.toLatin1());
        hash.addData(canonicalBytes);
        return QString::fromLatin1(hash.result().toHex());
    }

    Result<AuditEntry, StoreError> AuditLog::append(const QString &actor, const QString &action, const QString &target,
                                                    const QString &reason, const QString &result,
                                                    const QJsonObject &detail)
    {
        if (actor.isEmpty() || action.isEmpty() || result.isEmpty())
            return StoreError{StoreError::Kind::InvalidInput, u"an audit entry needs an actor, an action and a result"_s};
        const QString detailText = Sql::compactJson(detail);
        return m_db.transaction([&](QSqlDatabase &db) -> Result<AuditEntry, StoreError> {
            if (auto locked = m_db.lockForAppend(db, Database::AppendLock::Audit); !locked)
                return locked.error();
            auto last = Sql::run(db, u"reading the audit chain head"_s,
                                 u"SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"_s);
            if (!last)
                return last.error();
            AuditEntry entry;
            entry.seq = 1;
            entry.prevHash = GenesisHash;
            if (last.value().next()) {
                entry.seq = last.value().value(0).toLongLong() + 1;
                entry.prevHash = last.value().value(1).toString();
            }
            entry.at = m_db.now();
            entry.actor = actor;
            entry.action = action;
            entry.target = target;
            entry.reason = reason;
            entry.result = result;
            entry.detail = detail;
            entry.hash = chainHash(entry.prevHash, canonical(entry, detailText));
            auto inserted = Sql::run(db, u"appending to the audit log"_s,
                                     u"INSERT INTO audit_log (seq, at, actor, action, target, reason, result, detail, "
                                     "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                                     {entry.seq, Sql::msOrNull(entry.at), actor, action, target, reason, result,
                                      detailText, entry.prevHash, entry.hash});
            if (!inserted)
                return inserted.error();
            qCInfo(lcAudit).noquote() << entry.seq << actor << action << target << result;
            return entry;
        });
    }

    Result<QList<AuditEntry>, StoreError> AuditLog::entries(qint64 afterSeq, int limit)
    {
        auto stored = readEntries(m_db, afterSeq, limit);
        if (!stored)
            return stored.error();
        QList<AuditEntry> entries;
        entries.reserve(stored.value().size());
        for (const StoredEntry &s : std::as_const(stored.value()))
            entries.append(s.entry);
        return entries;
    }

    Result<AuditVerification, StoreError> AuditLog::verify()
    {
        auto stored = readEntries(m_db, 0, 0);
        if (!stored)
            return stored.error();
        AuditVerification v;
        v.headHash = GenesisHash;
        const auto broken = [&v](qint64 seq, const QString &problem) {
            v.ok = false;
            v.firstBadSeq = seq;
            v.problem = problem;
            qCWarning(lcAudit).noquote() << "audit chain broken at" << seq << ":" << problem;
            return v;
        };
        qint64 expectedSeq = 1;
        for (const StoredEntry &s : std::as_const(stored.value())) {
            const AuditEntry &e = s.entry;
            if (e.seq != expectedSeq)
                return broken(expectedSeq, u"entry %1 is missing (the next one is %2)"_s.arg(expectedSeq).arg(e.seq));
            if (e.prevHash != v.headHash)
                return broken(e.seq, u"entry %1 does not follow entry %2 (its prev_hash differs)"_s.arg(e.seq).arg(e.seq - 1));
            if (chainHash(e.prevHash, canonical(e, s.detailText)) != e.hash)
                return broken(e.seq, u"entry %1 was changed after it was written (its hash does not match)"_s.arg(e.seq));
            v.headHash = e.hash;
            ++v.entries;
            ++expectedSeq;
        }
        return v;
    }

    Result<QByteArray, StoreError> AuditLog::exportJson()
    {
        auto all = entries();
        if (!all)
            return all.error();
        QJsonArray array;
        for (const AuditEntry &e : std::as_const(all.value()))
            array.append(toJson(e));
        return QJsonDocument(array).toJson(QJsonDocument::Indented);
    }

    QString AuditLog::csvField(const QString &value)
    {
        if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n') && !value.contains(u'\r'))
            return value;
        QString quoted = value;
        quoted.replace(u"\""_s, u"\"\""_s);
        return u'"' + quoted + u'"';
    }

    Result<QByteArray, StoreError> AuditLog::exportCsv()
    {
        auto all = entries();
        if (!all)
            return all.error();
        QString csv = u"seq,at,actor,action,target,reason,result,detail,prev_hash,hash\r\n"_s;
        for (const AuditEntry &e : std::as_const(all.value())) {
            const QStringList fields{QString::number(e.seq), e.at.toString(Qt::ISODateWithMs), e.actor, e.action,
                                     e.target, e.reason, e.result, Sql::compactJson(e.detail), e.prevHash, e.hash};
            QStringList quoted;
            for (const QString &field : fields)
                quoted.append(csvField(field));
            csv += quoted.join(u',') + u"\r\n"_s;
        }
        return csv.toUtf8();
    }
} // namespace Store
