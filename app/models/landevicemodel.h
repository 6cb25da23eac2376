#pragma once

#include <memory>
#include <optional>

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

#include "discovery/mdnsbrowser.h"
#include "espota/pushimage.h"
#include "espota/pushtarget.h"

namespace Models
{
    // One device heard on the LAN, as the LAN page lists it.
    struct LanDevice
    {
        QString key;                       // the instance's full DNS name, lower case
        Discovery::DnsName fullName;
        Espota::PushTarget target;
        QDateTime lastHeard;               // UTC
        Discovery::HeardVia heardVia = Discovery::HeardVia::Announcement;
        bool online = true;
        QString goneReason;                // why it is offline ("goodbye", "check failed")
        std::optional<QString> imageRefusal; // the chosen image does not suit it, and why
    };

    // Devices announced on _arduino._tcp and _esphomelib._tcp, one row each.
    // A device that leaves stays as a row marked offline (with why), so the
    // operator sees it went rather than a row vanishing. When an image is
    // chosen, each row says whether the image suits it before anything is sent.
    class LanDeviceModel final : public QAbstractTableModel
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(LanDeviceModel)

    public:
        enum Column
        {
            NameColumn,
            ProtocolColumn,
            BoardColumn,
            AddressColumn,
            AuthColumn,
            VersionColumn,
            HeardColumn,
            ImageCheckColumn,
            ColumnCount,
        };

        explicit LanDeviceModel(QObject *parent = nullptr);
        ~LanDeviceModel() override;

        int rowCount(const QModelIndex &parent = {}) const override;
        int columnCount(const QModelIndex &parent = {}) const override;
        QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
        QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

        // From the browser: a new or changed instance (unresolved ones are ignored).
        void upsert(const Discovery::ServiceInstance &instance);
        void markGone(const Discovery::ServiceInstance &instance, Discovery::RemovalReason reason);
        // The image the operator chose (null: none); every row's check is redone.
        void setImage(std::shared_ptr<const Espota::PushImage> image);
        // Ages are measured against this clock; tests set it, the page ticks it.
        void setNow(const QDateTime &nowUtc);

        const LanDevice &device(int row) const { return m_devices.at(row); }
        int rowOf(const QString &key) const { return m_rowByKey.value(key, -1); }

    private:
        QVariant display(const LanDevice &device, int column) const;
        QVariant sortValue(const LanDevice &device, int column) const;
        void recheck(LanDevice &device) const;
        void rowChanged(int row);

        QList<LanDevice> m_devices;
        QHash<QString, int> m_rowByKey;
        std::shared_ptr<const Espota::PushImage> m_image;
        QDateTime m_now;
    };
} // namespace Models
