#include "agentfleet.h"

#include <QDir>
#include <QRandomGenerator>

#include "agent.h"
#include "agenthttp.h"
#include "agentlogging.h"
#include "agentscheduler.h"
#include "agentstate.h"
#include "enroller.h"

using namespace Qt::Literals::StringLiterals;

namespace Simulator
{
    struct AgentFleet::Context : AgentContext
    {
    };

    AgentFleet::AgentFleet(AgentFleetOptions options, QList<AgentConfig> agents, QTextStream &out, QObject *parent)
        : QObject(parent), m_options(std::move(options)), m_configs(std::move(agents)), m_out(out)
    {
        m_scheduler = std::make_unique<AgentScheduler>(m_options.timeScale);
        // A request may wait behind others in the queue; the timeout covers the transfer only.
        m_http = std::make_unique<AgentHttp>(m_options.server, m_options.managers, m_options.maxInFlight, 60000);
        m_context = std::make_unique<Context>();
        m_context->http = m_http.get();
        m_context->scheduler = m_scheduler.get();
        m_context->trustedKeys = m_options.trustedKeys;
        if (!m_options.quiet) {
            m_context->print = [this](const QString &id, const QString &event) {
                m_out << id << ' ' << event << '\n';
                m_out.flush();
            };
        }
        m_context->moved = [this](const QString &from, const QString &to) {
            --m_where[from];
            ++m_where[to];
        };
        connect(&m_summary, &QTimer::timeout, this, [this] {
            m_out << summary() << '\n';
            m_out.flush();
        });
    }

    AgentFleet::~AgentFleet()
    {
        m_agents.clear();
        m_http.reset(); // no reply callback reaches a destroyed agent
    }

    QString AgentFleet::credentialPath() const
    {
        return QDir(m_options.stateDir).filePath(u"agents/credentials.json"_s);
    }

    QString AgentFleet::summary() const
    {
        QStringList parts;
        QList<QString> states = m_where.keys();
        std::sort(states.begin(), states.end());
        for (const QString &state : states)
            if (m_where.value(state) > 0)
                parts.append(u"%1 %2"_s.arg(state).arg(m_where.value(state)));
        return u"agents: %1 (%2); answered: %3 check-ins, %4 reports"_s.arg(m_agents.size())
            .arg(parts.join(u", "))
            .arg(m_context->checkInsAnswered)
            .arg(m_context->reportsAnswered);
    }

    void AgentFleet::start()
    {
        const CredentialFile credentials(credentialPath());
        const auto secrets = credentials.load();
        if (!secrets) {
            Q_EMIT startFailed(secrets.error());
            return;
        }
        QList<AgentConfig> missing;
        for (const AgentConfig &c : std::as_const(m_configs))
            if (secrets->value(c.id).isEmpty())
                missing.append(c);
        if (missing.isEmpty()) {
            startAgents(*secrets, 0);
            return;
        }
        if (m_options.adminToken.isEmpty()) {
            Q_EMIT startFailed(u"%1 agents (first %2) have no secret in %3; give --enrol-token-env VAR with an admin "
                               "token so the simulator enrols them"_s.arg(missing.size())
                                   .arg(missing.constFirst().id, credentials.path()));
            return;
        }
        m_enroller = std::make_unique<Enroller>(m_http.get(), m_options.adminToken);
        const QHash<QString, QString> known = *secrets;
        const int count = int(missing.size());
        m_enroller->enrol(missing, [this, known, count](const Result<QHash<QString, QString>, QString> &enrolled) {
            if (!enrolled) {
                Q_EMIT startFailed(enrolled.error());
                return;
            }
            QHash<QString, QString> all = known;
            for (auto it = enrolled->constBegin(); it != enrolled->constEnd(); ++it)
                all.insert(it.key(), it.value());
            const auto saved = CredentialFile(credentialPath()).save(all);
            if (!saved) {
                Q_EMIT startFailed(saved.error());
                return;
            }
            startAgents(all, count);
        });
    }

    void AgentFleet::startAgents(const QHash<QString, QString> &secrets, int enrolledNow)
    {
        const QString root = QDir(m_options.stateDir).filePath(u"agents"_s);
        for (const AgentConfig &c : std::as_const(m_configs)) {
            auto agent = std::make_unique<Agent>(c, QDir(root).filePath(c.id), m_context.get());
            const auto loaded = agent->load();
            if (!loaded) {
                Q_EMIT startFailed(loaded.error());
                return;
            }
            ++m_where[agent->where()];
            m_agents.push_back(std::move(agent));
        }
        for (const auto &agent : m_agents) {
            // Devices check in soon after power-on; the first check-ins are spread
            // over a minute (or one interval, if shorter) so they do not come at once.
            const double first = QRandomGenerator::global()->generateDouble() * std::min(agent->config().checkInSeconds, 60);
            agent->start(secrets.value(agent->config().id), first);
        }
        if (m_options.summarySeconds > 0)
            m_summary.start(m_options.summarySeconds * 1000);
        qCInfo(lcAgent) << m_agents.size() << "agents started";
        Q_EMIT started(int(m_agents.size()), enrolledNow);
    }
} // namespace Simulator
