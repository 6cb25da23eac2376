#include "models/serverlistmodel.h"

namespace Models
{
    namespace
    {
        // "https://h:1/" and "https://h:1" are one server.
        QString urlKey(const QUrl &url)
        {
            QUrl key = url.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
            if (key.path() == QStringLiteral("/"))
                key.setPath(QString());
            return key.toString();
        }
    } // namespace

    ServerListModel::ServerListModel(QObject *parent) : QAbstractTableModel(parent) {}

    ServerListModel::~ServerListModel() = default;

    int ServerListModel::rowCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    int ServerListModel::columnCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    QVariant ServerListModel::data(const QModelIndex &index, int role) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Row &row = m_rows.at(index.row());
        const bool tls = row.url.scheme() == QStringLiteral("https");
        if (role == UrlRole)
            return row.url;
        if (role == TlsRole)
            return tls;
        if (role == Qt::ToolTipRole && !row.version.isEmpty())
            return tr("%1, ota-server %2").arg(row.url.toString(), row.version);
        if (role != Qt::DisplayRole)
            return {};
        switch (index.column()) {
        case NameColumn:
            return row.name;
        case AddressColumn:
            return QStringLiteral("%1:%2").arg(row.url.host()).arg(row.url.port(tls ? 443 : 80));
        case TlsColumn:
            return tls ? tr("yes", "TLS") : tr("no", "TLS");
        case SourceColumn:
            return sourceText(row);
        default:
            return {};
        }
    }

    QVariant ServerListModel::headerData(int section, Qt::Orientation orientation, int role) const
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        switch (section) {
        case NameColumn:
            return tr("Name");
        case AddressColumn:
            return tr("Address");
        case TlsColumn:
            return tr("TLS");
        case SourceColumn:
            return tr("Known from");
        default:
            return {};
        }
    }

    QString ServerListModel::sourceText(const Row &row) const
    {
        const bool announced = !row.instanceKey.isEmpty();
        if (announced && row.recent)
            return tr("found on the network, used before");
        return announced ? tr("found on the network") : tr("used before");
    }

    void ServerListModel::setRecentServers(const QList<QUrl> &servers)
    {
        for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
            if (m_rows.at(row).instanceKey.isEmpty())
                dropRow(row);
        }
        for (const QUrl &url : servers) {
            Row row;
            row.url = url.adjusted(QUrl::StripTrailingSlash);
            row.name = url.host();
            row.recent = true;
            upsert(row);
        }
    }

    QUrl ServerListModel::urlOf(const Discovery::ServiceInstance &instance)
    {
        QUrl url;
        url.setScheme(instance.txt.value(QStringLiteral("tls")) == QStringLiteral("yes") ? QStringLiteral("https")
                                                                                         : QStringLiteral("http"));
        // An IPv4 address where there is one: it needs no brackets and no scope.
        QHostAddress address = instance.addresses.value(0);
        for (const QHostAddress &candidate : instance.addresses) {
            if (candidate.protocol() == QAbstractSocket::IPv4Protocol) {
                address = candidate;
                break;
            }
        }
        url.setHost(address.toString());
        url.setPort(instance.port);
        return url;
    }

    void ServerListModel::addAnnounced(const Discovery::ServiceInstance &instance)
    {
        if (!instance.isResolved())
            return;
        Row row;
        row.url = urlOf(instance);
        row.name = instance.txt.value(QStringLiteral("name"), instance.instanceName);
        row.version = instance.txt.value(QStringLiteral("version"));
        row.instanceKey = instance.fullName.toString();
        upsert(row);
    }

    void ServerListModel::removeAnnounced(const Discovery::ServiceInstance &instance)
    {
        const QString key = instance.fullName.toString();
        for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
            Row &entry = m_rows[row];
            if (entry.instanceKey != key)
                continue;
            if (!entry.recent) {
                dropRow(row);
                continue;
            }
            entry.instanceKey.clear();
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1), {Qt::DisplayRole});
        }
    }

    void ServerListModel::upsert(Row row)
    {
        const auto found = m_rowByUrl.constFind(urlKey(row.url));
        if (found == m_rowByUrl.constEnd()) {
            const int at = int(m_rows.size());
            beginInsertRows({}, at, at);
            m_rows.append(std::move(row));
            m_rowByUrl.insert(urlKey(m_rows.constLast().url), at);
            endInsertRows();
            return;
        }
        Row &entry = m_rows[*found];
        // An announcement brings the server's name; being recent is kept either way.
        if (!row.instanceKey.isEmpty()) {
            entry.name = row.name;
            entry.version = row.version;
            entry.instanceKey = row.instanceKey;
        }
        entry.recent = entry.recent || row.recent;
        Q_EMIT dataChanged(index(*found, 0), index(*found, ColumnCount - 1), {Qt::DisplayRole, Qt::ToolTipRole});
    }

    void ServerListModel::dropRow(int row)
    {
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        reindex();
        endRemoveRows();
    }

    void ServerListModel::reindex()
    {
        m_rowByUrl.clear();
        for (int row = 0; row < m_rows.size(); ++row)
            m_rowByUrl.insert(urlKey(m_rows.at(row).url), row);
    }

    QUrl ServerListModel::url(int row) const
    {
        return row >= 0 && row < m_rows.size() ? m_rows.at(row).url : QUrl();
    }

    int ServerListModel::rowOf(const QUrl &url) const
    {
        return m_rowByUrl.value(urlKey(url), -1);
    }
} // namespace Models
