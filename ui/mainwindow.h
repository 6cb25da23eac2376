#pragma once

#include <QMainWindow>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTimer;

namespace Models
{
    class FleetModel;
    class RolloutListModel;
} // namespace Models
namespace Rollout
{
    class ServerClient;
}

// The console's one window: navigation on the left, pages in a stack,
// server and connection state in the toolbar, counts in the status bar.
// Polls the server every few seconds through ServerClient (the event stream
// is not used yet); failures back off and say when the next try is.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Rollout::ServerClient *client, QWidget *parent = nullptr);

    QTableView *fleetTable() const { return m_fleetTable; }
    QLineEdit *fleetFilter() const { return m_fleetFilter; }
    QComboBox *fleetColumns() const { return m_fleetColumns; }

private:
    QWidget *makeFleetPage();
    QWidget *makeRolloutsPage();
    void showFleetColumns();
    void addPage(const QString &name, QWidget *page);
    void poll();
    void callDone(const QString &error);
    void pollSucceeded();
    void pollFailed(const QString &why);
    void tick();

    Rollout::ServerClient *m_client;
    Models::FleetModel *m_fleet;
    Models::RolloutListModel *m_rollouts;
    QSortFilterProxyModel *m_fleetProxy = nullptr;
    QListWidget *m_nav = nullptr;
    QStackedWidget *m_pages = nullptr;
    QTableView *m_fleetTable = nullptr;
    QLineEdit *m_fleetFilter = nullptr;
    QComboBox *m_fleetColumns = nullptr;
    QLabel *m_rolloutDetail = nullptr;
    QLabel *m_liveLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QTimer *m_timer = nullptr;
    int m_backoffSeconds = 0;
    int m_secondsToNext = 0;
    int m_pending = 0;
    QString m_lastError;
};
