#include "targetselector.h"

#include <QVersionNumber>

#include "jsonreader.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    namespace
    {
        // A version QVersionNumber reads whole ("2.3.1"; "2.3.1-rc1" is not).
        std::optional<QVersionNumber> wholeVersion(const QString &text)
        {
            qsizetype suffix = 0;
            const QVersionNumber version = QVersionNumber::fromString(text, &suffix);
            if (version.isNull() || suffix != text.size())
                return std::nullopt;
            return version;
        }

        std::optional<QString> notListed(QStringView what, const QString &value, const QStringList &allowed)
        {
            if (allowed.isEmpty() || allowed.contains(value, Qt::CaseInsensitive))
                return std::nullopt;
            return what.toString() + u" \"" + value + u"\" is not one of " + allowed.join(u", ");
        }
    } // namespace

    QJsonObject DeviceTarget::toJson() const
    {
        QJsonObject out{{u"id"_s, id},       {u"version"_s, version}, {u"chip"_s, chip},
                        {u"board"_s, board}, {u"project"_s, project}, {u"tags"_s, stringsToJson(tags)}};
        if (batteryPercent)
            out.insert(u"batteryPercent"_s, *batteryPercent);
        return out;
    }

    Result<DeviceTarget, QStringList> DeviceTarget::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        JsonReader reader(object, u"device target"_s, problems);
        reader.allowOnly({u"id", u"version", u"chip", u"board", u"project", u"tags", u"batteryPercent"});
        DeviceTarget target;
        target.id = reader.string(u"id");
        target.version = reader.string(u"version");
        target.chip = reader.optionalString(u"chip");
        target.board = reader.optionalString(u"board");
        target.project = reader.optionalString(u"project");
        target.tags = reader.strings(u"tags");
        if (reader.has(u"batteryPercent"))
            target.batteryPercent = int(reader.integer(u"batteryPercent"));
        if (!problems.isEmpty())
            return problems;
        return target;
    }

    std::optional<QString> TargetSelector::mismatch(const DeviceTarget &device) const
    {
        if (!deviceIds.isEmpty() && !deviceIds.contains(device.id))
            return u"its id is not in the selector's device list"_s;
        for (const auto &problem : {notListed(u"chip", device.chip, chips), notListed(u"board", device.board, boards),
                                    notListed(u"project", device.project, projects)}) {
            if (problem)
                return problem;
        }
        for (const QString &tag : tags) {
            if (!device.tags.contains(tag))
                return u"it does not carry the tag \""_s + tag + u'"';
        }
        if (minVersion.isEmpty() && maxVersion.isEmpty())
            return std::nullopt;
        const auto version = wholeVersion(device.version);
        if (!version)
            return u"its version \""_s + device.version + u"\" is not a version number to compare";
        if (const auto min = wholeVersion(minVersion); min && *version < *min)
            return u"its version "_s + device.version + u" is below the minimum " + minVersion;
        if (const auto max = wholeVersion(maxVersion); max && *version > *max)
            return u"its version "_s + device.version + u" is above the maximum " + maxVersion;
        return std::nullopt;
    }

    QStringList TargetSelector::validate(const QString &where) const
    {
        QStringList problems;
        for (const auto &[key, text] : {std::pair{u"minVersion"_s, minVersion}, std::pair{u"maxVersion"_s, maxVersion}}) {
            if (!text.isEmpty() && !wholeVersion(text))
                problems.append(where + u": " + key + u" \"" + text + u"\" is not a version such as 2.3.1");
        }
        if (problems.isEmpty() && !minVersion.isEmpty() && !maxVersion.isEmpty()
            && *wholeVersion(minVersion) > *wholeVersion(maxVersion)) {
            problems.append(where + u": minVersion " + minVersion + u" is above maxVersion " + maxVersion);
        }
        return problems;
    }

    QJsonObject TargetSelector::toJson() const
    {
        return {{u"chips"_s, stringsToJson(chips)},   {u"boards"_s, stringsToJson(boards)},
                {u"projects"_s, stringsToJson(projects)}, {u"minVersion"_s, minVersion},
                {u"maxVersion"_s, maxVersion},        {u"tags"_s, stringsToJson(tags)},
                {u"deviceIds"_s, stringsToJson(deviceIds)}};
    }

    TargetSelector TargetSelector::read(const QJsonObject &object, const QString &where, QStringList &problems)
    {
        JsonReader reader(object, where, problems);
        reader.allowOnly({u"chips", u"boards", u"projects", u"minVersion", u"maxVersion", u"tags", u"deviceIds"});
        TargetSelector selector;
        selector.chips = reader.strings(u"chips");
        selector.boards = reader.strings(u"boards");
        selector.projects = reader.strings(u"projects");
        selector.minVersion = reader.optionalString(u"minVersion");
        selector.maxVersion = reader.optionalString(u"maxVersion");
        selector.tags = reader.strings(u"tags");
        selector.deviceIds = reader.strings(u"deviceIds");
        return selector;
    }
} // namespace Engine
