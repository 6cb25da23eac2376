#include "models/stagegatemodel.h"

#include <QJsonArray>

#include "models/modelroles.h"
#include "models/statekind.h"

namespace Models
{
    std::optional<double> StageGate::successRate() const
    {
        return executed > 0 ? std::optional<double>(double(succeeded) / executed) : std::nullopt;
    }

    std::optional<double> StageGate::rollbackRate() const
    {
        return executed > 0 ? std::optional<double>(double(rolledBack) / executed) : std::nullopt;
    }

    bool StageGate::meetsGate() const
    {
        // Nothing executed passes, as the engine decides.
        if (executed == 0)
            return true;
        return *successRate() >= minSuccessRate && (!maxRollbackRate || *rollbackRate() <= *maxRollbackRate);
    }

    QList<StageGate> StageGate::fromDetail(const Rollout::RolloutDetail &detail)
    {
        const QJsonArray specs = detail.spec.value(QStringLiteral("stages")).toArray();
        QList<StageGate> out;
        for (qsizetype i = 0; i < detail.summary.stages.size(); ++i) {
            const Rollout::StageSummary &summary = detail.summary.stages.at(i);
            const QJsonObject spec = specs.at(i).toObject();
            StageGate g;
            g.name = summary.name;
            g.status = summary.status;
            g.counts = summary.counts;
            g.succeeded = summary.counts.of(QStringLiteral("SUCCEEDED"));
            g.rolledBack = summary.counts.of(QStringLiteral("ROLLED_BACK"));
            g.executed = g.succeeded + g.rolledBack + summary.counts.of(QStringLiteral("FAILED"))
                + summary.counts.of(QStringLiteral("TIMED_OUT")) + summary.counts.of(QStringLiteral("REJECTED"));
            g.minSuccessRate = spec.value(QStringLiteral("minSuccessRate")).toDouble();
            if (spec.contains(QStringLiteral("maxRollbackRate")))
                g.maxRollbackRate = spec.value(QStringLiteral("maxRollbackRate")).toDouble();
            g.soakSeconds = spec.value(QStringLiteral("soakSeconds")).toInteger();
            g.gateAction = spec.value(QStringLiteral("gateAction")).toString();
            if (i < detail.stages.size()) {
                g.soakEndsAt = detail.stages.at(i).soakEndsAt;
                g.gateResult = detail.stages.at(i).gateResult;
            }
            out.append(g);
        }
        return out;
    }

    QString rateText(std::optional<double> rate, int part, int whole)
    {
        if (!rate)
            return StageGateModel::tr("— (nothing executed)");
        return StageGateModel::tr("%1% (%2/%3)").arg(*rate * 100, 0, 'f', 1).arg(part).arg(whole);
    }

    QString spanText(qint64 seconds)
    {
        seconds = qMax<qint64>(0, seconds);
        if (seconds < 60)
            return StageGateModel::tr("%1 s").arg(seconds);
        if (seconds < 3600)
            return StageGateModel::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
        return StageGateModel::tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
    }

    StageGateModel::StageGateModel(QObject *parent) : QAbstractTableModel(parent), m_now(QDateTime::currentDateTimeUtc()) {}

    int StageGateModel::rowCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : int(m_stages.size());
    }

    int StageGateModel::columnCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    void StageGateModel::setDetail(const Rollout::RolloutDetail &detail)
    {
        QList<StageGate> stages = StageGate::fromDetail(detail);
        if (detail.summary.id != m_rolloutId || stages.size() != m_stages.size()) {
            beginResetModel();
            m_rolloutId = detail.summary.id;
            m_stages = std::move(stages);
            endResetModel();
            return;
        }
        m_stages = std::move(stages);
        if (!m_stages.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_stages.size()) - 1, ColumnCount - 1));
    }

    void StageGateModel::clear()
    {
        beginResetModel();
        m_rolloutId.clear();
        m_stages.clear();
        endResetModel();
    }

    void StageGateModel::setNow(const QDateTime &now)
    {
        m_now = now;
        if (!m_stages.isEmpty())
            Q_EMIT dataChanged(index(0, SoakColumn), index(int(m_stages.size()) - 1, SoakColumn), {Qt::DisplayRole});
    }

    QString StageGateModel::soakText(int row) const
    {
        if (row < 0 || row >= m_stages.size())
            return {};
        const StageGate &g = m_stages.at(row);
        if (g.status != QStringLiteral("SOAKING") || !g.soakEndsAt.isValid())
            return {};
        return tr("soak ends in %1").arg(spanText(m_now.secsTo(g.soakEndsAt)));
    }

    QVariant StageGateModel::data(const QModelIndex &index, int role) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const StageGate &g = m_stages.at(index.row());
        switch (role) {
        case Qt::DisplayRole: return display(g, index.row(), index.column());
        case Qt::ToolTipRole:
            if (index.column() == SoakColumn && g.soakEndsAt.isValid())
                return g.soakEndsAt.toLocalTime().toString(Qt::ISODate);
            return index.column() == GateColumn ? g.gateResult : QVariant();
        case SortRole: return index.row();
        case StateKindRole:
            if (index.column() == SuccessColumn || index.column() == RollbackColumn)
                return int(g.meetsGate() ? StateKind::Good : StateKind::Bad);
            return int(stateKindOf(g.status));
        default: return {};
        }
    }

    QVariant StageGateModel::display(const StageGate &g, int row, int column) const
    {
        switch (column) {
        case StageColumn: return tr("%1. %2").arg(row + 1).arg(g.name);
        case StatusColumn: return g.status;
        case DevicesColumn: return tr("%1 executed of %2").arg(g.executed).arg(g.counts.total);
        case SuccessColumn:
            return tr("%1, min %2%").arg(rateText(g.successRate(), g.succeeded, g.executed))
                .arg(g.minSuccessRate * 100, 0, 'f', 1);
        case RollbackColumn:
            if (!g.maxRollbackRate)
                return tr("%1, no maximum").arg(rateText(g.rollbackRate(), g.rolledBack, g.executed));
            return tr("%1, max %2%").arg(rateText(g.rollbackRate(), g.rolledBack, g.executed))
                .arg(*g.maxRollbackRate * 100, 0, 'f', 1);
        case SoakColumn: {
            const QString countdown = soakText(row);
            if (!countdown.isEmpty())
                return countdown;
            return tr("%1 soak").arg(spanText(g.soakSeconds));
        }
        case GateColumn:
            return g.gateResult.isEmpty() ? (g.gateAction == QStringLiteral("pause") ? tr("pauses for an operator")
                                                                                      : tr("advances by itself"))
                                          : g.gateResult;
        default: return {};
        }
    }

    QVariant StageGateModel::headerData(int section, Qt::Orientation orientation, int role) const
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        switch (section) {
        case StageColumn: return tr("Stage");
        case StatusColumn: return tr("Status");
        case DevicesColumn: return tr("Devices");
        case SuccessColumn: return tr("Success rate");
        case RollbackColumn: return tr("Rollback rate");
        case SoakColumn: return tr("Soak");
        case GateColumn: return tr("Gate");
        default: return {};
        }
    }
} // namespace Models
