#pragma once

#include <optional>

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

#include "rollout/rolloutdetail.h"

namespace Models
{
    // One stage measured against its gate, by the engine's gate math
    // (docs/rollout-engine.md): executed = SUCCEEDED + FAILED + ROLLED_BACK +
    // TIMED_OUT + REJECTED; success rate = SUCCEEDED / executed; rollback
    // rate = ROLLED_BACK / executed.
    struct StageGate
    {
        QString name;
        QString status; // PENDING, ACTIVE, SOAKING, PASSED, FAILED, CANCELED
        Rollout::StateCounts counts;
        int executed = 0;
        int succeeded = 0;
        int rolledBack = 0;
        double minSuccessRate = 0;
        std::optional<double> maxRollbackRate;
        qint64 soakSeconds = 0;
        QDateTime soakEndsAt;
        QString gateAction; // auto, pause
        QString gateResult;

        std::optional<double> successRate() const;  // none while nothing executed
        std::optional<double> rollbackRate() const;
        // Whether the rates, as they stand, would pass the gate.
        bool meetsGate() const;

        static QList<StageGate> fromDetail(const Rollout::RolloutDetail &detail);
    };

    // "98.4% (492/500)": a rate with the counts behind it (CONSOLE.md).
    QString rateText(std::optional<double> rate, int part, int whole);
    // "2 h 5 min", "40 s": a span for a countdown.
    QString spanText(qint64 seconds);

    // A rollout's stages as a table: status, devices, each rate against its
    // threshold, the soak countdown and the gate's last verdict.
    class StageGateModel final : public QAbstractTableModel
    {
        Q_OBJECT
    public:
        enum Column
        {
            StageColumn,
            StatusColumn,
            DevicesColumn,
            SuccessColumn,
            RollbackColumn,
            SoakColumn,
            GateColumn,
            ColumnCount
        };

        explicit StageGateModel(QObject *parent = nullptr);

        int rowCount(const QModelIndex &parent = {}) const override;
        int columnCount(const QModelIndex &parent = {}) const override;
        QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
        QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

        // A new record of the same rollout changes rows in place; another
        // rollout (or another number of stages) resets the model.
        void setDetail(const Rollout::RolloutDetail &detail);
        void clear();
        // The clock the soak countdown counts against; the view ticks it.
        void setNow(const QDateTime &now);

        const QList<StageGate> &stages() const { return m_stages; }
        // "soak ends in 3 min 20 s" for a SOAKING stage, else empty.
        QString soakText(int row) const;

    private:
        QVariant display(const StageGate &stage, int row, int column) const;

        QString m_rolloutId;
        QList<StageGate> m_stages;
        QDateTime m_now;
    };
} // namespace Models
