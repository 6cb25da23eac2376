#pragma once

#include <QSortFilterProxyModel>

#include "models/fleetfilter.h"

namespace Models
{
    class FleetModel;

    // The Fleet page's rows: a FleetModel through a FleetFilter, sorted on
    // the raw values (SortRole). It reads the devices straight from the
    // FleetModel, not through data(), so that filtering 100,000 devices
    // stays well under 100 ms.
    class FleetFilterModel final : public QSortFilterProxyModel
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(FleetFilterModel)
    public:
        explicit FleetFilterModel(QObject *parent = nullptr);

        void setFleet(FleetModel *fleet);
        FleetModel *fleet() const { return m_fleet; }

        FleetFilter filter() const { return m_filter; }
        void setFilter(const FleetFilter &filter);

    protected:
        bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
        bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

    private:
        FleetModel *m_fleet = nullptr;
        FleetFilter m_filter;
    };
} // namespace Models
