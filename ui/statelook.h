#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

#include "models/statekind.h"

// How the console draws a state kind, the one table every page uses:
// icon + word + colour together, never colour alone (CONSOLE.md).
struct StateLook
{
    QIcon icon;
    QString word;
    QColor colour;

    static StateLook of(Models::StateKind kind);
};
