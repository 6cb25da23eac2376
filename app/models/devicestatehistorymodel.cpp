#include "models/devicestatehistorymodel.h"

#include <algorithm>

#include <QJsonArray>
#include <QLocale>

#include "models/modelroles.h"
#include "models/statekind.h"
#include "rollout/isotime.h"

using namespace Qt::Literals::StringLiterals;

namespace Models
{
    DeviceStateHistoryModel::DeviceStateHistoryModel(QObject *parent) : QAbstractTableModel(parent) {}

    int DeviceStateHistoryModel::rowCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : int(m_changes.size());
    }

    int DeviceStateHistoryModel::columnCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    QVariant DeviceStateHistoryModel::data(const QModelIndex &index, int role) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Change &c = m_changes.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
            case RolloutColumn: return c.rolloutName.isEmpty() ? c.rolloutId : c.rolloutName;
            case AtColumn: return QLocale().toString(c.at.toLocalTime(), QLocale::ShortFormat);
            case FromColumn: return c.from;
            case ToColumn: return c.to;
            case DetailColumn: return c.detail;
            default: return {};
            }
        case Qt::ToolTipRole:
            return index.column() == AtColumn ? QLocale().toString(c.at.toLocalTime(), QLocale::LongFormat) : c.detail;
        case SortRole:
            return index.column() == AtColumn ? QVariant(c.at.toMSecsSinceEpoch()) : data(index, Qt::DisplayRole);
        case StateKindRole:
            if (index.column() == ToColumn)
                return int(stateKindOf(c.to));
            if (index.column() == FromColumn)
                return int(stateKindOf(c.from));
            return {};
        case IdRole:
            return c.rolloutId;
        default:
            return {};
        }
    }

    QVariant DeviceStateHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return QAbstractTableModel::headerData(section, orientation, role);
        switch (section) {
        case RolloutColumn: return tr("Rollout");
        case AtColumn: return tr("When");
        case FromColumn: return tr("From");
        case ToColumn: return tr("To");
        case DetailColumn: return tr("Detail");
        default: return {};
        }
    }

    void DeviceStateHistoryModel::update(const QList<Rollout::RolloutDevice> &entries)
    {
        QList<Change> changes;
        for (const Rollout::RolloutDevice &entry : entries) {
            const QString id = entry.json.value(u"rolloutId"_s).toString();
            const QString name = entry.json.value(u"rolloutName"_s).toString();
            const QJsonArray history = entry.json.value(u"history"_s).toArray();
            for (const QJsonValue &item : history) {
                const QJsonObject o = item.toObject();
                changes.append({id, name, Rollout::IsoTime::parse(o.value(u"at"_s).toString()),
                                o.value(u"from"_s).toString(), o.value(u"to"_s).toString(),
                                o.value(u"detail"_s).toString()});
            }
        }
        std::stable_sort(changes.begin(), changes.end(), [](const Change &a, const Change &b) { return a.at < b.at; });
        beginResetModel();
        m_changes = changes;
        endResetModel();
    }
} // namespace Models
