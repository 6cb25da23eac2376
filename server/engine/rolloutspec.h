#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include "abortrule.h"
#include "deploymentwindowpolicy.h"
#include "result.h"
#include "stagespec.h"
#include "targetselector.h"

namespace Engine
{
    // The release a rollout installs: its version (what devices report when
    // they run it) and the SHA-256 of its image (lower-case hex).
    struct ReleaseRef
    {
        QString version;
        QString sha256;

        QJsonObject toJson() const;
        bool operator==(const ReleaseRef &other) const = default;
    };

    // What an operator asks for (ROLLOUTS.md "A rollout"). JSON keys are the
    // member names; durations are whole seconds ("soakSeconds",
    // "perDeviceTimeoutSeconds"); retries map a failure type name to how many
    // more attempts a device gets after a failure of that type.
    struct RolloutSpec
    {
        static constexpr int DefaultBatteryDeferBelow = 40;

        QString name;
        ReleaseRef release;
        TargetSelector targets;
        QList<StageSpec> stages;
        QList<AbortRule> abortRules; // global: counted over the whole rollout
        qint64 perDeviceTimeoutSeconds = 2 * 3600;
        QMap<FailureType, int> retries;
        int batteryDeferBelow = DefaultBatteryDeferBelow;
        bool requiresApproval = false;
        std::optional<DeploymentWindowPolicy> maintenanceWindow;

        int retriesFor(FailureType type) const { return retries.value(type, 0); }

        // Every problem, each saying where and what to change, e.g.
        // "stage 2 (pilot): minSuccessRate 1.5 is not between 0 and 1".
        QStringList validate() const;
        QJsonObject toJson() const;
        // Reads and validates: the spec, or every problem found.
        static Result<RolloutSpec, QStringList> fromJson(const QJsonObject &object);

        // The case study of ROLLOUTS.md: canary 50 (0.95 / 0.05 / 24 h),
        // pilot 500 (0.98 / 0.02 / 48 h), full the rest (0.99 / - / 168 h),
        // auto gates; abort rules for boot (stop), health_check and
        // connectivity (pause) failures; downloads retried 3 times, timeouts
        // once; battery below 40% defers; approval required.
        static RolloutSpec caseStudy(const ReleaseRef &release);

        bool operator==(const RolloutSpec &other) const = default;
    };
} // namespace Engine
