#pragma once

#include <QList>
#include <QtCharts/QChartView>

#include "models/rollouttimeline.h"
#include "models/stagegatemodel.h"

class QBarCategoryAxis;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

// The Rollouts page's three charts. Each owns its chart and is fed whole
// values by the detail view at most once a second; axes are set explicitly.

// One stacked bar per stage: its devices by state group, the words in the legend.
class StageCountsChart final : public QChartView
{
    Q_OBJECT
public:
    explicit StageCountsChart(QWidget *parent = nullptr);
    void setStages(const QList<Models::StageGate> &stages);
};

// Each stage's success and rollback rate as bars, its thresholds as a line
// over the bar they gate (CONSOLE.md: thresholds on the value's own chart).
class GateRatesChart final : public QChartView
{
    Q_OBJECT
public:
    explicit GateRatesChart(QWidget *parent = nullptr);
    void setStages(const QList<Models::StageGate> &stages);
};

// Successes, failures and rollbacks over time, cumulative.
class TimelineChart final : public QChartView
{
    Q_OBJECT
public:
    explicit TimelineChart(QWidget *parent = nullptr);
    void setTimeline(const Models::RolloutTimeline &timeline);

private:
    QLineSeries *m_succeeded;
    QLineSeries *m_failed;
    QLineSeries *m_rolledBack;
    QDateTimeAxis *m_time;
    QValueAxis *m_count;
};
