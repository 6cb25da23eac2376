#include "createtargetsform.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace
{
    QJsonArray listOf(const QLineEdit *field)
    {
        QJsonArray items;
        for (const QString &item : field->text().split(u',', Qt::SkipEmptyParts)) {
            if (const QString trimmed = item.trimmed(); !trimmed.isEmpty())
                items.append(trimmed);
        }
        return items;
    }

    // What the server takes as a version bound: numbers and dots (2.3.1).
    bool isVersion(const QString &text)
    {
        static const QRegularExpression version(u"^\\d+(\\.\\d+)*$"_s);
        return version.match(text).hasMatch();
    }
} // namespace

CreateTargetsForm::CreateTargetsForm(QWidget *parent) : QWidget(parent)
{
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    m_tags = addField(form, tr("Ta&gs"), u"targetTags"_s, tr("building-3, ring-canary (every tag must be carried)"));
    m_projects = addField(form, tr("Pro&jects"), u"targetProjects"_s, tr("smart-building"));
    m_chips = addField(form, tr("C&hips"), u"targetChips"_s, tr("esp32, esp32c3"));
    m_boards = addField(form, tr("&Boards"), u"targetBoards"_s, tr("any board"));
    m_deviceIds = addField(form, tr("Device &ids"), u"targetDeviceIds"_s, tr("only these devices"));
    m_minVersion = new QLineEdit(this);
    m_minVersion->setObjectName(u"targetMinVersion"_s);
    m_minVersion->setPlaceholderText(tr("from, e.g. 2.0.0"));
    m_maxVersion = new QLineEdit(this);
    m_maxVersion->setObjectName(u"targetMaxVersion"_s);
    m_maxVersion->setPlaceholderText(tr("to, e.g. 2.3.1"));
    auto *range = new QHBoxLayout;
    range->addWidget(m_minVersion);
    range->addWidget(m_maxVersion);
    form->addRow(tr("Current &version"), range);
    for (QLineEdit *field : {m_minVersion, m_maxVersion})
        connect(field, &QLineEdit::textChanged, this, &CreateTargetsForm::changed);
    // The label's mnemonic goes to the first field of the range.
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(range)))
        label->setBuddy(m_minVersion);
}

QLineEdit *CreateTargetsForm::addField(QFormLayout *form, const QString &label, const QString &objectName,
                                       const QString &placeholder)
{
    auto *field = new QLineEdit(this);
    field->setObjectName(objectName);
    field->setPlaceholderText(placeholder);
    field->setClearButtonEnabled(true);
    form->addRow(label, field);
    connect(field, &QLineEdit::textChanged, this, &CreateTargetsForm::changed);
    return field;
}

QJsonObject CreateTargetsForm::selector() const
{
    QJsonObject selector;
    const std::pair<const char16_t *, const QLineEdit *> lists[] = {
        {u"chips", m_chips}, {u"boards", m_boards}, {u"projects", m_projects}, {u"tags", m_tags},
        {u"deviceIds", m_deviceIds}};
    for (const auto &[key, field] : lists) {
        if (const QJsonArray items = listOf(field); !items.isEmpty())
            selector.insert(QString::fromUtf16(key), items);
    }
    if (const QString min = m_minVersion->text().trimmed(); !min.isEmpty())
        selector.insert(u"minVersion"_s, min);
    if (const QString max = m_maxVersion->text().trimmed(); !max.isEmpty())
        selector.insert(u"maxVersion"_s, max);
    return selector;
}

QString CreateTargetsForm::problem() const
{
    QStringList problems;
    for (const QLineEdit *field : {m_minVersion, m_maxVersion}) {
        const QString text = field->text().trimmed();
        if (!text.isEmpty() && !isVersion(text))
            problems.append(tr("\"%1\" is not a version such as 2.3.1 (numbers and dots).").arg(text));
    }
    return problems.join(u' ');
}
