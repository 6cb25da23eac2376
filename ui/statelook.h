#pragma once

#include <QColor>
#include <QIcon>
#include <QString>
#include <QStyledItemDelegate>

#include "models/statekind.h"

// How the console draws a state kind, the one table every page uses:
// icon + word + colour together, never colour alone (CONSOLE.md). Each
// kind's icon has its own shape (check, arrows, clock, cross, undo arrow,
// question mark on hatching), so it reads at 16 px without its colour.
struct StateLook
{
    QIcon icon;
    QString word;
    QColor colour;

    static StateLook of(Models::StateKind kind);
};

// Draws a cell's StateLook icon beside its text, for cells whose model
// answers Models::StateKindRole; others are drawn as usual.
class StateLookDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
