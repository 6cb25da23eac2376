#pragma once

#include <QSortFilterProxyModel>

namespace Models
{
    // The rollouts still under way (any state but FINISHED, STOPPED,
    // ROLLED_BACK and DENIED), over a RolloutListModel.
    class ActiveRolloutFilter final : public QSortFilterProxyModel
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(ActiveRolloutFilter)
    public:
        explicit ActiveRolloutFilter(QObject *parent = nullptr);

    protected:
        bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    };
} // namespace Models
