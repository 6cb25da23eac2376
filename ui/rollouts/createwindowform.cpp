#include "createwindowform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QTimeEdit>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace
{
    const QStringList DayNames{u"monday"_s, u"tuesday"_s, u"wednesday"_s, u"thursday"_s,
                               u"friday"_s, u"saturday"_s, u"sunday"_s};
} // namespace

CreateWindowForm::CreateWindowForm(QWidget *parent)
    : QWidget(parent), m_enabled(new QCheckBox(tr("Only inside a maintenance &window"), this)),
      m_from(new QTimeEdit(QTime(8, 0), this)), m_to(new QTimeEdit(QTime(16, 0), this)), m_timeZone(new QComboBox(this))
{
    m_enabled->setObjectName(u"maintenanceWindow"_s);
    m_enabled->setToolTip(tr("Outside this window the rollout pauses by itself and resumes when it opens"));
    auto *days = new QHBoxLayout;
    const QLocale locale;
    for (int day = 0; day < DayNames.size(); ++day) {
        auto *box = new QCheckBox(locale.dayName(day + 1, QLocale::ShortFormat), this);
        box->setChecked(day < 4); // the case study deploys early in the week
        m_days.append(box);
        days->addWidget(box);
        connect(box, &QCheckBox::toggled, this, &CreateWindowForm::changed);
    }
    days->addStretch();
    m_from->setDisplayFormat(u"HH:mm"_s);
    m_to->setDisplayFormat(u"HH:mm"_s);
    m_to->setToolTip(tr("00:00 means the end of the day (24:00)"));
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_timeZone->addItem(QString::fromLatin1(id));
    m_timeZone->setEditable(true); // an id the list lacks can be typed
    m_timeZone->setCurrentText(QString::fromLatin1(QTimeZone::systemTimeZoneId()));

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_enabled, 0, 0, 1, 4);
    grid->addLayout(days, 1, 0, 1, 4);
    auto *fromLabel = new QLabel(tr("Op&en from"), this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("C&loses at"), this);
    toLabel->setBuddy(m_to);
    grid->addWidget(fromLabel, 2, 0);
    grid->addWidget(m_from, 2, 1);
    grid->addWidget(toLabel, 2, 2);
    grid->addWidget(m_to, 2, 3);
    auto *zoneLabel = new QLabel(tr("Time &zone"), this);
    zoneLabel->setBuddy(m_timeZone);
    grid->addWidget(zoneLabel, 3, 0);
    grid->addWidget(m_timeZone, 3, 1, 1, 3);

    connect(m_enabled, &QCheckBox::toggled, this, &CreateWindowForm::updateEnabled);
    connect(m_enabled, &QCheckBox::toggled, this, &CreateWindowForm::changed);
    connect(m_from, &QTimeEdit::timeChanged, this, &CreateWindowForm::changed);
    connect(m_to, &QTimeEdit::timeChanged, this, &CreateWindowForm::changed);
    connect(m_timeZone, &QComboBox::currentTextChanged, this, &CreateWindowForm::changed);
    updateEnabled();
}

void CreateWindowForm::updateEnabled()
{
    const bool on = m_enabled->isChecked();
    for (QCheckBox *box : m_days)
        box->setEnabled(on);
    m_from->setEnabled(on);
    m_to->setEnabled(on);
    m_timeZone->setEnabled(on);
}

QString CreateWindowForm::problem() const
{
    if (!m_enabled->isChecked())
        return {};
    if (std::none_of(m_days.cbegin(), m_days.cend(), [](const QCheckBox *box) { return box->isChecked(); }))
        return tr("Maintenance window: pick at least one day.");
    const bool toEndOfDay = m_to->time() == QTime(0, 0);
    if (!toEndOfDay && m_to->time() <= m_from->time())
        return tr("Maintenance window: \"to\" must be after \"from\" on the same day (00:00 means 24:00).");
    if (!QTimeZone(m_timeZone->currentText().toLatin1()).isValid())
        return tr("Maintenance window: \"%1\" is not a time zone (an IANA id such as Europe/Berlin).")
            .arg(m_timeZone->currentText());
    return {};
}

std::optional<QJsonObject> CreateWindowForm::toJson() const
{
    if (!m_enabled->isChecked())
        return std::nullopt;
    QJsonArray days;
    for (int day = 0; day < m_days.size(); ++day) {
        if (m_days.at(day)->isChecked())
            days.append(DayNames.at(day));
    }
    const QString to = m_to->time() == QTime(0, 0) ? u"24:00"_s : m_to->time().toString(u"HH:mm"_s);
    const QJsonObject interval{{u"days"_s, days}, {u"from"_s, m_from->time().toString(u"HH:mm"_s)}, {u"to"_s, to}};
    return QJsonObject{{u"timeZone"_s, m_timeZone->currentText()}, {u"intervals"_s, QJsonArray{interval}}};
}
