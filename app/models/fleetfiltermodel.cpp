#include "models/fleetfiltermodel.h"

#include "models/fleetmodel.h"
#include "models/modelroles.h"

namespace Models
{
    namespace
    {
        bool matchesText(const Rollout::Device &d, const QString &text)
        {
            const auto has = [&text](const QString &field) { return field.contains(text, Qt::CaseInsensitive); };
            if (has(d.id) || has(d.version) || has(d.chip) || has(d.board) || has(d.project))
                return true;
            return std::any_of(d.tags.cbegin(), d.tags.cend(), has);
        }

        bool matchesHealth(const Rollout::Device &d, FleetFilter::Health health)
        {
            switch (health) {
            case FleetFilter::Health::Any: return true;
            case FleetFilter::Health::Healthy: return healthKind(d) == StateKind::Good;
            case FleetFilter::Health::Failing: return healthKind(d) == StateKind::Bad;
            case FleetFilter::Health::NotReported: return healthKind(d) == StateKind::Unknown;
            }
            return true;
        }

        bool matchesLiveness(const Rollout::Device &d, FleetFilter::Liveness liveness)
        {
            switch (liveness) {
            case FleetFilter::Liveness::Any: return true;
            case FleetFilter::Liveness::OnTime: return d.lastSeen.isValid() && !d.overdue;
            case FleetFilter::Liveness::Overdue: return d.lastSeen.isValid() && d.overdue;
            case FleetFilter::Liveness::NeverSeen: return !d.lastSeen.isValid();
            }
            return true;
        }
    } // namespace

    FleetFilterModel::FleetFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
    {
        setSortRole(SortRole);
    }

    void FleetFilterModel::setFleet(FleetModel *fleet)
    {
        m_fleet = fleet;
        setSourceModel(fleet);
    }

    void FleetFilterModel::setFilter(const FleetFilter &filter)
    {
        if (filter == m_filter)
            return;
        m_filter = filter;
        // One layout change, not a rowsRemoved per contiguous run: a version
        // filter over 100,000 sorted rows removes tens of thousands of runs,
        // and a view handles each in time linear in its rows (seconds in all).
        invalidate();
    }

    bool FleetFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
    {
        if (sourceParent.isValid() || !m_fleet)
            return false;
        const Rollout::Device *d = m_fleet->device(sourceRow);
        if (!d)
            return false;
        if (!m_filter.version.isEmpty() && d->version != m_filter.version)
            return false;
        if (!m_filter.rolloutState.isEmpty()) {
            const QString state = m_fleet->rolloutState(sourceRow);
            if (m_filter.rolloutState == FleetFilter::NoRollout ? !state.isEmpty() : state != m_filter.rolloutState)
                return false;
        }
        return matchesHealth(*d, m_filter.health) && matchesLiveness(*d, m_filter.liveness)
            && (m_filter.text.isEmpty() || matchesText(*d, m_filter.text));
    }

    bool FleetFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
    {
        // The columns sorted most, compared on the devices themselves: going
        // through QVariant roles costs seconds at 100,000 rows.
        const Rollout::Device *a = m_fleet ? m_fleet->device(left.row()) : nullptr;
        const Rollout::Device *b = m_fleet ? m_fleet->device(right.row()) : nullptr;
        if (a && b && left.column() == right.column()) {
            switch (left.column()) {
            case FleetModel::IdColumn: return a->id < b->id;
            case FleetModel::VersionColumn: return a->version != b->version ? a->version < b->version : a->id < b->id;
            case FleetModel::LastSeenColumn: return a->lastSeen < b->lastSeen;
            default: break;
            }
        }
        return QSortFilterProxyModel::lessThan(left, right);
    }
} // namespace Models
