#include "change.h"

#include "jsonreader.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    QString Change::subjectName(Subject subject)
    {
        switch (subject) {
        case Subject::Rollout: return u"rollout"_s;
        case Subject::Stage: return u"stage"_s;
        case Subject::Device: return u"device"_s;
        }
        return {};
    }

    QJsonObject Change::toJson() const
    {
        return {{u"subject"_s, subjectName(subject)},
                {u"at"_s, timeToJson(at)},
                {u"rolloutId"_s, rolloutId},
                {u"action"_s, action},
                {u"actor"_s, actor},
                {u"from"_s, from},
                {u"to"_s, to},
                {u"deviceId"_s, deviceId},
                {u"stage"_s, stage},
                {u"reason"_s, reason},
                {u"detail"_s, detail}};
    }

    Result<Change, QStringList> Change::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        JsonReader reader(object, u"change"_s, problems);
        reader.allowOnly({u"subject", u"at", u"rolloutId", u"action", u"actor", u"from", u"to", u"deviceId", u"stage",
                          u"reason", u"detail"});
        Change change;
        const QString subject = reader.string(u"subject");
        bool known = false;
        for (Subject s : {Subject::Rollout, Subject::Stage, Subject::Device}) {
            if (subjectName(s) == subject) {
                change.subject = s;
                known = true;
            }
        }
        if (!known && !subject.isEmpty())
            reader.problem(u"subject \""_s + subject + u"\" is not one of rollout, stage, device");
        change.at = reader.dateTime(u"at");
        change.rolloutId = reader.string(u"rolloutId");
        change.action = reader.string(u"action");
        change.actor = reader.optionalString(u"actor");
        change.from = reader.optionalString(u"from");
        change.to = reader.optionalString(u"to");
        change.deviceId = reader.optionalString(u"deviceId");
        change.stage = int(reader.optionalInteger(u"stage", -1));
        change.reason = reader.optionalString(u"reason");
        change.detail = reader.optionalString(u"detail");
        if (!problems.isEmpty())
            return problems;
        return change;
    }
} // namespace Engine
