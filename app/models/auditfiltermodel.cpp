#include "models/auditfiltermodel.h"

#include <QJsonDocument>

#include "models/auditmodel.h"
#include "models/modelroles.h"

namespace Models
{
    namespace
    {
        bool has(const QString &field, const QString &part)
        {
            return part.isEmpty() || field.contains(part, Qt::CaseInsensitive);
        }
    } // namespace

    bool AuditFilter::isEmpty() const
    {
        return *this == AuditFilter{};
    }

    bool AuditFilter::accepts(const Rollout::AuditEntry &entry) const
    {
        if (!has(entry.actor, actor) || !has(entry.action, action) || !has(entry.target, target)
            || !has(entry.result, result))
            return false;
        if (from.isValid() && entry.at < from)
            return false;
        if (to.isValid() && entry.at > to)
            return false;
        if (text.isEmpty())
            return true;
        for (const QString *field : {&entry.actor, &entry.action, &entry.target, &entry.result, &entry.reason}) {
            if (has(*field, text))
                return true;
        }
        return has(QString::number(entry.seq), text)
            || has(QString::fromUtf8(QJsonDocument(entry.detail).toJson(QJsonDocument::Compact)), text);
    }

    AuditFilterModel::AuditFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
    {
        setSortRole(SortRole);
    }

    void AuditFilterModel::setFilter(const AuditFilter &filter)
    {
        if (filter == m_filter)
            return;
        m_filter = filter;
        invalidateRowsFilter();
    }

    bool AuditFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
    {
        if (sourceParent.isValid())
            return false;
        const auto *log = qobject_cast<const AuditModel *>(sourceModel());
        const Rollout::AuditEntry *entry = log ? log->entry(sourceRow) : nullptr;
        return entry && m_filter.accepts(*entry);
    }
} // namespace Models
