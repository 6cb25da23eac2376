#pragma once

#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>

#include "fleetsimprocess.h"
#include "rollout/serverendpoint.h"
#include "serverprocess.h"

// What the Overview's and the device detail's GUI tests share: the real
// ota-server (rollout clock 60 times faster, window always open), a release
// of NewVersion under a trusted key, and the real ota-fleet-sim with a
// scenario's agents checking in every simulated minute (a real second).
class ConsoleOverviewFixture final
{
public:
    static constexpr int FleetReadyMs = 120000;
    static const QString OldVersion;
    static const QString NewVersion;

    ConsoleOverviewFixture();
    Q_DISABLE_COPY_MOVE(ConsoleOverviewFixture)

    // groups: the scenario's agent groups (every agent defaults to OldVersion).
    // The run's settings (remembered column sets) go to a directory of its own.
    bool start(const QJsonArray &groups, QString *error);
    void stop();

    // A rollout of NewVersion to the devices tagged tag: a canary of
    // canaryCount that pauses at its gate for an operator, then the rest.
    QString startRollout(const QString &tag, int canaryCount, QString *error);

    Rollout::ServerEndpoint endpoint() const;
    TestSupport::ServerProcess &server() { return m_server; }
    QString diagnostics();

private:
    QTemporaryDir m_settings;
    TestSupport::ServerProcess m_server;
    TestSupport::FleetSimProcess m_sim;
    std::unique_ptr<TestSupport::ApiClient> m_api;
    TestSupport::SignedRelease m_release;
};
