#include "deviceentry.h"

#include <QJsonArray>

#include "jsonreader.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    QJsonObject HistoryEntry::toJson() const
    {
        return {{u"at"_s, timeToJson(at)}, {u"from"_s, name(from)}, {u"to"_s, name(to)}, {u"detail"_s, detail}};
    }

    HistoryEntry HistoryEntry::read(const QJsonObject &object, QStringList &problems)
    {
        JsonReader reader(object, u"history entry"_s, problems);
        reader.allowOnly({u"at", u"from", u"to", u"detail"});
        return {reader.dateTime(u"at"), reader.enumValue(u"from", DeviceState::Scheduled, true),
                reader.enumValue(u"to", DeviceState::Scheduled, true), reader.optionalString(u"detail")};
    }

    QJsonObject DeviceEntry::toJson() const
    {
        QJsonArray historyList;
        for (const HistoryEntry &entry : history)
            historyList.append(entry.toJson());
        QJsonObject retries;
        for (auto it = retriesUsed.cbegin(); it != retriesUsed.cend(); ++it)
            retries.insert(name(it.key()), it.value());
        QJsonObject out{{u"deviceId"_s, deviceId},
                        {u"stage"_s, stage},
                        {u"state"_s, name(state)},
                        {u"failureType"_s, name(failureType)},
                        {u"detail"_s, detail},
                        {u"previousVersion"_s, previousVersion},
                        {u"reportedVersion"_s, reportedVersion},
                        {u"retriesUsed"_s, retries},
                        {u"cancelRequested"_s, cancelRequested},
                        {u"rollbackOrdered"_s, rollbackOrdered},
                        {u"stateSince"_s, timeToJson(stateSince)},
                        {u"history"_s, historyList}};
        if (batteryPercent)
            out.insert(u"batteryPercent"_s, *batteryPercent);
        return out;
    }

    Result<DeviceEntry, QStringList> DeviceEntry::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        JsonReader reader(object, u"device entry"_s, problems);
        reader.allowOnly({u"deviceId", u"stage", u"state", u"failureType", u"detail", u"previousVersion",
                          u"reportedVersion", u"batteryPercent", u"retriesUsed", u"cancelRequested",
                          u"rollbackOrdered", u"stateSince", u"history"});
        DeviceEntry entry;
        entry.deviceId = reader.string(u"deviceId");
        entry.stage = int(reader.integer(u"stage"));
        entry.state = reader.enumValue(u"state", DeviceState::Scheduled, true);
        entry.failureType = reader.enumValue(u"failureType", FailureType::None);
        entry.detail = reader.optionalString(u"detail");
        entry.previousVersion = reader.optionalString(u"previousVersion");
        entry.reportedVersion = reader.optionalString(u"reportedVersion");
        if (reader.has(u"batteryPercent"))
            entry.batteryPercent = int(reader.integer(u"batteryPercent"));
        entry.retriesUsed = reader.countsByName<FailureType>(u"retriesUsed");
        entry.cancelRequested = reader.boolean(u"cancelRequested", false);
        entry.rollbackOrdered = reader.boolean(u"rollbackOrdered", false);
        entry.stateSince = reader.dateTime(u"stateSince");
        for (const QJsonValue &item : reader.array(u"history"))
            entry.history.append(HistoryEntry::read(item.toObject(), problems));
        if (!problems.isEmpty())
            return problems;
        return entry;
    }
} // namespace Engine
