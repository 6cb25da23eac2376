#include "devicejson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include "jsontext.h"
#include "routesupport.h"

using namespace Qt::Literals::StringLiterals;

namespace Http
{
    namespace
    {
        QJsonValue optionalNumber(const std::optional<qint64> &value)
        {
            return value ? QJsonValue(double(*value)) : QJsonValue(QJsonValue::Null);
        }

        QJsonValue time(const QDateTime &at)
        {
            return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
        }

        // An integer field in [min, max]; nullopt when absent.
        std::optional<qint64> integer(const QJsonObject &body, const QString &key, qint64 min, qint64 max,
                                      QStringList &problems)
        {
            const QJsonValue value = body.value(key);
            if (value.isUndefined())
                return std::nullopt;
            const double number = value.toDouble(-1e300);
            if (!value.isDouble() || number != double(qint64(number))) {
                problems.append(key + u" must be a whole number"_s);
                return std::nullopt;
            }
            if (number < double(min) || number > double(max)) {
                problems.append(u"%1 is %2; it must be from %3 to %4"_s.arg(key).arg(qint64(number)).arg(min).arg(max));
                return std::nullopt;
            }
            return qint64(number);
        }
    } // namespace

    void appendDeviceJson(QByteArray &out, const Store::Device &device, const QDateTime &now)
    {
        using namespace JsonText;
        const bool overdue = device.overdueAt(now);
        out += "{\"id\":";
        appendString(out, device.deviceId);
        out += ",\"chip\":";
        appendString(out, device.chip);
        out += ",\"board\":";
        appendString(out, device.board);
        out += ",\"project\":";
        appendString(out, device.project);
        out += ",\"version\":";
        appendString(out, device.version);
        out += ",\"slot\":";
        appendString(out, device.slot);
        out += ",\"batteryPercent\":";
        appendNumber(out, device.battery);
        out += ",\"rssi\":";
        appendNumber(out, device.rssi);
        out += ",\"uptimeSeconds\":";
        appendNumber(out, device.uptimeS);
        out += ",\"bootCount\":";
        appendNumber(out, device.bootCount);
        out += ",\"otaSlotBytes\":";
        appendNumber(out, device.otaSlotBytes);
        out += ",\"health\":";
        appendValue(out, device.health);
        out += ",\"tags\":[";
        for (qsizetype i = 0; i < device.tags.size(); ++i) {
            if (i > 0)
                out += ',';
            appendString(out, device.tags.at(i));
        }
        out += "],\"lastSeen\":";
        appendTime(out, device.lastSeen);
        out += ",\"nextExpected\":";
        appendTime(out, device.nextExpected);
        out += ",\"overdue\":";
        out += overdue ? "true" : "false";
        out += ",\"overdueSeconds\":";
        appendNumber(out, overdue ? device.nextExpected.secsTo(now) : 0);
        out += ",\"enrolledAt\":";
        appendTime(out, device.enrolledAt);
        out += '}';
    }

    QJsonObject deviceToJson(const Store::Device &device, const QDateTime &now)
    {
        QByteArray text;
        appendDeviceJson(text, device, now);
        return QJsonDocument::fromJson(text).object();
    }

    QByteArray deviceListingJson(const QList<Store::Device> &devices, const QDateTime &now)
    {
        QByteArray out;
        out.reserve(64 + devices.size() * 480); // a checked-in device is about 410 bytes
        out += "{\"devices\":[";
        for (qsizetype i = 0; i < devices.size(); ++i) {
            if (i > 0)
                out += ',';
            appendDeviceJson(out, devices.at(i), now);
        }
        out += "],\"serverTime\":";
        JsonText::appendTime(out, now);
        out += '}';
        return out;
    }

    QJsonObject checkInRecordToJson(const Store::CheckInRecord &record)
    {
        return {{u"at"_s, time(record.at)},
                {u"version"_s, record.version},
                {u"slot"_s, record.slot},
                {u"batteryPercent"_s, optionalNumber(record.battery)},
                {u"rssi"_s, optionalNumber(record.rssi)},
                {u"bootCount"_s, optionalNumber(record.bootCount)},
                {u"health"_s, record.health}};
    }

    Result<Store::CheckIn, QStringList> checkInFromJson(const QJsonObject &body, const QString &deviceId,
                                                        const QDateTime &now)
    {
        static const QSet<QString> known{u"chip"_s,    u"board"_s,          u"project"_s,       u"version"_s,
                                         u"slot"_s,    u"batteryPercent"_s, u"rssi"_s,          u"uptimeSeconds"_s,
                                         u"bootCount"_s, u"otaSlotBytes"_s, u"health"_s,    u"nextCheckInSeconds"_s};
        QStringList problems;
        for (auto it = body.begin(); it != body.end(); ++it) {
            if (!known.contains(it.key()))
                problems.append(u"unknown field \"%1\" (docs/device-api.md lists the fields)"_s.arg(it.key().left(64)));
        }
        Store::CheckIn checkIn;
        checkIn.deviceId = deviceId;
        checkIn.chip = optionalText(body, u"chip"_s, problems, 32);
        checkIn.board = optionalText(body, u"board"_s, problems, 64);
        checkIn.project = optionalText(body, u"project"_s, problems, 128);
        checkIn.version = optionalText(body, u"version"_s, problems, 128);
        if (!body.contains(u"version"_s))
            problems.append(u"version is missing: the version the device runs now"_s);
        checkIn.slot = optionalText(body, u"slot"_s, problems, 32);
        checkIn.battery = integer(body, u"batteryPercent"_s, 0, 100, problems);
        checkIn.rssi = integer(body, u"rssi"_s, -150, 20, problems);
        checkIn.uptimeS = integer(body, u"uptimeSeconds"_s, 0, qint64(1) << 40, problems);
        checkIn.bootCount = integer(body, u"bootCount"_s, 0, qint64(1) << 40, problems);
        checkIn.otaSlotBytes = integer(body, u"otaSlotBytes"_s, 4096, qint64(1) << 32, problems);
        if (const auto next = integer(body, u"nextCheckInSeconds"_s, 1, 7 * 24 * 3600, problems))
            checkIn.nextExpected = now.addSecs(*next);
        const QJsonValue health = body.value(u"health"_s);
        if (!health.isUndefined()) {
            if (!health.isObject()) {
                problems.append(u"health must be an object of check name -> true/false"_s);
            } else if (health.toObject().size() > 32) {
                problems.append(u"health has %1 checks; at most 32"_s.arg(health.toObject().size()));
            } else {
                const QJsonObject checks = health.toObject();
                for (auto it = checks.begin(); it != checks.end(); ++it) {
                    if (it.key().isEmpty() || it.key().size() > 64)
                        problems.append(u"health check names are 1 to 64 characters"_s);
                    else if (!it.value().isBool())
                        problems.append(u"health.%1 must be true or false"_s.arg(it.key()));
                }
                checkIn.health = checks;
            }
        }
        if (!problems.isEmpty())
            return problems;
        return checkIn;
    }
} // namespace Http
