#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include "rollout/release.h"

namespace Models
{
    // The server's releases as a table, newest upload first as the server
    // sends them, one row per image (its SHA-256). Refreshes update rows in
    // place, insert new ones in one batch and remove gone ones.
    class ReleaseListModel final : public QAbstractTableModel
    {
        Q_OBJECT
    public:
        enum Column
        {
            VersionColumn,
            ProjectColumn,
            ChipColumn,
            SizeColumn,
            KeyColumn,
            UploadedByColumn,
            UploadedColumn,
            ColumnCount
        };

        explicit ReleaseListModel(QObject *parent = nullptr);

        int rowCount(const QModelIndex &parent = {}) const override;
        int columnCount(const QModelIndex &parent = {}) const override;
        QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
        QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

        // now: the clock ages are measured on (the server's, when known).
        void update(const QList<Rollout::Release> &releases, const QDateTime &now = QDateTime::currentDateTimeUtc());
        // Key id -> the name an admin gave it, for the key column.
        void setKeyNames(const QHash<QString, QString> &namesById);

        const Rollout::Release *release(int row) const;
        const QList<Rollout::Release> &releases() const { return m_releases; }
        int rowOf(const QString &sha256) const { return m_rowBySha.value(sha256, -1); }

        // "ab12cd34" style short key id, and "name (ab12cd34)" when named.
        QString keyText(const QString &keyId) const;
        // "42 s ago", "3 h ago", "5 days ago".
        static QString ageText(const QDateTime &then, const QDateTime &now);
        // "1.2 MiB", "640 KiB", "512 B".
        static QString sizeText(qint64 bytes);

    private:
        QVariant display(const Rollout::Release &release, int column) const;
        QVariant sortValue(const Rollout::Release &release, int column) const;
        void rebuildIndex();

        QList<Rollout::Release> m_releases;
        QHash<QString, int> m_rowBySha;
        QHash<QString, QString> m_keyNames;
        QDateTime m_now;
    };
} // namespace Models
