#include "models/fleetmodel.h"

#include <QSet>

#include "models/modelroles.h"
#include "models/statekind.h"

namespace Models
{
    HealthSummary HealthSummary::of(const Rollout::Device &device)
    {
        HealthSummary summary;
        for (auto it = device.health.begin(); it != device.health.end(); ++it) {
            ++summary.total;
            if (it.value().toBool())
                ++summary.passed;
        }
        return summary;
    }

    namespace
    {
        StateKind deviceKind(const Rollout::Device &device)
        {
            if (!device.lastSeen.isValid())
                return StateKind::Unknown;
            if (HealthSummary::of(device).anyFailed())
                return StateKind::Bad;
            if (device.overdue)
                return StateKind::Waiting;
            return StateKind::Good;
        }

        // Same fields as before: a refresh that changed nothing emits nothing.
        bool sameRow(const Rollout::Device &a, const Rollout::Device &b)
        {
            return a.json == b.json;
        }
    } // namespace

    FleetModel::FleetModel(QObject *parent) : QAbstractTableModel(parent) {}

    int FleetModel::rowCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : int(m_devices.size());
    }

    int FleetModel::columnCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    const Rollout::Device *FleetModel::device(int row) const
    {
        return row >= 0 && row < m_devices.size() ? &m_devices.at(row) : nullptr;
    }

    QVariant FleetModel::data(const QModelIndex &index, int role) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Rollout::Device &d = m_devices.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            return display(d, index.column());
        case SortRole:
            return sortValue(d, index.column());
        case StateKindRole:
            return int(deviceKind(d));
        case IdRole:
            return d.id;
        case Qt::TextAlignmentRole:
            if (index.column() == BatteryColumn || index.column() == RssiColumn)
                return int(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        default:
            return {};
        }
    }

    QVariant FleetModel::display(const Rollout::Device &d, int column) const
    {
        switch (column) {
        case IdColumn:
            return d.id;
        case ChipColumn:
            return d.chip;
        case BoardColumn:
            return d.board;
        case ProjectColumn:
            return d.project;
        case VersionColumn:
            return d.version;
        case SlotColumn:
            return d.slot;
        case HealthColumn: {
            const HealthSummary h = HealthSummary::of(d);
            if (h.total == 0)
                return tr("not reported");
            return tr("%1 of %2 passed").arg(h.passed).arg(h.total);
        }
        case BatteryColumn:
            return d.batteryPercent ? tr("%1 %").arg(*d.batteryPercent) : QString();
        case RssiColumn:
            return d.rssi ? tr("%1 dBm").arg(*d.rssi) : QString();
        case LastSeenColumn: {
            if (!d.lastSeen.isValid())
                return tr("never");
            const qint64 secs = d.lastSeen.secsTo(m_serverTime.isValid() ? m_serverTime : QDateTime::currentDateTimeUtc());
            if (secs < 60)
                return tr("%n s ago", nullptr, int(qMax<qint64>(secs, 0)));
            if (secs < 3600)
                return tr("%n min ago", nullptr, int(secs / 60));
            if (secs < 86400)
                return tr("%n h ago", nullptr, int(secs / 3600));
            return tr("%n days ago", nullptr, int(secs / 86400));
        }
        case TagsColumn:
            return d.tags.join(QStringLiteral(", "));
        default:
            return {};
        }
    }

    QVariant FleetModel::sortValue(const Rollout::Device &d, int column) const
    {
        switch (column) {
        case HealthColumn: {
            const HealthSummary h = HealthSummary::of(d);
            return h.total == 0 ? -1.0 : double(h.passed) / h.total;
        }
        case BatteryColumn:
            return d.batteryPercent ? *d.batteryPercent : -1;
        case RssiColumn:
            return d.rssi ? *d.rssi : -1000;
        case LastSeenColumn:
            // Milliseconds since the epoch; never seen sorts as the oldest.
            return d.lastSeen.isValid() ? d.lastSeen.toMSecsSinceEpoch() : qint64(0);
        default:
            return display(d, column);
        }
    }

    QVariant FleetModel::headerData(int section, Qt::Orientation orientation, int role) const
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return QAbstractTableModel::headerData(section, orientation, role);
        switch (section) {
        case IdColumn: return tr("Device");
        case ChipColumn: return tr("Chip");
        case BoardColumn: return tr("Board");
        case ProjectColumn: return tr("Project");
        case VersionColumn: return tr("Version");
        case SlotColumn: return tr("Slot");
        case HealthColumn: return tr("Health");
        case BatteryColumn: return tr("Battery");
        case RssiColumn: return tr("RSSI");
        case LastSeenColumn: return tr("Last seen");
        case TagsColumn: return tr("Tags");
        default: return {};
        }
    }

    void FleetModel::update(const Rollout::DeviceList &list)
    {
        const bool clockMoved = list.serverTime != m_serverTime;
        m_serverTime = list.serverTime;
        QSet<QString> present;
        present.reserve(list.devices.size());
        QList<Rollout::Device> added;
        for (const Rollout::Device &incoming : list.devices) {
            present.insert(incoming.id);
            const int row = m_rowById.value(incoming.id, -1);
            if (row < 0) {
                added.append(incoming);
                continue;
            }
            if (!sameRow(m_devices.at(row), incoming)) {
                m_devices[row] = incoming;
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
        }
        removeGone(present);
        if (!added.isEmpty()) {
            const int first = int(m_devices.size());
            beginInsertRows({}, first, first + int(added.size()) - 1);
            for (const Rollout::Device &d : std::as_const(added)) {
                m_rowById.insert(d.id, int(m_devices.size()));
                m_devices.append(d);
            }
            endInsertRows();
        }
        // Ages are relative to the server's clock: when it moved, every
        // "last seen" text changed even for rows whose data did not.
        if (clockMoved && !m_devices.isEmpty())
            Q_EMIT dataChanged(index(0, LastSeenColumn), index(int(m_devices.size()) - 1, LastSeenColumn));
    }

    void FleetModel::removeGone(const QSet<QString> &present)
    {
        // From the end so earlier rows keep their numbers while removing;
        // contiguous runs go in one removeRows each.
        int row = int(m_devices.size()) - 1;
        bool removedAny = false;
        while (row >= 0) {
            if (present.contains(m_devices.at(row).id)) {
                --row;
                continue;
            }
            int first = row;
            while (first > 0 && !present.contains(m_devices.at(first - 1).id))
                --first;
            beginRemoveRows({}, first, row);
            m_devices.remove(first, row - first + 1);
            endRemoveRows();
            removedAny = true;
            row = first - 1;
        }
        if (removedAny) {
            m_rowById.clear();
            for (int i = 0; i < m_devices.size(); ++i)
                m_rowById.insert(m_devices.at(i).id, i);
        }
    }
} // namespace Models
