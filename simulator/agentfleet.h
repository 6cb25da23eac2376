#pragma once

#include <memory>
#include <vector>

#include <QHash>
#include <QList>
#include <QObject>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

#include "agentconfig.h"
#include "firmware/publickey.h"

namespace Simulator
{
    class Agent;
    class AgentHttp;
    class AgentScheduler;
    class Enroller;

    struct AgentFleetOptions
    {
        QUrl server;                   // http://127.0.0.1:PORT
        QString stateDir;              // agents live in <stateDir>/agents/<id>/
        QByteArray adminToken;         // empty: every agent must have its secret already
        QList<Firmware::PublicKey> trustedKeys;
        double timeScale = 1;
        bool quiet = false;            // no line per event
        int summarySeconds = 10;       // real seconds between summary lines; 0: none
        int managers = 4;              // QNetworkAccessManagers shared by all agents
        int maxInFlight = 24;          // requests in flight at once (6 per manager and host)
    };

    // Every rollout-server agent of one ota-fleet-sim process: enrols those
    // without a secret, starts them with their first check-ins spread over
    // one interval, prints their events (or not) and a periodic summary of
    // how many are in each state.
    class AgentFleet final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(AgentFleet)

    public:
        AgentFleet(AgentFleetOptions options, QList<AgentConfig> agents, QTextStream &out, QObject *parent = nullptr);
        ~AgentFleet() override;

        void start(); // emits started or startFailed
        QString summary() const;

    Q_SIGNALS:
        void started(int agents, int enrolledNow);
        void startFailed(const QString &message);

    private:
        void startAgents(const QHash<QString, QString> &secrets, int enrolledNow);
        QString credentialPath() const;

        AgentFleetOptions m_options;
        QList<AgentConfig> m_configs;
        QTextStream &m_out;
        std::unique_ptr<AgentScheduler> m_scheduler;
        std::unique_ptr<AgentHttp> m_http;
        std::unique_ptr<Enroller> m_enroller;
        struct Context;
        std::unique_ptr<Context> m_context;
        QHash<QString, int> m_where; // state -> agents there
        QTimer m_summary;
        std::vector<std::unique_ptr<Agent>> m_agents; // last: destroyed first
    };
} // namespace Simulator
