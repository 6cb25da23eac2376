#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace Models
{
    class FleetModel;

    // How many devices run each version, most common first: the Overview's
    // chart and its legend. Counts devices that reported a version (as the
    // event stream's snapshot does); the others are neverSeen().
    class VersionMixModel final : public QAbstractTableModel
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(VersionMixModel)
    public:
        enum Column
        {
            VersionColumn,
            DevicesColumn,
            ShareColumn,
            ColumnCount
        };
        struct Slice
        {
            QString version;
            int devices = 0;
        };

        explicit VersionMixModel(QObject *parent = nullptr);

        int rowCount(const QModelIndex &parent = {}) const override;
        int columnCount(const QModelIndex &parent = {}) const override;
        QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
        QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

        // Counts again; rows change only when the set of versions did.
        void recount(const FleetModel &fleet);
        const QList<Slice> &slices() const { return m_slices; }
        int counted() const { return m_counted; }
        int neverSeen() const { return m_neverSeen; }

    private:
        QList<Slice> m_slices;
        int m_counted = 0;
        int m_neverSeen = 0;
    };
} // namespace Models
