#include "healthhistorychart.h"

#include <QtCharts/QChart>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

namespace
{
    QValueAxis *valueAxis(const QString &title, const QString &format, QColor colour)
    {
        auto *axis = new QValueAxis;
        axis->setTitleText(title);
        axis->setLabelFormat(format);
        axis->setLinePenColor(colour);
        axis->setLabelsColor(colour);
        return axis;
    }

    QLineSeries *line(const QString &name, QColor colour, Qt::PenStyle style)
    {
        auto *series = new QLineSeries;
        series->setName(name);
        // Dashes as well as colours: the three lines are told apart in grey too.
        series->setPen(QPen(colour, 2, style));
        series->setPointsVisible(true);
        return series;
    }
} // namespace

HealthHistoryChart::HealthHistoryChart(QWidget *parent) : QChartView(parent)
{
    setObjectName(QStringLiteral("healthHistoryChart"));
    setRenderHint(QPainter::Antialiasing);
    auto *chart = new QChart;
    chart->setTitle(tr("Health over time"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    const QColor green(0x1b, 0x7f, 0x3b), blue(0x1f, 0x5f, 0xbf), purple(0x6b, 0x3f, 0xa0);
    m_battery = line(tr("Battery (%)"), green, Qt::SolidLine);
    m_rssi = line(tr("RSSI (dBm)"), blue, Qt::DashLine);
    m_bootCount = line(tr("Boot count"), purple, Qt::DotLine);
    m_time = new QDateTimeAxis;
    m_time->setFormat(QStringLiteral("HH:mm:ss"));
    m_time->setTitleText(tr("Check-in"));
    m_percent = valueAxis(tr("Battery %"), QStringLiteral("%d"), green);
    m_percent->setRange(0, 100);
    m_dbm = valueAxis(tr("RSSI dBm"), QStringLiteral("%d"), blue);
    m_dbm->setRange(-100, -20);
    m_boots = valueAxis(tr("Boots"), QStringLiteral("%d"), purple);
    m_boots->setRange(0, 5);
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_percent, Qt::AlignLeft);
    chart->addAxis(m_dbm, Qt::AlignRight);
    chart->addAxis(m_boots, Qt::AlignRight);
    const std::pair<QLineSeries *, QValueAxis *> pairs[] = {{m_battery, m_percent}, {m_rssi, m_dbm}, {m_bootCount, m_boots}};
    for (const auto &[series, axis] : pairs) {
        chart->addSeries(series);
        series->attachAxis(m_time);
        series->attachAxis(axis);
    }
    // QChartView(QWidget *) made a chart of its own, and setChart() only
    // lets go of it: without the delete it leaks (LeakSanitizer saw it).
    QChart *const madeByTheView = this->chart();
    setChart(chart);
    delete madeByTheView;
    setMinimumHeight(240);
}

void HealthHistoryChart::setCheckIns(const QList<Rollout::CheckIn> &oldestFirst)
{
    QList<QPointF> battery, rssi, boots;
    qint64 maxBoots = 1;
    for (const Rollout::CheckIn &c : oldestFirst) {
        const double x = double(c.at.toMSecsSinceEpoch());
        if (c.batteryPercent)
            battery << QPointF(x, *c.batteryPercent);
        if (c.rssi)
            rssi << QPointF(x, *c.rssi);
        if (c.bootCount) {
            boots << QPointF(x, double(*c.bootCount));
            maxBoots = qMax(maxBoots, *c.bootCount);
        }
    }
    // replace(), not append(): one repaint for the whole history (STYLE.md 15).
    m_battery->replace(battery);
    m_rssi->replace(rssi);
    m_bootCount->replace(boots);
    if (!oldestFirst.isEmpty()) {
        const QDateTime first = oldestFirst.first().at.toLocalTime();
        QDateTime last = oldestFirst.last().at.toLocalTime();
        if (last <= first)
            last = first.addSecs(60);
        m_time->setRange(first, last);
    }
    m_boots->setRange(0, double(maxBoots + 1));
    // Whole boots on the ticks while they are few; Qt's nice numbers beyond.
    if (maxBoots < 10)
        m_boots->setTickCount(int(maxBoots) + 2);
    else
        m_boots->applyNiceNumbers();
}
