#include "models/checkinhistorymodel.h"

#include <QLocale>

#include "models/modelroles.h"

namespace Models
{
    namespace
    {
        QString checksText(const QJsonObject &health)
        {
            if (health.isEmpty())
                return CheckInHistoryModel::tr("not reported");
            QStringList failed;
            for (auto it = health.begin(); it != health.end(); ++it) {
                if (!it.value().toBool())
                    failed << it.key();
            }
            if (failed.isEmpty())
                return CheckInHistoryModel::tr("all %n passed", nullptr, int(health.size()));
            return CheckInHistoryModel::tr("failed: %1").arg(failed.join(QStringLiteral(", ")));
        }
    } // namespace

    CheckInHistoryModel::CheckInHistoryModel(QObject *parent) : QAbstractTableModel(parent) {}

    int CheckInHistoryModel::rowCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : int(m_checkIns.size());
    }

    int CheckInHistoryModel::columnCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    QVariant CheckInHistoryModel::data(const QModelIndex &index, int role) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Rollout::CheckIn &c = m_checkIns.at(index.row());
        if (role == SortRole && index.column() == AtColumn)
            return c.at.toMSecsSinceEpoch();
        if (role != Qt::DisplayRole && role != SortRole)
            return {};
        switch (index.column()) {
        case AtColumn: return QLocale().toString(c.at.toLocalTime(), QLocale::ShortFormat);
        case VersionColumn: return c.version;
        case BatteryColumn: return c.batteryPercent ? tr("%1 %").arg(*c.batteryPercent) : QString();
        case RssiColumn: return c.rssi ? tr("%1 dBm").arg(*c.rssi) : QString();
        case BootCountColumn: return c.bootCount ? QString::number(*c.bootCount) : QString();
        case ChecksColumn: return checksText(c.health);
        default: return {};
        }
    }

    QVariant CheckInHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return QAbstractTableModel::headerData(section, orientation, role);
        switch (section) {
        case AtColumn: return tr("Check-in");
        case VersionColumn: return tr("Version");
        case BatteryColumn: return tr("Battery");
        case RssiColumn: return tr("RSSI");
        case BootCountColumn: return tr("Boot count");
        case ChecksColumn: return tr("Checks");
        default: return {};
        }
    }

    void CheckInHistoryModel::update(const QList<Rollout::CheckIn> &newestFirst)
    {
        beginResetModel();
        m_checkIns = QList<Rollout::CheckIn>(newestFirst.crbegin(), newestFirst.crend());
        endResetModel();
    }
} // namespace Models
