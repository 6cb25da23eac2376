#include "models/healthchecksmodel.h"

#include "models/modelroles.h"
#include "models/statekind.h"

namespace Models
{
    HealthChecksModel::HealthChecksModel(QObject *parent) : QAbstractTableModel(parent) {}

    int HealthChecksModel::rowCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : int(m_checks.size());
    }

    int HealthChecksModel::columnCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    QVariant HealthChecksModel::data(const QModelIndex &index, int role) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const auto &[name, passed] = m_checks.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
        case SortRole:
            if (index.column() == CheckColumn)
                return name;
            return passed ? tr("passed") : tr("failed");
        case StateKindRole:
            if (index.column() == ResultColumn)
                return int(passed ? StateKind::Good : StateKind::Bad);
            return {};
        default:
            return {};
        }
    }

    QVariant HealthChecksModel::headerData(int section, Qt::Orientation orientation, int role) const
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return QAbstractTableModel::headerData(section, orientation, role);
        return section == CheckColumn ? tr("Check") : tr("Result");
    }

    void HealthChecksModel::update(const QJsonObject &health)
    {
        beginResetModel();
        m_checks.clear();
        for (auto it = health.begin(); it != health.end(); ++it)
            m_checks.append({it.key(), it.value().toBool()});
        endResetModel();
    }
} // namespace Models
