#include "statecelldelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

#include "models/modelroles.h"
#include "statelook.h"

StateCellDelegate::StateCellDelegate(QList<int> stateColumns, int progressColumn, QObject *parent)
    : QStyledItemDelegate(parent), m_stateColumns(std::move(stateColumns)), m_progressColumn(progressColumn)
{
}

void StateCellDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant kind = index.data(Models::StateKindRole);
    if (!kind.isValid() || !m_stateColumns.contains(index.column()))
        return;
    const StateLook look = StateLook::of(Models::StateKind(kind.toInt()));
    option->icon = look.icon;
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->palette.setColor(QPalette::Text, look.colour);
}

void StateCellDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() != m_progressColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Background and selection from the style; the bar and the text over it ours.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);
    const QString text = opt.text;
    const int percent = qBound(0, index.data(Models::SortRole).toInt(), 100);
    const QRect bar = option.rect.adjusted(4, 4, -4, -4);
    painter->save();
    painter->setPen(option.palette.color(QPalette::Mid));
    painter->setBrush(option.palette.color(QPalette::Base));
    painter->drawRect(bar);
    const StateLook look = StateLook::of(Models::StateKind(index.data(Models::StateKindRole).toInt()));
    QColor fill = look.colour;
    fill.setAlpha(90);
    painter->fillRect(QRect(bar.topLeft(), QSize(bar.width() * percent / 100, bar.height())), fill);
    painter->setPen(option.palette.color(QPalette::Text));
    painter->drawText(bar, Qt::AlignCenter, text);
    painter->restore();
}
