#include "landevicemodel.h"

#include "lantext.h"
#include "modelroles.h"
#include "statekind.h"

namespace Models
{
    namespace
    {
        QString keyOf(const Discovery::ServiceInstance &instance)
        {
            return instance.fullName.toString().toLower();
        }
    } // namespace

    LanDeviceModel::LanDeviceModel(QObject *parent) : QAbstractTableModel(parent), m_now(QDateTime::currentDateTimeUtc())
    {
    }

    LanDeviceModel::~LanDeviceModel() = default;

    int LanDeviceModel::rowCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : static_cast<int>(m_devices.size());
    }

    int LanDeviceModel::columnCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    QVariant LanDeviceModel::headerData(int section, Qt::Orientation orientation, int role) const
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        switch (section) {
        case NameColumn: return tr("Device");
        case ProtocolColumn: return tr("Protocol");
        case BoardColumn: return tr("Board / platform");
        case AddressColumn: return tr("Address");
        case AuthColumn: return tr("Auth", "column: whether the device asks for an OTA password");
        case VersionColumn: return tr("Version");
        case HeardColumn: return tr("Last heard");
        case ImageCheckColumn: return tr("Image check");
        default: return {};
        }
    }

    QVariant LanDeviceModel::data(const QModelIndex &index, int role) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const LanDevice &device = m_devices.at(index.row());
        const int column = index.column();
        switch (role) {
        case Qt::DisplayRole:
            return display(device, column);
        case SortRole:
            return sortValue(device, column);
        case IdRole:
            return device.key;
        case Qt::ToolTipRole:
            if (column == HeardColumn)
                return tr("%1, by %2").arg(device.lastHeard.toString(Qt::ISODate), Discovery::heardViaName(device.heardVia));
            if (column == ImageCheckColumn && device.imageRefusal)
                return *device.imageRefusal;
            return {};
        case StateKindRole:
            if (column == HeardColumn)
                return int(device.online ? StateKind::Good : StateKind::Unknown);
            if (column == ImageCheckColumn && m_image)
                return int(device.imageRefusal ? StateKind::Bad : StateKind::Good);
            return {};
        default:
            return {};
        }
    }

    QVariant LanDeviceModel::display(const LanDevice &device, int column) const
    {
        const Espota::PushTarget &t = device.target;
        switch (column) {
        case NameColumn:
            return t.name;
        case ProtocolColumn:
            return protocolTitle(t.protocol);
        case BoardColumn:
            if (t.platform.isEmpty())
                return t.board;
            return t.board.isEmpty() ? t.platform : tr("%1 (%2)").arg(t.board, t.platform);
        case AddressColumn:
            return t.endpoint();
        case AuthColumn:
            if (!t.announcesPassword)
                return tr("not announced");
            return *t.announcesPassword ? tr("password") : tr("none");
        case VersionColumn:
            if (t.announcedVersion.isEmpty())
                return tr("unknown");
            return t.esphomeVersion.isEmpty() ? t.announcedVersion
                                              : tr("%1 (ESPHome %2)").arg(t.announcedVersion, t.esphomeVersion);
        case HeardColumn: {
            const QString age = ageText(device.lastHeard.secsTo(m_now));
            if (!device.online)
                return tr("offline (%1), %2").arg(device.goneReason, age);
            return age;
        }
        case ImageCheckColumn:
            if (!m_image)
                return QString();
            return device.imageRefusal ? *device.imageRefusal : tr("suits this device");
        default:
            return {};
        }
    }

    QVariant LanDeviceModel::sortValue(const LanDevice &device, int column) const
    {
        switch (column) {
        case AddressColumn:
            return device.target.address.toIPv4Address();
        case HeardColumn:
            return device.lastHeard;
        default:
            return display(device, column);
        }
    }

    void LanDeviceModel::recheck(LanDevice &device) const
    {
        device.imageRefusal.reset();
        if (m_image)
            device.imageRefusal = Espota::imageRefusal(*m_image, device.target, Espota::Command::Flash);
    }

    void LanDeviceModel::rowChanged(int row)
    {
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }

    void LanDeviceModel::upsert(const Discovery::ServiceInstance &instance)
    {
        if (!instance.isResolved())
            return;
        LanDevice device;
        device.key = keyOf(instance);
        device.fullName = instance.fullName;
        device.target = Espota::PushTarget::fromService(instance);
        device.lastHeard = instance.lastHeard;
        device.heardVia = instance.lastHeardVia;
        recheck(device);
        const int row = rowOf(device.key);
        if (row >= 0) {
            m_devices[row] = device;
            rowChanged(row);
            return;
        }
        const int at = static_cast<int>(m_devices.size());
        beginInsertRows({}, at, at);
        m_devices.append(device);
        m_rowByKey.insert(device.key, at);
        endInsertRows();
    }

    void LanDeviceModel::markGone(const Discovery::ServiceInstance &instance, Discovery::RemovalReason reason)
    {
        const int row = rowOf(keyOf(instance));
        if (row < 0)
            return;
        m_devices[row].online = false;
        m_devices[row].target.heardOnMdns = false;
        m_devices[row].goneReason = Discovery::removalReasonName(reason);
        rowChanged(row);
    }

    void LanDeviceModel::setImage(std::shared_ptr<const Espota::PushImage> image)
    {
        m_image = std::move(image);
        for (LanDevice &device : m_devices)
            recheck(device);
        if (!m_devices.isEmpty())
            Q_EMIT dataChanged(index(0, ImageCheckColumn), index(rowCount() - 1, ImageCheckColumn));
    }

    void LanDeviceModel::setNow(const QDateTime &nowUtc)
    {
        m_now = nowUtc;
        if (!m_devices.isEmpty())
            Q_EMIT dataChanged(index(0, HeardColumn), index(rowCount() - 1, HeardColumn), {Qt::DisplayRole});
    }
} // namespace Models
