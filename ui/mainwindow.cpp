#include "mainwindow.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "models/consolesettings.h"
#include "models/fleetmodel.h"
#include "models/modelroles.h"
#include "models/rolloutlistmodel.h"
#include "rollout/eventstream.h"
#include "rollout/serverclient.h"

namespace
{
    constexpr int LiveRefreshSeconds = 60;   // while it is up: ages and anything an event does not cover
    constexpr int EventSettleMs = 1000;      // events arriving together cause one refresh
    constexpr int MaxBackoffSeconds = 60;
} // namespace

MainWindow::MainWindow(Rollout::ServerClient *client, QWidget *parent)
    : QMainWindow(parent), m_client(client), m_fleet(new Models::FleetModel(this)),
      m_rollouts(new Models::RolloutListModel(this)), m_pollSeconds(Models::ConsoleSettings().refreshSeconds())
{
    setWindowTitle(tr("OTA Rollout Console"));
    auto *toolbar = addToolBar(tr("Server"));
    toolbar->setMovable(false);
    toolbar->addWidget(new QLabel(tr("Server: %1").arg(client->endpoint().displayUrl())));
    toolbar->addSeparator();
    m_liveLabel = new QLabel(tr("connecting"));
    toolbar->addWidget(m_liveLabel);
    m_countLabel = new QLabel;
    statusBar()->addWidget(m_countLabel);

    auto *splitter = new QSplitter;
    m_nav = new QListWidget;
    m_pages = new QStackedWidget;
    splitter->addWidget(m_nav);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(1, 1);
    // The navigation is narrow; the page takes what is left.
    splitter->setSizes({150, 1050});
    setCentralWidget(splitter);
    connect(m_nav, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    addPage(tr("Fleet"), makeFleetPage());
    addPage(tr("Rollouts"), makeRolloutsPage());
    m_nav->setCurrentRow(0);

    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &MainWindow::tick);
    m_timer->start();

    m_refreshSoon = new QTimer(this);
    m_refreshSoon->setSingleShot(true);
    m_refreshSoon->setInterval(EventSettleMs);
    connect(m_refreshSoon, &QTimer::timeout, this, [this] {
        if (m_pending == 0)
            poll();
        else
            m_refreshSoon->start(); // a refresh is under way; the next one sees this change
    });
    m_stream = new Rollout::EventStream(client->endpoint(), this);
    connect(m_stream, &Rollout::EventStream::statusChanged, this, &MainWindow::onStreamStatus);
    connect(m_stream, &Rollout::EventStream::snapshot, this, &MainWindow::refreshSoon);
    connect(m_stream, &Rollout::EventStream::events, this, &MainWindow::refreshSoon);
    m_stream->start();
    poll();
}

void MainWindow::refreshSoon()
{
    if (!m_refreshSoon->isActive())
        m_refreshSoon->start();
}

void MainWindow::onStreamStatus()
{
    if (m_stream->status() == Rollout::EventStream::Status::Live) {
        if (m_backoffSeconds == 0) {
            m_liveLabel->setText(tr("● live"));
            m_liveLabel->setToolTip(QString());
        }
        refreshSoon(); // back after a gap: what changed meanwhile is fetched whole
    } else {
        // Polling takes over at once, not at the end of the slow live interval.
        m_secondsToNext = qMin(m_secondsToNext, m_pollSeconds);
        if (m_stream->status() == Rollout::EventStream::Status::Refused)
            m_liveLabel->setToolTip(m_stream->lastError());
    }
}

void MainWindow::addPage(const QString &name, QWidget *page)
{
    const int index = m_pages->addWidget(page);
    m_nav->addItem(name);
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)), this);
    connect(shortcut, &QShortcut::activated, this, [this, index] { m_nav->setCurrentRow(index); });
}

QWidget *MainWindow::makeFleetPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    m_fleetFilter = new QLineEdit;
    m_fleetFilter->setObjectName(QStringLiteral("fleetFilter"));
    m_fleetFilter->setPlaceholderText(tr("Filter by device id, version, chip, tag..."));
    m_fleetFilter->setClearButtonEnabled(true);
    m_fleetColumns = new QComboBox;
    m_fleetColumns->setObjectName(QStringLiteral("fleetColumns"));
    m_fleetColumns->addItem(tr("Health columns"), int(Models::FleetColumnSet::Health));
    m_fleetColumns->addItem(tr("Firmware columns"), int(Models::FleetColumnSet::Firmware));
    m_fleetColumns->addItem(tr("Network columns"), int(Models::FleetColumnSet::Network));
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_fleetFilter, 1);
    bar->addWidget(m_fleetColumns);
    layout->addLayout(bar);
    m_fleetProxy = new QSortFilterProxyModel(this);
    m_fleetProxy->setSourceModel(m_fleet);
    m_fleetProxy->setSortRole(Models::SortRole);
    m_fleetProxy->setFilterKeyColumn(-1);
    m_fleetProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_fleetFilter, &QLineEdit::textChanged, m_fleetProxy, &QSortFilterProxyModel::setFilterFixedString);
    m_fleetTable = new QTableView;
    m_fleetTable->setObjectName(QStringLiteral("fleetTable"));
    m_fleetTable->setModel(m_fleetProxy);
    m_fleetTable->setSortingEnabled(true);
    m_fleetTable->sortByColumn(Models::FleetModel::IdColumn, Qt::AscendingOrder);
    m_fleetTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_fleetTable->verticalHeader()->hide();
    m_fleetTable->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_fleetTable);
    m_fleetColumns->setCurrentIndex(m_fleetColumns->findData(int(Models::ConsoleSettings().fleetColumnSet())));
    showFleetColumns();
    connect(m_fleetColumns, &QComboBox::currentIndexChanged, this, [this] {
        Models::ConsoleSettings().setFleetColumnSet(Models::FleetColumnSet(m_fleetColumns->currentData().toInt()));
        showFleetColumns();
    });
    return page;
}

void MainWindow::showFleetColumns()
{
    using F = Models::FleetModel;
    // The id and version answer "which device, running what" in every set.
    QList<int> shown{F::IdColumn, F::VersionColumn};
    switch (Models::FleetColumnSet(m_fleetColumns->currentData().toInt())) {
    case Models::FleetColumnSet::Health:
        shown << F::HealthColumn << F::BatteryColumn << F::LastSeenColumn;
        break;
    case Models::FleetColumnSet::Firmware:
        shown << F::SlotColumn << F::ChipColumn << F::BoardColumn << F::ProjectColumn;
        break;
    case Models::FleetColumnSet::Network:
        shown << F::RssiColumn << F::LastSeenColumn << F::TagsColumn;
        break;
    }
    for (int column = 0; column < F::ColumnCount; ++column)
        m_fleetTable->setColumnHidden(column, !shown.contains(column));
}

QWidget *MainWindow::makeRolloutsPage()
{
    auto *splitter = new QSplitter(Qt::Vertical);
    auto *table = new QTableView;
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_rollouts);
    proxy->setSortRole(Models::SortRole);
    table->setModel(proxy);
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    m_rolloutDetail = new QLabel(tr("Select a rollout to see its stages."));
    m_rolloutDetail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_rolloutDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    splitter->addWidget(table);
    splitter->addWidget(m_rolloutDetail);
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, proxy](const QModelIndex &current) {
                const Rollout::RolloutSummary *r = m_rollouts->rollout(proxy->mapToSource(current).row());
                if (!r)
                    return;
                QStringList lines{tr("%1: %2").arg(r->name, r->stateText())};
                for (const Rollout::StageSummary &stage : r->stages) {
                    QStringList counts;
                    for (const auto &[state, count] : stage.counts.nonZero())
                        counts.append(tr("%1 %2").arg(count).arg(state));
                    lines.append(tr("%1 (%2): %3").arg(stage.name, stage.status,
                                                       counts.isEmpty() ? tr("no devices yet") : counts.join(QStringLiteral(", "))));
                }
                m_rolloutDetail->setText(lines.join(QLatin1Char('\n')));
            });
    return splitter;
}

void MainWindow::poll()
{
    // Both calls answer on this thread's event loop: nothing here blocks.
    m_pending = 2;
    m_lastError.clear();
    m_client->devices().list({}, this, [this](const Result<Rollout::DeviceList, Rollout::ApiError> &result) {
        if (result)
            m_fleet->update(*result);
        callDone(result ? QString() : result.error().message);
    });
    m_client->rollouts().list(this, [this](const Result<QList<Rollout::RolloutSummary>, Rollout::ApiError> &result) {
        if (result)
            m_rollouts->update(*result);
        callDone(result ? QString() : result.error().message);
    });
}

void MainWindow::callDone(const QString &error)
{
    if (!error.isEmpty())
        m_lastError = error;
    if (--m_pending > 0)
        return;
    if (m_lastError.isEmpty())
        pollSucceeded();
    else
        pollFailed(m_lastError);
}

void MainWindow::pollSucceeded()
{
    m_backoffSeconds = 0;
    m_secondsToNext = streamIsLive() ? LiveRefreshSeconds : m_pollSeconds;
    m_refreshedAgo = 0;
    if (streamIsLive()) {
        m_liveLabel->setText(tr("● live"));
        m_liveLabel->setToolTip(QString());
    } else {
        m_liveLabel->setText(tr("polling every %n s", nullptr, m_pollSeconds));
        m_liveLabel->setToolTip(tr("the live event stream is not connected: %1").arg(m_stream->statusText()));
    }
    m_countLabel->setText(tr("%n devices · refreshed just now", nullptr, m_fleet->rowCount()));
}

void MainWindow::pollFailed(const QString &why)
{
    m_backoffSeconds = m_backoffSeconds == 0 ? 2 : qMin(MaxBackoffSeconds, m_backoffSeconds * 2);
    m_secondsToNext = m_backoffSeconds;
    m_liveLabel->setText(tr("reconnecting in %n s", nullptr, m_secondsToNext));
    m_liveLabel->setToolTip(why);
}

void MainWindow::tick()
{
    if (m_pending > 0)
        return;
    if (--m_secondsToNext <= 0) {
        poll();
        return;
    }
    if (m_backoffSeconds > 0)
        m_liveLabel->setText(tr("reconnecting in %n s", nullptr, m_secondsToNext));
    else
        m_countLabel->setText(tr("%n devices · refreshed %1 s ago", nullptr, m_fleet->rowCount()).arg(++m_refreshedAgo));
}

bool MainWindow::streamIsLive() const
{
    return m_stream && m_stream->status() == Rollout::EventStream::Status::Live;
}
