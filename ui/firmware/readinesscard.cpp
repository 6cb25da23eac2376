#include "readinesscard.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "models/statekind.h"
#include "statelook.h"

namespace
{
    using Verdict = Models::ReleaseReadiness::Verdict;

    // A verdict in the console's one vocabulary: pass is good, warn waits
    // for a person's judgement, fail is bad.
    StateLook lookOf(Verdict verdict)
    {
        switch (verdict) {
        case Verdict::Pass:
            return StateLook::of(Models::StateKind::Good);
        case Verdict::Warn:
            return StateLook::of(Models::StateKind::Waiting);
        case Verdict::Fail:
            break;
        }
        return StateLook::of(Models::StateKind::Bad);
    }
} // namespace

ReadinessCard::ReadinessCard(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    m_heading = new QLabel;
    m_heading->setObjectName(QStringLiteral("readinessHeading"));
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setWordWrap(true);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    layout->addWidget(m_heading);
    m_rows = new QGridLayout;
    m_rows->setColumnStretch(2, 1);
    m_rows->setHorizontalSpacing(8);
    m_rows->setVerticalSpacing(2);
    layout->addLayout(m_rows);
    layout->addStretch(1);
    showNothing(tr("Select a release to see whether it is ready to roll out."));
}

void ReadinessCard::clearRows()
{
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

void ReadinessCard::showNothing(const QString &why)
{
    clearRows();
    m_items.clear();
    m_heading->setText(why);
}

void ReadinessCard::showItems(const QString &heading, const QList<Models::ReleaseReadiness::Item> &items)
{
    clearRows();
    m_items = items;
    m_heading->setText(heading);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    int row = 0;
    for (const Models::ReleaseReadiness::Item &item : items) {
        const StateLook look = lookOf(item.verdict);
        auto *icon = new QLabel;
        icon->setPixmap(look.icon.pixmap(iconSize, iconSize));
        auto *word = new QLabel(Models::ReleaseReadiness::verdictWord(item.verdict));
        word->setObjectName(QStringLiteral("readinessVerdict%1").arg(row / 2));
        QFont bold = word->font();
        bold.setBold(true);
        word->setFont(bold);
        QPalette palette = word->palette();
        palette.setColor(QPalette::WindowText, look.colour);
        word->setPalette(palette);
        auto *finding = new QLabel(tr("%1: %2").arg(item.title, item.finding));
        finding->setTextFormat(Qt::PlainText);
        finding->setWordWrap(true);
        finding->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *why = new QLabel(item.why);
        why->setTextFormat(Qt::PlainText);
        why->setWordWrap(true);
        QPalette whyPalette = why->palette();
        whyPalette.setColor(QPalette::WindowText, whyPalette.color(QPalette::PlaceholderText));
        why->setPalette(whyPalette);
        m_rows->addWidget(icon, row, 0, Qt::AlignTop);
        m_rows->addWidget(word, row, 1, Qt::AlignTop);
        m_rows->addWidget(finding, row, 2);
        m_rows->addWidget(why, row + 1, 2);
        m_rows->setRowMinimumHeight(row + 1, 0);
        row += 2;
    }
}
