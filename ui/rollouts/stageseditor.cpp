#include "stageseditor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "models/stagesmodel.h"

StagesEditor::StagesEditor(QWidget *parent)
    : QWidget(parent), m_model(new Models::StagesModel(this)), m_table(new QTableView(this)),
      m_add(new QPushButton(tr("&Add stage"), this)), m_remove(new QPushButton(tr("Re&move"), this)),
      m_up(new QPushButton(tr("Move &up"), this)), m_down(new QPushButton(tr("Move &down"), this)),
      m_problem(new QLabel(this))
{
    m_table->setObjectName(QStringLiteral("stagesTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    // Values stay whole as they are edited ("1 h 30 min"); the name takes what is left.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Models::StagesModel::NameColumn, QHeaderView::Stretch);
    m_table->setToolTip(tr("F2 or typing edits a cell; Space toggles the gate"));
    m_add->setObjectName(QStringLiteral("addStage"));
    m_remove->setObjectName(QStringLiteral("removeStage"));
    m_up->setObjectName(QStringLiteral("moveStageUp"));
    m_down->setObjectName(QStringLiteral("moveStageDown"));
    m_problem->setObjectName(QStringLiteral("stagesError"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problem->hide();

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_add, m_remove, m_up, m_down})
        buttons->addWidget(button);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_problem);

    connect(m_add, &QPushButton::clicked, this, &StagesEditor::add);
    connect(m_remove, &QPushButton::clicked, this, &StagesEditor::remove);
    connect(m_up, &QPushButton::clicked, this, [this] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { move(+1); });
    connect(m_model, &Models::StagesModel::editRefused, this, &StagesEditor::showProblem);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        showProblem({});
        Q_EMIT stagesChanged();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &StagesEditor::stagesChanged);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &StagesEditor::stagesChanged);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, &StagesEditor::stagesChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &StagesEditor::stagesChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &StagesEditor::updateButtons);
    connect(this, &StagesEditor::stagesChanged, this, &StagesEditor::updateButtons);
    updateButtons();
}

void StagesEditor::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

int StagesEditor::currentRow() const
{
    return m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1;
}

void StagesEditor::add()
{
    const int row = m_model->addStage(currentRow());
    m_table->setCurrentIndex(m_model->index(row, Models::StagesModel::NameColumn));
    m_table->setFocus();
}

void StagesEditor::remove()
{
    const int row = currentRow();
    if (m_model->removeStage(row) && m_model->rowCount() > 0)
        m_table->setCurrentIndex(m_model->index(qMin(row, m_model->rowCount() - 1), 0));
}

void StagesEditor::move(int delta)
{
    const int row = currentRow();
    const int column = m_table->currentIndex().column();
    if (m_model->moveStage(row, delta))
        m_table->setCurrentIndex(m_model->index(row + delta, column));
}

void StagesEditor::updateButtons()
{
    const int row = currentRow();
    const int rows = m_model->rowCount();
    // A rollout needs a stage: the last one cannot go.
    m_remove->setEnabled(row >= 0 && rows > 1);
    m_remove->setToolTip(rows > 1 ? tr("Remove the selected stage") : tr("A rollout needs at least one stage"));
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row < rows - 1);
}
