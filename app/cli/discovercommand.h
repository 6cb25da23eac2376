#pragma once

#include "command.h"

namespace Cli
{
    // otactl discover: lists the ArduinoOTA and ESPHome devices and rollout
    // servers on the LAN (mDNS / DNS-SD), once or as a stream of changes.
    class DiscoverCommand final : public Command
    {
    public:
        QString name() const override { return QStringLiteral("discover"); }
        QString brief() const override { return QStringLiteral("List devices and rollout servers on the LAN (mDNS)"); }
        QString summary() const override;
        int run(const QStringList &arguments) override;
    };
} // namespace Cli
