#pragma once

#include <optional>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "result.h"

namespace Rollout
{
    // An enrolled device as its last check-in described it
    // (GET /api/v1/devices). Fields the device never reported are empty or
    // nullopt; lastSeen is invalid for a device never seen.
    struct Device
    {
        QString id;
        QString chip;
        QString board;
        QString project;
        QString version;
        QString slot;
        std::optional<int> batteryPercent;
        std::optional<int> rssi;
        std::optional<qint64> uptimeSeconds;
        std::optional<qint64> bootCount;
        QJsonObject health; // check name -> passed
        QStringList tags;
        QDateTime lastSeen;
        QDateTime nextExpected;
        bool overdue = false;
        qint64 overdueSeconds = 0;
        QDateTime enrolledAt;
        std::optional<qint64> otaSlotBytes; // the inactive OTA partition's size, when the device reports it
        // The object as the server sent it, for printing it whole (otactl
        // --json). A holder of many devices (the console) drops it: at
        // 100,000 devices it is a third of the memory.
        QJsonObject json;

        static Result<Device, QString> fromJson(const QJsonObject &object);
        friend bool operator==(const Device &, const Device &) = default;
    };

    // A device listing and the server's clock when it was made: ages
    // ("last seen 3 min ago") are measured on the server's clock, which a
    // --time-scale server runs faster than ours.
    struct DeviceList
    {
        QList<Device> devices;
        QDateTime serverTime;

        static Result<DeviceList, QString> fromJson(const QJsonObject &object);
    };

    // What enrolment answers for each device, once: the secret it
    // authenticates with (HTTP Basic id:secret on the device API).
    struct EnrolledDevice
    {
        QString id;
        QString secret;

        static Result<EnrolledDevice, QString> fromJson(const QJsonObject &object);
    };

    // What to enrol: an id and its tags.
    struct Enrolment
    {
        QString id;
        QStringList tags;
    };

    // Which devices to list; empty fields do not filter.
    struct DeviceQuery
    {
        QString version;
        QString project;
        bool overdueOnly = false;
        int limit = 0; // 0: all
    };
} // namespace Rollout
