#pragma once

#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "fleetsimprocess.h"
#include "rollout/serverendpoint.h"
#include "serverprocess.h"

class QWidget;

// What the Rollouts page's GUI tests share: the real ota-server (time 60
// times faster, window always open) with tokens, a signed release uploaded
// under a trusted key, and the real ota-fleet-sim with the scenario's agents
// checked in; rollouts are created and started through the API.
class ConsoleRolloutFixture final
{
public:
    static constexpr int FleetReadyMs = 120000;
    static constexpr int RolloutMs = 180000;
    static const QString OldVersion;
    static const QString NewVersion;

    ConsoleRolloutFixture();

    // Settings of this run in dir, out of the user's and any earlier run's.
    static void isolateSettings(const QString &dir);
    // The server as a console connects to it with this token.
    Rollout::ServerEndpoint endpoint(const QString &token) const;
    // Saves widget at size as name in OTA_SCREENSHOT_DIR, when that is set.
    static bool saveScreenshot(QWidget *widget, const QSize &size, const QString &name);

    // groups: the scenario's agent groups; every agent defaults to OldVersion.
    bool start(const QJsonArray &groups, int agents, QString *error);
    void stop();

    // An agent group of count devices tagged tag, ids <prefix>-<firstIndex>...
    // (stages take devices in id order, so a group can be a stage's ring).
    static QJsonObject group(const QString &tag, const QString &prefix, int firstIndex, int count,
                             const QJsonObject &failures = {});
    static QJsonObject stage(const QString &name, const QJsonObject &size, double minSuccess, double maxRollback,
                             qint64 soakSeconds, const QJsonArray &abortRules = {});
    // The rollout spec for the devices tagged tag.
    QJsonObject spec(const QString &name, const QString &tag, const QJsonArray &stages) const;
    // Created by the operator token and started; its id, or empty (and why in error).
    QString createAndStart(const QJsonObject &spec, QString *error);
    QString stateOf(const QString &rolloutId);
    QJsonArray devicesOf(const QString &rolloutId);
    QString diagnostics();

    TestSupport::ServerProcess &server() { return m_server; }
    TestSupport::ApiClient &api(const QString &token);
    QString operatorToken() const { return m_operator; }
    QString viewerToken() const { return m_viewer; }
    QString breakGlassToken() const { return m_breakGlass; }

private:
    int checkedIn();

    TestSupport::ServerProcess m_server;
    TestSupport::FleetSimProcess m_sim;
    std::unique_ptr<TestSupport::ApiClient> m_api;
    TestSupport::SignedRelease m_release;
    QString m_operator;
    QString m_viewer;
    QString m_breakGlass;
};
