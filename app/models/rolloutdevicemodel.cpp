#include "models/rolloutdevicemodel.h"

#include <QSet>

#include "models/modelroles.h"
#include "models/statekind.h"

namespace Models
{
    RolloutDeviceModel::RolloutDeviceModel(QObject *parent) : QAbstractTableModel(parent) {}

    int RolloutDeviceModel::rowCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : int(m_devices.size());
    }

    int RolloutDeviceModel::columnCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    void RolloutDeviceModel::update(const QList<Rollout::RolloutDevice> &devices)
    {
        QSet<QString> incoming;
        for (const Rollout::RolloutDevice &d : devices)
            incoming.insert(d.deviceId);
        // Gone rows first, from the bottom, so the rows above keep their numbers.
        for (int row = int(m_devices.size()) - 1; row >= 0; --row) {
            if (incoming.contains(m_devices.at(row).deviceId))
                continue;
            beginRemoveRows({}, row, row);
            m_devices.removeAt(row);
            endRemoveRows();
        }
        m_rowById.clear();
        for (int row = 0; row < m_devices.size(); ++row)
            m_rowById.insert(m_devices.at(row).deviceId, row);

        QList<Rollout::RolloutDevice> added;
        int firstChanged = -1;
        int lastChanged = -1;
        for (const Rollout::RolloutDevice &d : devices) {
            const int row = m_rowById.value(d.deviceId, -1);
            if (row < 0) {
                added.append(d);
                continue;
            }
            if (m_devices.at(row).json == d.json)
                continue;
            m_devices[row] = d;
            firstChanged = firstChanged < 0 ? row : qMin(firstChanged, row);
            lastChanged = qMax(lastChanged, row);
        }
        if (firstChanged >= 0)
            Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
        if (!added.isEmpty()) {
            const int first = int(m_devices.size());
            beginInsertRows({}, first, first + int(added.size()) - 1);
            for (const Rollout::RolloutDevice &d : added) {
                m_rowById.insert(d.deviceId, int(m_devices.size()));
                m_devices.append(d);
            }
            endInsertRows();
        }
    }

    int RolloutDeviceModel::countIn(const QString &state) const
    {
        return int(std::count_if(m_devices.cbegin(), m_devices.cend(),
                                 [&state](const Rollout::RolloutDevice &d) { return d.state == state; }));
    }

    int RolloutDeviceModel::countOn(const QString &version) const
    {
        return int(std::count_if(m_devices.cbegin(), m_devices.cend(),
                                 [&version](const Rollout::RolloutDevice &d) { return d.reportedVersion == version; }));
    }

    QVariant RolloutDeviceModel::data(const QModelIndex &index, int role) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Rollout::RolloutDevice &d = m_devices.at(index.row());
        switch (role) {
        case Qt::DisplayRole: return display(d, index.column());
        case Qt::ToolTipRole:
            return index.column() == StateColumn ? tr("since %1").arg(d.stateSince.toLocalTime().toString(Qt::ISODate))
                                                 : QVariant();
        case SortRole:
            return index.column() == StageColumn ? QVariant(d.stage) : display(d, index.column());
        case StateKindRole: return int(stateKindOf(d.state));
        case IdRole: return d.deviceId;
        default: return {};
        }
    }

    QVariant RolloutDeviceModel::display(const Rollout::RolloutDevice &d, int column) const
    {
        switch (column) {
        case DeviceColumn: return d.deviceId;
        case StageColumn: return d.stage < 0 ? tr("none") : QString::number(d.stage + 1);
        case StateColumn:
            return d.failureType.isEmpty() || d.failureType == QStringLiteral("none")
                ? d.state
                : tr("%1 (%2)").arg(d.state, d.failureType);
        case ReportedColumn: return d.reportedVersion;
        case PreviousColumn: return d.previousVersion;
        case DetailColumn: return d.detail;
        default: return {};
        }
    }

    QVariant RolloutDeviceModel::headerData(int section, Qt::Orientation orientation, int role) const
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        switch (section) {
        case DeviceColumn: return tr("Device");
        case StageColumn: return tr("Stage");
        case StateColumn: return tr("State");
        case ReportedColumn: return tr("Running");
        case PreviousColumn: return tr("Before");
        case DetailColumn: return tr("Detail");
        default: return {};
        }
    }
} // namespace Models
