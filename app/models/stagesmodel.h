#pragma once

#include <optional>

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Models
{
    // One stage of a rollout being written, as the spec's stage object
    // (docs/server-api.md "The rollout spec").
    struct StageDraft
    {
        enum class SizeKind
        {
            Count,   // a whole number of devices
            Percent, // of the devices the stages before it left, rounded up
        };

        QString name;
        SizeKind sizeKind = SizeKind::Percent;
        double size = 100;
        double minSuccessRate = 1.0;           // 0..1
        std::optional<double> maxRollbackRate; // 0..1; none: no limit
        qint64 soakSeconds = 0;
        bool manualGate = false; // pause for an operator after the gate passed

        QJsonObject toJson() const;
    };

    // The stages editor's rows: name, size, success and rollback thresholds,
    // soak time, gate. Edits arrive as the text a person typed; a value the
    // server would refuse is refused here with a message saying what fits,
    // so the operator sees it at the cell, not after pressing Create.
    class StagesModel final : public QAbstractTableModel
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(StagesModel)
    public:
        enum Column
        {
            NameColumn,
            SizeColumn,
            SuccessColumn,
            RollbackColumn,
            SoakColumn,
            GateColumn, // checkable: pause for an operator
            ColumnCount,
        };

        // Starts with the case study's canary / pilot / full (ROLLOUTS.md).
        explicit StagesModel(QObject *parent = nullptr);

        // canary 50 devices, pilot 500, full the rest (100 % of what is left),
        // with the case study's success, rollback and monitoring criteria.
        static QList<StageDraft> caseStudy();

        int rowCount(const QModelIndex &parent = {}) const override;
        int columnCount(const QModelIndex &parent = {}) const override;
        QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
        QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
        Qt::ItemFlags flags(const QModelIndex &index) const override;
        // EditRole takes text ("50", "10%", "95", "24h"); false and
        // editRefused(message) when it does not fit.
        bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

        const QList<StageDraft> &stages() const { return m_stages; }
        void setStages(const QList<StageDraft> &stages);
        // A new stage after row (at the end for -1); its row.
        int addStage(int after = -1);
        bool removeStage(int row);
        // Moves row by delta (-1 up, +1 down); false at the ends.
        bool moveStage(int row, int delta);

        QJsonArray toJson() const;
        // Why the last setData() was refused; empty after one that succeeded.
        QString lastError() const { return m_lastError; }

        // The edit texts' parsers, public for the dialog's own fields.
        static std::optional<double> parsePercent(const QString &text); // "95", "95%", "95 %" -> 0.95
        static QString percentText(double rate);                        // 0.95 -> "95 %"

    Q_SIGNALS:
        void editRefused(const QString &message);

    private:
        QVariant display(const StageDraft &stage, int column) const;
        QVariant editText(const StageDraft &stage, int column) const;
        QString apply(StageDraft &stage, int row, int column, const QString &text) const; // "" or why not
        bool refuse(const QString &message);
        QString uniqueName(const QString &base) const;

        QList<StageDraft> m_stages;
        QString m_lastError;
    };
} // namespace Models
