#include "rolloutdetailview.h"

#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "consolesession.h"
#include "fetchthrottle.h"
#include "models/rolloutlistmodel.h"
#include "models/rollouttimeline.h"
#include "models/stagegatemodel.h"
#include "models/statekind.h"
#include "rollout/serverclient.h"
#include "rolloutactionbar.h"
#include "rolloutcharts.h"
#include "statecelldelegate.h"
#include "statelook.h"

RolloutDetailView::RolloutDetailView(ConsoleSession *session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_throttle(new FetchThrottle([this] { fetch(); }, this)),
      m_stageModel(new Models::StageGateModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    auto *header = new QHBoxLayout;
    m_title = new QLabel(tr("Select a rollout to see its stages."));
    m_title->setObjectName(QStringLiteral("rolloutTitle"));
    m_title->setTextFormat(Qt::RichText);
    header->addWidget(m_title, 1);
    m_soak = new QLabel;
    m_soak->setObjectName(QStringLiteral("soakCountdown"));
    header->addWidget(m_soak);
    layout->addLayout(header);
    m_pauseBanner = new QLabel;
    m_pauseBanner->setObjectName(QStringLiteral("pauseBanner"));
    m_pauseBanner->setWordWrap(true);
    m_pauseBanner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pauseBanner->hide();
    layout->addWidget(m_pauseBanner);
    m_actions = new RolloutActionBar(session);
    layout->addWidget(m_actions);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("detailError"));
    m_error->setStyleSheet(QStringLiteral("color: #b01c1c;"));
    m_error->hide();
    layout->addWidget(m_error);

    m_stageTable = new QTableView;
    m_stageTable->setObjectName(QStringLiteral("stageTable"));
    m_stageTable->setModel(m_stageModel);
    m_stageTable->setItemDelegate(new StateCellDelegate({Models::StageGateModel::StatusColumn, Models::StageGateModel::SuccessColumn,
                                                         Models::StageGateModel::RollbackColumn},
                                                        -1, m_stageTable));
    m_stageTable->verticalHeader()->hide();
    m_stageTable->verticalHeader()->setDefaultSectionSize(m_stageTable->fontMetrics().height() + 8);
    m_stageTable->horizontalHeader()->setStretchLastSection(true);
    m_stageTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_stageTable->horizontalHeader()->setSectionResizeMode(Models::StageGateModel::GateColumn, QHeaderView::Stretch);
    m_stageTable->setWordWrap(false);
    m_countsChart = new StageCountsChart;
    m_ratesChart = new GateRatesChart;
    m_timeline = new TimelineChart;

    m_stageTable->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_stageTable->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    layout->addWidget(m_stageTable);
    connect(m_stageModel, &QAbstractItemModel::modelReset, this, &RolloutDetailView::fitStageTable);
    fitStageTable();

    // Stage bars and rates side by side, the timeline under them, wide.
    auto *top = new QSplitter(Qt::Horizontal);
    top->addWidget(m_countsChart);
    top->addWidget(m_ratesChart);
    auto *charts = new QSplitter(Qt::Vertical);
    charts->setObjectName(QStringLiteral("rolloutChartsSplitter"));
    charts->addWidget(top);
    charts->addWidget(m_timeline);
    layout->addWidget(charts, 1);

    // The session updates the list in place from the stream's payloads, or
    // fetches it again: either way the selected row changes.
    connect(session, &ConsoleSession::refreshed, this, &RolloutDetailView::summaryChanged);
    connect(session->rollouts(), &QAbstractItemModel::dataChanged, this, &RolloutDetailView::summaryChanged);
    connect(session, &ConsoleSession::events, this, [this](const QList<Rollout::StreamEvent> &events) {
        if (concernsRollout(events, m_rolloutId))
            m_throttle->request();
    });
    connect(m_actions, &RolloutActionBar::acted, this, [this] {
        m_session->refreshNow();
        m_throttle->request();
    });
    m_clock = new QTimer(this);
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, &RolloutDetailView::tick);
    m_clock->start();
}

void RolloutDetailView::showRollout(const QString &rolloutId)
{
    if (rolloutId == m_rolloutId)
        return;
    m_rolloutId = rolloutId;
    m_detail = {};
    m_lastSummary.clear();
    m_stageModel->clear();
    if (rolloutId.isEmpty()) {
        m_actions->clear();
        m_title->setText(tr("Select a rollout to see its stages."));
        m_pauseBanner->hide();
        m_soak->clear();
        return;
    }
    summaryChanged();
    m_throttle->request();
}

void RolloutDetailView::summaryChanged()
{
    const int row = m_session->rollouts()->rowOf(m_rolloutId);
    if (row < 0)
        return;
    const Rollout::RolloutSummary &summary = *m_session->rollouts()->rollout(row);
    m_actions->setRollout(summary);
    const QByteArray seen = QJsonDocument(summary.json).toJson(QJsonDocument::Compact);
    if (seen == m_lastSummary)
        return;
    m_lastSummary = seen;
    m_throttle->request();
}

void RolloutDetailView::fetch()
{
    const QString id = m_rolloutId;
    m_answersDue = 2;
    const auto answered = [this] {
        if (--m_answersDue == 0)
            m_throttle->done();
    };
    Rollout::RolloutsApi &api = m_session->client()->rollouts();
    api.show(id, this, [this, id, answered](const Result<Rollout::RolloutDetail, Rollout::ApiError> &result) {
        answered();
        if (id != m_rolloutId)
            return;
        m_error->setVisible(!result);
        if (!result) {
            m_error->setText(tr("Cannot read the rollout: %1").arg(result.error().message));
            return;
        }
        fetched(result.value());
    });
    api.devices(id, {}, -2, this, [this, id, answered](const Result<QList<Rollout::RolloutDevice>, Rollout::ApiError> &result) {
        answered();
        if (id == m_rolloutId && result)
            devicesFetched(result.value());
    });
}

void RolloutDetailView::fetched(const Rollout::RolloutDetail &detail)
{
    m_detail = detail;
    m_stageModel->setDetail(detail);
    m_countsChart->setStages(m_stageModel->stages());
    m_ratesChart->setStages(m_stageModel->stages());
    m_actions->setRollout(detail.summary);
    showHeader();
}

void RolloutDetailView::devicesFetched(const QList<Rollout::RolloutDevice> &devices)
{
    const bool live = !Rollout::isFinalRolloutState(m_detail.summary.state);
    m_timeline->setTimeline(Models::RolloutTimeline::fromDevices(devices, live ? QDateTime::currentDateTimeUtc() : QDateTime()));
}

void RolloutDetailView::showHeader()
{
    const Rollout::RolloutSummary &s = m_detail.summary;
    const StateLook look = StateLook::of(Models::stateKindOf(s.state));
    const QString stage = s.currentStage >= 0 && s.currentStage < s.stages.size()
        ? tr("stage %1 of %2 (%3)").arg(s.currentStage + 1).arg(s.stages.size()).arg(s.stages.at(s.currentStage).name)
        : tr("not started");
    m_title->setText(tr("<b>%1</b> — <span style='color:%2'><b>%3</b></span> · release %4 · %5 · created by %6")
                         .arg(s.name.toHtmlEscaped(), look.colour.name(), s.stateText().toHtmlEscaped(),
                              s.releaseVersion.toHtmlEscaped(), stage, s.createdBy.toHtmlEscaped()));
    // The reason for a pause is what an operator needs first: big and on top.
    const bool paused = s.state == QStringLiteral("PAUSED");
    m_pauseBanner->setVisible(paused || s.state == QStringLiteral("ROLLING_BACK"));
    if (paused) {
        const bool threshold = s.pauseReason == QStringLiteral("threshold") || s.pauseReason == QStringLiteral("gate");
        const QString kind = s.pauseReason == QStringLiteral("threshold") ? tr("an abort rule tripped")
            : s.pauseReason == QStringLiteral("gate")                     ? tr("a stage's gate failed or waits for an operator")
            : s.pauseReason == QStringLiteral("outside_window")           ? tr("outside its maintenance window")
                                                                           : tr("paused by an operator");
        m_pauseBanner->setText(tr("PAUSED (%1): %2. %3").arg(s.pauseReason, kind, s.stateReason));
        m_pauseBanner->setStyleSheet(threshold
                                         ? QStringLiteral("background:#fde8e8; color:#b01c1c; border:2px solid #b01c1c;"
                                                          " padding:6px; font-weight:bold;")
                                         : QStringLiteral("background:#fff4d6; color:#7a5200; border:2px solid #9a6700;"
                                                          " padding:6px; font-weight:bold;"));
    } else if (s.state == QStringLiteral("ROLLING_BACK")) {
        m_pauseBanner->setText(tr("ROLLING BACK (break-glass): %1").arg(s.stateReason));
        m_pauseBanner->setStyleSheet(QStringLiteral("background:#efe6f7; color:#6b3fa0; border:2px solid #6b3fa0;"
                                                    " padding:6px; font-weight:bold;"));
    }
    tick();
}

void RolloutDetailView::fitStageTable()
{
    // As tall as its rows (a rollout has a handful of stages): no empty
    // table area, the space goes to the charts.
    const int rows = qMax(1, m_stageModel->rowCount());
    m_stageTable->setFixedHeight(m_stageTable->horizontalHeader()->sizeHint().height()
                                 + rows * m_stageTable->verticalHeader()->defaultSectionSize() + 2 * m_stageTable->frameWidth());
}

void RolloutDetailView::tick()
{
    m_stageModel->setNow(QDateTime::currentDateTimeUtc());
    QString soak;
    for (int row = 0; row < m_stageModel->rowCount() && soak.isEmpty(); ++row)
        soak = m_stageModel->soakText(row);
    m_soak->setText(soak);
}
