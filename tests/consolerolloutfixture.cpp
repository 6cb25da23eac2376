#include "consolesettingsdir.h"
#include "consolerolloutfixture.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QWidget>

using namespace Qt::Literals::StringLiterals;

const QString ConsoleRolloutFixture::OldVersion = u"2.3.1"_s;
const QString ConsoleRolloutFixture::NewVersion = u"2.3.2"_s;

namespace
{
    // Both sides run the rollout clock 60 times faster: a simulated minute is a real second.
    const QString TimeScale = u"60"_s;
} // namespace

ConsoleRolloutFixture::ConsoleRolloutFixture()
    : m_server(QStringLiteral(OTA_SERVER_PATH)), m_sim(QStringLiteral(FLEETSIM_PATH))
{
}

void ConsoleRolloutFixture::isolateSettings(const QString &dir)
{
    TestSupport::keepConsoleSettingsIn(dir);
}

Rollout::ServerEndpoint ConsoleRolloutFixture::endpoint(const QString &token) const
{
    return m_server.endpoint(token);
}

bool ConsoleRolloutFixture::saveScreenshot(QWidget *widget, const QSize &size, const QString &name)
{
    const QString dir = qEnvironmentVariable("OTA_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return true;
    widget->resize(size);
    QTest::qWait(300);
    return widget->grab().save(QDir(dir).filePath(name));
}

bool ConsoleRolloutFixture::start(const QJsonArray &groups, int agents, QString *error)
{
    if (!m_server.init(error))
        return false;
    m_operator = m_server.createToken(u"olga"_s, u"operator"_s, false, error);
    m_viewer = m_server.createToken(u"vera"_s, u"viewer"_s, false, error);
    m_breakGlass = m_server.createToken(u"bob"_s, u"operator"_s, true, error);
    if (m_operator.isEmpty() || m_viewer.isEmpty() || m_breakGlass.isEmpty())
        return false;
    if (!m_server.start({u"--time-scale"_s, TimeScale, u"--deployment-window"_s, u"always"_s, u"--tick-ms"_s, u"200"_s}, error))
        return false;
    m_api = std::make_unique<TestSupport::ApiClient>(m_server.base());
    m_release = TestSupport::SignedRelease::make(NewVersion, u"smart-building"_s, 0, 16 * 1024);
    const QJsonObject key{{u"name"_s, u"release signing"_s}, {u"pem"_s, QString::fromLatin1(m_release.publicKeyPem)}};
    const TestSupport::ApiReply added = api(m_server.adminToken()).post(u"/api/v1/keys"_s, key);
    const TestSupport::ApiReply uploaded = api(m_operator).post(u"/api/v1/releases"_s, m_release.uploadBody());
    if (added.status != 201 || uploaded.status != 201) {
        *error = u"key / release: "_s + added.describe() + u" / "_s + uploaded.describe();
        return false;
    }
    const QJsonObject defaults{{u"version"_s, OldVersion},
                               {u"battery"_s, QJsonObject{{u"min"_s, 80}, {u"max"_s, 100}}},
                               {u"batteryDrainPerHour"_s, 0},
                               {u"checkInSeconds"_s, 60},
                               {u"rebootSeconds"_s, 20},
                               {u"healthCheckSeconds"_s, 30}};
    const QJsonObject scenario{{u"agents"_s, QJsonObject{{u"seed"_s, 11}, {u"defaults"_s, defaults}, {u"groups"_s, groups}}}};
    if (!m_sim.startAgents(m_server, scenario, m_release.publicKeyPem, {u"--no-mdns"_s, u"--time-scale"_s, TimeScale}, error))
        return false;
    // Targets are devices that checked in at least once.
    if (!QTest::qWaitFor([&] { return checkedIn() == agents; }, FleetReadyMs)) {
        *error = u"%1 of %2 agents checked in\n"_s.arg(checkedIn()).arg(agents) + diagnostics();
        return false;
    }
    return true;
}

void ConsoleRolloutFixture::stop()
{
    m_sim.terminate();
    m_server.terminate();
}

TestSupport::ApiClient &ConsoleRolloutFixture::api(const QString &token)
{
    m_api->useToken(token);
    return *m_api;
}

int ConsoleRolloutFixture::checkedIn()
{
    int n = 0;
    for (const QJsonValue &v : api(m_operator).get(u"/api/v1/devices"_s).json.value(u"devices"_s).toArray())
        n += v.toObject().value(u"lastSeen"_s).toString().isEmpty() ? 0 : 1;
    return n;
}

QJsonObject ConsoleRolloutFixture::group(const QString &tag, const QString &prefix, int firstIndex, int count,
                                         const QJsonObject &failures)
{
    QJsonObject g{{u"count"_s, count},
                  {u"firstIndex"_s, firstIndex},
                  {u"idFormat"_s, QString(prefix + u"-{n}"_s)},
                  {u"tags"_s, QJsonArray{tag}}};
    if (!failures.isEmpty())
        g.insert(u"failures"_s, failures);
    return g;
}

QJsonObject ConsoleRolloutFixture::stage(const QString &name, const QJsonObject &size, double minSuccess,
                                         double maxRollback, qint64 soakSeconds, const QJsonArray &abortRules)
{
    QJsonObject s{{u"name"_s, name},           {u"size"_s, size},
                  {u"minSuccessRate"_s, minSuccess}, {u"maxRollbackRate"_s, maxRollback},
                  {u"soakSeconds"_s, soakSeconds},   {u"gateAction"_s, u"auto"_s}};
    if (!abortRules.isEmpty())
        s.insert(u"abortRules"_s, abortRules);
    return s;
}

QJsonObject ConsoleRolloutFixture::spec(const QString &name, const QString &tag, const QJsonArray &stages) const
{
    return {{u"name"_s, name},
            {u"release"_s, QJsonObject{{u"sha256"_s, m_release.sha256}}},
            {u"targets"_s, QJsonObject{{u"tags"_s, QJsonArray{tag}}}},
            {u"stages"_s, stages},
            {u"perDeviceTimeoutSeconds"_s, 3600},
            {u"requiresApproval"_s, false}};
}

QString ConsoleRolloutFixture::createAndStart(const QJsonObject &spec, QString *error)
{
    const TestSupport::ApiReply created = api(m_operator).post(u"/api/v1/rollouts"_s, spec);
    if (created.status != 201) {
        *error = u"create: "_s + created.describe();
        return {};
    }
    const QString id = created.json.value(u"id"_s).toString();
    const TestSupport::ApiReply started =
        api(m_operator).post(u"/api/v1/rollouts/%1/start"_s.arg(id), {{u"reason"_s, u"console test"_s}});
    if (started.status != 200) {
        *error = u"start: "_s + started.describe();
        return {};
    }
    return id;
}

QString ConsoleRolloutFixture::stateOf(const QString &rolloutId)
{
    return api(m_operator).get(u"/api/v1/rollouts/"_s + rolloutId).json.value(u"state"_s).toString();
}

QJsonArray ConsoleRolloutFixture::devicesOf(const QString &rolloutId)
{
    return api(m_operator).get(u"/api/v1/rollouts/%1/devices"_s.arg(rolloutId)).json.value(u"devices"_s).toArray();
}

QString ConsoleRolloutFixture::diagnostics()
{
    return u"--- ota-fleet-sim ---\n"_s + m_sim.output().right(2000) + u"\n--- ota-server ---\n"_s
        + m_server.standardError().right(2000);
}
