#include "rolloutcounts.h"

#include <QJsonArray>

#include "rollout.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    RolloutCounts RolloutCounts::of(const Rollout &rollout)
    {
        RolloutCounts counts;
        counts.stages.resize(rollout.spec.stages.size());
        for (const DeviceEntry &entry : rollout.devices) {
            counts.total.add(entry.state, entry.failureType);
            if (entry.stage >= 0 && entry.stage < counts.stages.size())
                counts.stages[entry.stage].add(entry.state, entry.failureType);
        }
        return counts;
    }

    QJsonObject RolloutCounts::toJson(const Rollout &rollout) const
    {
        QJsonArray stageList;
        for (qsizetype i = 0; i < stages.size(); ++i) {
            stageList.append(QJsonObject{
                {u"name"_s, rollout.spec.stages.value(i).name},
                {u"status"_s, name(rollout.stages.value(i).status)},
                {u"counts"_s, stages[i].toJson()},
            });
        }
        return {{u"rolloutId"_s, rollout.id},
                {u"state"_s, name(rollout.state)},
                {u"total"_s, total.toJson()},
                {u"stages"_s, stageList}};
    }
} // namespace Engine
