#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QUrl>

#include "discovery/serviceinstance.h"

namespace Models
{
    // Rollout servers the operator can connect to: those announcing
    // _otarollout._tcp on the LAN and those used before, one row per URL
    // (a recent server that is also announced is one row saying both).
    class ServerListModel final : public QAbstractTableModel
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(ServerListModel)

    public:
        enum Column
        {
            NameColumn,
            AddressColumn,
            TlsColumn,
            SourceColumn,
            ColumnCount,
        };
        enum Role
        {
            UrlRole = Qt::UserRole + 100, // QUrl to connect to
            TlsRole,                      // bool
        };

        explicit ServerListModel(QObject *parent = nullptr);
        ~ServerListModel() override;

        int rowCount(const QModelIndex &parent = {}) const override;
        int columnCount(const QModelIndex &parent = {}) const override;
        QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
        QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

        void setRecentServers(const QList<QUrl> &servers);
        // An announced instance, resolved or updated; ignored until it has an address.
        void addAnnounced(const Discovery::ServiceInstance &instance);
        void removeAnnounced(const Discovery::ServiceInstance &instance);

        QUrl url(int row) const;
        int rowOf(const QUrl &url) const; // -1 when not listed

        // The URL an announced instance is reached at: https when its TXT says tls=yes.
        static QUrl urlOf(const Discovery::ServiceInstance &instance);

    private:
        struct Row
        {
            QUrl url;
            QString name;       // the server's own name (TXT "name"), or the host
            QString version;    // ota-server's version, when announced
            QString instanceKey; // the DNS-SD instance, while announced; empty otherwise
            bool recent = false;
        };

        QString sourceText(const Row &row) const;
        void upsert(Row row);
        void dropRow(int row);
        void reindex();

        QList<Row> m_rows;
        QHash<QString, int> m_rowByUrl;
    };
} // namespace Models
