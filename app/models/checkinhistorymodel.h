#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "rollout/devicesapi.h"

namespace Models
{
    // A device's check-ins, oldest first (the history route answers newest
    // first): the device detail's health chart and table.
    class CheckInHistoryModel final : public QAbstractTableModel
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(CheckInHistoryModel)
    public:
        enum Column
        {
            AtColumn,
            VersionColumn,
            BatteryColumn,
            RssiColumn,
            BootCountColumn,
            ChecksColumn,
            ColumnCount
        };

        explicit CheckInHistoryModel(QObject *parent = nullptr);

        int rowCount(const QModelIndex &parent = {}) const override;
        int columnCount(const QModelIndex &parent = {}) const override;
        QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
        QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

        // newestFirst: as GET /api/v1/devices/ID/history answers.
        void update(const QList<Rollout::CheckIn> &newestFirst);
        const QList<Rollout::CheckIn> &checkIns() const { return m_checkIns; }

    private:
        QList<Rollout::CheckIn> m_checkIns; // oldest first
    };
} // namespace Models
