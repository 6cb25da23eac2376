#include "releaselistmodel.h"

#include <QLocale>
#include <QSet>

#include "modelroles.h"

namespace Models
{
    ReleaseListModel::ReleaseListModel(QObject *parent) : QAbstractTableModel(parent) {}

    int ReleaseListModel::rowCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : int(m_releases.size());
    }

    int ReleaseListModel::columnCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    QVariant ReleaseListModel::headerData(int section, Qt::Orientation orientation, int role) const
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        switch (section) {
        case VersionColumn:
            return tr("Version");
        case ProjectColumn:
            return tr("Project");
        case ChipColumn:
            return tr("Chip");
        case SizeColumn:
            return tr("Size");
        case KeyColumn:
            return tr("Signing key");
        case UploadedByColumn:
            return tr("Uploaded by");
        case UploadedColumn:
            return tr("Uploaded", "column: when the release was uploaded");
        default:
            return {};
        }
    }

    QVariant ReleaseListModel::data(const QModelIndex &index, int role) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Rollout::Release &r = m_releases.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            return display(r, index.column());
        case SortRole:
            return sortValue(r, index.column());
        case IdRole:
            return r.sha256;
        case Qt::ToolTipRole:
            if (index.column() == UploadedColumn)
                return QLocale().toString(r.uploadedAt.toLocalTime(), QLocale::LongFormat);
            if (index.column() == KeyColumn)
                return r.keyId;
            return tr("SHA-256 %1").arg(r.sha256);
        case Qt::TextAlignmentRole:
            if (index.column() == SizeColumn)
                return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
            return {};
        default:
            return {};
        }
    }

    QVariant ReleaseListModel::display(const Rollout::Release &r, int column) const
    {
        switch (column) {
        case VersionColumn:
            return r.version;
        case ProjectColumn:
            return r.project;
        case ChipColumn:
            return r.chip;
        case SizeColumn:
            return sizeText(r.size);
        case KeyColumn:
            return r.startable ? keyText(r.keyId) : tr("%1 (revoked)").arg(keyText(r.keyId));
        case UploadedByColumn:
            return r.uploadedBy;
        case UploadedColumn:
            return ageText(r.uploadedAt, m_now);
        default:
            return {};
        }
    }

    QVariant ReleaseListModel::sortValue(const Rollout::Release &r, int column) const
    {
        switch (column) {
        case SizeColumn:
            return r.size;
        case UploadedColumn:
            return r.uploadedAt;
        default:
            return display(r, column);
        }
    }

    QString ReleaseListModel::keyText(const QString &keyId) const
    {
        if (keyId.isEmpty())
            return tr("unsigned");
        const QString shortId = keyId.left(8);
        const QString name = m_keyNames.value(keyId);
        return name.isEmpty() ? shortId : tr("%1 (%2)").arg(name, shortId);
    }

    QString ReleaseListModel::ageText(const QDateTime &then, const QDateTime &now)
    {
        if (!then.isValid())
            return tr("unknown");
        const qint64 secs = qMax<qint64>(then.secsTo(now), 0);
        if (secs < 60)
            return tr("%n s ago", nullptr, int(secs));
        if (secs < 3600)
            return tr("%n min ago", nullptr, int(secs / 60));
        if (secs < 86400)
            return tr("%n h ago", nullptr, int(secs / 3600));
        return tr("%n days ago", nullptr, int(secs / 86400));
    }

    QString ReleaseListModel::sizeText(qint64 bytes)
    {
        return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
    }

    void ReleaseListModel::update(const QList<Rollout::Release> &releases, const QDateTime &now)
    {
        m_now = now;
        QSet<QString> incoming;
        for (const Rollout::Release &r : releases)
            incoming.insert(r.sha256);
        // Gone releases leave first, bottom up, so rows above keep their numbers.
        for (int row = int(m_releases.size()) - 1; row >= 0; --row) {
            if (incoming.contains(m_releases.at(row).sha256))
                continue;
            beginRemoveRows({}, row, row);
            m_releases.removeAt(row);
            endRemoveRows();
        }
        rebuildIndex();
        // New uploads are the newest: the server lists them first.
        QList<Rollout::Release> fresh;
        for (const Rollout::Release &r : releases) {
            if (!m_rowBySha.contains(r.sha256))
                fresh.append(r);
        }
        if (!fresh.isEmpty()) {
            beginInsertRows({}, 0, int(fresh.size()) - 1);
            m_releases = fresh + m_releases;
            endInsertRows();
        }
        rebuildIndex();
        // Same rows now; their fields (startable, manifest) may have changed.
        for (const Rollout::Release &r : releases)
            m_releases[m_rowBySha.value(r.sha256)] = r;
        if (!m_releases.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }

    void ReleaseListModel::setKeyNames(const QHash<QString, QString> &namesById)
    {
        m_keyNames = namesById;
        if (!m_releases.isEmpty())
            Q_EMIT dataChanged(index(0, KeyColumn), index(rowCount() - 1, KeyColumn), {Qt::DisplayRole, SortRole});
    }

    const Rollout::Release *ReleaseListModel::release(int row) const
    {
        return row >= 0 && row < m_releases.size() ? &m_releases.at(row) : nullptr;
    }

    void ReleaseListModel::rebuildIndex()
    {
        m_rowBySha.clear();
        for (int row = 0; row < m_releases.size(); ++row)
            m_rowBySha.insert(m_releases.at(row).sha256, row);
    }
} // namespace Models
