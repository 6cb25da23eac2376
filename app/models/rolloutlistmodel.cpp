#include "models/rolloutlistmodel.h"

#include <QSet>

#include "models/modelroles.h"
#include "models/statekind.h"

namespace Models
{
    RolloutListModel::RolloutListModel(QObject *parent) : QAbstractTableModel(parent) {}

    int RolloutListModel::rowCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : int(m_rollouts.size());
    }

    int RolloutListModel::columnCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    const Rollout::RolloutSummary *RolloutListModel::rollout(int row) const
    {
        return row >= 0 && row < m_rollouts.size() ? &m_rollouts.at(row) : nullptr;
    }

    int RolloutListModel::progressPercent(const Rollout::RolloutSummary &r)
    {
        if (r.total.total <= 0)
            return 0;
        // Device states nothing moves on from, per ROLLOUTS.md.
        static const QStringList done{QStringLiteral("SUCCEEDED"), QStringLiteral("FAILED"),
                                      QStringLiteral("ROLLED_BACK"), QStringLiteral("TIMED_OUT"),
                                      QStringLiteral("REJECTED"), QStringLiteral("ALREADY_INSTALLED"),
                                      QStringLiteral("CANCELED")};
        int finished = 0;
        for (const QString &state : done)
            finished += r.total.of(state);
        return int(qint64(finished) * 100 / r.total.total);
    }

    QVariant RolloutListModel::data(const QModelIndex &index, int role) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Rollout::RolloutSummary &r = m_rollouts.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            return display(r, index.column());
        case SortRole:
            switch (index.column()) {
            case StageColumn: return r.currentStage;
            case ProgressColumn: return progressPercent(r);
            default: return display(r, index.column());
            }
        case StateKindRole:
            return int(stateKindOf(r.state));
        case IdRole:
            return r.id;
        default:
            return {};
        }
    }

    QVariant RolloutListModel::display(const Rollout::RolloutSummary &r, int column) const
    {
        switch (column) {
        case IdColumn: return r.id;
        case NameColumn: return r.name;
        case StateColumn: return r.stateText();
        case StageColumn:
            if (r.currentStage < 0)
                return tr("not started (%n stages)", nullptr, int(r.stages.size()));
            return tr("%1 of %2").arg(r.currentStage + 1).arg(r.stages.size());
        case ProgressColumn: return tr("%1 %").arg(progressPercent(r));
        case ReleaseColumn: return r.releaseVersion;
        default: return {};
        }
    }

    QVariant RolloutListModel::headerData(int section, Qt::Orientation orientation, int role) const
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return QAbstractTableModel::headerData(section, orientation, role);
        switch (section) {
        case IdColumn: return tr("Id");
        case NameColumn: return tr("Name");
        case StateColumn: return tr("State");
        case StageColumn: return tr("Stage");
        case ProgressColumn: return tr("Progress");
        case ReleaseColumn: return tr("Release");
        default: return {};
        }
    }

    void RolloutListModel::update(const QList<Rollout::RolloutSummary> &rollouts)
    {
        QSet<QString> present;
        QList<Rollout::RolloutSummary> added;
        for (const Rollout::RolloutSummary &incoming : rollouts) {
            present.insert(incoming.id);
            const int row = m_rowById.value(incoming.id, -1);
            if (row < 0) {
                added.append(incoming);
            } else if (m_rollouts.at(row).json != incoming.json) {
                m_rollouts[row] = incoming;
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
        }
        // Rollouts are few (tens to hundreds): one removeRows per gone row is fine.
        for (int row = int(m_rollouts.size()) - 1; row >= 0; --row) {
            if (present.contains(m_rollouts.at(row).id))
                continue;
            beginRemoveRows({}, row, row);
            m_rollouts.removeAt(row);
            endRemoveRows();
        }
        if (!added.isEmpty()) {
            const int first = int(m_rollouts.size());
            beginInsertRows({}, first, first + int(added.size()) - 1);
            m_rollouts.append(added);
            endInsertRows();
        }
        rebuildIndex();
    }

    void RolloutListModel::applySummary(const Rollout::RolloutSummary &summary)
    {
        const int row = m_rowById.value(summary.id, -1);
        if (row >= 0) {
            if (m_rollouts.at(row).json != summary.json) {
                m_rollouts[row] = summary;
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            return;
        }
        const int last = int(m_rollouts.size());
        beginInsertRows({}, last, last);
        m_rollouts.append(summary);
        m_rowById.insert(summary.id, last);
        endInsertRows();
    }

    void RolloutListModel::rebuildIndex()
    {
        m_rowById.clear();
        for (int i = 0; i < m_rollouts.size(); ++i)
            m_rowById.insert(m_rollouts.at(i).id, i);
    }
} // namespace Models
