#include "statetable.h"

#include <QHeaderView>
#include <QTableView>

#include "statelook.h"

QTableView *makeStateTable(QAbstractItemModel *model, const QString &objectName,
                           QAbstractItemView::SelectionMode selectionMode)
{
    auto *table = new QTableView;
    table->setObjectName(objectName);
    table->setModel(model);
    table->setItemDelegate(new StateLookDelegate(table));
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(selectionMode);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    return table;
}
