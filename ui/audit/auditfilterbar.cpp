#include "auditfilterbar.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>

AuditFilterBar::AuditFilterBar(QWidget *parent) : QWidget(parent), m_grid(new QGridLayout(this))
{
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_actor = addField(tr("Ac&tor:"), QStringLiteral("auditActor"), tr("alice, engine, token ..."), 0, 0);
    m_action = addField(tr("A&ction:"), QStringLiteral("auditAction"), tr("key.add, rollout., login ..."), 0, 2);
    m_target = addField(tr("Tar&get:"), QStringLiteral("auditTarget"), tr("rollout name, key, device ..."), 0, 4);
    m_result = addField(tr("Res&ult:"), QStringLiteral("auditResult"), tr("ok, refused, -> PAUSED ..."), 0, 6);
    m_text = addField(tr("&Search:"), QStringLiteral("auditSearch"), tr("anywhere, also reason and detail"), 1, 0);
    m_grid->addWidget(m_text, 1, 1, 1, 3);
    m_from = addBound(tr("&From"), QStringLiteral("auditFrom"), &m_fromEnabled, 4);
    m_to = addBound(tr("T&o"), QStringLiteral("auditTo"), &m_toEnabled, 6);
    for (int column : {1, 3, 5, 7})
        m_grid->setColumnStretch(column, 1);
}

QLineEdit *AuditFilterBar::addField(const QString &label, const QString &objectName, const QString &placeholder,
                                    int row, int column)
{
    auto *field = new QLineEdit;
    field->setObjectName(objectName);
    field->setPlaceholderText(placeholder);
    field->setClearButtonEnabled(true);
    auto *caption = new QLabel(label);
    caption->setBuddy(field);
    m_grid->addWidget(caption, row, column);
    m_grid->addWidget(field, row, column + 1);
    connect(field, &QLineEdit::textChanged, this, [this] { Q_EMIT filterChanged(filter()); });
    return field;
}

QDateTimeEdit *AuditFilterBar::addBound(const QString &label, const QString &objectName, QCheckBox **enabled,
                                        int column)
{
    // A bound counts only when ticked, so "no limit" needs no magic date.
    *enabled = new QCheckBox(label);
    (*enabled)->setObjectName(objectName + QStringLiteral("Enabled"));
    auto *edit = new QDateTimeEdit(QDateTime::currentDateTime());
    edit->setObjectName(objectName);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    edit->setEnabled(false);
    m_grid->addWidget(*enabled, 1, column);
    m_grid->addWidget(edit, 1, column + 1);
    connect(*enabled, &QCheckBox::toggled, edit, &QWidget::setEnabled);
    connect(*enabled, &QCheckBox::toggled, this, [this] { Q_EMIT filterChanged(filter()); });
    connect(edit, &QDateTimeEdit::dateTimeChanged, this, [this] { Q_EMIT filterChanged(filter()); });
    return edit;
}

Models::AuditFilter AuditFilterBar::filter() const
{
    Models::AuditFilter f;
    f.actor = m_actor->text().trimmed();
    f.action = m_action->text().trimmed();
    f.target = m_target->text().trimmed();
    f.result = m_result->text().trimmed();
    f.text = m_text->text().trimmed();
    if (m_fromEnabled->isChecked())
        f.from = m_from->dateTime();
    if (m_toEnabled->isChecked())
        f.to = m_to->dateTime();
    return f;
}

void AuditFilterBar::clear()
{
    QSignalBlocker blocker(this);
    for (QLineEdit *field : {m_actor, m_action, m_target, m_result, m_text})
        field->clear();
    m_fromEnabled->setChecked(false);
    m_toEnabled->setChecked(false);
    // The next time a bound is ticked it starts from now, not an old choice.
    for (QDateTimeEdit *bound : {m_from, m_to})
        bound->setDateTime(QDateTime::currentDateTime());
    blocker.unblock();
    Q_EMIT filterChanged(filter());
}
