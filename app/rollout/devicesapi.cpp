#include "devicesapi.h"

#include <QJsonArray>

#include "serverclient.h"
#include "wirereader.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
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
} // namespace Rollout
