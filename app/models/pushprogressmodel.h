#pragma once

#include <QAbstractTableModel>
#include <QPointer>

#include "espota/pushjob.h"
#include "statekind.h"

namespace Models
{
    // One push job's devices, one row each: where each push stands, how far
    // it got, whether the device came back on the new version, and why not.
    // The job owns the state; this model only shows it.
    class PushProgressModel final : public QAbstractTableModel
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(PushProgressModel)

    public:
        enum Column
        {
            DeviceColumn,
            ProtocolColumn,
            StageColumn,
            ProgressColumn,
            ConfirmationColumn,
            DetailColumn,
            ColumnCount,
        };

        explicit PushProgressModel(QObject *parent = nullptr);
        ~PushProgressModel() override;

        // The job to show (null: none). Not owned; a job deleted while shown empties the table.
        void setJob(Espota::PushJob *job);
        Espota::PushJob *job() const { return m_job; }

        int rowCount(const QModelIndex &parent = {}) const override;
        int columnCount(const QModelIndex &parent = {}) const override;
        QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
        QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    private:
        QVariant display(const Espota::DevicePush &push, int column) const;
        void jobGone();

        QPointer<Espota::PushJob> m_job;
        int m_rows = 0;
    };

    // The state kind a push row is drawn with.
    StateKind pushStateKind(const Espota::DevicePush &push);
} // namespace Models
