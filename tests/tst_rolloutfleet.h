#pragma once

// Shared by the tst_rollout* tests: a fleet of in-memory targets, an engine
// on a ManualClock (policy in UTC, starting Monday 2024-03-11 09:00), and
// helpers that play a device's side of an update.

#include <QTest>

#include "engine/manualclock.h"
#include "engine/rolloutengine.h"

namespace RolloutFleet
{
    using namespace Qt::Literals::StringLiterals;
    using namespace Engine;

    inline const QString OldVersion = u"2.3.1"_s;
    inline const QString NewVersion = u"2.3.2"_s;
    inline const QString Sha = QString(64, u'a');

    inline QDateTime utc(int year, int month, int day, int hour, int minute = 0)
    {
        return QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone::utc());
    }
    inline QDateTime monday0900() { return utc(2024, 3, 11, 9); }

    inline ReleaseRef release() { return {NewVersion, Sha}; }

    inline QString deviceId(int i) { return u"dev-%1"_s.arg(i, 4, 10, QLatin1Char('0')); }

    inline QList<DeviceTarget> targets(int count, int firstIndex = 0)
    {
        QList<DeviceTarget> out;
        out.reserve(count);
        for (int i = firstIndex; i < firstIndex + count; ++i)
            out.append({deviceId(i), OldVersion, u"esp32"_s, u"sensor-v2"_s, u"smart-building-sensor"_s, {}, 80});
        return out;
    }

    // A small spec: stages of the given sizes, auto gates, no soak, no approval.
    inline RolloutSpec smallSpec(const QList<int> &sizes, double minSuccessRate = 0.9)
    {
        RolloutSpec spec;
        spec.name = u"test rollout"_s;
        spec.release = release();
        for (qsizetype i = 0; i < sizes.size(); ++i) {
            StageSpec stage;
            stage.name = u"s"_s + QString::number(i + 1);
            stage.size = sizes[i] > 0 ? StageSize{StageSize::Kind::Count, double(sizes[i])}
                                      : StageSize{StageSize::Kind::Percent, 100};
            stage.minSuccessRate = minSuccessRate;
            spec.stages.append(stage);
        }
        return spec;
    }

    struct Bench
    {
        ManualClock clock{monday0900()};
        RolloutEngine engine{clock, DeploymentWindowPolicy::defaultPolicy(QTimeZone::utc())};

        // Creates (and approves, as "bob", when needed) and starts; returns the id.
        QString startRollout(const RolloutSpec &spec, const QList<DeviceTarget> &fleet)
        {
            auto created = engine.create(spec, fleet, u"alice"_s);
            if (!created) {
                qWarning().noquote() << created.error().message;
                return {};
            }
            const QString id = created->rolloutId;
            if (spec.requiresApproval && !engine.approve(id, u"bob"_s, u"looks good"_s))
                return {};
            auto started = engine.start(id, u"alice"_s, u"go"_s);
            if (!started) {
                qWarning().noquote() << started.error().message;
                return {};
            }
            return id;
        }

        bool report(const QString &id, const QString &device, DeviceState state, const QString &version = {},
                    bool health = false, FailureType type = FailureType::None)
        {
            DeviceReport r;
            r.state = state;
            r.version = version;
            r.healthPassed = health;
            r.failureType = type;
            const auto result = engine.onDeviceReport(id, device, r);
            if (!result)
                qWarning().noquote() << result.error().message;
            return bool(result);
        }

        enum class Path
        {
            Succeed,
            RollBack,      // the new image fails its health checks; the device boots the old slot
            FailBoot,
            FailBattery,
            FailDownload,
            Silent,        // told to install, never reports again
        };

        // Plays one device from its check-in to its end; false on any refusal.
        bool drive(const QString &id, const QString &device, Path path)
        {
            const auto reply = engine.instructionFor(device, {OldVersion, 80});
            if (reply.instruction.kind != Instruction::Kind::Install) {
                qWarning().noquote() << device << "got" << Instruction::kindName(reply.instruction.kind);
                return false;
            }
            switch (path) {
            case Path::Silent:
                return true;
            case Path::FailDownload:
                return report(id, device, DeviceState::Downloading)
                    && report(id, device, DeviceState::Failed, OldVersion, false, FailureType::Download);
            case Path::FailBattery:
                return report(id, device, DeviceState::Downloaded)
                    && report(id, device, DeviceState::Failed, OldVersion, false, FailureType::Battery);
            default:
                break;
            }
            if (!(report(id, device, DeviceState::Downloading) && report(id, device, DeviceState::Downloaded)
                  && report(id, device, DeviceState::Installing) && report(id, device, DeviceState::Rebooting)))
                return false;
            switch (path) {
            case Path::Succeed:
                return report(id, device, DeviceState::Verifying, NewVersion)
                    && report(id, device, DeviceState::Succeeded, NewVersion, true);
            case Path::RollBack:
                return report(id, device, DeviceState::Verifying, NewVersion)
                    && report(id, device, DeviceState::RolledBack, OldVersion, false, FailureType::HealthCheck);
            case Path::FailBoot:
                return report(id, device, DeviceState::Failed, OldVersion, false, FailureType::Boot);
            default:
                return false;
            }
        }

        const Rollout &rollout(const QString &id) const { return *engine.rollout(id); }
        DeviceState state(const QString &id, const QString &device) const { return rollout(id).device(device)->state; }

        // The ids of a stage's devices, in assignment order.
        QStringList stageDevices(const QString &id, int stage) const
        {
            QStringList out;
            for (const DeviceEntry &entry : rollout(id).devices) {
                if (entry.stage == stage)
                    out.append(entry.deviceId);
            }
            return out;
        }
    };

    inline bool hasChange(const Changes &changes, const QString &action)
    {
        return std::any_of(changes.cbegin(), changes.cend(), [&](const Change &c) { return c.action == action; });
    }
} // namespace RolloutFleet
