#pragma once

#include <QList>
#include <QtCharts/QChartView>

#include "rollout/devicesapi.h"

class QLineSeries;
class QDateTimeAxis;
class QValueAxis;

// A device's battery, RSSI and boot count over time, one line each on an
// axis of its own (percent, dBm, count), from its check-ins.
class HealthHistoryChart final : public QChartView
{
    Q_OBJECT
public:
    explicit HealthHistoryChart(QWidget *parent = nullptr);

    // oldestFirst: as CheckInHistoryModel holds them.
    void setCheckIns(const QList<Rollout::CheckIn> &oldestFirst);

    QLineSeries *battery() const { return m_battery; }
    QLineSeries *rssi() const { return m_rssi; }
    QLineSeries *bootCount() const { return m_bootCount; }

private:
    QLineSeries *m_battery;
    QLineSeries *m_rssi;
    QLineSeries *m_bootCount;
    QDateTimeAxis *m_time;
    QValueAxis *m_percent;
    QValueAxis *m_dbm;
    QValueAxis *m_boots;
};
