#pragma once

#include <optional>

#include <QHash>
#include <QHostAddress>
#include <QString>

#include "firmware/chip.h"
#include "result.h"

namespace Discovery
{
    struct ServiceInstance;
}

namespace Espota
{
    // Which OTA protocol the device speaks (the mDNS service it announced).
    enum class PushProtocol
    {
        Arduino, // _arduino._tcp: UDP invitation, connect-back (PROTOCOLS.md 1)
        Esphome, // _esphomelib._tcp: ESPHome native OTA over one TCP connection (PROTOCOLS.md 2)
    };
    QString pushProtocolName(PushProtocol protocol); // "arduino", "esphome"
    std::optional<PushProtocol> pushProtocolFromName(QStringView name);

    // One device to push to, as the user named it or as mDNS announced it.
    struct PushTarget
    {
        QString name;                 // "esp32-a1b2c3d4e5f6" or "192.168.1.20"
        QHostAddress address;
        quint16 port = 0;             // 0: the default of the device's family (3232, ESP8266 8266)
        QString board;                // the `board` TXT; empty when unknown
        QString announcedVersion;     // `version`, `fw_version` or `project_version` TXT
        std::optional<bool> announcesPassword; // `auth_upload` TXT
        bool heardOnMdns = false;     // the target came from (or was matched to) an mDNS instance
        PushProtocol protocol = PushProtocol::Arduino;
        QString platform;             // ESPHome `platform` TXT ("ESP32", "ESP8266", "RP2040", ...)
        QString esphomeVersion;       // ESPHome `version` TXT: the ESPHome release, not the project's

        // What the board, port and host name say about the chip; nullopt
        // when they say nothing (a custom board name on a plain address).
        std::optional<Firmware::ChipFamily> family() const;
        std::optional<Firmware::Chip> chip() const; // only when the board names one ("esp32s3")
        // ESPHome announces only its API port: its OTA port is the platform's default.
        quint16 effectivePort() const;
        QString endpoint() const; // "127.0.0.5:3232"

        static PushTarget fromService(const Discovery::ServiceInstance &instance);
        // "ADDR" or "ADDR:PORT", IPv4 only (ArduinoOTA listens on IPv4).
        static Result<PushTarget, QString> fromAddressText(const QString &text);
    };

    // The version TXT keys in the order they are looked up.
    QString versionFromTxt(const QHash<QString, QString> &txt);
} // namespace Espota
