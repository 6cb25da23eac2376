#include "models/activerolloutfilter.h"

#include "models/modelroles.h"
#include "models/rolloutlistmodel.h"

namespace Models
{
    ActiveRolloutFilter::ActiveRolloutFilter(QObject *parent) : QSortFilterProxyModel(parent)
    {
        setSortRole(SortRole);
    }

    bool ActiveRolloutFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
    {
        const auto *rollouts = qobject_cast<const RolloutListModel *>(sourceModel());
        if (sourceParent.isValid() || !rollouts)
            return false;
        const Rollout::RolloutSummary *r = rollouts->rollout(sourceRow);
        return r && !Rollout::isFinalRolloutState(r->state);
    }
} // namespace Models
