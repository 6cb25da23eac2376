#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

#include "rollout/auditentry.h"

namespace Models
{
    // The server's audit log as a table, one row per entry, in the order the
    // server appended them (seq ascending); views sort through a proxy on
    // SortRole. Entries only ever arrive at the end, in batches (one
    // beginInsertRows per batch): the log is append-only.
    class AuditModel final : public QAbstractTableModel
    {
        Q_OBJECT
    public:
        enum Column
        {
            SeqColumn,
            TimeColumn,
            ActorColumn,
            ActionColumn,
            TargetColumn,
            ResultColumn,
            ReasonColumn,
            ColumnCount
        };

        explicit AuditModel(QObject *parent = nullptr);

        int rowCount(const QModelIndex &parent = {}) const override;
        int columnCount(const QModelIndex &parent = {}) const override;
        QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
        QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

        // Appends the entries newer than lastSeq(), in seq order; older or
        // repeated ones (an overlapping page) are skipped. How many were new.
        int append(const QList<Rollout::AuditEntry> &entries);
        void clear();

        qint64 lastSeq() const { return m_entries.isEmpty() ? 0 : m_entries.constLast().seq; }
        const Rollout::AuditEntry *entry(int row) const;
        int rowOfSeq(qint64 seq) const { return m_rowBySeq.value(seq, -1); }

        // Ages ("42 s ago") are counted to this moment; the current time when unset.
        void setNow(const QDateTime &now);

        // "42 s ago", "3 h ago": how long before now a moment was.
        static QString ageText(const QDateTime &moment, const QDateTime &now);

    private:
        QVariant display(const Rollout::AuditEntry &entry, int column) const;
        QVariant sortValue(const Rollout::AuditEntry &entry, int column) const;

        QList<Rollout::AuditEntry> m_entries;
        QHash<qint64, int> m_rowBySeq;
        QDateTime m_now;
    };
} // namespace Models
