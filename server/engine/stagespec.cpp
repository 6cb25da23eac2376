#include "stagespec.h"

#include <cmath>

#include <QJsonArray>

#include "enginetext.h"
#include "jsonreader.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    namespace
    {
        void checkRate(QStringList &problems, const QString &where, QStringView key, double value)
        {
            if (!(value >= 0 && value <= 1))
                problems.append(where + u": " + key.toString() + u' ' + QString::number(value)
                                + u" is not between 0 and 1");
        }
    } // namespace

    int StageSize::resolve(int remaining) const
    {
        if (remaining <= 0)
            return 0;
        if (kind == Kind::Count)
            return int(std::min<double>(value, remaining));
        const double wanted = std::ceil(value * remaining / 100.0 - 1e-9);
        return int(std::clamp<double>(wanted, 0, remaining));
    }

    QString StageSize::describe() const
    {
        if (kind == Kind::Count)
            return Text::count(qint64(value)) + u" devices";
        return QString::number(value) + u"% of the rest";
    }

    QString StageSpec::where(qsizetype index, const QString &name)
    {
        return u"stage "_s + QString::number(index + 1) + (name.isEmpty() ? QString() : u" (" + name + u')');
    }

    QStringList StageSpec::validate(const QString &where) const
    {
        QStringList problems;
        if (name.trimmed().isEmpty())
            problems.append(where + u": name is empty");
        else if (name.size() > 64)
            problems.append(where + u": name is longer than 64 characters");
        if (size.kind == StageSize::Kind::Count) {
            if (size.value < 1 || size.value != qint64(size.value))
                problems.append(where + u": size count " + QString::number(size.value)
                                + u" is not a whole number of at least 1");
        } else if (!(size.value > 0 && size.value <= 100)) {
            problems.append(where + u": size percent " + QString::number(size.value)
                            + u" is not above 0 and at most 100");
        }
        checkRate(problems, where, u"minSuccessRate", minSuccessRate);
        if (maxRollbackRate)
            checkRate(problems, where, u"maxRollbackRate", *maxRollbackRate);
        if (soakSeconds < 0)
            problems.append(where + u": soakSeconds " + QString::number(soakSeconds) + u" is negative");
        for (qsizetype i = 0; i < abortRules.size(); ++i)
            problems.append(abortRules[i].validate(where + u": abort rule " + QString::number(i + 1)));
        return problems;
    }

    QJsonObject StageSpec::toJson() const
    {
        QJsonArray rules;
        for (const AbortRule &rule : abortRules)
            rules.append(rule.toJson());
        const QString sizeKey = size.kind == StageSize::Kind::Count ? u"count"_s : u"percent"_s;
        QJsonObject out{{u"name"_s, name},
                        {u"size"_s, QJsonObject{{sizeKey, size.value}}},
                        {u"minSuccessRate"_s, minSuccessRate},
                        {u"soakSeconds"_s, soakSeconds},
                        {u"gateAction"_s, Engine::name(gateAction)},
                        {u"abortRules"_s, rules}};
        if (maxRollbackRate)
            out.insert(u"maxRollbackRate"_s, *maxRollbackRate);
        return out;
    }

    StageSpec StageSpec::read(const QJsonObject &object, const QString &where, QStringList &problems)
    {
        JsonReader reader(object, where, problems);
        reader.allowOnly({u"name", u"size", u"minSuccessRate", u"maxRollbackRate", u"soakSeconds", u"gateAction",
                          u"abortRules"});
        StageSpec stage;
        stage.name = reader.string(u"name");
        const auto [which, value] = reader.oneOf(u"size", u"count", u"percent");
        if (which >= 0)
            stage.size = {which == 0 ? StageSize::Kind::Count : StageSize::Kind::Percent, value};
        stage.minSuccessRate = reader.number(u"minSuccessRate");
        stage.maxRollbackRate = reader.optionalNumber(u"maxRollbackRate");
        stage.soakSeconds = reader.optionalInteger(u"soakSeconds", 0);
        stage.gateAction = reader.enumValue(u"gateAction", GateAction::Auto);
        const QJsonArray rules = reader.array(u"abortRules");
        for (qsizetype i = 0; i < rules.size(); ++i)
            stage.abortRules.append(AbortRule::read(rules[i].toObject(), where + u": abort rule " + QString::number(i + 1), problems));
        return stage;
    }
} // namespace Engine
