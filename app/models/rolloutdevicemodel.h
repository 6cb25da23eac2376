#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include "rollout/rolloutdetail.h"

namespace Models
{
    // A rollout's devices as a table (GET /api/v1/rollouts/ID/devices): one
    // row per device, updated in place by id, so a rollback converging device
    // by device repaints only the rows that moved.
    class RolloutDeviceModel final : public QAbstractTableModel
    {
        Q_OBJECT
    public:
        enum Column
        {
            DeviceColumn,
            StageColumn,
            StateColumn,
            ReportedColumn,
            PreviousColumn,
            DetailColumn,
            ColumnCount
        };

        explicit RolloutDeviceModel(QObject *parent = nullptr);

        int rowCount(const QModelIndex &parent = {}) const override;
        int columnCount(const QModelIndex &parent = {}) const override;
        QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
        QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

        void update(const QList<Rollout::RolloutDevice> &devices);
        const QList<Rollout::RolloutDevice> &devices() const { return m_devices; }
        int countIn(const QString &state) const;
        // Devices that report running version now.
        int countOn(const QString &version) const;

    private:
        QVariant display(const Rollout::RolloutDevice &device, int column) const;

        QList<Rollout::RolloutDevice> m_devices;
        QHash<QString, int> m_rowById;
    };
} // namespace Models
