#include "auditentry.h"

#include "wirereader.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    Result<AuditEntry, QString> AuditEntry::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        WireReader read(object, u"entry"_s, problems);
        AuditEntry entry;
        entry.seq = read.integer(u"seq");
        entry.at = read.time(u"at");
        entry.actor = read.string(u"actor");
        entry.action = read.string(u"action");
        entry.target = read.optionalString(u"target");
        entry.reason = read.optionalString(u"reason");
        entry.result = read.optionalString(u"result");
        entry.detail = read.object(u"detail");
        entry.prevHash = read.optionalString(u"prevHash");
        entry.hash = read.string(u"hash");
        entry.json = object;
        if (auto ok = wireProblems(problems); !ok)
            return ok.error();
        return entry;
    }

    Result<AuditVerification, QString> AuditVerification::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        WireReader read(object, u"verification"_s, problems);
        AuditVerification verification;
        verification.ok = read.boolean(u"ok");
        verification.entries = read.integer(u"entries");
        verification.headHash = read.optionalString(u"headHash");
        verification.firstBadSeq = read.optionalInteger(u"firstBadSeq").value_or(0);
        verification.problem = read.optionalString(u"problem");
        verification.json = object;
        if (auto ok = wireProblems(problems); !ok)
            return ok.error();
        return verification;
    }
} // namespace Rollout
