#include "trustedkey.h"

#include "wirereader.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    Result<TrustedKey, QString> TrustedKey::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        WireReader read(object, u"key"_s, problems);
        TrustedKey key;
        key.keyId = read.string(u"keyId");
        key.name = read.string(u"name");
        key.pem = read.optionalString(u"pem").toLatin1();
        key.addedBy = read.optionalString(u"addedBy");
        key.addedAt = read.time(u"addedAt");
        key.revoked = read.boolean(u"revoked");
        key.revokedAt = read.time(u"revokedAt");
        key.revokedBy = read.optionalString(u"revokedBy");
        key.json = object;
        if (auto ok = wireProblems(problems); !ok)
            return ok.error();
        return key;
    }
} // namespace Rollout
