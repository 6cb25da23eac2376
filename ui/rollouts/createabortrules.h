#pragma once

#include <QJsonArray>
#include <QList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QSpinBox;

// The rollout's abort rules (counted over the whole rollout), as three rows
// seeded from the case study's abort conditions: boot failures stop it,
// health checks failing and connectivity failures pause it. Each row can be
// switched off and its failure type, threshold, minimum sample and action
// changed.
class CreateAbortRules final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateAbortRules)
public:
    explicit CreateAbortRules(QWidget *parent = nullptr);

    // The enabled rows as the spec's abortRules.
    QJsonArray toJson() const;
    int ruleCount() const { return int(m_rows.size()); }
    QCheckBox *enabledBox(int row) const { return m_rows.at(row).enabled; }

Q_SIGNALS:
    void changed();

private:
    struct Row
    {
        QCheckBox *enabled;
        QComboBox *failureType;
        QSpinBox *threshold;
        QComboBox *unit; // devices or % of executed
        QSpinBox *minExecuted;
        QComboBox *action;
    };
    void addRow(class QGridLayout *grid, const QString &type, int threshold, bool rate, int minExecuted, bool stop);

    QList<Row> m_rows;
};
