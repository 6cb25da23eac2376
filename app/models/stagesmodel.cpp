#include "models/stagesmodel.h"

#include <cmath>

#include <QRegularExpression>

#include "models/devicecounttext.h"
#include "models/durationtext.h"

using namespace Qt::Literals::StringLiterals;

namespace Models
{
    namespace
    {
        constexpr int MaxNameLength = 64; // the server's limit for a stage name
        constexpr qint64 Hour = 3600;

        StageDraft stage(const QString &name, StageDraft::SizeKind kind, double size, double success,
                         std::optional<double> rollback, qint64 soakSeconds)
        {
            StageDraft draft;
            draft.name = name;
            draft.sizeKind = kind;
            draft.size = size;
            draft.minSuccessRate = success;
            draft.maxRollbackRate = rollback;
            draft.soakSeconds = soakSeconds;
            return draft;
        }

        QString number(double value)
        {
            return QString::number(value, 'g', 6);
        }
    } // namespace

    QJsonObject StageDraft::toJson() const
    {
        QJsonObject object{
            {u"name"_s, name},
            {u"size"_s, sizeKind == SizeKind::Count ? QJsonObject{{u"count"_s, qint64(size)}}
                                                    : QJsonObject{{u"percent"_s, size}}},
            {u"minSuccessRate"_s, minSuccessRate},
            {u"soakSeconds"_s, soakSeconds},
            {u"gateAction"_s, manualGate ? u"manual"_s : u"auto"_s},
        };
        if (maxRollbackRate)
            object.insert(u"maxRollbackRate"_s, *maxRollbackRate);
        return object;
    }

    StagesModel::StagesModel(QObject *parent) : QAbstractTableModel(parent), m_stages(caseStudy()) {}

    QList<StageDraft> StagesModel::caseStudy()
    {
        using Kind = StageDraft::SizeKind;
        return {
            stage(u"canary"_s, Kind::Count, 50, 0.95, 0.05, 24 * Hour),
            stage(u"pilot"_s, Kind::Count, 500, 0.98, 0.02, 48 * Hour),
            stage(u"full"_s, Kind::Percent, 100, 0.99, std::nullopt, 168 * Hour),
        };
    }

    int StagesModel::rowCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : int(m_stages.size());
    }

    int StagesModel::columnCount(const QModelIndex &parent) const
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    QVariant StagesModel::data(const QModelIndex &index, int role) const
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const StageDraft &stage = m_stages.at(index.row());
        if (index.column() == GateColumn) {
            if (role == Qt::CheckStateRole)
                return stage.manualGate ? Qt::Checked : Qt::Unchecked;
            if (role == Qt::DisplayRole)
                return stage.manualGate ? tr("pause for an operator") : tr("advance by itself");
            return {};
        }
        switch (role) {
        case Qt::DisplayRole:
            return display(stage, index.column());
        case Qt::EditRole:
            return editText(stage, index.column());
        case Qt::ToolTipRole:
            if (index.column() == SizeColumn && stage.sizeKind == StageDraft::SizeKind::Percent)
                return tr("%1 % of the devices the stages before it left, rounded up").arg(number(stage.size));
            return {};
        default:
            return {};
        }
    }

    QVariant StagesModel::display(const StageDraft &stage, int column) const
    {
        switch (column) {
        case NameColumn:
            return stage.name;
        case SizeColumn:
            return stage.sizeKind == StageDraft::SizeKind::Count ? deviceCountText(qint64(stage.size))
                                                                 : tr("%1 % of the rest").arg(number(stage.size));
        case SuccessColumn:
            return tr("≥ %1").arg(percentText(stage.minSuccessRate));
        case RollbackColumn:
            return stage.maxRollbackRate ? tr("≤ %1").arg(percentText(*stage.maxRollbackRate)) : tr("no limit");
        case SoakColumn:
            return DurationText::format(stage.soakSeconds);
        default:
            return {};
        }
    }

    QVariant StagesModel::editText(const StageDraft &stage, int column) const
    {
        switch (column) {
        case NameColumn:
            return stage.name;
        case SizeColumn:
            return stage.sizeKind == StageDraft::SizeKind::Count ? number(stage.size) : number(stage.size) + u'%';
        case SuccessColumn:
            return number(stage.minSuccessRate * 100);
        case RollbackColumn:
            return stage.maxRollbackRate ? number(*stage.maxRollbackRate * 100) : QString();
        case SoakColumn:
            return DurationText::format(stage.soakSeconds).remove(u' ');
        default:
            return {};
        }
    }

    QVariant StagesModel::headerData(int section, Qt::Orientation orientation, int role) const
    {
        if (orientation != Qt::Horizontal)
            return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
        if (role == Qt::ToolTipRole) {
            switch (section) {
            case SizeColumn: return tr("A device count (50) or a percent of the devices left (100%)");
            case SuccessColumn: return tr("Succeeded / executed devices must reach this for the stage to pass");
            case RollbackColumn: return tr("Rolled back / executed devices must stay at or under this; empty: no limit");
            case SoakColumn: return tr("Monitoring time after the stage's last device ended (30min, 24h, 7d)");
            case GateColumn: return tr("Checked: the rollout pauses after this stage until an operator advances it");
            default: return {};
            }
        }
        if (role != Qt::DisplayRole)
            return {};
        switch (section) {
        case NameColumn: return tr("Stage");
        case SizeColumn: return tr("Devices");
        case SuccessColumn: return tr("Min. success");
        case RollbackColumn: return tr("Max. rollback");
        case SoakColumn: return tr("Soak");
        case GateColumn: return tr("Gate");
        default: return {};
        }
    }

    Qt::ItemFlags StagesModel::flags(const QModelIndex &index) const
    {
        if (!index.isValid())
            return Qt::NoItemFlags;
        const Qt::ItemFlags base = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
        return index.column() == GateColumn ? base | Qt::ItemIsUserCheckable : base | Qt::ItemIsEditable;
    }

    bool StagesModel::setData(const QModelIndex &index, const QVariant &value, int role)
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return false;
        StageDraft changed = m_stages.at(index.row());
        if (index.column() == GateColumn) {
            if (role != Qt::CheckStateRole)
                return false;
            changed.manualGate = value.toInt() == Qt::Checked;
        } else {
            if (role != Qt::EditRole)
                return false;
            if (const QString why = apply(changed, index.row(), index.column(), value.toString()); !why.isEmpty())
                return refuse(why);
        }
        m_lastError.clear();
        m_stages[index.row()] = changed;
        Q_EMIT dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole, Qt::CheckStateRole, Qt::ToolTipRole});
        return true;
    }

    QString StagesModel::apply(StageDraft &stage, int row, int column, const QString &text) const
    {
        const QString trimmed = text.trimmed();
        const QString where = tr("Stage %1 (%2)").arg(row + 1).arg(stage.name);
        switch (column) {
        case NameColumn:
            if (trimmed.isEmpty())
                return tr("%1: a stage needs a name.").arg(where);
            if (trimmed.size() > MaxNameLength)
                return tr("%1: a stage name has at most %2 characters.").arg(where).arg(MaxNameLength);
            for (int other = 0; other < m_stages.size(); ++other) {
                if (other != row && m_stages.at(other).name == trimmed)
                    return tr("%1: stage %2 is already called \"%3\"; stage names must differ.")
                        .arg(where).arg(other + 1).arg(trimmed);
            }
            stage.name = trimmed;
            return {};
        case SizeColumn: {
            static const QRegularExpression count(u"^\\d+$"_s);
            static const QRegularExpression percent(u"^(\\d+(?:\\.\\d+)?)\\s*%$"_s);
            if (count.match(trimmed).hasMatch()) {
                const qint64 devices = trimmed.toLongLong();
                if (devices < 1 || devices > 100'000'000)
                    return tr("%1: a stage takes at least 1 device (and at most 100,000,000).").arg(where);
                stage.sizeKind = StageDraft::SizeKind::Count;
                stage.size = double(devices);
                return {};
            }
            if (const QRegularExpressionMatch match = percent.match(trimmed); match.hasMatch()) {
                const double value = match.captured(1).toDouble();
                if (value <= 0 || value > 100)
                    return tr("%1: a percent must be above 0 and at most 100.").arg(where);
                stage.sizeKind = StageDraft::SizeKind::Percent;
                stage.size = value;
                return {};
            }
            return tr("%1: \"%2\" is neither a device count (50) nor a percent of the devices left (10%).")
                .arg(where, trimmed);
        }
        case SuccessColumn:
            if (const std::optional<double> rate = parsePercent(trimmed)) {
                stage.minSuccessRate = *rate;
                return {};
            }
            return tr("%1: minimum success \"%2\" is not a percent from 0 to 100 (95 or 95%).").arg(where, trimmed);
        case RollbackColumn:
            if (trimmed.isEmpty()) {
                stage.maxRollbackRate.reset();
                return {};
            }
            if (const std::optional<double> rate = parsePercent(trimmed)) {
                stage.maxRollbackRate = *rate;
                return {};
            }
            return tr("%1: maximum rollback \"%2\" is not a percent from 0 to 100 (5 or 5%); leave it empty for no "
                      "limit.")
                .arg(where, trimmed);
        case SoakColumn:
            if (const std::optional<qint64> seconds = DurationText::parseSeconds(trimmed)) {
                stage.soakSeconds = *seconds;
                return {};
            }
            return tr("%1: soak \"%2\" is not a duration with a unit such as 30s, 15min, 24h or 7d.").arg(where, trimmed);
        default:
            return tr("%1: this column cannot be edited.").arg(where);
        }
    }

    bool StagesModel::refuse(const QString &message)
    {
        m_lastError = message;
        Q_EMIT editRefused(message);
        return false;
    }

    std::optional<double> StagesModel::parsePercent(const QString &text)
    {
        static const QRegularExpression percent(u"^(\\d+(?:\\.\\d+)?)\\s*%?$"_s);
        const QRegularExpressionMatch match = percent.match(text.trimmed());
        if (!match.hasMatch())
            return std::nullopt;
        const double value = match.captured(1).toDouble();
        if (value < 0 || value > 100)
            return std::nullopt;
        return value / 100.0;
    }

    QString StagesModel::percentText(double rate)
    {
        return tr("%1 %").arg(number(std::round(rate * 100000) / 1000));
    }

    void StagesModel::setStages(const QList<StageDraft> &stages)
    {
        beginResetModel();
        m_stages = stages;
        endResetModel();
    }

    QString StagesModel::uniqueName(const QString &base) const
    {
        QString name = base;
        for (int n = 2; std::any_of(m_stages.cbegin(), m_stages.cend(),
                                    [&name](const StageDraft &stage) { return stage.name == name; });
             ++n)
            name = base + u' ' + QString::number(n);
        return name;
    }

    int StagesModel::addStage(int after)
    {
        const int row = (after < 0 || after >= m_stages.size()) ? int(m_stages.size()) : after + 1;
        StageDraft draft;
        draft.name = uniqueName(tr("stage %1").arg(row + 1));
        draft.sizeKind = StageDraft::SizeKind::Percent;
        draft.size = 100;
        draft.minSuccessRate = 0.99;
        beginInsertRows({}, row, row);
        m_stages.insert(row, draft);
        endInsertRows();
        return row;
    }

    bool StagesModel::removeStage(int row)
    {
        if (row < 0 || row >= m_stages.size())
            return false;
        beginRemoveRows({}, row, row);
        m_stages.removeAt(row);
        endRemoveRows();
        return true;
    }

    bool StagesModel::moveStage(int row, int delta)
    {
        const int target = row + delta;
        if (delta == 0 || row < 0 || row >= m_stages.size() || target < 0 || target >= m_stages.size())
            return false;
        // beginMoveRows names the row the moved one goes before, in the old numbering.
        const int destination = delta > 0 ? target + 1 : target;
        if (!beginMoveRows({}, row, row, {}, destination))
            return false;
        m_stages.move(row, target);
        endMoveRows();
        return true;
    }

    QJsonArray StagesModel::toJson() const
    {
        QJsonArray array;
        for (const StageDraft &stage : m_stages)
            array.append(stage.toJson());
        return array;
    }
} // namespace Models
