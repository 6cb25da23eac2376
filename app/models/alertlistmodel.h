#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QString>

#include "models/statekind.h"

namespace Models
{
    class RolloutListModel;

    // What needs a person now, one row per rollout that asks for it: paused
    // by a threshold (with the engine's reason), waiting at a gate, a
    // break-glass rollback converging. IdRole is the rollout's id.
    class AlertListModel final : public QAbstractListModel
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(AlertListModel)
    public:
        struct Alert
        {
            QString rolloutId;
            StateKind kind = StateKind::Unknown;
            QString text;
        };

        explicit AlertListModel(QObject *parent = nullptr);

        int rowCount(const QModelIndex &parent = {}) const override;
        QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

        void update(const RolloutListModel &rollouts);
        const QList<Alert> &alerts() const { return m_alerts; }

    private:
        QList<Alert> m_alerts;
    };
} // namespace Models
