#pragma once

#include <QDateTime>
#include <QSortFilterProxyModel>
#include <QString>

namespace Rollout
{
    struct AuditEntry;
}

namespace Models
{
    // What the Audit page asks of the log. Each text is a case-insensitive
    // part of its field; an empty one and an unset time match everything.
    struct AuditFilter
    {
        QString actor;
        QString action;
        QString target;
        QString result;
        QString text; // anywhere: the fields above, the reason, the detail
        QDateTime from; // inclusive
        QDateTime to;   // inclusive

        bool isEmpty() const;
        bool accepts(const Rollout::AuditEntry &entry) const;
        friend bool operator==(const AuditFilter &, const AuditFilter &) = default;
    };

    // An AuditModel seen through an AuditFilter, sorted on SortRole.
    class AuditFilterModel final : public QSortFilterProxyModel
    {
        Q_OBJECT
    public:
        explicit AuditFilterModel(QObject *parent = nullptr);

        const AuditFilter &filter() const { return m_filter; }
        void setFilter(const AuditFilter &filter);

    protected:
        bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

    private:
        AuditFilter m_filter;
    };
} // namespace Models
