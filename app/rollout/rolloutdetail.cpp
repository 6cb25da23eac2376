#include "rolloutdetail.h"

#include "wirereader.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    Result<RolloutDevice, QString> RolloutDevice::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        WireReader read(object, u"entry"_s, problems);
        RolloutDevice device;
        device.deviceId = read.string(u"deviceId");
        device.stage = int(read.integer(u"stage"));
        device.state = read.string(u"state");
        device.failureType = read.optionalString(u"failureType");
        device.detail = read.optionalString(u"detail");
        device.previousVersion = read.optionalString(u"previousVersion");
        device.reportedVersion = read.optionalString(u"reportedVersion");
        device.cancelRequested = read.optionalBoolean(u"cancelRequested");
        device.rollbackOrdered = read.optionalBoolean(u"rollbackOrdered");
        device.stateSince = read.time(u"stateSince");
        device.json = object;
        if (auto ok = wireProblems(problems); !ok)
            return ok.error();
        return device;
    }

    Result<RolloutDetail, QString> RolloutDetail::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        WireReader read(object, u"rollout"_s, problems);
        RolloutDetail detail;
        RolloutSummary &summary = detail.summary;
        summary.id = read.string(u"id");
        detail.spec = read.object(u"spec");
        // The record keeps name and release inside its spec; the summary has them at the top.
        summary.name = detail.spec.value(u"name"_s).toString();
        const QJsonObject release = detail.spec.value(u"release"_s).toObject();
        summary.releaseSha256 = release.value(u"sha256"_s).toString();
        summary.releaseVersion = release.value(u"version"_s).toString();
        summary.state = read.string(u"state");
        summary.pauseReason = read.optionalString(u"pauseReason");
        summary.stateReason = read.optionalString(u"stateReason");
        summary.currentStage = int(read.integer(u"currentStage"));
        summary.createdBy = read.optionalString(u"createdBy");
        summary.createdAt = read.time(u"createdAt");
        summary.json = object;
        detail.activeSince = read.time(u"activeSince");
        detail.breakGlass = read.object(u"breakGlass");

        const QJsonArray stages = read.array(u"stages");
        for (qsizetype i = 0; i < stages.size(); ++i) {
            WireReader stage(stages.at(i).toObject(), u"rollout.stages[%1]"_s.arg(i), problems);
            detail.stages.append({stage.string(u"status"), int(stage.integer(u"deviceCount")), stage.time(u"activatedAt"),
                                  stage.time(u"soakEndsAt"), stage.time(u"endedAt"), stage.optionalString(u"gateResult")});
        }
        const QJsonArray approvals = object.value(u"approvals"_s).toArray();
        for (qsizetype i = 0; i < approvals.size(); ++i) {
            WireReader approval(approvals.at(i).toObject(), u"rollout.approvals[%1]"_s.arg(i), problems);
            detail.approvals.append({approval.time(u"at"), approval.string(u"actor"), approval.boolean(u"approved"),
                                     approval.optionalString(u"remark")});
        }
        const QJsonArray history = object.value(u"history"_s).toArray();
        for (qsizetype i = 0; i < history.size(); ++i) {
            WireReader change(history.at(i).toObject(), u"rollout.history[%1]"_s.arg(i), problems);
            detail.history.append({change.time(u"at"), change.optionalString(u"from"), change.string(u"to"),
                                   change.optionalString(u"pauseReason"), change.optionalString(u"actor"),
                                   change.optionalString(u"action"), change.optionalString(u"reason")});
        }
        const QJsonObject counts = read.object(u"counts");
        if (auto ok = wireProblems(problems); !ok)
            return ok.error();
        if (auto ok = RolloutSummary::readCounts(counts, summary); !ok)
            return ok.error();
        return detail;
    }
} // namespace Rollout
