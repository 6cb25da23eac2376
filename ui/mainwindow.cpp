#include "mainwindow.h"

#include <QCloseEvent>
#include <QLabel>
#include <QListWidget>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

#include "audit/auditpage.h"
#include "consolesession.h"
#include "firmware/firmwarepage.h"
#include "fleet/fleetpage.h"
#include "lan/lanpage.h"
#include "models/consolesettings.h"
#include "overview/overviewpage.h"
#include "rollout/serverclient.h"
#include "rollouts/rolloutspage.h"
#include "settings/settingspage.h"

MainWindow::MainWindow(ConsoleSession *session, QWidget *parent) : QMainWindow(parent), m_session(session)
{
    setWindowTitle(tr("OTA Rollout Console"));
    auto *toolbar = addToolBar(tr("Server"));
    toolbar->setObjectName(QStringLiteral("serverToolbar"));
    toolbar->setMovable(false);
    toolbar->addWidget(new QLabel(tr("Server: %1").arg(session->client()->endpoint().displayUrl())));
    toolbar->addSeparator();
    m_liveLabel = new QLabel;
    m_liveLabel->setObjectName(QStringLiteral("liveLabel"));
    toolbar->addWidget(m_liveLabel);
    toolbar->addSeparator();
    m_identityLabel = new QLabel;
    m_identityLabel->setObjectName(QStringLiteral("identityLabel"));
    toolbar->addWidget(m_identityLabel);
    m_countLabel = new QLabel;
    statusBar()->addWidget(m_countLabel);

    m_splitter = new QSplitter;
    auto *splitter = m_splitter;
    m_nav = new QListWidget;
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_pages = new QStackedWidget;
    splitter->addWidget(m_nav);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(1, 1);
    // The navigation is narrow; the page takes what is left.
    splitter->setSizes({150, 1050});
    setCentralWidget(splitter);
    connect(m_nav, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    m_overview = new OverviewPage(session);
    m_fleet = new FleetPage(session);
    m_rollouts = new RolloutsPage(session);
    m_firmware = new FirmwarePage(session);
    m_lan = new LanPage(session);
    m_audit = new AuditPage(session);
    m_settings = new SettingsPage(session);
    addPage(tr("Overview"), m_overview);
    addPage(tr("Fleet"), m_fleet);
    addPage(tr("Rollouts"), m_rollouts);
    addPage(tr("Firmware"), m_firmware);
    addPage(tr("LAN"), m_lan);
    addPage(tr("Audit"), m_audit);
    addPage(tr("Settings"), m_settings);
    m_nav->setCurrentRow(0);
    connect(m_overview, &OverviewPage::showFleetRequested, this, [this](const QString &filter) {
        m_fleet->applyFilter(filter);
        showPage(m_fleet);
    });

    // What the Settings page holds, for the pages that act on the LAN.
    const Models::ConsoleSettings settings;
    m_lan->setDiscoveryInterfaces(settings.discoveryInterfaces());
    m_lan->setConnectBackPort(quint16(settings.espotaPort()));
    m_lan->setPushConcurrency(settings.pushConcurrency());
    // The layout as the operator left it.
    restoreGeometry(settings.windowGeometry());
    restoreState(settings.windowState());
    if (const QByteArray state = settings.splitterState(QStringLiteral("navigation")); !state.isEmpty())
        m_splitter->restoreState(state);

    connect(session, &ConsoleSession::liveTextChanged, this, &MainWindow::showLiveState);
    connect(session, &ConsoleSession::identityChanged, this, &MainWindow::showIdentity);
    showLiveState();
    showIdentity();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    Models::ConsoleSettings settings;
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    settings.setSplitterState(QStringLiteral("navigation"), m_splitter->saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::showPage(QWidget *page)
{
    m_nav->setCurrentRow(m_pages->indexOf(page));
}

void MainWindow::addPage(const QString &name, QWidget *page)
{
    const int index = m_pages->addWidget(page);
    m_nav->addItem(name);
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)), this);
    connect(shortcut, &QShortcut::activated, this, [this, index] { m_nav->setCurrentRow(index); });
}

void MainWindow::showLiveState()
{
    m_liveLabel->setText(m_session->liveText());
    m_liveLabel->setToolTip(m_session->liveDetail());
    m_countLabel->setText(m_session->freshnessText());
}

void MainWindow::showIdentity()
{
    // Which actions are enabled depends on this: saying it spares a guess.
    QString role;
    switch (m_session->role()) {
    case ConsoleSession::Role::Unknown:
        m_identityLabel->setText(tr("token: checking..."));
        m_identityLabel->setToolTip(tr("Until the server says what this token may do, actions stay enabled and the "
                                       "server's answer says what is missing."));
        return;
    case ConsoleSession::Role::Viewer:
        role = tr("viewer");
        break;
    case ConsoleSession::Role::Operator:
        role = tr("operator");
        break;
    case ConsoleSession::Role::Admin:
        role = tr("admin");
        break;
    }
    m_identityLabel->setText(m_session->hasBreakGlass() ? tr("%1 (%2, break-glass)").arg(m_session->tokenName(), role)
                                                        : tr("%1 (%2)").arg(m_session->tokenName(), role));
    m_identityLabel->setToolTip(tr("The token's name is the actor in the audit log; its role decides which actions "
                                   "are enabled."));
}
