#include "consolesettingsdir.h"
#include "consoleoverviewfixture.h"

#include <QSettings>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

const QString ConsoleOverviewFixture::OldVersion = u"2.3.1"_s;
const QString ConsoleOverviewFixture::NewVersion = u"2.4.0"_s;

namespace
{
    const QString TimeScale = u"60"_s;
} // namespace

ConsoleOverviewFixture::ConsoleOverviewFixture()
    : m_server(QStringLiteral(OTA_SERVER_PATH)), m_sim(QStringLiteral(FLEETSIM_PATH))
{
}

bool ConsoleOverviewFixture::start(const QJsonArray &groups, QString *error)
{
    TestSupport::keepConsoleSettingsIn(m_settings.filePath(u"settings"_s));
    if (!m_server.init(error))
        return false;
    if (!m_server.start({u"--time-scale"_s, TimeScale, u"--deployment-window"_s, u"always"_s, u"--tick-ms"_s, u"200"_s}, error))
        return false;
    m_api = std::make_unique<TestSupport::ApiClient>(m_server.base());
    m_api->useToken(m_server.adminToken());
    m_release = TestSupport::SignedRelease::make(NewVersion, u"smart-building"_s, 0, 16 * 1024);
    const QJsonObject key{{u"name"_s, u"release signing"_s}, {u"pem"_s, QString::fromLatin1(m_release.publicKeyPem)}};
    const TestSupport::ApiReply added = m_api->post(u"/api/v1/keys"_s, key);
    const TestSupport::ApiReply uploaded = m_api->post(u"/api/v1/releases"_s, m_release.uploadBody());
    if (added.status != 201 || uploaded.status != 201) {
        *error = u"key / release: "_s + added.describe() + u" / "_s + uploaded.describe();
        return false;
    }
    const QJsonObject defaults{{u"version"_s, OldVersion}, {u"checkInSeconds"_s, 60}, {u"rebootSeconds"_s, 20},
                               {u"healthCheckSeconds"_s, 30}};
    const QJsonObject scenario{{u"agents"_s, QJsonObject{{u"seed"_s, 5}, {u"defaults"_s, defaults}, {u"groups"_s, groups}}}};
    return m_sim.startAgents(m_server, scenario, m_release.publicKeyPem, {u"--no-mdns"_s, u"--time-scale"_s, TimeScale},
                             error);
}

void ConsoleOverviewFixture::stop()
{
    m_sim.terminate();
    m_server.terminate();
}

QString ConsoleOverviewFixture::startRollout(const QString &tag, int canaryCount, QString *error)
{
    const QJsonArray stages{
        QJsonObject{{u"name"_s, u"canary"_s}, {u"size"_s, QJsonObject{{u"count"_s, canaryCount}}},
                    {u"minSuccessRate"_s, 0.5}, {u"gateAction"_s, u"manual"_s}},
        QJsonObject{{u"name"_s, u"everyone else"_s}, {u"size"_s, QJsonObject{{u"percent"_s, 100}}},
                    {u"minSuccessRate"_s, 0.9}},
    };
    const QJsonObject spec{{u"name"_s, u"smart-building %1 (%2)"_s.arg(NewVersion, tag)},
                           {u"release"_s, QJsonObject{{u"sha256"_s, m_release.sha256}}},
                           {u"targets"_s, QJsonObject{{u"tags"_s, QJsonArray{tag}}}},
                           {u"stages"_s, stages}};
    const TestSupport::ApiReply created = m_api->post(u"/api/v1/rollouts"_s, spec);
    if (created.status != 201) {
        *error = u"create: "_s + created.describe();
        return {};
    }
    const QString id = created.json.value(u"id"_s).toString();
    const TestSupport::ApiReply started = m_api->post(u"/api/v1/rollouts/%1/start"_s.arg(id), {{u"reason"_s, u"test"_s}});
    if (started.status != 200) {
        *error = u"start: "_s + started.describe();
        return {};
    }
    return id;
}

Rollout::ServerEndpoint ConsoleOverviewFixture::endpoint() const
{
    return m_server.adminEndpoint();
}

QString ConsoleOverviewFixture::diagnostics()
{
    return u"--- ota-fleet-sim ---\n"_s + m_sim.output().right(2000) + u"\n--- ota-server ---\n"_s
        + m_server.standardError().right(2000);
}
