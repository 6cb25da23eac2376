#include "rolloutsummary.h"

#include <QSet>

#include "wirereader.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    const QStringList &deviceStates()
    {
        static const QStringList states{u"SCHEDULED"_s, u"NOTIFIED"_s,  u"DOWNLOADING"_s,      u"DOWNLOADED"_s,
                                        u"INSTALLING"_s, u"REBOOTING"_s, u"VERIFYING"_s,        u"SUCCEEDED"_s,
                                        u"FAILED"_s,     u"ROLLED_BACK"_s, u"TIMED_OUT"_s,      u"REJECTED"_s,
                                        u"DEFERRED"_s,   u"ALREADY_INSTALLED"_s, u"CANCELED"_s};
        return states;
    }

    bool isFinalRolloutState(const QString &state)
    {
        static const QSet<QString> finals{u"FINISHED"_s, u"STOPPED"_s, u"ROLLED_BACK"_s, u"DENIED"_s};
        return finals.contains(state);
    }

    QList<std::pair<QString, int>> StateCounts::nonZero() const
    {
        QList<std::pair<QString, int>> out;
        for (const QString &state : deviceStates()) {
            if (const int n = of(state); n > 0)
                out.append({state, n});
        }
        for (auto it = byState.cbegin(); it != byState.cend(); ++it) {
            if (it.value() > 0 && !deviceStates().contains(it.key()))
                out.append({it.key(), it.value()});
        }
        return out;
    }

    Result<StateCounts, QString> StateCounts::fromJson(const QJsonObject &object)
    {
        StateCounts counts;
        bool hasTotal = false;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it.value().isDouble())
                return u"counts.%1 is not a number"_s.arg(it.key());
            if (it.key() == u"total"_s) {
                counts.total = it.value().toInt();
                hasTotal = true;
            } else {
                counts.byState.insert(it.key(), it.value().toInt());
            }
        }
        if (!hasTotal)
            return u"counts.total is missing"_s;
        return counts;
    }

    QString RolloutSummary::stateText() const
    {
        if (state == u"PAUSED"_s && !pauseReason.isEmpty() && pauseReason != u"none"_s)
            return u"PAUSED (%1)"_s.arg(pauseReason);
        return state;
    }

    Result<std::monostate, QString> RolloutSummary::readCounts(const QJsonObject &counts, RolloutSummary &into)
    {
        auto total = StateCounts::fromJson(counts.value(u"total"_s).toObject());
        if (!total)
            return QString(u"counts.total: "_s + total.error());
        into.total = std::move(total).value();
        into.stages.clear();
        const QJsonArray stages = counts.value(u"stages"_s).toArray();
        for (qsizetype i = 0; i < stages.size(); ++i) {
            const QJsonObject stage = stages.at(i).toObject();
            QStringList problems;
            WireReader read(stage, u"counts.stages[%1]"_s.arg(i), problems);
            StageSummary summary{read.string(u"name"), read.string(u"status"), {}};
            auto stageCounts = StateCounts::fromJson(read.object(u"counts"));
            if (!stageCounts)
                problems.append(u"counts.stages[%1]: %2"_s.arg(i).arg(stageCounts.error()));
            else
                summary.counts = std::move(stageCounts).value();
            if (auto ok = wireProblems(problems); !ok)
                return ok.error();
            into.stages.append(summary);
        }
        return std::monostate{};
    }

    Result<RolloutSummary, QString> RolloutSummary::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        WireReader read(object, u"rollout"_s, problems);
        RolloutSummary summary;
        summary.id = read.string(u"id");
        summary.name = read.string(u"name");
        summary.state = read.string(u"state");
        summary.pauseReason = read.optionalString(u"pauseReason");
        summary.stateReason = read.optionalString(u"stateReason");
        summary.currentStage = int(read.integer(u"currentStage"));
        const QJsonObject release = read.object(u"release");
        summary.releaseSha256 = release.value(u"sha256"_s).toString();
        summary.releaseVersion = release.value(u"version"_s).toString();
        summary.createdBy = read.optionalString(u"createdBy");
        summary.createdAt = read.time(u"createdAt");
        const QJsonObject counts = read.object(u"counts");
        summary.json = object;
        if (auto ok = wireProblems(problems); !ok)
            return ok.error();
        if (auto ok = readCounts(counts, summary); !ok)
            return ok.error();
        return summary;
    }
} // namespace Rollout
