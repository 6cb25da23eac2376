#include "models/auditmodel.h"

#include <QLocale>

#include "models/modelroles.h"

namespace Models
{
    AuditModel::AuditModel(QObject *parent) : QAbstractTableModel(parent) {}

    int AuditModel::rowCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : int(m_entries.size());
    }

    int AuditModel::columnCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    QVariant AuditModel::data(const QModelIndex &index, int role) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Rollout::AuditEntry &entry = m_entries.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            return display(entry, index.column());
        case Qt::ToolTipRole:
            // Ages in the table, the full moment on hover (CONSOLE.md).
            if (index.column() == TimeColumn)
                return QLocale().toString(entry.at.toLocalTime(), QLocale::LongFormat);
            if (index.column() == ReasonColumn || index.column() == TargetColumn || index.column() == ResultColumn)
                return display(entry, index.column());
            return {};
        case SortRole:
            return sortValue(entry, index.column());
        case IdRole:
            return entry.seq;
        default:
            return {};
        }
    }

    QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        switch (section) {
        case SeqColumn:
            return tr("#", "audit entry sequence number");
        case TimeColumn:
            return tr("When");
        case ActorColumn:
            return tr("Actor");
        case ActionColumn:
            return tr("Action");
        case TargetColumn:
            return tr("Target");
        case ResultColumn:
            return tr("Result");
        case ReasonColumn:
            return tr("Reason");
        default:
            return {};
        }
    }

    int AuditModel::append(const QList<Rollout::AuditEntry> &entries)
    {
        QList<Rollout::AuditEntry> fresh;
        qint64 last = lastSeq();
        for (const Rollout::AuditEntry &entry : entries) {
            if (entry.seq <= last)
                continue;
            fresh.append(entry);
            last = entry.seq;
        }
        if (fresh.isEmpty())
            return 0;
        const int first = int(m_entries.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        for (const Rollout::AuditEntry &entry : std::as_const(fresh)) {
            m_rowBySeq.insert(entry.seq, int(m_entries.size()));
            m_entries.append(entry);
        }
        endInsertRows();
        return int(fresh.size());
    }

    void AuditModel::clear()
    {
        beginResetModel();
        m_entries.clear();
        m_rowBySeq.clear();
        endResetModel();
    }

    const Rollout::AuditEntry *AuditModel::entry(int row) const
    {
        return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
    }

    void AuditModel::setNow(const QDateTime &now)
    {
        m_now = now;
        if (!m_entries.isEmpty())
            Q_EMIT dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn), {Qt::DisplayRole});
    }

    QString AuditModel::ageText(const QDateTime &moment, const QDateTime &now)
    {
        const qint64 seconds = qMax<qint64>(0, moment.secsTo(now));
        // Largest unit first; each unit counts whole ones of itself.
        if (seconds >= 86400)
            return tr("%n day(s) ago", nullptr, int(seconds / 86400));
        if (seconds >= 3600)
            return tr("%n h ago", nullptr, int(seconds / 3600));
        if (seconds >= 60)
            return tr("%n min ago", nullptr, int(seconds / 60));
        return tr("%n s ago", nullptr, int(seconds));
    }

    QVariant AuditModel::display(const Rollout::AuditEntry &entry, int column) const
    {
        switch (column) {
        case SeqColumn:
            return entry.seq;
        case TimeColumn:
            return ageText(entry.at, m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc());
        case ActorColumn:
            return entry.actor;
        case ActionColumn:
            return entry.action;
        case TargetColumn:
            return entry.target;
        case ResultColumn:
            return entry.result;
        case ReasonColumn:
            return entry.reason;
        default:
            return {};
        }
    }

    QVariant AuditModel::sortValue(const Rollout::AuditEntry &entry, int column) const
    {
        switch (column) {
        case SeqColumn:
        case TimeColumn:
            // The log's order is the append order, even where clocks stepped back.
            return entry.seq;
        default:
            return display(entry, column).toString().toLower();
        }
    }
} // namespace Models
