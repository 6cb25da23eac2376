#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QString>

#include "apicall.h"
#include "rolloutdetail.h"
#include "rolloutpreview.h"
#include "rolloutsummary.h"

namespace Rollout
{
    class ServerClient;

    // What an operator does to a rollout (POST /api/v1/rollouts/ID/ACTION).
    enum class RolloutAction
    {
        Approve,
        Deny,
        Start,
        Pause,
        Resume,
        Advance,
        Stop,
        Rollback, // break-glass: needs the right, and a reason
    };
    QString actionName(RolloutAction action); // "approve", ...
    std::optional<RolloutAction> parseAction(const QString &name);
    // Start, resume and advance are governed by the deployment window.
    bool isWindowed(RolloutAction action);

    // What an action says besides itself; empty fields are left out.
    struct ActionInput
    {
        QString reason;               // start .. stop, rollback (required by stop and rollback)
        QString remark;               // approve, deny (required by deny)
        QString windowOverrideReason; // start, resume, advance outside the deployment window
    };

    // Rollouts: /api/v1/rollouts, and the deployment window.
    class RolloutsApi final
    {
    public:
        explicit RolloutsApi(ServerClient *client) : m_client(client) {}

        // spec: the rollout spec as docs/server-api.md describes it; the
        // server checks it and lists every problem it finds.
        ApiCall *create(const QJsonObject &spec, QObject *context, Done<RolloutSummary> done);
        ApiCall *preview(const QJsonObject &spec, QObject *context, Done<RolloutPreview> done);
        ApiCall *list(QObject *context, Done<QList<RolloutSummary>> done);
        ApiCall *show(const QString &rolloutId, QObject *context, Done<RolloutDetail> done);
        // stage -2: every stage (-1 is "in no stage").
        ApiCall *devices(const QString &rolloutId, const QString &state, int stage, QObject *context,
                         Done<QList<RolloutDevice>> done);
        ApiCall *act(const QString &rolloutId, RolloutAction action, const ActionInput &input, QObject *context,
                     Done<RolloutSummary> done);
        ApiCall *window(QObject *context, Done<DeploymentWindow> done);

    private:
        ServerClient *m_client;
    };
} // namespace Rollout
