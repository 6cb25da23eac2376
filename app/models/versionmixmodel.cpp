#include "models/versionmixmodel.h"

#include <algorithm>

#include <QHash>

#include "models/fleetmodel.h"
#include "models/modelroles.h"

namespace Models
{
    VersionMixModel::VersionMixModel(QObject *parent) : QAbstractTableModel(parent) {}

    int VersionMixModel::rowCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : int(m_slices.size());
    }

    int VersionMixModel::columnCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    QVariant VersionMixModel::data(const QModelIndex &index, int role) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Slice &slice = m_slices.at(index.row());
        const double share = m_counted > 0 ? 100.0 * slice.devices / m_counted : 0.0;
        switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
            case VersionColumn: return slice.version;
            case DevicesColumn: return slice.devices;
            case ShareColumn: return tr("%1 %").arg(share, 0, 'f', 1);
            default: return {};
            }
        case SortRole:
            return index.column() == VersionColumn ? QVariant(slice.version) : QVariant(slice.devices);
        case IdRole:
            return slice.version;
        default:
            return {};
        }
    }

    QVariant VersionMixModel::headerData(int section, Qt::Orientation orientation, int role) const
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return QAbstractTableModel::headerData(section, orientation, role);
        switch (section) {
        case VersionColumn: return tr("Version");
        case DevicesColumn: return tr("Devices");
        case ShareColumn: return tr("Share");
        default: return {};
        }
    }

    void VersionMixModel::recount(const FleetModel &fleet)
    {
        // The fleet keeps the counts as rows change: no pass over its rows here.
        const QHash<QString, int> &byVersion = fleet.versionCounts();
        const int neverSeen = byVersion.value(QString());
        QList<Slice> slices;
        slices.reserve(byVersion.size());
        int counted = 0;
        for (auto it = byVersion.cbegin(); it != byVersion.cend(); ++it) {
            if (it.key().isEmpty())
                continue;
            slices.append({it.key(), it.value()});
            counted += it.value();
        }
        // Most devices first; equal counts by version so the order is stable.
        std::sort(slices.begin(), slices.end(), [](const Slice &a, const Slice &b) {
            return a.devices != b.devices ? a.devices > b.devices : a.version < b.version;
        });
        m_neverSeen = neverSeen;
        const auto versionsOf = [](const QList<Slice> &list) {
            QStringList out;
            for (const Slice &s : list)
                out << s.version;
            return out;
        };
        if (versionsOf(slices) != versionsOf(m_slices)) {
            beginResetModel();
            m_slices = slices;
            m_counted = counted;
            endResetModel();
            return;
        }
        const bool changed = counted != m_counted
            || !std::equal(slices.cbegin(), slices.cend(), m_slices.cbegin(),
                           [](const Slice &a, const Slice &b) { return a.devices == b.devices; });
        m_slices = slices;
        m_counted = counted;
        if (changed && !m_slices.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_slices.size()) - 1, ColumnCount - 1));
    }
} // namespace Models
