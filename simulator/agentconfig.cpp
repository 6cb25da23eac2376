#include "agentconfig.h"

using namespace Qt::Literals::StringLiterals;

namespace Simulator
{
    namespace
    {
        struct Names
        {
            AgentFailure failure;
            QString name;
            QString rateKey;
        };

        const QList<Names> &table()
        {
            static const QList<Names> names{
                {AgentFailure::None, u"none"_s, QString()},
                {AgentFailure::DownloadTimeout, u"download-timeout"_s, u"downloadTimeout"_s},
                {AgentFailure::HealthCheck, u"health-check"_s, u"healthCheck"_s},
                {AgentFailure::BootLoop, u"boot-loop"_s, u"bootLoop"_s},
                {AgentFailure::BatteryDies, u"battery-dies"_s, u"batteryDies"_s},
                {AgentFailure::NeverComesBack, u"never-comes-back"_s, u"neverComesBack"_s},
            };
            return names;
        }
    } // namespace

    QString agentFailureName(AgentFailure failure)
    {
        for (const Names &n : table())
            if (n.failure == failure)
                return n.name;
        return u"none"_s;
    }

    std::optional<AgentFailure> agentFailureByName(QStringView name)
    {
        for (const Names &n : table())
            if (n.name == name)
                return n.failure;
        return std::nullopt;
    }

    QString agentFailureRateKey(AgentFailure failure)
    {
        for (const Names &n : table())
            if (n.failure == failure)
                return n.rateKey;
        return {};
    }

    QList<AgentFailure> agentFailures()
    {
        QList<AgentFailure> all;
        for (const Names &n : table())
            if (n.failure != AgentFailure::None)
                all.append(n.failure);
        return all;
    }
} // namespace Simulator
