#include "agentpolicy.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Simulator::AgentPolicy
{
    InstallDecision onInstall(const AgentConfig &config, const AgentState &state, const ReleaseOffer &offer,
                              const QList<Firmware::PublicKey> &trusted)
    {
        InstallDecision d;
        // Checks before the battery: a release this device must never run is
        // refused at once rather than deferred and refused later.
        const auto checked = ReleaseCheck::beforeDownload(offer, trusted, config.chip);
        if (!checked) {
            d.step = InstallStep::Reject;
            d.refusal = checked.error();
            return d;
        }
        d.manifest = *checked;
        if (offer.size > config.otaSlotBytes) {
            // A real device finds out at esp_ota_begin(); refusing before the download spares the link.
            d.step = InstallStep::Reject;
            d.refusal = {u"rejected"_s, u"release %1 is %2 bytes; this device's OTA slot holds %3"_s.arg(offer.version)
                                           .arg(offer.size)
                                           .arg(config.otaSlotBytes)};
            return d;
        }
        if (state.runningVersion() == offer.version) {
            d.step = InstallStep::AlreadyRunning;
            return d;
        }
        if (state.batteryPercent < config.deferBelowPercent) {
            d.step = InstallStep::Defer;
            return d;
        }
        d.step = InstallStep::Download;
        return d;
    }

    RollbackStep onRollback(const AgentState &state, const QString &version, bool releaseGiven)
    {
        if (state.runningVersion() == version)
            return RollbackStep::AlreadyRunning;
        if (state.slotVersion.value(state.inactiveSlot()) == version)
            return RollbackStep::BootOtherSlot;
        return releaseGiven ? RollbackStep::Download : RollbackStep::Impossible;
    }

    FirstBoot firstBoot(AgentFailure failure)
    {
        switch (failure) {
        case AgentFailure::BootLoop:
            return FirstBoot::BootLoop;
        case AgentFailure::NeverComesBack:
            return FirstBoot::NeverComesBack;
        default:
            return FirstBoot::PendingVerify;
        }
    }

    QJsonObject healthResults(const AgentConfig &config, bool newImageWithFailure)
    {
        QJsonObject health;
        for (const QString &check : config.healthChecks)
            health.insert(check, !(newImageWithFailure && check == config.failingCheck));
        return health;
    }

    bool allPassed(const QJsonObject &health)
    {
        return std::all_of(health.constBegin(), health.constEnd(), [](const QJsonValue &v) { return v.toBool(); });
    }

    double drained(double percent, double drainPerHour, double simulatedSeconds)
    {
        return std::clamp(percent - drainPerHour * simulatedSeconds / 3600.0, 0.0, 100.0);
    }

    bool stallsAt(const AgentConfig &config, const AgentState &state, qint64 have, qint64 total)
    {
        return config.failure == AgentFailure::DownloadTimeout && !state.downloadTimeoutSpent
            && double(have) >= config.failureAtFraction * double(total);
    }

    bool batteryDiesAt(const AgentConfig &config, qint64 have, qint64 total)
    {
        return config.failure == AgentFailure::BatteryDies && double(have) >= config.failureAtFraction * double(total);
    }
} // namespace Simulator::AgentPolicy
