#pragma once

#include <QWidget>

class ConsoleSession;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class RolloutDetailView;

// Rollouts: the list with state and progress on top, the selected one's
// detail (stages against their gates, charts, actions) below.
class RolloutsPage final : public QWidget
{
    Q_OBJECT
public:
    explicit RolloutsPage(ConsoleSession *session, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    RolloutDetailView *detail() const { return m_detail; }
    // Selects the rollout with this id once the list holds it.
    void select(const QString &rolloutId);

private:
    void showSelected();
    void openCreateDialog();
    void selectPending();

    ConsoleSession *m_session;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    RolloutDetailView *m_detail = nullptr;
    QPushButton *m_create = nullptr;
    QString m_pendingSelection;
};
