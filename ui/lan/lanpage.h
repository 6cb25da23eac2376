#pragma once

#include <QPointer>
#include <QStringList>
#include <QWidget>

#include "espota/pushjob.h"

class ConsoleSession;
class LanDiscovery;
class LanProgressPane;
class LanPushPanel;
class LanPushStarter;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
namespace Models
{
    class LanDeviceModel;
}
namespace Secrets
{
    class SecretStore;
}

// Devices found on the LAN (ArduinoOTA, ESPHome) and pushing a build to
// them: the device table with "check now" on top, the push form beside it,
// the running job's rows and per-device log below. The page needs no
// server: LAN pushes go straight to the devices.
class LanPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanPage)
public:
    // Discovery on loopback only, so nothing is announced on the operator's network.
    explicit LanPage(ConsoleSession *session, QWidget *parent = nullptr);
    LanPage(ConsoleSession *session, const QStringList &interfaceNames, QWidget *parent = nullptr);
    ~LanPage() override;

    static QStringList defaultInterfaces() { return {QStringLiteral("lo")}; }
    // Restarts discovery on these interfaces (empty: every interface).
    void setDiscoveryInterfaces(const QStringList &interfaceNames);
    // The settings' choices for the next pushes: the port ArduinoOTA devices
    // connect back to (0, the default here: any free port, so a second
    // console or otactl on this machine never collides) and the concurrency.
    void setConnectBackPort(quint16 port) { m_connectBackPort = port; }
    void setPushConcurrency(int devices);

    QTableView *deviceTable() const { return m_table; }
    Models::LanDeviceModel *devices() const { return m_devices; }
    LanPushPanel *pushPanel() const { return m_panel; }
    LanProgressPane *progressPane() const { return m_progress; }
    QLabel *discoveryStatus() const { return m_status; }
    Espota::PushJob *job() const { return m_job; }

private:
    QList<int> selectedRows() const; // source rows
    void updateSelectionText();
    void checkNow();
    void push();
    void savePassword();
    void jobStarted(Espota::PushJob *job);

    ConsoleSession *m_session;
    Models::LanDeviceModel *m_devices;
    QSortFilterProxyModel *m_sorted;
    LanDiscovery *m_discovery;
    Secrets::SecretStore *m_secrets;
    LanPushStarter *m_starter;
    QLabel *m_status;
    QPushButton *m_checkNow;
    QTableView *m_table;
    LanPushPanel *m_panel;
    LanProgressPane *m_progress;
    QPointer<Espota::PushJob> m_job;
    quint16 m_connectBackPort = 0;
};
