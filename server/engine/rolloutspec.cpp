#include "rolloutspec.h"

#include <QJsonArray>
#include <QRegularExpression>

#include "jsonreader.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    namespace
    {
        constexpr qint64 Hour = 3600;
        constexpr int MaxRetries = 10;
    } // namespace

    QJsonObject ReleaseRef::toJson() const
    {
        return {{u"version"_s, version}, {u"sha256"_s, sha256}};
    }

    QStringList RolloutSpec::validate() const
    {
        QStringList problems;
        if (name.trimmed().isEmpty())
            problems.append(u"name is empty: give the rollout a name a person recognises"_s);
        else if (name.size() > 128)
            problems.append(u"name is longer than 128 characters"_s);
        if (release.version.trimmed().isEmpty())
            problems.append(u"release: version is empty"_s);
        static const QRegularExpression sha256Pattern(u"^[0-9a-f]{64}$"_s);
        if (!sha256Pattern.match(release.sha256).hasMatch())
            problems.append(u"release: sha256 \""_s + release.sha256
                            + u"\" is not 64 lower-case hexadecimal characters");
        problems.append(targets.validate(u"targets"_s));
        if (stages.isEmpty())
            problems.append(u"stages: a rollout needs at least one stage"_s);
        for (qsizetype i = 0; i < stages.size(); ++i) {
            const QString where = StageSpec::where(i, stages[i].name);
            problems.append(stages[i].validate(where));
            for (qsizetype j = 0; j < i; ++j) {
                if (!stages[i].name.isEmpty() && stages[j].name == stages[i].name)
                    problems.append(where + u": name is the same as stage " + QString::number(j + 1) + u"'s");
            }
        }
        for (qsizetype i = 0; i < abortRules.size(); ++i)
            problems.append(abortRules[i].validate(u"abort rule "_s + QString::number(i + 1)));
        if (perDeviceTimeoutSeconds < 60)
            problems.append(u"perDeviceTimeoutSeconds "_s + QString::number(perDeviceTimeoutSeconds)
                            + u" is under a minute; a device needs time to download, install and reboot");
        for (auto it = retries.cbegin(); it != retries.cend(); ++it) {
            if (it.value() < 0 || it.value() > MaxRetries)
                problems.append(u"retries: "_s + Engine::name(it.key()) + u' ' + QString::number(it.value())
                                + u" is not between 0 and " + QString::number(MaxRetries));
        }
        if (batteryDeferBelow < 0 || batteryDeferBelow > 100)
            problems.append(u"batteryDeferBelow "_s + QString::number(batteryDeferBelow)
                            + u" is not a percentage between 0 and 100");
        if (maintenanceWindow)
            problems.append(maintenanceWindow->validate(u"maintenanceWindow"_s));
        return problems;
    }

    QJsonObject RolloutSpec::toJson() const
    {
        QJsonArray stageList;
        for (const StageSpec &stage : stages)
            stageList.append(stage.toJson());
        QJsonArray rules;
        for (const AbortRule &rule : abortRules)
            rules.append(rule.toJson());
        QJsonObject retryMap;
        for (auto it = retries.cbegin(); it != retries.cend(); ++it)
            retryMap.insert(Engine::name(it.key()), it.value());
        QJsonObject out{{u"name"_s, name},
                        {u"release"_s, release.toJson()},
                        {u"targets"_s, targets.toJson()},
                        {u"stages"_s, stageList},
                        {u"abortRules"_s, rules},
                        {u"perDeviceTimeoutSeconds"_s, perDeviceTimeoutSeconds},
                        {u"retries"_s, retryMap},
                        {u"batteryDeferBelow"_s, batteryDeferBelow},
                        {u"requiresApproval"_s, requiresApproval}};
        if (maintenanceWindow)
            out.insert(u"maintenanceWindow"_s, maintenanceWindow->toJson());
        return out;
    }

    Result<RolloutSpec, QStringList> RolloutSpec::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        JsonReader reader(object, {}, problems);
        reader.allowOnly({u"name", u"release", u"targets", u"stages", u"abortRules", u"perDeviceTimeoutSeconds",
                          u"retries", u"batteryDeferBelow", u"requiresApproval", u"maintenanceWindow"});
        RolloutSpec spec;
        spec.name = reader.string(u"name");
        {
            JsonReader release(reader.object(u"release"), u"release"_s, problems);
            release.allowOnly({u"version", u"sha256"});
            spec.release = {release.string(u"version"), release.string(u"sha256")};
        }
        spec.targets = TargetSelector::read(reader.object(u"targets"), u"targets"_s, problems);
        const QJsonArray stageList = reader.array(u"stages");
        for (qsizetype i = 0; i < stageList.size(); ++i) {
            const QJsonObject stage = stageList[i].toObject();
            spec.stages.append(StageSpec::read(stage, StageSpec::where(i, stage.value(u"name").toString()), problems));
        }
        const QJsonArray rules = reader.array(u"abortRules");
        for (qsizetype i = 0; i < rules.size(); ++i)
            spec.abortRules.append(AbortRule::read(rules[i].toObject(), u"abort rule "_s + QString::number(i + 1), problems));
        spec.perDeviceTimeoutSeconds = reader.optionalInteger(u"perDeviceTimeoutSeconds", spec.perDeviceTimeoutSeconds);
        spec.retries = reader.countsByName<FailureType>(u"retries");
        spec.batteryDeferBelow = int(reader.optionalInteger(u"batteryDeferBelow", DefaultBatteryDeferBelow));
        spec.requiresApproval = reader.boolean(u"requiresApproval", false);
        if (reader.has(u"maintenanceWindow"))
            spec.maintenanceWindow = DeploymentWindowPolicy::read(reader.object(u"maintenanceWindow"), u"maintenanceWindow"_s, problems);
        if (problems.isEmpty())
            problems = spec.validate();
        if (!problems.isEmpty())
            return problems;
        return spec;
    }

    RolloutSpec RolloutSpec::caseStudy(const ReleaseRef &release)
    {
        RolloutSpec spec;
        spec.name = u"smart-building "_s + release.version;
        spec.release = release;
        spec.targets.projects = {u"smart-building-sensor"_s};
        spec.targets.chips = {u"esp32"_s};
        spec.targets.minVersion = u"2.0.0"_s;
        spec.stages = {
            {u"canary"_s, {StageSize::Kind::Count, 50}, 0.95, 0.05, 24 * Hour, GateAction::Auto, {}},
            {u"pilot"_s, {StageSize::Kind::Count, 500}, 0.98, 0.02, 48 * Hour, GateAction::Auto, {}},
            {u"full"_s, {StageSize::Kind::Percent, 100}, 0.99, std::nullopt, 168 * Hour, GateAction::Auto, {}},
        };
        spec.abortRules = {
            {{FailureType::Boot}, {Threshold::Kind::Rate, 0.01}, 50, AbortAction::Stop},
            {{FailureType::HealthCheck}, {Threshold::Kind::Rate, 0.05}, 50, AbortAction::Pause},
            {{FailureType::Connectivity}, {Threshold::Kind::Rate, 0.05}, 50, AbortAction::Pause},
        };
        spec.perDeviceTimeoutSeconds = 2 * Hour;
        spec.retries = {{FailureType::Download, 3}, {FailureType::Timeout, 1}};
        spec.batteryDeferBelow = DefaultBatteryDeferBelow;
        spec.requiresApproval = true;
        return spec;
    }
} // namespace Engine
