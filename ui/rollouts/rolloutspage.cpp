#include "rolloutspage.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "consolesession.h"
#include "models/modelroles.h"
#include "models/rolloutlistmodel.h"
#include "rolloutcreatedialog.h"
#include "rolloutdetailview.h"
#include "statecelldelegate.h"

RolloutsPage::RolloutsPage(ConsoleSession *session, QWidget *parent) : QWidget(parent), m_session(session)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 0);
    m_create = new QPushButton(tr("&New rollout..."));
    m_create->setObjectName(QStringLiteral("newRolloutButton"));
    connect(m_create, &QPushButton::clicked, this, &RolloutsPage::openCreateDialog);
    bar->addWidget(m_create);
    bar->addStretch(1);
    layout->addLayout(bar);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("rolloutsSplitter"));
    layout->addWidget(splitter);
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("rolloutsTable"));
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(session->rollouts());
    m_proxy->setSortRole(Models::SortRole);
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new StateCellDelegate({Models::RolloutListModel::StateColumn}, Models::RolloutListModel::ProgressColumn, m_table));
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(Models::RolloutListModel::IdColumn, 110);
    m_table->horizontalHeader()->resizeSection(Models::RolloutListModel::NameColumn, 220);
    m_table->horizontalHeader()->resizeSection(Models::RolloutListModel::StateColumn, 190);
    m_table->horizontalHeader()->resizeSection(Models::RolloutListModel::StageColumn, 140);
    m_table->horizontalHeader()->resizeSection(Models::RolloutListModel::ProgressColumn, 160);
    m_detail = new RolloutDetailView(session);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    setTabOrder(m_create, m_table);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RolloutsPage::showSelected);
    connect(session, &ConsoleSession::refreshed, this, &RolloutsPage::selectPending);
    connect(session->rollouts(), &QAbstractItemModel::rowsInserted, this, &RolloutsPage::selectPending);
}

void RolloutsPage::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    m_detail->showRollout(current.isValid() ? current.siblingAtColumn(0).data(Models::IdRole).toString() : QString());
}

void RolloutsPage::select(const QString &rolloutId)
{
    m_pendingSelection = rolloutId;
    selectPending();
}

void RolloutsPage::selectPending()
{
    if (m_pendingSelection.isEmpty())
        return;
    const int row = m_session->rollouts()->rowOf(m_pendingSelection);
    if (row < 0)
        return;
    m_pendingSelection.clear();
    const QModelIndex index = m_proxy->mapFromSource(m_session->rollouts()->index(row, 0));
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void RolloutsPage::openCreateDialog()
{
    RolloutCreateDialog dialog(m_session, this);
    connect(&dialog, &RolloutCreateDialog::created, this, [this](const QString &id) {
        m_session->refreshNow();
        select(id);
    });
    dialog.exec();
}
