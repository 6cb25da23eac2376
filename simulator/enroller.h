#pragma once

#include <functional>

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include "agentconfig.h"
#include "result.h"

namespace Simulator
{
    class AgentHttp;

    // Enrols agents through POST /api/v1/devices with an admin token, in
    // batches, and hands back each device's secret (the server shows it
    // once). One batch at a time, so a refusal stops before the next.
    class Enroller final
    {
    public:
        static constexpr int BatchSize = 1000;
        using Done = std::function<void(const Result<QHash<QString, QString>, QString> &secrets)>;

        Enroller(AgentHttp *http, QByteArray adminToken) : m_http(http), m_token(std::move(adminToken)) {}
        void enrol(const QList<AgentConfig> &agents, Done done);

    private:
        void nextBatch();

        AgentHttp *m_http;
        QByteArray m_token;
        QList<AgentConfig> m_agents;
        qsizetype m_next = 0;
        QHash<QString, QString> m_secrets;
        Done m_done;
    };
} // namespace Simulator
