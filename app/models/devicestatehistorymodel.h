#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QString>

#include "rollout/rolloutdetail.h"

namespace Models
{
    // Every change of a device's state in every rollout it is part of,
    // oldest first, from the rollout entries' append-only histories.
    class DeviceStateHistoryModel final : public QAbstractTableModel
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(DeviceStateHistoryModel)
    public:
        enum Column
        {
            RolloutColumn,
            AtColumn,
            FromColumn,
            ToColumn,
            DetailColumn,
            ColumnCount
        };
        struct Change
        {
            QString rolloutId;
            QString rolloutName;
            QDateTime at;
            QString from;
            QString to;
            QString detail;
        };

        explicit DeviceStateHistoryModel(QObject *parent = nullptr);

        int rowCount(const QModelIndex &parent = {}) const override;
        int columnCount(const QModelIndex &parent = {}) const override;
        QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
        QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

        void update(const QList<Rollout::RolloutDevice> &entries);
        const QList<Change> &changes() const { return m_changes; }

    private:
        QList<Change> m_changes;
    };
} // namespace Models
