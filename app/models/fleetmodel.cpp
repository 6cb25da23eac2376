#include "models/fleetmodel.h"

#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <utility>
#include <vector>

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

    QString ageText(const QDateTime &moment, const QDateTime &now)
    {
        const qint64 secs = qMax<qint64>(moment.secsTo(now), 0);
        if (secs < 60)
            return FleetModel::tr("%n s ago", nullptr, int(secs));
        if (secs < 3600)
            return FleetModel::tr("%n min ago", nullptr, int(secs / 60));
        if (secs < 86400)
            return FleetModel::tr("%n h ago", nullptr, int(secs / 3600));
        return FleetModel::tr("%n days ago", nullptr, int(secs / 86400));
    }

    StateKind healthKind(const Rollout::Device &device)
    {
        const HealthSummary h = HealthSummary::of(device);
        if (h.total == 0)
            return StateKind::Unknown;
        return h.anyFailed() ? StateKind::Bad : StateKind::Good;
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

        // The columns that show a change from a to b, as one span. Only those
        // are announced: a check-in (battery, RSSI, last seen) must not make a
        // view sorted by device id re-sort its rows, which at 100,000 rows
        // and 1,000 check-ins a second stalled the window. A change no column
        // shows (uptime, boot count) is announced on "last seen", which a
        // check-in always changes anyway.
        std::pair<int, int> changedColumns(const Rollout::Device &a, const Rollout::Device &b)
        {
            static_assert(FleetModel::ColumnCount == 12, "changedColumns() says for every column what it shows");
            if (deviceKind(a) != deviceKind(b)) // every column's colour follows it
                return {0, FleetModel::ColumnCount - 1};
            const bool changed[FleetModel::ColumnCount] = {
                a.id != b.id,
                a.chip != b.chip,
                a.board != b.board,
                a.project != b.project,
                a.version != b.version,
                a.slot != b.slot,
                a.health != b.health,
                a.batteryPercent != b.batteryPercent,
                a.rssi != b.rssi,
                a.lastSeen != b.lastSeen || a.nextExpected != b.nextExpected || a.overdue != b.overdue,
                a.tags != b.tags,
                false, // the rollout state is not a device field
            };
            int first = FleetModel::ColumnCount;
            int last = -1;
            for (int column = 0; column < FleetModel::ColumnCount; ++column) {
                if (changed[column]) {
                    first = std::min(first, column);
                    last = column;
                }
            }
            if (last < 0)
                return {FleetModel::LastSeenColumn, FleetModel::LastSeenColumn};
            return {first, last};
        }

        // Same fields as before: a refresh that changed nothing emits nothing.
        bool sameRow(const Rollout::Device &a, const Rollout::Device &b)
        {
            return a == b;
        }
    } // namespace

    FleetModel::FleetModel(QObject *parent) : QAbstractTableModel(parent) {}

    void FleetModel::count(const Rollout::Device &device, int delta)
    {
        m_countsChanged = true;
        const auto add = [&](QHash<QString, int> &counts) {
            int &n = counts[device.version];
            n += delta;
            if (n <= 0)
                counts.remove(device.version);
        };
        add(m_byVersion);
        if (device.lastSeen.isValid())
            add(m_seenByVersion);
        else
            m_neverSeen += delta;
    }

    bool FleetModel::agreesWithSnapshot(const QJsonObject &snapshotFleet) const
    {
        const QJsonObject versions = snapshotFleet.value(QStringLiteral("versions")).toObject();
        if (snapshotFleet.value(QStringLiteral("neverSeen")).toInt(-1) != m_neverSeen
            || versions.size() != m_seenByVersion.size())
            return false;
        for (auto it = versions.begin(); it != versions.end(); ++it) {
            if (it.value().toInt(-1) != m_seenByVersion.value(it.key(), -2))
                return false;
        }
        return true;
    }

    void FleetModel::replaceRow(int row, const Rollout::Device &device)
    {
        const Rollout::Device &old = m_devices.at(row);
        if (old.version != device.version || old.lastSeen.isValid() != device.lastSeen.isValid()) {
            count(old, -1);
            count(device, +1);
        }
        const auto [first, last] = changedColumns(old, device);
        m_devices[row] = device;
        Q_EMIT dataChanged(index(row, first), index(row, last));
    }

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
            if (index.column() == HealthColumn)
                return int(healthKind(d));
            if (index.column() == RolloutStateColumn) {
                const QString state = m_rolloutStateById.value(d.id);
                return state.isEmpty() ? QVariant() : QVariant(int(stateKindOf(state)));
            }
            return int(deviceKind(d));
        case Qt::ToolTipRole:
            if (index.column() == LastSeenColumn && d.lastSeen.isValid())
                return tr("Last check-in %1; next expected %2")
                    .arg(QLocale().toString(d.lastSeen.toLocalTime(), QLocale::LongFormat),
                         d.nextExpected.isValid() ? QLocale().toString(d.nextExpected.toLocalTime(), QLocale::LongFormat)
                                                  : tr("not announced"));
            return {};
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
            // The source says why the age is to be trusted: the server saw a
            // check-in (not a cached mDNS record); overdue says it is stale.
            const QString age = ageText(d.lastSeen, m_serverTime.isValid() ? m_serverTime : QDateTime::currentDateTimeUtc());
            if (d.overdue)
                return tr("%1 (check-in, overdue)").arg(age);
            return tr("%1 (check-in)").arg(age);
        }
        case TagsColumn:
            return d.tags.join(QStringLiteral(", "));
        case RolloutStateColumn: {
            const QString state = m_rolloutStateById.value(d.id);
            return state.isEmpty() ? tr("none") : state;
        }
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
        case RolloutStateColumn: return tr("Rollout state");
        default: return {};
        }
    }

    FleetModel::Changes FleetModel::Changes::between(const QList<Rollout::Device> &rows, Rollout::DeviceList listing)
    {
        Changes changes;
        changes.serverTime = listing.serverTime;
        // Moved, not copied: at connect that is 100,000 devices of a dozen
        // strings each.
        if (rows.isEmpty()) {
            changes.added = std::move(listing.devices);
            return changes;
        }
        QHash<QString, qsizetype> rowById;
        rowById.reserve(rows.size());
        for (qsizetype row = 0; row < rows.size(); ++row)
            rowById.insert(rows.at(row).id, row);
        std::vector<bool> listed(size_t(rows.size()), false);
        for (Rollout::Device &incoming : listing.devices) {
            const qsizetype row = rowById.value(incoming.id, -1);
            if (row < 0) {
                changes.added.append(std::move(incoming));
                continue;
            }
            listed[size_t(row)] = true;
            if (!sameRow(rows.at(row), incoming))
                changes.changed.append(std::move(incoming));
        }
        for (qsizetype row = 0; row < rows.size(); ++row) {
            if (!listed[size_t(row)])
                changes.gone.append(rows.at(row).id);
        }
        return changes;
    }

    void FleetModel::update(const Rollout::DeviceList &list)
    {
        apply(Changes::between(m_devices, list));
    }

    void FleetModel::apply(Changes changes)
    {
        const bool clockMoved = changes.serverTime != m_serverTime;
        m_serverTime = changes.serverTime;
        // By id, not by row: events may have added rows since the listing
        // was asked for (never removed them: only a listing does).
        for (const Rollout::Device &device : changes.changed) {
            if (const int row = rowOf(device.id); row >= 0)
                replaceIfChanged(row, device);
        }
        removeGoneDevices(changes.gone);
        QList<Rollout::Device> added;
        if (m_devices.isEmpty()) { // the first listing: nothing to look up
            added = std::move(changes.added);
        } else {
            added.reserve(changes.added.size());
            for (Rollout::Device &device : changes.added) {
                if (const int row = rowOf(device.id); row >= 0) // an event brought it meanwhile
                    replaceIfChanged(row, device);
                else
                    added.append(std::move(device));
            }
        }
        appendDevices(std::move(added));
        // Ages are relative to the server's clock: when it moved, every
        // "last seen" text changed even for rows whose data did not.
        if (clockMoved && !m_devices.isEmpty())
            Q_EMIT dataChanged(index(0, LastSeenColumn), index(int(m_devices.size()) - 1, LastSeenColumn));
        if (std::exchange(m_countsChanged, false))
            Q_EMIT versionCountsChanged();
    }

    void FleetModel::setRolloutStates(const QHash<QString, QString> &stateById)
    {
        if (stateById == m_rolloutStateById)
            return;
        QList<int> changed;
        for (int row = 0; row < m_devices.size(); ++row) {
            const QString &id = m_devices.at(row).id;
            if (stateById.value(id) != m_rolloutStateById.value(id))
                changed.append(row);
        }
        m_rolloutStateById = stateById;
        if (changed.size() > m_devices.size() / 2) {
            Q_EMIT dataChanged(index(0, RolloutStateColumn), index(int(m_devices.size()) - 1, RolloutStateColumn));
            return;
        }
        for (int row : std::as_const(changed))
            Q_EMIT dataChanged(index(row, RolloutStateColumn), index(row, RolloutStateColumn));
    }

    void FleetModel::setRolloutState(const QString &deviceId, const QString &state)
    {
        if (m_rolloutStateById.value(deviceId) == state)
            return;
        m_rolloutStateById.insert(deviceId, state);
        if (const int row = rowOf(deviceId); row >= 0)
            Q_EMIT dataChanged(index(row, RolloutStateColumn), index(row, RolloutStateColumn));
    }

    QString FleetModel::rolloutState(int row) const
    {
        return row >= 0 && row < m_devices.size() ? m_rolloutStateById.value(m_devices.at(row).id) : QString();
    }

    void FleetModel::applyDevice(const Rollout::Device &device)
    {
        if (const int row = rowOf(device.id); row >= 0)
            replaceIfChanged(row, device);
        else
            appendDevices({device});
        if (std::exchange(m_countsChanged, false))
            Q_EMIT versionCountsChanged();
    }

    void FleetModel::replaceIfChanged(int row, const Rollout::Device &device)
    {
        if (!sameRow(m_devices.at(row), device))
            replaceRow(row, device);
    }

    void FleetModel::appendDevices(QList<Rollout::Device> devices)
    {
        if (devices.isEmpty())
            return;
        const int first = int(m_devices.size());
        beginInsertRows({}, first, first + int(devices.size()) - 1);
        m_devices.reserve(m_devices.size() + devices.size());
        m_rowById.reserve(m_devices.size() + devices.size());
        for (Rollout::Device &d : devices) {
            m_rowById.insert(d.id, int(m_devices.size()));
            count(d, +1);
            m_devices.append(std::move(d));
        }
        endInsertRows();
    }

    void FleetModel::removeGoneDevices(const QStringList &ids)
    {
        if (ids.isEmpty())
            return;
        std::vector<int> rows;
        rows.reserve(size_t(ids.size()));
        for (const QString &id : ids) {
            if (const int row = rowOf(id); row >= 0)
                rows.push_back(row);
        }
        std::sort(rows.begin(), rows.end());
        // From the end so earlier rows keep their numbers while removing;
        // contiguous runs go in one removeRows each.
        auto run = rows.rbegin();
        while (run != rows.rend()) {
            const int last = *run;
            int first = last;
            while (++run != rows.rend() && *run == first - 1)
                --first;
            beginRemoveRows({}, first, last);
            for (int gone = first; gone <= last; ++gone)
                count(m_devices.at(gone), -1);
            m_devices.remove(first, last - first + 1);
            endRemoveRows();
        }
        if (!rows.empty()) {
            m_rowById.clear();
            for (int i = 0; i < m_devices.size(); ++i)
                m_rowById.insert(m_devices.at(i).id, i);
        }
    }
} // namespace Models
