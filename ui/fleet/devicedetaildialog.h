#pragma once

#include <QDialog>
#include <QPointer>
#include <QString>

#include "rollout/eventstream.h"

class ConsoleSession;
class HealthHistoryChart;
class QLabel;
class QTableView;
namespace Models
{
    class CheckInHistoryModel;
    class DeviceStateHistoryModel;
    class HealthChecksModel;
}
namespace Rollout
{
    class ApiCall;
}

// One device up close: what it runs and when it was last heard from, its
// current health checks, battery / RSSI / boot count over time, its state
// history in every rollout, and its check-ins. Follows the device's
// check-ins live; Esc closes it.
class DeviceDetailDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit DeviceDetailDialog(ConsoleSession *session, QWidget *parent = nullptr);

    void showDevice(const QString &deviceId);
    QString deviceId() const { return m_deviceId; }

    HealthHistoryChart *chart() const { return m_chart; }
    QTableView *stateHistory() const { return m_stateHistory; }
    QTableView *checks() const { return m_checks; }
    QTableView *checkIns() const { return m_checkIns; }
    QLabel *status() const { return m_status; }

private:
    void fetchHistory();
    void showSummary();
    void onEvents(const QList<Rollout::StreamEvent> &events);

    ConsoleSession *m_session;
    QString m_deviceId;
    QLabel *m_summary = nullptr;
    QLabel *m_status = nullptr;
    HealthHistoryChart *m_chart = nullptr;
    QTableView *m_checks = nullptr;
    QTableView *m_stateHistory = nullptr;
    QTableView *m_checkIns = nullptr;
    Models::HealthChecksModel *m_checksModel = nullptr;
    Models::DeviceStateHistoryModel *m_stateModel = nullptr;
    Models::CheckInHistoryModel *m_checkInModel = nullptr;
    QPointer<Rollout::ApiCall> m_fetching;
    bool m_fetchAgain = false;
};
