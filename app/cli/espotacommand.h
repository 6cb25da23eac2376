#pragma once

#include "command.h"

namespace Cli
{
    // otactl espota: espota.py's own command line (-i -I -p -P -a -f -s -r -d
    // -t -m and their long forms) and exit codes, so the upload recipes of
    // PlatformIO and the Arduino IDE can call otactl instead.
    class EspotaCommand final : public Command
    {
    public:
        QString name() const override { return QStringLiteral("espota"); }
        QString brief() const override { return QStringLiteral("espota.py-compatible push to one device"); }
        QString summary() const override;
        int run(const QStringList &arguments) override;
    };
} // namespace Cli
