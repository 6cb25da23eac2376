#pragma once

#include <QMainWindow>

class AuditPage;
class ConsoleSession;
class FirmwarePage;
class FleetPage;
class LanPage;
class OverviewPage;
class QLabel;
class QListWidget;
class QSplitter;
class QStackedWidget;
class RolloutsPage;
class SettingsPage;

// The console's one window: navigation on the left (Ctrl+1 ... Ctrl+7),
// pages in a stack, the server and the session's live state in the
// toolbar, counts in the status bar. The pages share one ConsoleSession.
// Its size, position and splitter are remembered (ConsoleSettings).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ConsoleSession *session, QWidget *parent = nullptr);

    OverviewPage *overviewPage() const { return m_overview; }
    FleetPage *fleetPage() const { return m_fleet; }
    RolloutsPage *rolloutsPage() const { return m_rollouts; }
    FirmwarePage *firmwarePage() const { return m_firmware; }
    LanPage *lanPage() const { return m_lan; }
    AuditPage *auditPage() const { return m_audit; }
    SettingsPage *settingsPage() const { return m_settings; }
    // Shows page (one of the above), as the navigation would.
    void showPage(QWidget *page);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void addPage(const QString &name, QWidget *page);
    void showLiveState();
    void showIdentity();

    ConsoleSession *m_session;
    QSplitter *m_splitter = nullptr;
    QListWidget *m_nav = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_liveLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_identityLabel = nullptr;
    OverviewPage *m_overview = nullptr;
    FleetPage *m_fleet = nullptr;
    RolloutsPage *m_rollouts = nullptr;
    FirmwarePage *m_firmware = nullptr;
    LanPage *m_lan = nullptr;
    AuditPage *m_audit = nullptr;
    SettingsPage *m_settings = nullptr;
};
