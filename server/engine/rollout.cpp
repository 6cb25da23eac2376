#include "rollout.h"

#include <QJsonArray>

#include "jsonreader.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    namespace
    {
        template<typename T>
        QJsonArray listToJson(const QList<T> &list)
        {
            QJsonArray out;
            for (const T &item : list)
                out.append(item.toJson());
            return out;
        }

        template<typename T>
        QList<T> listFromJson(JsonReader &reader, QStringView key, QStringList &problems)
        {
            QList<T> out;
            for (const QJsonValue &item : reader.array(key))
                out.append(T::read(item.toObject(), problems));
            return out;
        }
    } // namespace

    QJsonObject StageState::toJson() const
    {
        return {{u"status"_s, name(status)},
                {u"deviceCount"_s, deviceCount},
                {u"activatedAt"_s, timeToJson(activatedAt)},
                {u"soakEndsAt"_s, timeToJson(soakEndsAt)},
                {u"endedAt"_s, timeToJson(endedAt)},
                {u"gateResult"_s, gateResult}};
    }

    StageState StageState::read(const QJsonObject &object, QStringList &problems)
    {
        JsonReader reader(object, u"stage state"_s, problems);
        reader.allowOnly({u"status", u"deviceCount", u"activatedAt", u"soakEndsAt", u"endedAt", u"gateResult"});
        return {reader.enumValue(u"status", StageStatus::Pending, true), int(reader.integer(u"deviceCount")),
                reader.dateTime(u"activatedAt"), reader.dateTime(u"soakEndsAt"), reader.dateTime(u"endedAt"),
                reader.optionalString(u"gateResult")};
    }

    QJsonObject ApprovalDecision::toJson() const
    {
        return {{u"at"_s, timeToJson(at)}, {u"actor"_s, actor}, {u"approved"_s, approved}, {u"remark"_s, remark}};
    }

    ApprovalDecision ApprovalDecision::read(const QJsonObject &object, QStringList &problems)
    {
        JsonReader reader(object, u"approval"_s, problems);
        reader.allowOnly({u"at", u"actor", u"approved", u"remark"});
        return {reader.dateTime(u"at"), reader.string(u"actor"), reader.boolean(u"approved", false),
                reader.optionalString(u"remark")};
    }

    QJsonObject WindowOverride::toJson() const
    {
        return {{u"at"_s, timeToJson(at)},
                {u"actor"_s, actor},
                {u"action"_s, action},
                {u"reason"_s, reason},
                {u"until"_s, timeToJson(until)}};
    }

    WindowOverride WindowOverride::read(const QJsonObject &object, QStringList &problems)
    {
        JsonReader reader(object, u"window override"_s, problems);
        reader.allowOnly({u"at", u"actor", u"action", u"reason", u"until"});
        return {reader.dateTime(u"at"), reader.string(u"actor"), reader.string(u"action"), reader.string(u"reason"),
                reader.dateTime(u"until")};
    }

    QJsonObject RolloutEvent::toJson() const
    {
        return {{u"at"_s, timeToJson(at)},     {u"from"_s, name(from)},   {u"to"_s, name(to)},
                {u"pauseReason"_s, name(pauseReason)}, {u"actor"_s, actor}, {u"action"_s, action},
                {u"reason"_s, reason}};
    }

    RolloutEvent RolloutEvent::read(const QJsonObject &object, QStringList &problems)
    {
        JsonReader reader(object, u"rollout event"_s, problems);
        reader.allowOnly({u"at", u"from", u"to", u"pauseReason", u"actor", u"action", u"reason"});
        return {reader.dateTime(u"at"),
                reader.enumValue(u"from", RolloutState::Draft, true),
                reader.enumValue(u"to", RolloutState::Draft, true),
                reader.enumValue(u"pauseReason", PauseReason::None),
                reader.optionalString(u"actor"),
                reader.optionalString(u"action"),
                reader.optionalString(u"reason")};
    }

    QJsonObject BreakGlass::toJson() const
    {
        return {{u"at"_s, timeToJson(at)},
                {u"actor"_s, actor},
                {u"reason"_s, reason},
                {u"devicesOrdered"_s, devicesOrdered},
                {u"completedAt"_s, timeToJson(completedAt)}};
    }

    BreakGlass BreakGlass::read(const QJsonObject &object, QStringList &problems)
    {
        JsonReader reader(object, u"break-glass"_s, problems);
        reader.allowOnly({u"at", u"actor", u"reason", u"devicesOrdered", u"completedAt"});
        return {reader.dateTime(u"at"), reader.string(u"actor"), reader.string(u"reason"),
                int(reader.integer(u"devicesOrdered")), reader.dateTime(u"completedAt")};
    }

    DeviceEntry *Rollout::device(const QString &deviceId)
    {
        const auto it = m_index.constFind(deviceId);
        return it == m_index.cend() ? nullptr : &devices[*it];
    }

    const DeviceEntry *Rollout::device(const QString &deviceId) const
    {
        const auto it = m_index.constFind(deviceId);
        return it == m_index.cend() ? nullptr : &devices[*it];
    }

    void Rollout::rebuildIndex()
    {
        m_index.clear();
        m_index.reserve(devices.size());
        for (qsizetype i = 0; i < devices.size(); ++i)
            m_index.insert(devices[i].deviceId, i);
    }

    QString Rollout::label() const
    {
        return u"rollout '"_s + spec.name + u'\'';
    }

    QJsonObject Rollout::toJson() const
    {
        QJsonObject out = recordJson();
        out.insert(u"devices"_s, listToJson(devices));
        return out;
    }

    QJsonObject Rollout::recordJson() const
    {
        QJsonObject baselines;
        for (auto it = ruleBaselines.cbegin(); it != ruleBaselines.cend(); ++it)
            baselines.insert(it.key(), it.value());
        QJsonObject out{{u"id"_s, id},
                        {u"spec"_s, spec.toJson()},
                        {u"createdBy"_s, createdBy},
                        {u"createdAt"_s, timeToJson(createdAt)},
                        {u"state"_s, name(state)},
                        {u"pauseReason"_s, name(pauseReason)},
                        {u"stateReason"_s, stateReason},
                        {u"currentStage"_s, currentStage},
                        {u"activeSince"_s, timeToJson(activeSince)},
                        {u"stages"_s, listToJson(stages)},
                        {u"approvals"_s, listToJson(approvals)},
                        {u"overrides"_s, listToJson(overrides)},
                        {u"history"_s, listToJson(history)},
                        {u"ruleBaselines"_s, baselines}};
        if (breakGlass)
            out.insert(u"breakGlass"_s, breakGlass->toJson());
        return out;
    }

    Result<Rollout, QStringList> Rollout::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        JsonReader reader(object, u"rollout"_s, problems);
        reader.allowOnly({u"id", u"spec", u"createdBy", u"createdAt", u"state", u"pauseReason", u"stateReason",
                          u"currentStage", u"activeSince", u"stages", u"devices", u"approvals", u"overrides",
                          u"history", u"ruleBaselines", u"breakGlass"});
        Rollout rollout;
        rollout.id = reader.string(u"id");
        const auto spec = RolloutSpec::fromJson(reader.object(u"spec"));
        if (spec)
            rollout.spec = spec.value();
        else
            problems.append(spec.error());
        rollout.createdBy = reader.string(u"createdBy");
        rollout.createdAt = reader.dateTime(u"createdAt");
        rollout.state = reader.enumValue(u"state", RolloutState::Draft, true);
        rollout.pauseReason = reader.enumValue(u"pauseReason", PauseReason::None);
        rollout.stateReason = reader.optionalString(u"stateReason");
        rollout.currentStage = int(reader.optionalInteger(u"currentStage", -1));
        rollout.activeSince = reader.dateTime(u"activeSince");
        rollout.stages = listFromJson<StageState>(reader, u"stages", problems);
        for (const QJsonValue &item : reader.array(u"devices")) {
            auto entry = DeviceEntry::fromJson(item.toObject());
            if (entry)
                rollout.devices.append(std::move(entry).value());
            else
                problems.append(entry.error());
        }
        rollout.approvals = listFromJson<ApprovalDecision>(reader, u"approvals", problems);
        rollout.overrides = listFromJson<WindowOverride>(reader, u"overrides", problems);
        rollout.history = listFromJson<RolloutEvent>(reader, u"history", problems);
        if (reader.has(u"breakGlass"))
            rollout.breakGlass = BreakGlass::read(reader.object(u"breakGlass"), problems);
        const QJsonObject baselines = reader.object(u"ruleBaselines");
        JsonReader baselineReader(baselines, u"rollout: ruleBaselines"_s, problems);
        for (const QString &key : baselines.keys())
            rollout.ruleBaselines.insert(key, int(baselineReader.integer(key)));
        if (rollout.stages.size() != rollout.spec.stages.size() && spec)
            problems.append(u"rollout: "_s + QString::number(rollout.stages.size()) + u" stage states for "
                            + QString::number(rollout.spec.stages.size()) + u" stages");
        if (!problems.isEmpty())
            return problems;
        rollout.rebuildIndex();
        return rollout;
    }
} // namespace Engine
