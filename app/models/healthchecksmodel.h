#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Models
{
    // A device's health checks as its last check-in reported them: name and
    // passed / failed (StateKindRole on the result column).
    class HealthChecksModel final : public QAbstractTableModel
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(HealthChecksModel)
    public:
        enum Column
        {
            CheckColumn,
            ResultColumn,
            ColumnCount
        };

        explicit HealthChecksModel(QObject *parent = nullptr);

        int rowCount(const QModelIndex &parent = {}) const override;
        int columnCount(const QModelIndex &parent = {}) const override;
        QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
        QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

        // check name -> passed, as Rollout::Device::health holds it.
        void update(const QJsonObject &health);

    private:
        QList<std::pair<QString, bool>> m_checks;
    };
} // namespace Models
