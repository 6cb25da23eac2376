#pragma once

#include <QList>
#include <QStyledItemDelegate>

// Draws a cell with its state's icon and colour beside the word
// (Models::StateKindRole through StateLook), and, in a progress column, a
// small bar behind the percent text. The word always stays: never colour alone.
class StateCellDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // stateColumns: the columns that show a state (the others stay plain);
    // progressColumn: the column whose SortRole is a percent to draw as a bar, -1 for none.
    StateCellDelegate(QList<int> stateColumns, int progressColumn, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QList<int> m_stateColumns;
    int m_progressColumn;
};
