#pragma once

#include <QList>
#include <QWidget>

class ConsoleSession;
class QLabel;
class QListView;
class QPieSeries;
class QPushButton;
class QTableView;
class QTimer;
namespace Models
{
    class ActiveRolloutFilter;
    class AlertListModel;
    class VersionMixModel;
}

// The fleet at a glance: version mix (a pie; a slice, or a row of the table
// beside it, opens the Fleet page filtered to that version), health summary
// with ages (each line opens the Fleet page filtered to it), active rollouts
// with stage and progress, and alerts that need a person.
class OverviewPage final : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewPage(ConsoleSession *session, QWidget *parent = nullptr);

    QPieSeries *versionSeries() const { return m_pie; }
    QTableView *versionTable() const { return m_versionTable; }
    QTableView *activeRollouts() const { return m_active; }
    QListView *alerts() const { return m_alerts; }
    // Healthy, failing checks, overdue, offline, deferred: in that order.
    const QList<QPushButton *> &healthLines() const { return m_healthLines; }

Q_SIGNALS:
    // The operator picked something to look at in the fleet table: a
    // Models::FleetFilter text ("version:2.3.1", "health:failing").
    void showFleetRequested(const QString &filter);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildVersions();
    QWidget *buildHealth();
    QWidget *buildRollouts();
    void refresh();
    void redrawPie();
    void showHealth();

    ConsoleSession *m_session;
    Models::VersionMixModel *m_versions = nullptr;
    Models::AlertListModel *m_alertModel = nullptr;
    Models::ActiveRolloutFilter *m_activeModel = nullptr;
    QPieSeries *m_pie = nullptr;
    QTableView *m_versionTable = nullptr;
    QLabel *m_versionNote = nullptr;
    QTableView *m_active = nullptr;
    QListView *m_alerts = nullptr;
    QLabel *m_noAlerts = nullptr;
    QList<QPushButton *> m_healthLines;
    QTimer *m_redraw = nullptr;
    bool m_staleWhileHidden = false;
};
