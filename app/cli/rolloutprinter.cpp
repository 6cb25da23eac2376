#include "rolloutprinter.h"

#include "command.h"
#include "texttable.h"

using namespace Qt::Literals::StringLiterals;
using namespace Rollout;

namespace Cli::RolloutPrinter
{
    namespace
    {
        QString stageText(const RolloutSummary &summary)
        {
            if (summary.currentStage < 0 || summary.currentStage >= summary.stages.size())
                return u"not started (%1 stages)"_s.arg(summary.stages.size());
            return u"%1 of %2 (%3)"_s.arg(summary.currentStage + 1)
                .arg(summary.stages.size())
                .arg(summary.stages.at(summary.currentStage).name);
        }

        void printStages(const RolloutSummary &summary, const QList<StageRecord> &records = {})
        {
            TextTable table({u"STAGE"_s, u"STATUS"_s, u"DEVICES"_s, u"BY STATE"_s, records.isEmpty() ? QString() : u"WHY"_s});
            for (qsizetype i = 0; i < summary.stages.size(); ++i) {
                const StageSummary &stage = summary.stages.at(i);
                table.addRow({stage.name, stage.status, QString::number(stage.counts.total), countsText(stage.counts),
                              i < records.size() ? records.at(i).gateResult : QString()});
            }
            table.print(out());
        }
    } // namespace

    QString countsText(const StateCounts &counts)
    {
        QStringList parts;
        for (const auto &[state, n] : counts.nonZero())
            parts.append(u"%1 %2"_s.arg(state).arg(n));
        return parts.isEmpty() ? u"no devices"_s : parts.join(u", "_s);
    }

    void printSummary(const RolloutSummary &summary)
    {
        out() << "rollout:  " << summary.id << "  '" << summary.name << "'\n"
              << "release:  " << summary.releaseVersion << " (sha256 " << summary.releaseSha256 << ")\n"
              << "state:    " << summary.stateText() << (summary.stateReason.isEmpty() ? QString() : u": "_s + summary.stateReason) << "\n"
              << "stage:    " << stageText(summary) << "\n"
              << "devices:  " << summary.total.total << ": " << countsText(summary.total) << "\n"
              << "created:  " << formatTime(summary.createdAt) << " by " << summary.createdBy << "\n";
        printStages(summary);
    }

    void printDetail(const RolloutDetail &detail)
    {
        const RolloutSummary &summary = detail.summary;
        out() << "rollout:  " << summary.id << "  '" << summary.name << "'\n"
              << "release:  " << summary.releaseVersion << " (sha256 " << summary.releaseSha256 << ")\n"
              << "state:    " << summary.state << "\n"
              << "paused:   " << (summary.state == u"PAUSED"_s ? summary.pauseReason : u"no"_s) << "\n"
              << "why:      " << (summary.stateReason.isEmpty() ? u"-"_s : summary.stateReason) << "\n"
              << "stage:    " << stageText(summary) << "\n"
              << "devices:  " << summary.total.total << ": " << countsText(summary.total) << "\n"
              << "created:  " << formatTime(summary.createdAt) << " by " << summary.createdBy << "\n";
        for (const Approval &approval : detail.approvals) {
            out() << (approval.approved ? "approved: " : "denied:   ") << formatTime(approval.at) << " by " << approval.actor
                  << (approval.remark.isEmpty() ? QString() : u": "_s + approval.remark) << "\n";
        }
        if (!detail.breakGlass.isEmpty()) {
            out() << "break-glass: " << detail.breakGlass.value(u"actor"_s).toString() << ", "
                  << detail.breakGlass.value(u"devicesOrdered"_s).toInt() << " devices ordered back: "
                  << detail.breakGlass.value(u"reason"_s).toString() << "\n";
        }
        printStages(summary, detail.stages);
    }

    void printPreview(const RolloutPreview &preview)
    {
        out() << "would target:       " << preview.matching << " devices (" << preview.alreadyInstalled
              << " already run the release)\n"
              << "left out:           " << preview.neverSeen << " never seen, " << preview.otherChip << " of another chip\n"
              << "image:              " << preview.imageSize << " bytes per device\n"
              << "deployment window:  " << (preview.window.open ? "open" : "closed") << ": " << preview.window.describe << "\n";
        if (!preview.window.open) {
            out() << "opens next:         "
                  << (preview.window.nextOpening.isValid() ? formatTime(preview.window.nextOpening) : u"never"_s)
                  << " (start with --override-window REASON to act now)\n";
        }
        out().flush();
    }

    QString watchLine(const RolloutSummary &summary)
    {
        QStringList parts{summary.stateText() + (summary.currentStage >= 0
                                                     ? u" stage %1/%2"_s.arg(summary.currentStage + 1).arg(summary.stages.size())
                                                     : QString())};
        for (const StageSummary &stage : summary.stages)
            parts.append(u"%1 %2: %3"_s.arg(stage.name, stage.status, countsText(stage.counts)));
        return parts.join(u" | "_s);
    }
} // namespace Cli::RolloutPrinter
