#pragma once

#include <optional>

#include <QCommandLineOption>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "agentconfig.h"
#include "agentscenario.h"
#include "esphomelandevice.h"
#include "firmware/publickey.h"
#include "landeviceconfig.h"
#include "result.h"
#include "scenario.h"

class QCommandLineParser;

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
        // The devices, their state under stateDir: the LAN devices, then one
        // for each agent that is also a LAN device.
        Result<QList<LanDeviceConfig>, QString> devices(const QString &stateDir) const;

        // ESPHome nodes (--esphome-devices), from `first` on.
        QList<EsphomeDeviceConfig> esphomeDevices(const QString &stateDir, const QHostAddress &first) const;
        QHostAddress baseAddress() const { return m_base.baseAddress; }

        // Rollout-server agents (docs/fleet-sim.md "Rollout agents").
        Result<QList<AgentConfig>, QString> agents() const;
        QUrl server() const { return m_server; }
        QByteArray adminToken() const { return m_adminToken; } // "" without --enrol-token-env
        QList<Firmware::PublicKey> trustedKeys() const { return m_trustedKeys; }
        double timeScale() const { return m_timeScale; }
        bool quietAgents() const { return m_quietAgents; }
        int summarySeconds() const { return m_summarySeconds; }

    private:
        Result<bool, QString> parseEsphome(const QCommandLineParser &parser, const QList<QCommandLineOption> &options);

        FleetBase m_base;
        EsphomeDeviceConfig m_esphomeTemplate;
        int m_esphomeCount = 0;
        AgentBase m_agentBase;
        QString m_scenario;
        int m_count = 5;
        int m_agentCount = 0;
        QUrl m_server;
        QByteArray m_adminToken;
        QList<Firmware::PublicKey> m_trustedKeys;
        double m_timeScale = 1;
        bool m_quietAgents = false;
        int m_summarySeconds = 10;
        QStringList m_interfaces;
        QString m_stateDir;
        QString m_help;
    };
} // namespace Simulator
