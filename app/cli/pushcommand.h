#pragma once

#include "command.h"

namespace Cli
{
    // otactl push: one image to one or many ArduinoOTA devices at once, by
    // name (mDNS) or address, with live per-device progress.
    class PushCommand final : public Command
    {
    public:
        QString name() const override { return QStringLiteral("push"); }
        QString brief() const override { return QStringLiteral("Push an image to LAN devices by ArduinoOTA (espota)"); }
        QString summary() const override;
        int run(const QStringList &arguments) override;
    };
} // namespace Cli
