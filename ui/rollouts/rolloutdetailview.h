#pragma once

#include <QWidget>

#include "rollout/rolloutdetail.h"

class ConsoleSession;
class FetchThrottle;
class GateRatesChart;
class QLabel;
class QTableView;
class QTimer;
class RolloutActionBar;
class StageCountsChart;
class TimelineChart;
namespace Models
{
    class StageGateModel;
}

// The selected rollout in full: its state and the reason for any pause,
// the actions, each stage against its gate (table and charts), the soak
// countdown and the timeline. It fetches the record and the device entries
// again whenever the stream says the rollout changed, at most once a second.
class RolloutDetailView final : public QWidget
{
    Q_OBJECT
public:
    explicit RolloutDetailView(ConsoleSession *session, QWidget *parent = nullptr);

    void showRollout(const QString &rolloutId); // empty: nothing selected
    QString rolloutId() const { return m_rolloutId; }
    const Rollout::RolloutDetail &detail() const { return m_detail; }

    RolloutActionBar *actions() const { return m_actions; }
    QLabel *pauseBanner() const { return m_pauseBanner; }
    QLabel *title() const { return m_title; }
    QLabel *soakLabel() const { return m_soak; }
    Models::StageGateModel *stages() const { return m_stageModel; }

private:
    void fetch();
    void fetched(const Rollout::RolloutDetail &detail);
    void devicesFetched(const QList<Rollout::RolloutDevice> &devices);
    void summaryChanged();
    void showHeader();
    void tick();
    void fitStageTable();

    ConsoleSession *m_session;
    QString m_rolloutId;
    Rollout::RolloutDetail m_detail;
    QByteArray m_lastSummary; // the list's summary last seen, to notice a change
    FetchThrottle *m_throttle;
    int m_answersDue = 0;
    Models::StageGateModel *m_stageModel;
    QLabel *m_title = nullptr;
    QLabel *m_pauseBanner = nullptr;
    QLabel *m_soak = nullptr;
    QLabel *m_error = nullptr;
    RolloutActionBar *m_actions = nullptr;
    QTableView *m_stageTable = nullptr;
    StageCountsChart *m_countsChart = nullptr;
    GateRatesChart *m_ratesChart = nullptr;
    TimelineChart *m_timeline = nullptr;
    QTimer *m_clock = nullptr;
};
