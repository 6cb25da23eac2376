#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include "rollout/rolloutsummary.h"

namespace Models
{
    // Rollouts as a table, one row per rollout, updated in place by id like
    // FleetModel (no reset on refresh).
    class RolloutListModel : public QAbstractTableModel
    {
        Q_OBJECT
    public:
        enum Column
        {
            IdColumn,
            NameColumn,
            StateColumn,
            StageColumn,
            ProgressColumn,
            ReleaseColumn,
            ColumnCount
        };

        explicit RolloutListModel(QObject *parent = nullptr);

        int rowCount(const QModelIndex &parent = {}) const override;
        int columnCount(const QModelIndex &parent = {}) const override;
        QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
        QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

        void update(const QList<Rollout::RolloutSummary> &rollouts);
        // One rollout's summary as an event gave it: its row updated in place, or a new row.
        void applySummary(const Rollout::RolloutSummary &summary);
        const Rollout::RolloutSummary *rollout(int row) const;
        int rowOf(const QString &id) const { return m_rowById.value(id, -1); }

        // Devices in a final device state (succeeded, failed, ...) out of all
        // targets, in percent; 0 for a rollout without targets.
        static int progressPercent(const Rollout::RolloutSummary &rollout);

    private:
        QVariant display(const Rollout::RolloutSummary &rollout, int column) const;
        void rebuildIndex();

        QList<Rollout::RolloutSummary> m_rollouts;
        QHash<QString, int> m_rowById;
    };
} // namespace Models
