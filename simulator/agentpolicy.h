#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include "agentconfig.h"
#include "agentstate.h"
#include "firmware/publickey.h"
#include "firmware/releasemanifest.h"
#include "releasecheck.h"

namespace Simulator
{
    // The decisions of a production OTA agent, apart from timers and HTTP so
    // that tests can read them as the specification (ROLLOUTS.md "The device
    // side of that story").
    namespace AgentPolicy
    {
        enum class InstallStep
        {
            Defer,          // battery below the threshold: DEFERRED, asked again later
            Reject,         // REJECTED with refusal
            AlreadyRunning, // nothing to do: the release runs already
            Download,       // DOWNLOADING (resuming what it has of the same image)
        };
        struct InstallDecision
        {
            InstallStep step = InstallStep::Reject;
            Refusal refusal;                     // Reject
            Firmware::ReleaseManifest manifest; // Download
        };
        InstallDecision onInstall(const AgentConfig &config, const AgentState &state, const ReleaseOffer &offer,
                                  const QList<Firmware::PublicKey> &trusted);

        enum class RollbackStep
        {
            AlreadyRunning, // report ROLLED_BACK at once
            BootOtherSlot,  // the other slot holds the version: reboot into it
            Download,       // fetch the given release and install it
            Impossible,     // neither the slot nor a release: FAILED
        };
        RollbackStep onRollback(const AgentState &state, const QString &version, bool releaseGiven);

        // What the first boot of a new image does.
        enum class FirstBoot
        {
            PendingVerify,  // boots: VERIFYING, then health checks
            BootLoop,       // three failed boots, then the bootloader boots the old slot
            NeverComesBack, // silent for good
        };
        FirstBoot firstBoot(AgentFailure failure);
        constexpr int BootAttemptsBeforeRollback = 3;

        // The health checks' results: name -> passed. A pending-verify image
        // with the HealthCheck failure fails config.failingCheck.
        QJsonObject healthResults(const AgentConfig &config, bool newImageWithFailure);
        bool allPassed(const QJsonObject &health);

        // Battery after simulatedSeconds of drain, clipped to 0..100.
        double drained(double percent, double drainPerHour, double simulatedSeconds);

        // Should the download stall now (the drawn timeout, first attempt only)
        // or the battery die, once `have` of `total` bytes arrived?
        bool stallsAt(const AgentConfig &config, const AgentState &state, qint64 have, qint64 total);
        bool batteryDiesAt(const AgentConfig &config, qint64 have, qint64 total);
    } // namespace AgentPolicy
} // namespace Simulator
