#include "rolloutcharts.h"

#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QHorizontalStackedBarSeries>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include "statelook.h"

namespace
{
    // How the stacked bars group the device states: few enough to read.
    struct StateGroup
    {
        const char *word;
        QStringList states;
        Models::StateKind kind;
    };

    const QList<StateGroup> &stateGroups()
    {
        static const QList<StateGroup> groups{
            {QT_TRANSLATE_NOOP("StageCountsChart", "succeeded"),
             {QStringLiteral("SUCCEEDED"), QStringLiteral("ALREADY_INSTALLED")}, Models::StateKind::Good},
            {QT_TRANSLATE_NOOP("StageCountsChart", "updating"),
             {QStringLiteral("NOTIFIED"), QStringLiteral("DOWNLOADING"), QStringLiteral("DOWNLOADED"),
              QStringLiteral("INSTALLING"), QStringLiteral("REBOOTING"), QStringLiteral("VERIFYING")},
             Models::StateKind::Moving},
            {QT_TRANSLATE_NOOP("StageCountsChart", "waiting"), {QStringLiteral("SCHEDULED"), QStringLiteral("DEFERRED")},
             Models::StateKind::Waiting},
            {QT_TRANSLATE_NOOP("StageCountsChart", "failed"),
             {QStringLiteral("FAILED"), QStringLiteral("TIMED_OUT"), QStringLiteral("REJECTED")}, Models::StateKind::Bad},
            {QT_TRANSLATE_NOOP("StageCountsChart", "rolled back"), {QStringLiteral("ROLLED_BACK")}, Models::StateKind::Undone},
            {QT_TRANSLATE_NOOP("StageCountsChart", "canceled"), {QStringLiteral("CANCELED")}, Models::StateKind::Unknown},
        };
        return groups;
    }

    QChart *compactChart(const QString &title)
    {
        auto *chart = new QChart;
        chart->setTitle(title);
        chart->setMargins(QMargins(4, 4, 4, 4));
        chart->legend()->setAlignment(Qt::AlignBottom);
        chart->setAnimationOptions(QChart::NoAnimation);
        return chart;
    }

    // Clears what the last update put in: series and axes are rebuilt whole,
    // which at one update a second is cheaper than keeping them in step.
    void clearChart(QChart *chart)
    {
        chart->removeAllSeries();
        for (QAbstractAxis *axis : chart->axes()) {
            chart->removeAxis(axis);
            delete axis;
        }
    }

    // Whole device counts on the axis: ticks every 1, 2, 5, 10 ... devices.
    void setCountAxis(QValueAxis *axis, int top)
    {
        top = qMax(1, top);
        const auto stepFor = [top] {
            for (int magnitude = 1;; magnitude *= 10)
                for (int n : {1, 2, 5})
                    if (top / (n * magnitude) <= 5)
                        return n * magnitude;
        };
        const int step = stepFor();
        axis->setRange(0, ((top + step - 1) / step) * step);
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setTickAnchor(0);
        axis->setTickInterval(step);
        axis->setLabelFormat(QStringLiteral("%d"));
    }

    QStringList stageNames(const QList<Models::StageGate> &stages)
    {
        QStringList names;
        for (qsizetype i = 0; i < stages.size(); ++i)
            names.append(QStringLiteral("%1. %2").arg(i + 1).arg(stages.at(i).name));
        return names;
    }

    QLineSeries *thresholdLine(const QString &name, const QColor &colour, double from, double to, double value)
    {
        auto *line = new QLineSeries;
        line->setName(name);
        QPen pen(colour, 3, Qt::DashLine);
        line->setPen(pen);
        line->append(from, value);
        line->append(to, value);
        return line;
    }
} // namespace

StageCountsChart::StageCountsChart(QWidget *parent) : QChartView(compactChart(tr("Devices per stage")), parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
}

void StageCountsChart::setStages(const QList<Models::StageGate> &stages)
{
    QChart *c = chart();
    clearChart(c);
    auto *series = new QHorizontalStackedBarSeries;
    int widest = 0;
    for (const Models::StageGate &stage : stages)
        widest = qMax(widest, stage.counts.total);
    for (const StateGroup &group : stateGroups()) {
        auto *set = new QBarSet(tr(group.word));
        set->setColor(StateLook::of(group.kind).colour);
        set->setBorderColor(Qt::white);
        // Reversed, so stage 1 is drawn on top as in the table.
        for (qsizetype i = stages.size() - 1; i >= 0; --i) {
            int n = 0;
            for (const QString &state : group.states)
                n += stages.at(i).counts.of(state);
            set->append(n);
        }
        series->append(set);
    }
    c->addSeries(series);
    auto *categories = new QBarCategoryAxis;
    QStringList names = stageNames(stages);
    std::reverse(names.begin(), names.end());
    categories->append(names);
    c->addAxis(categories, Qt::AlignLeft);
    series->attachAxis(categories);
    auto *count = new QValueAxis;
    setCountAxis(count, widest);
    c->addAxis(count, Qt::AlignBottom);
    series->attachAxis(count);
}

GateRatesChart::GateRatesChart(QWidget *parent)
    : QChartView(compactChart(tr("Rates against each stage's gate (%)")), parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(150);
}

void GateRatesChart::setStages(const QList<Models::StageGate> &stages)
{
    QChart *c = chart();
    clearChart(c);
    const QColor good = StateLook::of(Models::StateKind::Good).colour;
    const QColor undone = StateLook::of(Models::StateKind::Undone).colour;
    auto *success = new QBarSet(tr("success rate"));
    auto *rollback = new QBarSet(tr("rollback rate"));
    success->setColor(good.lighter(150));
    rollback->setColor(undone.lighter(150));
    for (const Models::StageGate &stage : stages) {
        success->append(stage.successRate().value_or(0) * 100);
        rollback->append(stage.rollbackRate().value_or(0) * 100);
    }
    auto *bars = new QBarSeries;
    bars->append(success);
    bars->append(rollback);
    c->addSeries(bars);
    auto *categories = new QBarCategoryAxis;
    categories->append(stageNames(stages));
    auto *percent = new QValueAxis;
    percent->setRange(0, 100);
    percent->setLabelFormat(QStringLiteral("%d"));
    c->addAxis(categories, Qt::AlignBottom);
    c->addAxis(percent, Qt::AlignLeft);
    bars->attachAxis(categories);
    bars->attachAxis(percent);
    // A bar group is half a category wide: the success bar spans [i-0.25, i],
    // the rollback bar [i, i+0.25]; each threshold line spans its own bar.
    for (qsizetype i = 0; i < stages.size(); ++i) {
        const Models::StageGate &stage = stages.at(i);
        QList<QLineSeries *> lines{thresholdLine(tr("minimum success"), good.darker(130), double(i) - 0.3, double(i) + 0.02,
                                                 stage.minSuccessRate * 100)};
        if (stage.maxRollbackRate)
            lines.append(thresholdLine(tr("maximum rollback"), undone.darker(130), double(i) - 0.02, double(i) + 0.3,
                                       *stage.maxRollbackRate * 100));
        for (QLineSeries *line : lines) {
            c->addSeries(line);
            line->attachAxis(categories);
            line->attachAxis(percent);
            // One legend entry per kind of line, not one per stage.
            if (i > 0)
                c->legend()->markers(line).constFirst()->setVisible(false);
        }
    }
}

TimelineChart::TimelineChart(QWidget *parent)
    : QChartView(compactChart(tr("Successes, failures and rollbacks over time")), parent),
      m_succeeded(new QLineSeries),
      m_failed(new QLineSeries),
      m_rolledBack(new QLineSeries),
      m_time(new QDateTimeAxis),
      m_count(new QValueAxis)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(150);
    const std::pair<QLineSeries *, Models::StateKind> lines[] = {
        {m_succeeded, Models::StateKind::Good}, {m_failed, Models::StateKind::Bad}, {m_rolledBack, Models::StateKind::Undone}};
    m_succeeded->setName(tr("succeeded"));
    m_failed->setName(tr("failed"));
    m_rolledBack->setName(tr("rolled back"));
    m_time->setFormat(QStringLiteral("HH:mm:ss"));
    m_count->setLabelFormat(QStringLiteral("%d"));
    chart()->addAxis(m_time, Qt::AlignBottom);
    chart()->addAxis(m_count, Qt::AlignLeft);
    for (const auto &[series, kind] : lines) {
        series->setPen(QPen(StateLook::of(kind).colour, 2));
        chart()->addSeries(series);
        series->attachAxis(m_time);
        series->attachAxis(m_count);
    }
    setTimeline({});
}

void TimelineChart::setTimeline(const Models::RolloutTimeline &timeline)
{
    m_succeeded->replace(timeline.succeeded);
    m_failed->replace(timeline.failed);
    m_rolledBack->replace(timeline.rolledBack);
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime first = timeline.isEmpty() ? now.addSecs(-60) : timeline.first.toLocalTime();
    QDateTime last = timeline.isEmpty() ? now : timeline.last.toLocalTime();
    if (first.secsTo(last) < 10)
        last = first.addSecs(10);
    m_time->setRange(first, last);
    const int peak = timeline.peak();
    setCountAxis(m_count, peak + qMax(1, peak / 10));
}
