#include "devicereport.h"

#include "jsonreader.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    QJsonObject DeviceReport::toJson() const
    {
        QJsonObject out{{u"state"_s, name(state)},
                        {u"detail"_s, detail},
                        {u"version"_s, version},
                        {u"healthPassed"_s, healthPassed},
                        {u"failureType"_s, name(failureType)}};
        if (batteryPercent)
            out.insert(u"batteryPercent"_s, *batteryPercent);
        return out;
    }

    Result<DeviceReport, QStringList> DeviceReport::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        JsonReader reader(object, u"device report"_s, problems);
        reader.allowOnly({u"state", u"detail", u"version", u"healthPassed", u"failureType", u"batteryPercent"});
        DeviceReport report;
        report.state = reader.enumValue(u"state", DeviceState::Notified, true);
        report.detail = reader.optionalString(u"detail");
        report.version = reader.optionalString(u"version");
        report.healthPassed = reader.boolean(u"healthPassed", false);
        report.failureType = reader.enumValue(u"failureType", FailureType::None);
        if (reader.has(u"batteryPercent")) {
            const qint64 battery = reader.integer(u"batteryPercent");
            if (battery < 0 || battery > 100)
                reader.problem(u"batteryPercent "_s + QString::number(battery) + u" is not between 0 and 100");
            report.batteryPercent = int(battery);
        }
        if (!problems.isEmpty())
            return problems;
        return report;
    }
} // namespace Engine
