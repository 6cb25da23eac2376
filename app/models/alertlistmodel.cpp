#include "models/alertlistmodel.h"

#include "models/modelroles.h"
#include "models/rolloutlistmodel.h"

namespace Models
{
    namespace
    {
        bool sameAlerts(const QList<AlertListModel::Alert> &a, const QList<AlertListModel::Alert> &b)
        {
            return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(), [](const auto &x, const auto &y) {
                return x.rolloutId == y.rolloutId && x.kind == y.kind && x.text == y.text;
            });
        }
    } // namespace

    AlertListModel::AlertListModel(QObject *parent) : QAbstractListModel(parent) {}

    int AlertListModel::rowCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : int(m_alerts.size());
    }

    QVariant AlertListModel::data(const QModelIndex &index, int role) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Alert &alert = m_alerts.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
        case Qt::ToolTipRole:
            return alert.text;
        case StateKindRole:
            return int(alert.kind);
        case IdRole:
            return alert.rolloutId;
        default:
            return {};
        }
    }

    void AlertListModel::update(const RolloutListModel &rollouts)
    {
        QList<Alert> alerts;
        for (int row = 0; row < rollouts.rowCount(); ++row) {
            const Rollout::RolloutSummary &r = *rollouts.rollout(row);
            const QString why = r.stateReason.isEmpty() ? tr("no reason given") : r.stateReason;
            if (r.state == QLatin1String("PAUSED") && r.pauseReason == QLatin1String("threshold")) {
                alerts.append({r.id, StateKind::Bad, tr("%1: paused by a threshold: %2").arg(r.name, why)});
            } else if (r.state == QLatin1String("PAUSED") && r.pauseReason == QLatin1String("gate")) {
                alerts.append({r.id, StateKind::Waiting, tr("%1: waiting at a gate for an operator: %2").arg(r.name, why)});
            } else if (r.state == QLatin1String("ROLLING_BACK")) {
                const int back = r.total.of(QStringLiteral("ROLLED_BACK"));
                alerts.append({r.id, StateKind::Undone,
                               tr("%1: break-glass rollback in progress, %2 of %3 devices back on their previous version")
                                   .arg(r.name)
                                   .arg(back)
                                   .arg(r.total.total)});
            }
        }
        if (sameAlerts(alerts, m_alerts))
            return;
        // A handful of rows at most: a reset is simpler than diffing and cheap.
        beginResetModel();
        m_alerts = alerts;
        endResetModel();
    }
} // namespace Models
