#pragma once

#include <QAbstractItemView>

class QTableView;

// A table of whole-row selection, one text line per row, over model, with
// states drawn by the console's StateLookDelegate (icon beside the word):
// how the LAN page's two tables look.
QTableView *makeStateTable(QAbstractItemModel *model, const QString &objectName,
                           QAbstractItemView::SelectionMode selectionMode);
