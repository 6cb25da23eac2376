#pragma once

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

#include "landeviceconfig.h"
#include "result.h"
#include "scenario.h"

namespace Simulator
{
    // The command line of ota-fleet-sim (docs/fleet-sim.md). Parsing is
    // separate from building devices because the default state directory
    // is made only once the command line is known to be good.
    class FleetCommandLine final
    {
    public:
        enum class Outcome
        {
            Run,
            HelpShown,
        };

        // Error: a message for stderr (exit 2).
        Result<Outcome, QString> parse(const QStringList &arguments);
        QString helpText() const { return m_help; }

        QStringList mdnsInterfaces() const { return m_interfaces; } // empty: no mDNS
        QString stateDir() const { return m_stateDir; }             // empty: a temporary one
        // The devices, their state under stateDir.
        Result<QList<LanDeviceConfig>, QString> devices(const QString &stateDir) const;

    private:
        FleetBase m_base;
        QString m_scenario;
        int m_count = 5;
        QStringList m_interfaces;
        QString m_stateDir;
        QString m_help;
    };
} // namespace Simulator
