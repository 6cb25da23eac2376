#pragma once

#include "command.h"

namespace Cli
{
    // otactl inspect IMAGE [--json]: everything the image reader knows.
    class InspectCommand final : public Command
    {
    public:
        QString name() const override { return QStringLiteral("inspect"); }
        QString brief() const override { return QStringLiteral("Show what an ESP32/ESP8266 firmware image is, and check it"); }
        QString summary() const override;
        int run(const QStringList &arguments) override;
    };
} // namespace Cli
