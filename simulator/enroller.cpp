#include "enroller.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "agenthttp.h"

using namespace Qt::Literals::StringLiterals;

namespace Simulator
{
    void Enroller::enrol(const QList<AgentConfig> &agents, Done done)
    {
        m_agents = agents;
        m_next = 0;
        m_secrets.clear();
        m_done = std::move(done);
        nextBatch();
    }

    void Enroller::nextBatch()
    {
        if (m_next >= m_agents.size()) {
            m_done(m_secrets);
            return;
        }
        QJsonArray devices;
        const qsizetype end = std::min(m_agents.size(), m_next + BatchSize);
        for (qsizetype i = m_next; i < end; ++i)
            devices.append(QJsonObject{{u"id"_s, m_agents.at(i).id}, {u"tags"_s, QJsonArray::fromStringList(m_agents.at(i).tags)}});
        const qsizetype count = end - m_next;
        m_next = end;
        m_http->post(u"/api/v1/devices"_s, QJsonObject{{u"devices"_s, devices}}, AgentHttp::bearerAuthorization(m_token),
                     [this, count](const HttpResponse &r) {
                         if (r.status != 201) {
                             QString hint;
                             if (r.status == 401 || r.status == 403)
                                 hint = u"; the token in --enrol-token-env must be an admin token of this server"_s;
                             else if (r.status == 409)
                                 hint = u"; those devices were enrolled before, but their secrets are not in this state "
                                        "directory: use the state directory they were enrolled with, or a fresh server"_s;
                             m_done(u"enrolment of %1 agents refused: %2%3"_s.arg(count).arg(r.errorText(), hint));
                             return;
                         }
                         const QJsonArray enrolled =
                             QJsonDocument::fromJson(r.body).object().value(u"devices"_s).toArray();
                         for (const QJsonValue &v : enrolled) {
                             const QJsonObject device = v.toObject();
                             m_secrets.insert(device.value(u"id"_s).toString(), device.value(u"secret"_s).toString());
                         }
                         if (enrolled.size() != count) {
                             m_done(u"enrolment answered %1 devices for %2 asked; the server's reply is not what "
                                    "docs/device-api.md says"_s.arg(enrolled.size()).arg(count));
                             return;
                         }
                         nextBatch();
                     });
    }
} // namespace Simulator
