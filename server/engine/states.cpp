#include "states.h"

#include <array>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    namespace
    {
        template<typename E, std::size_t N>
        using Table = std::array<std::pair<E, QStringView>, N>;

        constexpr Table<RolloutState, 10> RolloutStates{{
            {RolloutState::Draft, u"DRAFT"},
            {RolloutState::WaitingForApproval, u"WAITING_FOR_APPROVAL"},
            {RolloutState::Ready, u"READY"},
            {RolloutState::Denied, u"DENIED"},
            {RolloutState::Running, u"RUNNING"},
            {RolloutState::Paused, u"PAUSED"},
            {RolloutState::Finished, u"FINISHED"},
            {RolloutState::Stopped, u"STOPPED"},
            {RolloutState::RollingBack, u"ROLLING_BACK"},
            {RolloutState::RolledBack, u"ROLLED_BACK"},
        }};
        constexpr Table<PauseReason, 5> PauseReasons{{
            {PauseReason::None, u"none"},
            {PauseReason::Operator, u"operator"},
            {PauseReason::Gate, u"gate"},
            {PauseReason::Threshold, u"threshold"},
            {PauseReason::OutsideWindow, u"outside_window"},
        }};
        constexpr Table<DeviceState, DeviceStateCount> DeviceStates{{
            {DeviceState::Scheduled, u"SCHEDULED"},
            {DeviceState::Notified, u"NOTIFIED"},
            {DeviceState::Downloading, u"DOWNLOADING"},
            {DeviceState::Downloaded, u"DOWNLOADED"},
            {DeviceState::Installing, u"INSTALLING"},
            {DeviceState::Rebooting, u"REBOOTING"},
            {DeviceState::Verifying, u"VERIFYING"},
            {DeviceState::Succeeded, u"SUCCEEDED"},
            {DeviceState::Failed, u"FAILED"},
            {DeviceState::RolledBack, u"ROLLED_BACK"},
            {DeviceState::TimedOut, u"TIMED_OUT"},
            {DeviceState::Rejected, u"REJECTED"},
            {DeviceState::Deferred, u"DEFERRED"},
            {DeviceState::AlreadyInstalled, u"ALREADY_INSTALLED"},
            {DeviceState::Canceled, u"CANCELED"},
        }};
        constexpr Table<FailureType, 11> FailureTypes{{
            {FailureType::None, u"none"},
            {FailureType::Download, u"download"},
            {FailureType::Verification, u"verification"},
            {FailureType::Install, u"install"},
            {FailureType::Boot, u"boot"},
            {FailureType::HealthCheck, u"health_check"},
            {FailureType::Connectivity, u"connectivity"},
            {FailureType::Battery, u"battery"},
            {FailureType::Timeout, u"timeout"},
            {FailureType::Rejected, u"rejected"},
            {FailureType::Other, u"other"},
        }};
        constexpr Table<GateAction, 2> GateActions{{
            {GateAction::Auto, u"auto"},
            {GateAction::Manual, u"manual"},
        }};
        constexpr Table<AbortAction, 2> AbortActions{{
            {AbortAction::Pause, u"pause"},
            {AbortAction::Stop, u"stop"},
        }};
        constexpr Table<StageStatus, 6> StageStatuses{{
            {StageStatus::Pending, u"PENDING"},
            {StageStatus::Active, u"ACTIVE"},
            {StageStatus::Soaking, u"SOAKING"},
            {StageStatus::Passed, u"PASSED"},
            {StageStatus::Failed, u"FAILED"},
            {StageStatus::Canceled, u"CANCELED"},
        }};

        template<typename E, std::size_t N>
        QString nameIn(const Table<E, N> &table, E value)
        {
            for (const auto &[v, text] : table) {
                if (v == value)
                    return text.toString();
            }
            return u"?"_s;
        }

        template<typename E, std::size_t N>
        std::optional<E> parseIn(const Table<E, N> &table, QStringView text)
        {
            for (const auto &[v, n] : table) {
                if (n == text)
                    return v;
            }
            return std::nullopt;
        }

        template<typename E, std::size_t N>
        QStringList namesIn(const Table<E, N> &table)
        {
            QStringList out;
            for (const auto &entry : table)
                out.append(entry.second.toString());
            return out;
        }

        template<typename E>
        constexpr const auto &tableOf();
        template<> constexpr const auto &tableOf<RolloutState>() { return RolloutStates; }
        template<> constexpr const auto &tableOf<PauseReason>() { return PauseReasons; }
        template<> constexpr const auto &tableOf<DeviceState>() { return DeviceStates; }
        template<> constexpr const auto &tableOf<FailureType>() { return FailureTypes; }
        template<> constexpr const auto &tableOf<GateAction>() { return GateActions; }
        template<> constexpr const auto &tableOf<AbortAction>() { return AbortActions; }
        template<> constexpr const auto &tableOf<StageStatus>() { return StageStatuses; }
    } // namespace

    QString name(RolloutState state) { return nameIn(RolloutStates, state); }
    QString name(PauseReason reason) { return nameIn(PauseReasons, reason); }
    QString name(DeviceState state) { return nameIn(DeviceStates, state); }
    QString name(FailureType type) { return nameIn(FailureTypes, type); }
    QString name(GateAction action) { return nameIn(GateActions, action); }
    QString name(AbortAction action) { return nameIn(AbortActions, action); }
    QString name(StageStatus status) { return nameIn(StageStatuses, status); }

    template<typename E>
    std::optional<E> parseName(QStringView text)
    {
        return parseIn(tableOf<E>(), text);
    }

    template<typename E>
    QStringList names()
    {
        return namesIn(tableOf<E>());
    }

#define ENGINE_INSTANTIATE(E) \
    template std::optional<E> parseName<E>(QStringView); \
    template QStringList names<E>();
    ENGINE_INSTANTIATE(RolloutState)
    ENGINE_INSTANTIATE(PauseReason)
    ENGINE_INSTANTIATE(DeviceState)
    ENGINE_INSTANTIATE(FailureType)
    ENGINE_INSTANTIATE(GateAction)
    ENGINE_INSTANTIATE(AbortAction)
    ENGINE_INSTANTIATE(StageStatus)
#undef ENGINE_INSTANTIATE

    bool isLive(RolloutState state)
    {
        switch (state) {
        case RolloutState::Draft:
        case RolloutState::WaitingForApproval:
        case RolloutState::Ready:
        case RolloutState::Running:
        case RolloutState::Paused:
            return true;
        default:
            return false;
        }
    }

    bool isInFlight(DeviceState state)
    {
        return state >= DeviceState::Notified && state <= DeviceState::Verifying;
    }

    bool isFinal(DeviceState state)
    {
        return state >= DeviceState::Succeeded && state != DeviceState::Deferred;
    }

    bool isExecuted(DeviceState state)
    {
        return state >= DeviceState::Succeeded && state <= DeviceState::Rejected;
    }

    bool isFailure(DeviceState state)
    {
        return isExecuted(state) && state != DeviceState::Succeeded;
    }
} // namespace Engine
