#include "device.h"

#include "wirereader.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    namespace
    {
        std::optional<int> optionalInt(const std::optional<qint64> &value)
        {
            return value ? std::optional<int>(int(*value)) : std::nullopt;
        }
    } // namespace

    Result<Device, QString> Device::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        WireReader read(object, u"device"_s, problems);
        Device device;
        device.id = read.string(u"id");
        device.chip = read.optionalString(u"chip");
        device.board = read.optionalString(u"board");
        device.project = read.optionalString(u"project");
        device.version = read.optionalString(u"version");
        device.slot = read.optionalString(u"slot");
        device.batteryPercent = optionalInt(read.optionalInteger(u"batteryPercent"));
        device.rssi = optionalInt(read.optionalInteger(u"rssi"));
        device.uptimeSeconds = read.optionalInteger(u"uptimeSeconds");
        device.bootCount = read.optionalInteger(u"bootCount");
        device.health = read.object(u"health");
        device.tags = read.strings(u"tags");
        device.lastSeen = read.time(u"lastSeen");
        device.nextExpected = read.time(u"nextExpected");
        device.overdue = read.optionalBoolean(u"overdue");
        device.overdueSeconds = read.optionalInteger(u"overdueSeconds").value_or(0);
        device.enrolledAt = read.time(u"enrolledAt");
        device.otaSlotBytes = read.optionalInteger(u"otaSlotBytes");
        device.json = object;
        if (auto ok = wireProblems(problems); !ok)
            return ok.error();
        return device;
    }

    Result<DeviceList, QString> DeviceList::fromJson(const QJsonObject &object)
    {
        auto devices = listFromJson<Device>(object.value(u"devices"_s), u"devices"_s);
        if (!devices)
            return devices.error();
        QStringList problems;
        WireReader read(object, u"listing"_s, problems);
        DeviceList list{std::move(devices).value(), read.time(u"serverTime")};
        if (auto ok = wireProblems(problems); !ok)
            return ok.error();
        return list;
    }

    Result<EnrolledDevice, QString> EnrolledDevice::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        WireReader read(object, u"device"_s, problems);
        EnrolledDevice device{read.string(u"id"), read.string(u"secret")};
        if (auto ok = wireProblems(problems); !ok)
            return ok.error();
        return device;
    }
} // namespace Rollout
