#include "statelook.h"

#include <array>

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include "models/modelroles.h"

namespace
{
    // The glyph of a kind, drawn white on a disc of its colour in a 16x16 box.
    void drawGlyph(QPainter &p, Models::StateKind kind)
    {
        QPen pen(Qt::white, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        switch (kind) {
        case Models::StateKind::Good: // check mark
            p.drawPolyline(QPolygonF{{4.0, 8.5}, {7.0, 11.5}, {12.0, 5.0}});
            break;
        case Models::StateKind::Moving: // two chevrons: going forward
            p.drawPolyline(QPolygonF{{4.0, 5.0}, {7.0, 8.0}, {4.0, 11.0}});
            p.drawPolyline(QPolygonF{{8.5, 5.0}, {11.5, 8.0}, {8.5, 11.0}});
            break;
        case Models::StateKind::Waiting: // clock hands
            p.drawPolyline(QPolygonF{{8.0, 4.0}, {8.0, 8.0}, {11.0, 10.0}});
            break;
        case Models::StateKind::Bad: // cross
            p.drawLine(QPointF(5.0, 5.0), QPointF(11.0, 11.0));
            p.drawLine(QPointF(11.0, 5.0), QPointF(5.0, 11.0));
            break;
        case Models::StateKind::Undone: { // arrow turning back
            QPainterPath path;
            path.moveTo(11.5, 11.5);
            path.arcTo(QRectF(4.5, 4.5, 7.0, 6.0), 0.0, 180.0);
            p.drawPath(path);
            p.drawPolyline(QPolygonF{{3.0, 6.0}, {4.5, 8.5}, {7.0, 6.5}});
            break;
        }
        case Models::StateKind::Unknown: { // question mark
            QFont font = p.font();
            font.setPixelSize(12);
            font.setBold(true);
            p.setFont(font);
            p.drawText(QRectF(0, 0, 16, 16), Qt::AlignCenter, QStringLiteral("?"));
            break;
        }
        }
    }

    QIcon drawIcon(Models::StateKind kind, const QColor &colour)
    {
        QIcon icon;
        for (const int size : {16, 24, 32}) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter p(&pixmap);
            p.setRenderHint(QPainter::Antialiasing);
            p.scale(size / 16.0, size / 16.0);
            p.setPen(Qt::NoPen);
            p.setBrush(colour);
            p.drawEllipse(QRectF(0.5, 0.5, 15.0, 15.0));
            if (kind == Models::StateKind::Unknown) {
                // Hatched: "we do not know", unlike any solid state.
                p.setBrush(QBrush(colour.lighter(150), Qt::BDiagPattern));
                p.drawEllipse(QRectF(0.5, 0.5, 15.0, 15.0));
            }
            drawGlyph(p, kind);
            p.end();
            icon.addPixmap(pixmap);
        }
        return icon;
    }

    QColor colourOf(Models::StateKind kind)
    {
        switch (kind) {
        case Models::StateKind::Good: return {0x1b, 0x7f, 0x3b};
        case Models::StateKind::Moving: return {0x1f, 0x5f, 0xbf};
        case Models::StateKind::Waiting: return {0x9a, 0x67, 0x00};
        case Models::StateKind::Bad: return {0xb0, 0x1c, 0x1c};
        case Models::StateKind::Undone: return {0x6b, 0x3f, 0xa0};
        case Models::StateKind::Unknown: break;
        }
        return {0x70, 0x70, 0x70};
    }

    constexpr std::array Kinds{Models::StateKind::Good,   Models::StateKind::Moving, Models::StateKind::Waiting,
                               Models::StateKind::Bad,    Models::StateKind::Undone, Models::StateKind::Unknown};
} // namespace

StateLook StateLook::of(Models::StateKind kind)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("StateLook", text); };
    QString word;
    switch (kind) {
    case Models::StateKind::Good: word = tr("good"); break;
    case Models::StateKind::Moving: word = tr("moving"); break;
    case Models::StateKind::Waiting: word = tr("waiting"); break;
    case Models::StateKind::Bad: word = tr("bad"); break;
    case Models::StateKind::Undone: word = tr("undone"); break;
    case Models::StateKind::Unknown: word = tr("unknown"); break;
    }
    // Drawn once per kind: tables ask for icons on every paint.
    static const std::array<QIcon, Kinds.size()> icons = [] {
        std::array<QIcon, Kinds.size()> drawn;
        for (std::size_t i = 0; i < Kinds.size(); ++i)
            drawn[i] = drawIcon(Kinds[i], colourOf(Kinds[i]));
        return drawn;
    }();
    const auto at = std::find(Kinds.cbegin(), Kinds.cend(), kind);
    return {at == Kinds.cend() ? QIcon() : icons[std::size_t(at - Kinds.cbegin())], word, colourOf(kind)};
}

void StateLookDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant kind = index.data(Models::StateKindRole);
    if (!kind.isValid())
        return;
    option->icon = StateLook::of(Models::StateKind(kind.toInt())).icon;
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->decorationSize = QSize(16, 16);
}
