#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include "agentconfig.h"
#include "result.h"

namespace Simulator
{
    // What every agent starts from before a scenario's "agents" section
    // speaks: the command line's settings in scenario field names, where each
    // came from (for messages), and the seed of the failure and battery draws.
    struct AgentBase
    {
        QJsonObject fields;              // e.g. {"version": "2.3.1"}
        QHash<QString, QString> sources; // field -> "--version"
        quint64 seed = 1;
        bool seedGiven = false;          // --seed beats the file's "seed"
    };

    // Builds AgentConfigs from the "agents" section of a scenario file
    // (docs/fleet-sim.md): built-in defaults, then AgentBase, then the
    // section's "defaults", then each group. A group of `count` devices gets
    // ids from idFormat ({n}: running number, {spread}: 1..spreadOver, both
    // zero-padded), and its failure rates become exact counts
    // (round(rate x count)) placed on devices drawn with the seed, so the same
    // file and seed always give the same fleet. Errors name the file, the
    // field and what to do.
    class AgentScenario final
    {
    public:
        static constexpr int MaxAgents = 20000;

        static QStringList fieldNames();

        // `count` agents from the base alone (--agents N), ids agent-0001...
        static Result<QList<AgentConfig>, QString> generate(const AgentBase &base, int count);
        // section: the value of the file's "agents" key.
        static Result<QList<AgentConfig>, QString> parse(const QJsonValue &section, const QString &fileName,
                                                         const AgentBase &base);
    };
} // namespace Simulator
