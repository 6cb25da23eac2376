#include "abortrule.h"

#include <QJsonArray>

#include "enginetext.h"
#include "jsonreader.h"
#include "tally.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    QString Threshold::describe() const
    {
        if (kind == Kind::Count)
            return Text::count(qint64(value)) + (value == 1 ? u" device"_s : u" devices"_s);
        return Text::percent(value);
    }

    AbortRule::Check AbortRule::check(const Tally &tally) const
    {
        Check result;
        result.executed = tally.executed();
        for (auto it = tally.failuresByType.cbegin(); it != tally.failuresByType.cend(); ++it) {
            if (failureTypes.isEmpty() || failureTypes.contains(it.key()))
                result.failures += it.value();
        }
        if (result.executed < minExecuted || result.executed == 0 || result.failures == 0)
            return result;
        if (threshold.kind == Threshold::Kind::Count)
            result.tripped = result.failures >= threshold.value;
        else
            result.tripped = double(result.failures) / result.executed >= threshold.value;
        return result;
    }

    QString AbortRule::describe() const
    {
        QStringList types;
        for (FailureType type : failureTypes)
            types.append(name(type));
        const QString what = types.isEmpty() ? u"failures of any type"_s : types.join(u" or ") + u" failures";
        return what + u" reach " + threshold.describe() + u" of at least " + Text::count(minExecuted)
            + u" executed devices: " + name(action);
    }

    QStringList AbortRule::validate(const QString &where) const
    {
        QStringList problems;
        if (threshold.kind == Threshold::Kind::Count) {
            if (threshold.value < 1 || threshold.value != qint64(threshold.value))
                problems.append(where + u": threshold count " + QString::number(threshold.value)
                                + u" is not a whole number of at least 1");
        } else if (!(threshold.value > 0 && threshold.value <= 1)) {
            problems.append(where + u": threshold rate " + QString::number(threshold.value)
                            + u" is not above 0 and at most 1");
        }
        if (minExecuted < 0)
            problems.append(where + u": minExecuted " + QString::number(minExecuted) + u" is negative");
        for (qsizetype i = 0; i < failureTypes.size(); ++i) {
            if (failureTypes.indexOf(failureTypes[i]) != i)
                problems.append(where + u": failure type " + name(failureTypes[i]) + u" is listed twice");
            if (failureTypes[i] == FailureType::None)
                problems.append(where + u": failure type none cannot trip a rule; leave failureTypes empty for any");
        }
        return problems;
    }

    QJsonObject AbortRule::toJson() const
    {
        QJsonArray types;
        for (FailureType type : failureTypes)
            types.append(name(type));
        const QString thresholdKey = threshold.kind == Threshold::Kind::Count ? u"count"_s : u"rate"_s;
        return {{u"failureTypes"_s, types},
                {u"threshold"_s, QJsonObject{{thresholdKey, threshold.value}}},
                {u"minExecuted"_s, minExecuted},
                {u"action"_s, name(action)}};
    }

    AbortRule AbortRule::read(const QJsonObject &object, const QString &where, QStringList &problems)
    {
        JsonReader reader(object, where, problems);
        reader.allowOnly({u"failureTypes", u"threshold", u"minExecuted", u"action"});
        AbortRule rule;
        for (const QString &typeName : reader.strings(u"failureTypes")) {
            if (const auto type = parseName<FailureType>(typeName))
                rule.failureTypes.append(*type);
            else
                reader.problem(u"failure type \""_s + typeName + u"\" is not one of "
                               + names<FailureType>().join(u", "));
        }
        const auto [which, value] = reader.oneOf(u"threshold", u"count", u"rate");
        rule.threshold = {which == 0 ? Threshold::Kind::Count : Threshold::Kind::Rate, which < 0 ? 1 : value};
        rule.minExecuted = int(reader.optionalInteger(u"minExecuted", 0));
        rule.action = reader.enumValue(u"action", AbortAction::Pause, true);
        return rule;
    }
} // namespace Engine
