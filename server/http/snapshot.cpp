#include "snapshot.h"

#include <QJsonArray>

#include "routecontext.h"
#include "serverlogging.h"
#include "service/firmwareregistry.h"
#include "service/rolloutservice.h"
#include "store/devicestore.h"

using namespace Qt::Literals::StringLiterals;

namespace Http
{
    QJsonObject snapshot(RouteContext &context)
    {
        if (const auto fresh = context.rollouts.refresh(); !fresh)
            qCWarning(lcHttp) << "snapshot from what this instance holds:" << fresh.error().message;
        const Service::RolloutService &rollouts = context.rollouts;
        const QDateTime now = rollouts.clock().now();
        QJsonArray rolloutList;
        for (const Engine::Rollout *rollout : rollouts.byCreation())
            rolloutList.append(rollouts.summary(*rollout));
        QJsonObject fleet;
        if (const auto tally = Store::DeviceStore(context.db).tally(now)) {
            QJsonObject versionCounts;
            for (auto it = tally->versions.cbegin(); it != tally->versions.cend(); ++it)
                versionCounts.insert(it.key(), it.value());
            fleet = {{u"devices"_s, tally->devices},
                     {u"versions"_s, versionCounts},
                     {u"overdue"_s, tally->overdue},
                     {u"neverSeen"_s, tally->neverSeen}};
        } else {
            qCWarning(lcHttp) << "snapshot without the fleet:" << tally.error().message;
        }
        int releaseCount = 0;
        if (const auto releases = context.firmware.releases().list())
            releaseCount = int(releases.value().size());
        return {{u"serverTime"_s, now.toString(Qt::ISODateWithMs)},
                {u"rollouts"_s, rolloutList},
                {u"fleet"_s, fleet},
                {u"releases"_s, releaseCount}};
    }
} // namespace Http
