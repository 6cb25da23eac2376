#include "overviewpage.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QTableView>
#include <QTimer>

#include <utility>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QPieSeries>

#include "consolesession.h"
#include "models/activerolloutfilter.h"
#include "models/alertlistmodel.h"
#include "models/fleetmodel.h"
#include "models/fleettally.h"
#include "models/modelroles.h"
#include "models/rolloutlistmodel.h"
#include "models/versionmixmodel.h"
#include "rolloutprogressdelegate.h"
#include "statelook.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    // Slices beyond these are drawn as one "other" slice; the table lists them all.
    constexpr int MaxSlices = 8;
    constexpr int RedrawMs = 300;
    const char *const FilterProperty = "fleetFilter";

    QTableView *compactTable(const QString &objectName)
    {
        auto *table = new QTableView;
        table->setObjectName(objectName);
        table->setSelectionBehavior(QAbstractItemView::SelectRows);
        table->setSelectionMode(QAbstractItemView::SingleSelection);
        table->setWordWrap(false);
        table->verticalHeader()->hide();
        table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
        table->horizontalHeader()->setStretchLastSection(true);
        return table;
    }

    QString durationText(qint64 secs)
    {
        if (secs < 60)
            return OverviewPage::tr("%n s", nullptr, int(secs));
        if (secs < 3600)
            return OverviewPage::tr("%n min", nullptr, int(secs / 60));
        return OverviewPage::tr("%n h", nullptr, int(secs / 3600));
    }
} // namespace

OverviewPage::OverviewPage(ConsoleSession *session, QWidget *parent) : QWidget(parent), m_session(session)
{
    m_versions = new Models::VersionMixModel(this);
    m_alertModel = new Models::AlertListModel(this);
    m_activeModel = new Models::ActiveRolloutFilter(this);
    m_activeModel->setSourceModel(session->rollouts());

    auto *grid = new QGridLayout(this);
    grid->addWidget(buildVersions(), 0, 0);
    grid->addWidget(buildHealth(), 0, 1);
    grid->addWidget(buildRollouts(), 1, 0, 1, 2);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
    grid->setRowStretch(0, 3);
    grid->setRowStretch(1, 2);
    // Check-ins from the stream change the fleet in place, without a
    // refetch: redraw after either, at most a few times a second.
    m_redraw = new QTimer(this);
    m_redraw->setSingleShot(true);
    m_redraw->setInterval(RedrawMs);
    connect(m_redraw, &QTimer::timeout, this, &OverviewPage::refresh);
    const auto redrawSoon = [this] {
        // A hidden page counts nothing: it redraws when it is shown.
        if (!isVisible())
            m_staleWhileHidden = true;
        else if (!m_redraw->isActive())
            m_redraw->start();
    };
    connect(session, &ConsoleSession::refreshed, this, redrawSoon);
    connect(session, &ConsoleSession::events, this, redrawSoon);
    refresh();
}

void OverviewPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (std::exchange(m_staleWhileHidden, false))
        refresh();
}

QWidget *OverviewPage::buildVersions()
{
    auto *box = new QGroupBox(tr("Fleet versions"));
    auto *layout = new QHBoxLayout(box);
    m_pie = new QPieSeries;
    m_pie->setObjectName(u"versionSeries"_s);
    m_pie->setHoleSize(0.35);
    connect(m_pie, &QPieSeries::clicked, this, [this](QPieSlice *slice) {
        Q_EMIT showFleetRequested(slice->property(FilterProperty).toString());
    });
    connect(m_pie, &QPieSeries::hovered, this, [](QPieSlice *slice, bool state) { slice->setExploded(state); });
    auto *chart = new QChart;
    chart->addSeries(m_pie);
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setMargins(QMargins(0, 0, 0, 0));
    chart->setBackgroundRoundness(0);
    auto *view = new QChartView(chart);
    view->setObjectName(u"versionChart"_s);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(320, 220);
    view->setToolTip(tr("Click a slice to see those devices in the Fleet page"));

    m_versionTable = compactTable(u"versionTable"_s);
    m_versionTable->setModel(m_versions);
    m_versionTable->setToolTip(tr("Enter or double-click: see these devices in the Fleet page"));
    m_versionTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_versionTable, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT showFleetRequested(u"version:"_s + index.siblingAtColumn(0).data(Models::IdRole).toString());
    });
    m_versionNote = new QLabel;
    m_versionNote->setObjectName(u"versionNote"_s);
    m_versionNote->setWordWrap(true);
    auto *side = new QVBoxLayout;
    side->addWidget(m_versionTable, 1);
    side->addWidget(m_versionNote);
    layout->addWidget(view, 3);
    layout->addLayout(side, 2);
    return box;
}

QWidget *OverviewPage::buildHealth()
{
    auto *box = new QGroupBox(tr("Health"));
    auto *layout = new QVBoxLayout(box);
    // Each line opens the Fleet page on exactly those devices.
    const std::pair<const char *, QString> lines[] = {
        {"healthy", u"health:healthy seen:ontime"_s}, {"failing", u"health:failing"_s},
        {"overdue", u"seen:overdue"_s},               {"offline", u"seen:never"_s},
        {"deferred", u"state:deferred"_s},
    };
    for (const auto &[name, filter] : lines) {
        auto *line = new QPushButton;
        line->setObjectName(u"health_"_s + QLatin1String(name));
        line->setFlat(true);
        line->setStyleSheet(u"text-align: left; padding: 4px;"_s);
        line->setIconSize(QSize(16, 16));
        line->setProperty(FilterProperty, filter);
        connect(line, &QPushButton::clicked, this, [this, line] {
            Q_EMIT showFleetRequested(line->property(FilterProperty).toString());
        });
        layout->addWidget(line);
        m_healthLines << line;
    }
    layout->addStretch(1);
    return box;
}

QWidget *OverviewPage::buildRollouts()
{
    auto *box = new QWidget;
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *activeBox = new QGroupBox(tr("Active rollouts"));
    m_active = compactTable(u"activeRollouts"_s);
    m_active->setModel(m_activeModel);
    using R = Models::RolloutListModel;
    m_active->setColumnHidden(R::IdColumn, true);
    m_active->setItemDelegateForColumn(R::StateColumn, new StateLookDelegate(m_active));
    m_active->setItemDelegateForColumn(R::ProgressColumn, new RolloutProgressDelegate(m_active));
    m_active->horizontalHeader()->resizeSection(R::NameColumn, 210);
    m_active->horizontalHeader()->resizeSection(R::StateColumn, 150);
    m_active->horizontalHeader()->resizeSection(R::StageColumn, 70);
    m_active->horizontalHeader()->resizeSection(R::ProgressColumn, 130);
    (new QVBoxLayout(activeBox))->addWidget(m_active);

    auto *alertBox = new QGroupBox(tr("Alerts"));
    auto *alertLayout = new QVBoxLayout(alertBox);
    m_alerts = new QListView;
    m_alerts->setObjectName(u"alerts"_s);
    m_alerts->setModel(m_alertModel);
    m_alerts->setItemDelegate(new StateLookDelegate(m_alerts));
    m_alerts->setWordWrap(true);
    m_noAlerts = new QLabel(tr("No alerts: no rollout is paused by a threshold or rolling back."));
    m_noAlerts->setObjectName(u"noAlerts"_s);
    m_noAlerts->setWordWrap(true);
    alertLayout->addWidget(m_noAlerts);
    alertLayout->addWidget(m_alerts, 1);

    layout->addWidget(activeBox, 3);
    layout->addWidget(alertBox, 2);
    return box;
}

void OverviewPage::refresh()
{
    m_versions->recount(*m_session->fleet());
    m_alertModel->update(*m_session->rollouts());
    m_noAlerts->setVisible(m_alertModel->rowCount() == 0);
    m_alerts->setVisible(m_alertModel->rowCount() > 0);
    redrawPie();
    showHealth();
}

void OverviewPage::redrawPie()
{
    const QList<Models::VersionMixModel::Slice> &slices = m_versions->slices();
    QStringList drawn;
    for (QPieSlice *slice : m_pie->slices())
        drawn << slice->label();
    QStringList wanted;
    int other = 0;
    for (int i = 0; i < slices.size(); ++i) {
        if (i < MaxSlices - 1 || slices.size() == MaxSlices)
            wanted << tr("%1: %2").arg(slices.at(i).version).arg(slices.at(i).devices);
        else
            other += slices.at(i).devices;
    }
    if (other > 0)
        wanted << tr("other versions: %1").arg(other);
    if (wanted == drawn)
        return;
    m_pie->clear();
    for (int i = 0; i < wanted.size(); ++i) {
        const bool isOther = other > 0 && i == wanted.size() - 1;
        auto *slice = m_pie->append(wanted.at(i), isOther ? other : slices.at(i).devices);
        // "Other" opens the whole fleet: the table beside the chart names each version.
        slice->setProperty(FilterProperty, isOther ? QString() : u"version:"_s + slices.at(i).version);
        slice->setBorderColor(Qt::white);
    }
    const int counted = m_versions->counted();
    m_versionNote->setText(m_versions->neverSeen() > 0
                               ? tr("%n devices reported a version;", nullptr, counted)
                                     + u" "_s + tr("%n never checked in.", nullptr, m_versions->neverSeen())
                               : tr("%n devices reported a version.", nullptr, counted));
}

void OverviewPage::showHealth()
{
    const Models::FleetTally t = Models::FleetTally::of(*m_session->fleet(), *m_session->rollouts());
    const auto ago = [&t](const QDateTime &when) {
        return when.isValid() ? Models::ageText(when, t.serverTime) : tr("never");
    };
    using K = Models::StateKind;
    const std::tuple<K, QString, int, QString> lines[] = {
        {K::Good, tr("Healthy"), t.healthy, tr("newest check-in %1").arg(ago(t.newestCheckIn))},
        {K::Bad, tr("Failing checks"), t.failing, t.failing > 0 ? tr("last report %1").arg(ago(t.newestFailingReport)) : QString()},
        {K::Unknown, tr("Overdue"), t.overdue,
         t.overdue > 0 ? tr("longest %1 late").arg(durationText(t.longestOverdueSeconds)) : QString()},
        {K::Unknown, tr("Offline (never seen)"), t.neverSeen,
         t.neverSeen > 0 ? tr("enrolled %1").arg(ago(t.oldestNeverSeenEnrolment)) : QString()},
        {K::Waiting, tr("Deferred for battery"), t.deferred, t.deferred > 0 ? tr("in live rollouts") : QString()},
    };
    for (int i = 0; i < m_healthLines.size(); ++i) {
        const auto &[kind, name, count, age] = lines[i];
        QPushButton *line = m_healthLines.at(i);
        // A zero is not a state: it is drawn as good, whatever it counts.
        line->setIcon(StateLook::of(count == 0 && i > 0 ? K::Good : kind).icon);
        line->setText(age.isEmpty() ? tr("%1: %2").arg(name).arg(count) : tr("%1: %2 · %3").arg(name).arg(count).arg(age));
        line->setToolTip(tr("Show these devices in the Fleet page"));
    }
}
