#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

#include "models/statekind.h"
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
            RolloutStateColumn, // the device's state in the newest live rollout it is part of
            ColumnCount
        };

        explicit FleetModel(QObject *parent = nullptr);

        int rowCount(const QModelIndex &parent = {}) const override;
        int columnCount(const QModelIndex &parent = {}) const override;
        QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
        QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

        // What a listing changes in the rows held when it was asked for.
        // Worked out off the GUI thread (between() reads only the copy
        // rows() gave, which costs nothing to take), applied on it (apply()
        // takes time in proportion to the changes, not to the fleet: a
        // listing of 100,000 unchanged devices applies in well under 50 ms).
        struct Changes
        {
            QList<Rollout::Device> changed; // rows whose fields differ, by id
            QList<Rollout::Device> added;   // ids the rows did not hold
            QStringList gone;               // ids the listing no longer has
            QDateTime serverTime;

            static Changes between(const QList<Rollout::Device> &rows, Rollout::DeviceList listing);
        };
        QList<Rollout::Device> rows() const { return m_devices; }
        void apply(Changes changes);
        // Replaces the fleet with this listing, in place by id: between() and
        // apply() on the calling thread.
        void update(const Rollout::DeviceList &list);
        // One device as an event gave it (a check-in): its row updated in place, or a new row.
        void applyDevice(const Rollout::Device &device);

        // Device id -> its state in a rollout (SCHEDULED .. CANCELED), from
        // the rollouts' device lists; a device missing from it is in none.
        void setRolloutStates(const QHash<QString, QString> &stateById);
        // One change, as the event stream reports it.
        void setRolloutState(const QString &deviceId, const QString &state);
        QString rolloutState(int row) const;

        const Rollout::Device *device(int row) const;
        int rowOf(const QString &id) const { return m_rowById.value(id, -1); }
        // The server's clock at the last listing: ages are measured on it.
        QDateTime serverTime() const { return m_serverTime; }

        // How many devices run each version (all of them, and those that
        // have checked in), and how many never checked in: kept as rows
        // change, so the version filter and a snapshot check read them
        // without a pass over 100,000 rows.
        const QHash<QString, int> &versionCounts() const { return m_byVersion; }
        const QHash<QString, int> &seenVersionCounts() const { return m_seenByVersion; }
        int neverSeenCount() const { return m_neverSeen; }
        // Whether the event stream's snapshot of the fleet ({"versions":
        // {version: devices seen}, "neverSeen": n}) counts what these rows do.
        bool agreesWithSnapshot(const QJsonObject &snapshotFleet) const;

    Q_SIGNALS:
        // The counts above changed (a device appeared, left, or reported another version).
        void versionCountsChanged();

    private:
        void count(const Rollout::Device &device, int delta);
        void replaceRow(int row, const Rollout::Device &device);
        void replaceIfChanged(int row, const Rollout::Device &device);
        void appendDevices(QList<Rollout::Device> devices);

        QVariant display(const Rollout::Device &device, int column) const;
        QVariant sortValue(const Rollout::Device &device, int column) const;
        void removeGoneDevices(const QStringList &ids);

        QList<Rollout::Device> m_devices;
        QHash<QString, int> m_rowById;
        QHash<QString, QString> m_rolloutStateById;
        QDateTime m_serverTime;
        QHash<QString, int> m_byVersion;
        QHash<QString, int> m_seenByVersion;
        int m_neverSeen = 0;
        bool m_countsChanged = false;
    };

    // "3 of 3 passed", and whether any failed: a device's health checks.
    struct HealthSummary
    {
        int passed = 0;
        int total = 0;
        bool anyFailed() const { return passed < total; }
        static HealthSummary of(const Rollout::Device &device);
    };

    // "42 s ago", "3 h ago": how long before now a moment was.
    QString ageText(const QDateTime &moment, const QDateTime &now);
    // The kind a device's health is drawn as: Good, Bad (a check failed) or
    // Unknown (no checks reported).
    StateKind healthKind(const Rollout::Device &device);
} // namespace Models
