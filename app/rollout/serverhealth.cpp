#include "serverhealth.h"

#include "wirereader.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    Result<ServerHealth, QString> ServerHealth::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        WireReader read(object, u"health"_s, problems);
        ServerHealth health;
        health.status = read.string(u"status");
        health.name = read.optionalString(u"name");
        health.apiVersion = int(read.integer(u"apiVersion"));
        health.version = read.optionalString(u"version");
        health.tls = read.optionalBoolean(u"tls");
        health.engine = read.optionalString(u"engine");
        health.json = object;
        if (auto ok = wireProblems(problems); !ok)
            return ok.error();
        return health;
    }
} // namespace Rollout
