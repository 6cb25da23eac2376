#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "result.h"

namespace Rollout
{
    // Devices by state, for a rollout or one stage: every device state name
    // (SCHEDULED .. CANCELED) with its number, zeros included, and the total.
    struct StateCounts
    {
        QHash<QString, int> byState;
        int total = 0;

        int of(const QString &state) const { return byState.value(state); }
        // (state, count) for every state with devices, in the order of an
        // update (deviceStates()), then any state this client does not know.
        QList<std::pair<QString, int>> nonZero() const;

        static Result<StateCounts, QString> fromJson(const QJsonObject &object);
    };

    // The device state names in the order of an update, as ROLLOUTS.md lists them.
    const QStringList &deviceStates();
    // A rollout state nothing moves on from: FINISHED, STOPPED, ROLLED_BACK, DENIED.
    bool isFinalRolloutState(const QString &state);

    struct StageSummary
    {
        QString name;
        QString status; // PENDING, ACTIVE, SOAKING, PASSED, FAILED, CANCELED
        StateCounts counts;
    };

    // What rollout create, list and every action answer (and the payload of
    // rollout.counts events): the state, why, and the counts per stage.
    struct RolloutSummary
    {
        QString id;
        QString name;
        QString state;       // DRAFT .. ROLLED_BACK
        QString pauseReason; // none, operator, gate, threshold, outside_window
        QString stateReason;
        int currentStage = -1; // -1 before start
        QString releaseSha256;
        QString releaseVersion;
        QString createdBy;
        QDateTime createdAt;
        StateCounts total;
        QList<StageSummary> stages;
        QJsonObject json; // the object as the server sent it

        // "PAUSED (gate)" for a paused rollout, else the bare state.
        QString stateText() const;

        static Result<RolloutSummary, QString> fromJson(const QJsonObject &object);
        // The counts object ({"total", "stages"}) into total and stages.
        static Result<std::monostate, QString> readCounts(const QJsonObject &counts, RolloutSummary &into);
    };
} // namespace Rollout
