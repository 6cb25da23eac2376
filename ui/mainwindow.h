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
    class EventStream;
    class ServerClient;
}

// The console's one window: navigation on the left, pages in a stack,
// server and connection state in the toolbar, counts in the status bar.
// The server's event stream says when something changed; the lists are then
// fetched again through ServerClient (at most once a second). While the
// stream is down the window polls every few seconds instead, backing off on
// failures and saying when the next try is.
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
    void onStreamStatus();
    void refreshSoon();
    bool streamIsLive() const;

    Rollout::ServerClient *m_client;
    Rollout::EventStream *m_stream = nullptr;
    QTimer *m_refreshSoon = nullptr;
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
    int m_refreshedAgo = 0;
    int m_pollSeconds; // while the event stream is down; ConsoleSettings holds its default
    QString m_lastError;
};
