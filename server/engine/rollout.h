#pragma once

#include <optional>

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include "deviceentry.h"
#include "result.h"
#include "rolloutspec.h"
#include "states.h"

namespace Engine
{
    // Where a stage is: its gate result (a sentence with the rates) is kept
    // so the console can show why it passed or held.
    struct StageState
    {
        StageStatus status = StageStatus::Pending;
        int deviceCount = 0;
        QDateTime activatedAt;
        QDateTime soakEndsAt; // valid while SOAKING and after
        QDateTime endedAt;    // PASSED, FAILED or CANCELED
        QString gateResult;

        QJsonObject toJson() const;
        static StageState read(const QJsonObject &object, QStringList &problems);
        bool operator==(const StageState &other) const = default;
    };

    struct ApprovalDecision
    {
        QDateTime at;
        QString actor;
        bool approved = false;
        QString remark;

        QJsonObject toJson() const;
        static ApprovalDecision read(const QJsonObject &object, QStringList &problems);
        bool operator==(const ApprovalDecision &other) const = default;
    };

    // Acting outside the deployment window: who, why, and until when it
    // holds (the next time the window opens; after that the window rules again).
    struct WindowOverride
    {
        QDateTime at;
        QString actor;
        QString action; // start, resume, advance
        QString reason;
        QDateTime until;

        QJsonObject toJson() const;
        static WindowOverride read(const QJsonObject &object, QStringList &problems);
        bool operator==(const WindowOverride &other) const = default;
    };

    // One change of the rollout's state, append-only.
    struct RolloutEvent
    {
        QDateTime at;
        RolloutState from = RolloutState::Draft;
        RolloutState to = RolloutState::Draft;
        PauseReason pauseReason = PauseReason::None;
        QString actor;
        QString action;
        QString reason;

        QJsonObject toJson() const;
        static RolloutEvent read(const QJsonObject &object, QStringList &problems);
        bool operator==(const RolloutEvent &other) const = default;
    };

    // The break-glass act, the most audited in the system.
    struct BreakGlass
    {
        QDateTime at;
        QString actor;
        QString reason;
        int devicesOrdered = 0;
        QDateTime completedAt; // when the last ordered device reported its previous version

        QJsonObject toJson() const;
        static BreakGlass read(const QJsonObject &object, QStringList &problems);
        bool operator==(const BreakGlass &other) const = default;
    };

    // A rollout as the engine holds it and the store persists it.
    struct Rollout
    {
        QString id;
        RolloutSpec spec;
        QString createdBy;
        QDateTime createdAt;
        RolloutState state = RolloutState::Draft;
        PauseReason pauseReason = PauseReason::None;
        QString stateReason;          // why it is in its state, for a person
        int currentStage = -1;        // -1 before start
        QDateTime activeSince;        // last entered RUNNING or STOPPED: per-device timeouts count from here at the earliest
        QList<StageState> stages;
        QList<DeviceEntry> devices;
        QList<ApprovalDecision> approvals;
        QList<WindowOverride> overrides;
        QList<RolloutEvent> history;
        std::optional<BreakGlass> breakGlass;
        QMap<QString, int> ruleBaselines; // abort rule key -> failures acknowledged by a resume

        DeviceEntry *device(const QString &deviceId);
        const DeviceEntry *device(const QString &deviceId) const;
        void rebuildIndex(); // after devices changed wholesale (fromJson does it)

        // "rollout 'smart-building 2.3.2'"
        QString label() const;

        QJsonObject toJson() const;
        // Everything but the devices: what a save rewrites on every report,
        // and what GET /api/v1/rollouts/ID shows, without 5,000 entries.
        QJsonObject recordJson() const;
        static Result<Rollout, QStringList> fromJson(const QJsonObject &object);
        bool operator==(const Rollout &other) const = default;

    private:
        QHash<QString, qsizetype> m_index;
    };
} // namespace Engine
