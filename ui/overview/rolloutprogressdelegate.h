#pragma once

#include <QStyledItemDelegate>

// A rollout's progress cell as a small progress bar with its percentage,
// from the cell's SortRole (the percent, 0-100).
class RolloutProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};
