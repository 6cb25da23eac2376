#include "rolloutpreview.h"

#include "wirereader.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    Result<DeploymentWindow, QString> DeploymentWindow::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        WireReader read(object, u"window"_s, problems);
        DeploymentWindow window{read.boolean(u"open"), read.optionalString(u"describe"), read.time(u"nextOpening"),
                                read.time(u"serverTime"), object};
        if (auto ok = wireProblems(problems); !ok)
            return ok.error();
        return window;
    }

    Result<RolloutPreview, QString> RolloutPreview::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        WireReader read(object, u"preview"_s, problems);
        RolloutPreview preview;
        preview.matching = int(read.integer(u"matching"));
        preview.alreadyInstalled = int(read.integer(u"alreadyInstalled"));
        preview.neverSeen = int(read.integer(u"neverSeen"));
        preview.otherChip = int(read.integer(u"otherChip"));
        preview.imageSize = read.integer(u"imageSize");
        const QJsonObject window = read.object(u"window");
        preview.json = object;
        if (auto ok = wireProblems(problems); !ok)
            return ok.error();
        auto parsed = DeploymentWindow::fromJson(window);
        if (!parsed)
            return QString(u"preview."_s + parsed.error());
        preview.window = std::move(parsed).value();
        return preview;
    }
} // namespace Rollout
