#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "result.h"
#include "rolloutsummary.h"

namespace Rollout
{
    // One stage of a rollout record: where it is and why.
    struct StageRecord
    {
        QString status;
        int deviceCount = 0;
        QDateTime activatedAt;
        QDateTime soakEndsAt;
        QDateTime endedAt;
        QString gateResult; // the last reason its status changed
    };

    struct Approval
    {
        QDateTime at;
        QString actor;
        bool approved = false;
        QString remark;
    };

    // One change of a rollout's state, from its append-only history.
    struct StateChange
    {
        QDateTime at;
        QString from;
        QString to;
        QString pauseReason;
        QString actor;
        QString action;
        QString reason;
    };

    // One device's entry in a rollout (GET /api/v1/rollouts/ID/devices).
    struct RolloutDevice
    {
        QString deviceId;
        int stage = -1; // -1: in no stage (ALREADY_INSTALLED at creation)
        QString state;
        QString failureType; // "none" unless FAILED, ROLLED_BACK, TIMED_OUT or REJECTED
        QString detail;
        QString previousVersion; // what a rollback returns it to
        QString reportedVersion;
        bool cancelRequested = false;
        bool rollbackOrdered = false;
        QDateTime stateSince;
        QJsonObject json; // with its history

        static Result<RolloutDevice, QString> fromJson(const QJsonObject &object);
    };

    // A whole rollout record (GET /api/v1/rollouts/ID) without its device
    // list: the summary's fields, the spec as the server completed it, each
    // stage's record, approvals and the history.
    struct RolloutDetail
    {
        RolloutSummary summary; // the record's fields in summary form; its json is the whole record
        QJsonObject spec;
        QDateTime activeSince;
        QList<StageRecord> stages; // as many as summary.stages, same order
        QList<Approval> approvals;
        QList<StateChange> history;
        QJsonObject breakGlass; // {} unless rolled back by break-glass

        static Result<RolloutDetail, QString> fromJson(const QJsonObject &object);
    };
} // namespace Rollout
