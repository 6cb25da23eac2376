#include "devicetransitions.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine::DeviceTransitions
{
    namespace
    {
        QString reportable()
        {
            QStringList list;
            for (DeviceState s : {DeviceState::Notified, DeviceState::Downloading, DeviceState::Downloaded,
                                  DeviceState::Installing, DeviceState::Rebooting, DeviceState::Verifying,
                                  DeviceState::Succeeded, DeviceState::Failed, DeviceState::RolledBack,
                                  DeviceState::Rejected, DeviceState::Deferred, DeviceState::Canceled})
                list.append(name(s));
            return list.join(u", ");
        }

        QString orDefault(const QString &detail, const QString &fallback)
        {
            return detail.trimmed().isEmpty() ? fallback : detail;
        }

        bool batteryLow(const DeviceReport &report, const RolloutSpec &spec)
        {
            return report.batteryPercent && *report.batteryPercent < spec.batteryDeferBelow;
        }

        QString batteryText(const DeviceReport &report, const RolloutSpec &spec)
        {
            return u"battery "_s + QString::number(report.batteryPercent.value_or(0)) + u"% is below "
                + QString::number(spec.batteryDeferBelow) + u"%: deferred, not failed; retried at a later check-in";
        }

        Result<Outcome, QString> refuse(const QString &why)
        {
            return why;
        }

        // After the image was written and the device rebooted, the running
        // version says which slot booted.
        Result<Outcome, QString> afterReboot(const DeviceEntry &entry, const DeviceReport &report, const RolloutSpec &spec)
        {
            const QString &next = spec.release.version;
            if (report.version.isEmpty())
                return refuse(name(report.state) + u" needs the version the device runs after its reboot");
            if (report.version != next && report.version == entry.previousVersion) {
                const FailureType type = report.failureType == FailureType::None ? FailureType::Boot : report.failureType;
                return Outcome{DeviceState::RolledBack, type,
                               orDefault(report.detail, u"booted the previous version "_s + report.version
                                                            + u" after the update: rolled back")};
            }
            if (report.version != next)
                return refuse(u"the device runs "_s + report.version + u", neither the release " + next
                    + u" nor its previous version " + entry.previousVersion);
            if (report.state == DeviceState::Succeeded && !report.healthPassed) {
                if (entry.state == DeviceState::Verifying)
                    return Outcome{entry.state, {}, {}, true};
                return Outcome{DeviceState::Verifying, {}, u"runs "_s + next + u"; health checks not passed yet"};
            }
            if (report.state == entry.state)
                return Outcome{entry.state, {}, {}, true};
            const QString fallback = u"runs "_s + next
                + (report.state == DeviceState::Succeeded ? u" after reboot with health checks passed"_s : u"; verifying"_s);
            return Outcome{report.state, FailureType::None, orDefault(report.detail, fallback)};
        }
    } // namespace

    Result<Outcome, QString> apply(const DeviceEntry &entry, const DeviceReport &report, const RolloutSpec &spec)
    {
        const DeviceState from = entry.state;
        const DeviceState to = report.state;
        if (isFinal(from)) {
            if (to == from)
                return Outcome{from, entry.failureType, {}, true};
            return refuse(u"it is "_s + name(from) + u", a final state; it cannot become " + name(to));
        }
        const bool beforeInstall = from < DeviceState::Installing || from == DeviceState::Deferred;
        switch (to) {
        case DeviceState::Scheduled:
        case DeviceState::TimedOut:
        case DeviceState::AlreadyInstalled:
            return refuse(name(to) + u" is set by the server, not reported by a device; a device reports one of "
                + reportable());
        case DeviceState::Deferred:
            if (!beforeInstall)
                return refuse(u"it is "_s + name(from) + u"; a device defers only before it installs");
            if (from == DeviceState::Deferred)
                return Outcome{from, {}, {}, true};
            return Outcome{DeviceState::Deferred, FailureType::None,
                           batteryLow(report, spec) ? batteryText(report, spec)
                                                    : orDefault(report.detail, u"deferred by the device"_s)};
        case DeviceState::Canceled:
            if (!beforeInstall)
                return refuse(u"it is "_s + name(from) + u"; too late to cancel: it finishes or rolls back on the device");
            return Outcome{DeviceState::Canceled, FailureType::None, orDefault(report.detail, u"canceled by the device"_s)};
        case DeviceState::Rejected:
            if (!beforeInstall)
                return refuse(u"it is "_s + name(from) + u"; a device rejects a release only before installing it");
            return Outcome{DeviceState::Rejected,
                           report.failureType == FailureType::None ? FailureType::Rejected : report.failureType,
                           orDefault(report.detail, u"the device rejected the release"_s)};
        case DeviceState::Failed:
            return Outcome{DeviceState::Failed,
                           report.failureType == FailureType::None ? FailureType::Other : report.failureType,
                           orDefault(report.detail, u"the device reported a failure"_s)};
        case DeviceState::RolledBack:
            if (!report.version.isEmpty() && report.version == spec.release.version)
                return refuse(u"the device reports ROLLED_BACK but runs the new version "_s + report.version);
            return Outcome{DeviceState::RolledBack,
                           report.failureType == FailureType::None ? FailureType::Other : report.failureType,
                           orDefault(report.detail, u"the device rolled back to "_s + entry.previousVersion)};
        case DeviceState::Verifying:
        case DeviceState::Succeeded:
            return afterReboot(entry, report, spec);
        default:
            break;
        }
        // NOTIFIED .. REBOOTING: forward only.
        if (batteryLow(report, spec) && to < DeviceState::Installing && beforeInstall) {
            if (from == DeviceState::Deferred)
                return Outcome{from, {}, {}, true};
            return Outcome{DeviceState::Deferred, FailureType::None, batteryText(report, spec)};
        }
        if (to == from)
            return Outcome{from, {}, {}, true};
        if (from != DeviceState::Deferred && to < from)
            return refuse(u"it is already "_s + name(from) + u"; a device moves forward and cannot go back to " + name(to));
        return Outcome{to, FailureType::None, report.detail};
    }
} // namespace Engine::DeviceTransitions
