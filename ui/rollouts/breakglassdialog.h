#pragma once

#include <QDialog>

#include "rollout/rolloutdetail.h"
#include "rollout/rolloutsummary.h"

class ConsoleSession;
class FetchThrottle;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
namespace Models
{
    class RolloutDeviceModel;
}

// Break-glass rollback of one rollout: looks unlike anything else (red
// frame and banner), says what will happen ("N devices back to version X,
// now, no stages"), and sends nothing until a written reason is given and
// the rollout's name typed exactly. Then it turns into the live view of the
// rollback converging: the rollout's devices and their states, counts on top.
class BreakGlassDialog final : public QDialog
{
    Q_OBJECT
public:
    BreakGlassDialog(ConsoleSession *session, const Rollout::RolloutSummary &rollout, QWidget *parent = nullptr);

    // Why the order cannot be sent as filled in; empty when it can.
    QString problem() const;
    // The server took the order (the dialog shows the convergence now).
    bool wasOrdered() const { return m_ordered; }
    QString summaryText() const;

    QPlainTextEdit *reasonEdit() const { return m_reason; }
    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *rollBackButton() const { return m_rollBack; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *convergenceLabel() const { return m_convergence; }
    QTableView *devicesTable() const { return m_table; }
    Models::RolloutDeviceModel *devices() const { return m_devices; }

private:
    QWidget *buildConfirmPage();
    QWidget *buildConvergencePage();
    void order();
    void fetchDevices();
    void devicesArrived(const QList<Rollout::RolloutDevice> &devices);
    void updateSummary();

    ConsoleSession *m_session;
    Rollout::RolloutSummary m_rollout;
    Models::RolloutDeviceModel *m_devices;
    FetchThrottle *m_throttle;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_what = nullptr;
    QPlainTextEdit *m_reason = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_rollBack = nullptr;
    QLabel *m_convergence = nullptr;
    QTableView *m_table = nullptr;
    bool m_ordered = false;
    bool m_devicesKnown = false;
};
