#include "statelook.h"

#include <QApplication>
#include <QCoreApplication>
#include <QStyle>

StateLook StateLook::of(Models::StateKind kind)
{
    QStyle *style = QApplication::style();
    const auto tr = [](const char *text) { return QCoreApplication::translate("StateLook", text); };
    switch (kind) {
    case Models::StateKind::Good:
        return {style->standardIcon(QStyle::SP_DialogApplyButton), tr("good"), QColor(0x1b, 0x7f, 0x3b)};
    case Models::StateKind::Moving:
        return {style->standardIcon(QStyle::SP_BrowserReload), tr("moving"), QColor(0x1f, 0x5f, 0xbf)};
    case Models::StateKind::Waiting:
        return {style->standardIcon(QStyle::SP_MediaPause), tr("waiting"), QColor(0x9a, 0x67, 0x00)};
    case Models::StateKind::Bad:
        return {style->standardIcon(QStyle::SP_MessageBoxCritical), tr("bad"), QColor(0xb0, 0x1c, 0x1c)};
    case Models::StateKind::Undone:
        return {style->standardIcon(QStyle::SP_ArrowBack), tr("undone"), QColor(0x6b, 0x3f, 0xa0)};
    case Models::StateKind::Unknown:
        break;
    }
    return {style->standardIcon(QStyle::SP_MessageBoxQuestion), tr("unknown"), QColor(0x60, 0x60, 0x60)};
}
