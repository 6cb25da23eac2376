#include "release.h"

#include "wirereader.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    Result<Release, QString> Release::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        WireReader read(object, u"release"_s, problems);
        Release release;
        release.sha256 = read.string(u"sha256");
        release.version = read.string(u"version");
        release.project = read.optionalString(u"project");
        release.chip = read.string(u"chip");
        release.size = read.integer(u"size");
        release.manifest = read.optionalString(u"manifest").toUtf8();
        release.signatureBase64 = read.optionalString(u"signature").toLatin1();
        release.keyId = read.optionalString(u"keyId");
        release.uploadedBy = read.optionalString(u"uploadedBy");
        release.uploadedAt = read.time(u"uploadedAt");
        release.startable = read.optionalBoolean(u"startable");
        release.json = object;
        if (auto ok = wireProblems(problems); !ok)
            return ok.error();
        return release;
    }
} // namespace Rollout
