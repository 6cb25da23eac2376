#include "pushprogressmodel.h"

#include "lantext.h"
#include "modelroles.h"

using Espota::Confirmation;
using Espota::PushStage;

namespace Models
{
    StateKind pushStateKind(const Espota::DevicePush &push)
    {
        switch (push.stage) {
        case PushStage::Queued:
            return StateKind::Waiting;
        case PushStage::Skipped:
            return StateKind::Undone;
        case PushStage::Failed:
            return StateKind::Bad;
        case PushStage::Done:
            if (push.confirmation == Confirmation::NotConfirmed)
                return StateKind::Unknown;
            return StateKind::Good;
        default:
            return StateKind::Moving;
        }
    }

    PushProgressModel::PushProgressModel(QObject *parent) : QAbstractTableModel(parent) {}

    PushProgressModel::~PushProgressModel() = default;

    void PushProgressModel::setJob(Espota::PushJob *job)
    {
        beginResetModel();
        if (m_job)
            disconnect(m_job, nullptr, this, nullptr);
        m_job = job;
        m_rows = job ? job->count() : 0;
        if (job) {
            connect(job, &Espota::PushJob::deviceChanged, this, [this](int row) {
                if (row >= 0 && row < m_rows)
                    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            });
            connect(job, &QObject::destroyed, this, &PushProgressModel::jobGone);
        }
        endResetModel();
    }

    void PushProgressModel::jobGone()
    {
        beginResetModel();
        m_rows = 0;
        endResetModel();
    }

    int PushProgressModel::rowCount(const QModelIndex &parent) const
    {
        return parent.isValid() || !m_job ? 0 : m_rows;
    }

    int PushProgressModel::columnCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    QVariant PushProgressModel::headerData(int section, Qt::Orientation orientation, int role) const
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        switch (section) {
        case DeviceColumn: return tr("Device");
        case ProtocolColumn: return tr("Protocol");
        case StageColumn: return tr("State");
        case ProgressColumn: return tr("Sent", "column: share of the image the device acknowledged");
        case ConfirmationColumn: return tr("Confirmed");
        case DetailColumn: return tr("Detail");
        default: return {};
        }
    }

    QVariant PushProgressModel::data(const QModelIndex &index, int role) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_job)
            return {};
        const Espota::DevicePush &push = m_job->device(index.row());
        switch (role) {
        case Qt::DisplayRole:
            return display(push, index.column());
        case SortRole:
            return index.column() == ProgressColumn ? QVariant(push.percent()) : display(push, index.column());
        case StateKindRole:
            return index.column() == StageColumn ? QVariant(int(pushStateKind(push))) : QVariant();
        case Qt::ToolTipRole:
            return index.column() == DetailColumn ? QVariant(push.detail) : QVariant();
        default:
            return {};
        }
    }

    QVariant PushProgressModel::display(const Espota::DevicePush &push, int column) const
    {
        switch (column) {
        case DeviceColumn:
            return tr("%1 (%2)").arg(push.target.name, push.target.endpoint());
        case ProtocolColumn:
            return protocolTitle(push.target.protocol);
        case StageColumn:
            return Espota::pushStageName(push.stage);
        case ProgressColumn:
            return tr("%1 %").arg(push.percent());
        case ConfirmationColumn:
            return Espota::confirmationName(push.confirmation);
        case DetailColumn:
            return push.detail;
        default:
            return {};
        }
    }
} // namespace Models
