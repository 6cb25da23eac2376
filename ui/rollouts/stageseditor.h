#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace Models
{
    class StagesModel;
}

// The stages of a new rollout as a table (name, devices, thresholds, soak,
// gate) with add / remove / move up / move down. A refused edit is said
// under the table, in words, and the cell keeps its value.
class StagesEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StagesEditor)
public:
    explicit StagesEditor(QWidget *parent = nullptr);

    Models::StagesModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    // A problem with the stages (the model's, or the server's); empty clears it.
    void showProblem(const QString &text);

Q_SIGNALS:
    void stagesChanged();

private:
    int currentRow() const;
    void add();
    void remove();
    void move(int delta);
    void updateButtons();

    Models::StagesModel *m_model;
    QTableView *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    QLabel *m_problem;
};
