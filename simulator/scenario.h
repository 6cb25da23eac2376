#pragma once

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "landeviceconfig.h"
#include "result.h"

namespace Simulator
{
    // What every device starts from before a scenario speaks: the command
    // line's settings, in scenario field names, and where each came from.
    struct FleetBase
    {
        QJsonObject fields;              // e.g. {"flavour": "esp8266"}
        QHash<QString, QString> sources; // field -> "--flavour", for messages
        QHostAddress baseAddress = QHostAddress(QStringLiteral("127.0.0.10"));
        QString stateDir;
    };

    // Builds LanDeviceConfigs: built-in defaults, then FleetBase, then a
    // scenario file's "defaults", then each device entry (docs/fleet-sim.md).
    // Devices without an address count up from the base address; port,
    // board and host name follow the flavour and address unless given.
    // Errors name the file, the field and what to do.
    class Scenario final
    {
    public:
        static QStringList fieldNames(); // every LanDeviceConfig field a scenario may set

        // `count` devices made from the base alone (--lan-devices).
        static Result<QList<LanDeviceConfig>, QString> generate(const FleetBase &base, int count);
        static Result<QList<LanDeviceConfig>, QString> parse(const QByteArray &json, const QString &fileName,
                                                             const FleetBase &base);
        static Result<QList<LanDeviceConfig>, QString> readFile(const QString &path, const FleetBase &base);
    };
} // namespace Simulator
