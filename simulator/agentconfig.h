#pragma once

#include <optional>

#include <QString>
#include <QStringList>

namespace Simulator
{
    // How a simulated rollout agent misbehaves during an update (the case
    // study's failure mix, ROLLOUTS.md). At most one per device.
    enum class AgentFailure
    {
        None,
        DownloadTimeout, // the first download stalls and times out (FAILED download); a retry succeeds
        HealthCheck,     // the new image boots but a health check fails: automatic rollback (health_check)
        BootLoop,        // the new image never boots: three failures, the bootloader rolls back (boot)
        BatteryDies,     // the battery gives out mid-download: silent for good
        NeverComesBack,  // reboots into the new image and is never heard of again
    };
    QString agentFailureName(AgentFailure failure); // "download-timeout", ...
    std::optional<AgentFailure> agentFailureByName(QStringView name);
    // The scenario's key for each failure rate: "downloadTimeout", ...
    QString agentFailureRateKey(AgentFailure failure);
    QList<AgentFailure> agentFailures(); // every one but None, in declaration order

    // One virtual ESP32 running a production-style OTA agent against
    // ota-server (docs/device-api.md). Durations are simulated seconds: the
    // fleet divides them by its time scale.
    struct AgentConfig
    {
        QString id;                      // device id, also its folder under <stateDir>/agents/
        QStringList tags;                // given to the server at enrolment
        QString chip = QStringLiteral("esp32");
        QString board = QStringLiteral("esp32dev");
        QString project = QStringLiteral("smart-building");
        QString version = QStringLiteral("1.0.0"); // runs this at first (slot ota_0)
        double batteryPercent = 100;     // at first
        double batteryDrainPerHour = 0.05; // percentage points per simulated hour; negative: charging
        int deferBelowPercent = 40;      // the rollout's threshold (docs/device-api.md has no field for it)
        int rssi = -60;
        qint64 downloadBytesPerSecond = 50000;
        qint64 flashBytesPerSecond = 200000;
        qint64 otaSlotBytes = 0x1E0000;  // each OTA app partition (min_spiffs, 4 MB flash); reported at check-in
        int checkInSeconds = 3600;       // mean; each interval gets +-10% jitter
        int rebootSeconds = 20;
        int healthCheckSeconds = 30;
        int downloadTimeoutSeconds = 120;
        QStringList healthChecks = {QStringLiteral("sensors"), QStringLiteral("wifi"), QStringLiteral("mqtt")};
        QString failingCheck = QStringLiteral("mqtt"); // the check that fails with AgentFailure::HealthCheck
        AgentFailure failure = AgentFailure::None;
        double failureAtFraction = 0.5; // how far a download gets before a timeout or a dead battery
        bool alsoLan = false;           // also a LAN device (espota + mDNS) with the same id and version
    };
} // namespace Simulator
