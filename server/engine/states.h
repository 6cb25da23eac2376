#pragma once

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

// The state names of ROLLOUTS.md. Every enum here travels as a JSON string:
// name() gives it, parseName<E>() reads it back (nullopt for an unknown name),
// names<E>() lists every name in declaration order, for messages.
namespace Engine
{
    enum class RolloutState
    {
        Draft,
        WaitingForApproval,
        Ready,
        Denied,
        Running,
        Paused,
        Finished,
        Stopped,
        RollingBack,
        RolledBack,
    };

    enum class PauseReason
    {
        None,
        Operator,
        Gate,
        Threshold,
        OutsideWindow,
    };

    // Declaration order is the order of an update: a device moves forward
    // through SCHEDULED .. VERIFYING and ends in one of the states after it.
    enum class DeviceState
    {
        Scheduled,
        Notified,
        Downloading,
        Downloaded,
        Installing,
        Rebooting,
        Verifying,
        Succeeded,
        Failed,
        RolledBack,
        TimedOut,
        Rejected,
        Deferred,
        AlreadyInstalled,
        Canceled,
    };
    inline constexpr int DeviceStateCount = int(DeviceState::Canceled) + 1;

    // Why a device failed, rolled back or timed out. The case study's abort
    // conditions are the device-side definitions of three of them: boot (the
    // bootloader rolled back after 3 boot failures), health_check (health
    // checks not passed within 10 minutes of reboot), connectivity (5 MQTT
    // reconnect failures).
    enum class FailureType
    {
        None,
        Download,
        Verification,
        Install,
        Boot,
        HealthCheck,
        Connectivity,
        Battery,
        Timeout,
        Rejected,
        Other,
    };

    enum class GateAction
    {
        Auto,
        Manual,
    };

    enum class AbortAction
    {
        Pause,
        Stop,
    };

    enum class StageStatus
    {
        Pending,  // not reached yet
        Active,   // its devices are being updated
        Soaking,  // gate passed; waiting out the soak time
        Passed,   // soaked; the rollout moved on (or finished)
        Failed,   // gate not met; the rollout paused on it
        Canceled, // the rollout stopped or rolled back before it passed
    };

    QString name(RolloutState state);
    QString name(PauseReason reason);
    QString name(DeviceState state);
    QString name(FailureType type);
    QString name(GateAction action);
    QString name(AbortAction action);
    QString name(StageStatus status);

    template<typename E>
    std::optional<E> parseName(QStringView text);
    template<typename E>
    QStringList names();

    // DRAFT, WAITING_FOR_APPROVAL, READY, RUNNING, PAUSED: stop applies.
    bool isLive(RolloutState state);
    // NOTIFIED .. VERIFYING: told to update and not done yet.
    bool isInFlight(DeviceState state);
    // Nothing will change it any more (DEFERRED is not final: retried later).
    bool isFinal(DeviceState state);
    // Counts in gate and abort-rule rates: the device tried and ended.
    bool isExecuted(DeviceState state);
    // An executed device that did not succeed.
    bool isFailure(DeviceState state);
} // namespace Engine
