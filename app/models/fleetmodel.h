#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

#include "rollout/device.h"

namespace Models
{
    // The fleet as a table, one row per enrolled device. Built to hold
    // 100,000 rows: a refresh updates rows in place by id (dataChanged per
    // changed row), inserts new ids at the end and removes gone ones, and
    // never resets the model, so views keep selection and scroll position.
    class FleetModel : public QAbstractTableModel
    {
        Q_OBJECT
    public:
        enum Column
        {
            IdColumn,
            ChipColumn,
            BoardColumn,
            ProjectColumn,
            VersionColumn,
            SlotColumn,
            HealthColumn,
            BatteryColumn,
            RssiColumn,
            LastSeenColumn,
            TagsColumn,
            ColumnCount
        };

        explicit FleetModel(QObject *parent = nullptr);

        int rowCount(const QModelIndex &parent = {}) const override;
        int columnCount(const QModelIndex &parent = {}) const override;
        QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
        QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

        // Replaces the fleet with this listing, in place by id.
        void update(const Rollout::DeviceList &list);

        const Rollout::Device *device(int row) const;
        int rowOf(const QString &id) const { return m_rowById.value(id, -1); }
        // The server's clock at the last listing: ages are measured on it.
        QDateTime serverTime() const { return m_serverTime; }

    private:
        QVariant display(const Rollout::Device &device, int column) const;
        QVariant sortValue(const Rollout::Device &device, int column) const;
        void removeGone(const QSet<QString> &present);

        QList<Rollout::Device> m_devices;
        QHash<QString, int> m_rowById;
        QDateTime m_serverTime;
    };

    // "3 of 3 passed", and whether any failed: a device's health checks.
    struct HealthSummary
    {
        int passed = 0;
        int total = 0;
        bool anyFailed() const { return passed < total; }
        static HealthSummary of(const Rollout::Device &device);
    };
} // namespace Models
