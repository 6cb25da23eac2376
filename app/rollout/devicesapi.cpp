#include "devicesapi.h"

#include <QJsonArray>

#include "serverclient.h"
#include "wirereader.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    Result<CheckIn, QString> CheckIn::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        WireReader read(object, u"checkIn"_s, problems);
        const auto toInt = [](const std::optional<qint64> &value) {
            return value ? std::optional<int>(int(*value)) : std::nullopt;
        };
        CheckIn checkIn;
        checkIn.at = read.time(u"at");
        checkIn.version = read.optionalString(u"version");
        checkIn.slot = read.optionalString(u"slot");
        checkIn.batteryPercent = toInt(read.optionalInteger(u"batteryPercent"));
        checkIn.rssi = toInt(read.optionalInteger(u"rssi"));
        checkIn.bootCount = read.optionalInteger(u"bootCount");
        checkIn.health = read.object(u"health");
        if (!checkIn.at.isValid())
            problems << u"checkIn.at is missing"_s;
        if (auto ok = wireProblems(problems); !ok)
            return ok.error();
        return checkIn;
    }

    Result<DeviceHistory, QString> DeviceHistory::fromJson(const QJsonObject &object)
    {
        auto checkIns = listFromJson<CheckIn>(object.value(u"checkIns"_s), u"checkIns"_s);
        if (!checkIns)
            return checkIns.error();
        auto rollouts = listFromJson<RolloutDevice>(object.value(u"rollouts"_s), u"rollouts"_s);
        if (!rollouts)
            return rollouts.error();
        return DeviceHistory{*checkIns, *rollouts};
    }

    ApiCall *DevicesApi::enrol(const QList<Enrolment> &devices, QObject *context, Done<QList<EnrolledDevice>> done)
    {
        QJsonArray list;
        for (const Enrolment &device : devices) {
            QJsonObject item{{u"id"_s, device.id}};
            if (!device.tags.isEmpty())
                item.insert(u"tags"_s, QJsonArray::fromStringList(device.tags));
            list.append(item);
        }
        return m_client->send(ApiRequest::post(u"/api/v1/devices"_s, {{u"devices"_s, list}}), context,
                              typedHandler(std::move(done), [](const QJsonObject &answer) {
                                  return listFromJson<EnrolledDevice>(answer.value(u"devices"_s), u"devices"_s);
                              }));
    }

    ApiCall *DevicesApi::list(const DeviceQuery &query, QObject *context, Done<DeviceList> done)
    {
        QUrlQuery items;
        if (!query.version.isEmpty())
            items.addQueryItem(u"version"_s, query.version);
        if (!query.project.isEmpty())
            items.addQueryItem(u"project"_s, query.project);
        if (query.overdueOnly)
            items.addQueryItem(u"overdue"_s, u"true"_s);
        if (query.limit > 0)
            items.addQueryItem(u"limit"_s, QString::number(query.limit));
        return m_client->send(ApiRequest::get(u"/api/v1/devices"_s, items), context,
                              typedHandler(std::move(done), &DeviceList::fromJson));
    }

    ApiCall *DevicesApi::show(const QString &deviceId, QObject *context, Done<Device> done)
    {
        return m_client->send(ApiRequest::get(u"/api/v1/devices/"_s + ApiRequest::segment(deviceId)), context,
                              typedHandler(std::move(done), &Device::fromJson));
    }

    ApiCall *DevicesApi::history(const QString &deviceId, int limit, QObject *context, Done<DeviceHistory> done)
    {
        QUrlQuery items;
        if (limit > 0)
            items.addQueryItem(u"limit"_s, QString::number(limit));
        return m_client->send(
            ApiRequest::get(u"/api/v1/devices/"_s + ApiRequest::segment(deviceId) + u"/history"_s, items), context,
            typedHandler(std::move(done), &DeviceHistory::fromJson));
    }
} // namespace Rollout
