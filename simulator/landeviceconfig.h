#pragma once

#include <optional>

#include <QHostAddress>
#include <QString>

#include "espota/espotawire.h"

namespace Simulator
{
    // How a simulated LAN device misbehaves (docs/fleet-sim.md).
    enum class LanFailure
    {
        None,
        DropAtPercent,      // resets the TCP connection once failureAtPercent of the image arrived
        NotEnoughSpace,     // the partition is too small for any image
        NeverConnectBack,   // as if a host firewall dropped the connect-back
        NoFinalOk,          // closes after the last ack without "OK" (the update is applied)
        RebootIntoOldImage, // the update succeeds, but the device comes back on the old version
    };
    QString lanFailureName(LanFailure failure); // "drop-at-percent", ...
    std::optional<LanFailure> lanFailureByName(QStringView name);
    QStringList lanFailureNames();

    // One simulated ArduinoOTA device on the host's loopback network.
    struct LanDeviceConfig
    {
        QString hostName;                 // "esp32-a1b2c3d4e5f6" (ESP32: esp32- + 12 hex; ESP8266: esp8266- + 6 hex)
        QHostAddress address;             // 127.0.0.x, one per device
        quint16 port = Espota::Esp32DefaultPort;
        Espota::Flavour flavour = Espota::Flavour::Esp32Pbkdf2;
        QString board = QStringLiteral("esp32");       // board TXT (ESP8266 e.g. "nodemcuv2")
        QString password;                 // empty: no authentication
        bool passwordStoredAsMd5 = false; // 3.3.1+ device given an MD5 hash via setPasswordHash()
        QString version = QStringLiteral("1.0.0");     // running firmware version (fw_version TXT)
        QString stateDir;                 // A/B slot files live here
        int linkDelayMs = 0;              // one-way
        int flashBytesPerSecond = 400000;
        qint64 appPartitionSize = 0x1E0000;
        qint64 fsPartitionSize = 0x160000;
        int rebootSilenceMs = 3000;
        LanFailure failure = LanFailure::None;
        int failureAtPercent = 50;        // for DropAtPercent
    };

    // The host name ArduinoOTA would pick, from a fake MAC (Espressif OUI
    // 24:0a:c4, then the low 24 bits of the IPv4 address) so that runs are
    // reproducible: 127.0.0.10 -> "esp32-240ac400000a" / "esp8266-00000a".
    QString defaultHostName(Espota::Flavour flavour, const QHostAddress &address);
} // namespace Simulator
