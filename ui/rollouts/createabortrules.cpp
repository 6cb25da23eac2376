#include "createabortrules.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QJsonObject>
#include <QLabel>
#include <QSpinBox>

using namespace Qt::Literals::StringLiterals;

namespace
{
    // The failure type names the server knows (docs/server-api.md), "" for any.
    const QStringList FailureTypes{u""_s,       u"download"_s, u"verification"_s, u"install"_s,
                                   u"boot"_s,   u"health_check"_s, u"connectivity"_s, u"battery"_s,
                                   u"timeout"_s, u"rejected"_s, u"other"_s};
} // namespace

CreateAbortRules::CreateAbortRules(QWidget *parent) : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    const QStringList headers{tr("Rule"), tr("Failures of"), tr("Reach"), QString(), tr("After executed"), tr("Then")};
    for (int column = 0; column < headers.size(); ++column)
        grid->addWidget(new QLabel(headers.at(column), this), 0, column);
    // The case study: 3 boot failures; health check not passed in time; MQTT (connectivity) failures.
    addRow(grid, u"boot"_s, 3, false, 0, true);
    addRow(grid, u"health_check"_s, 5, true, 20, false);
    addRow(grid, u"connectivity"_s, 5, false, 0, false);
    grid->setColumnStretch(6, 1);
}

void CreateAbortRules::addRow(QGridLayout *grid, const QString &type, int threshold, bool rate, int minExecuted,
                              bool stop)
{
    const int index = int(m_rows.size());
    Row row{new QCheckBox(tr("Rule &%1").arg(index + 1), this), new QComboBox(this), new QSpinBox(this),
            new QComboBox(this), new QSpinBox(this), new QComboBox(this)};
    row.enabled->setChecked(true);
    row.enabled->setObjectName(u"abortRule%1"_s.arg(index + 1));
    for (const QString &name : FailureTypes)
        row.failureType->addItem(name.isEmpty() ? tr("any type") : name, name);
    row.failureType->setCurrentIndex(int(FailureTypes.indexOf(type)));
    row.threshold->setRange(1, 1'000'000);
    row.threshold->setValue(threshold);
    row.unit->addItem(tr("devices"), false);
    row.unit->addItem(tr("% of executed"), true);
    row.unit->setCurrentIndex(rate ? 1 : 0);
    row.minExecuted->setRange(0, 1'000'000);
    row.minExecuted->setValue(minExecuted);
    row.minExecuted->setToolTip(tr("Executed devices needed before the rule can trip"));
    row.action->addItem(tr("pause"), u"pause"_s);
    row.action->addItem(tr("stop"), u"stop"_s);
    row.action->setCurrentIndex(stop ? 1 : 0);
    QWidget *widgets[] = {row.enabled, row.failureType, row.threshold, row.unit, row.minExecuted, row.action};
    for (int column = 0; column < 6; ++column)
        grid->addWidget(widgets[column], index + 1, column);
    connect(row.enabled, &QCheckBox::toggled, this, [this, row](bool on) {
        for (QWidget *widget : std::initializer_list<QWidget *>{row.failureType, row.threshold, row.unit,
                                                                 row.minExecuted, row.action})
            widget->setEnabled(on);
        Q_EMIT changed();
    });
    connect(row.threshold, &QSpinBox::valueChanged, this, &CreateAbortRules::changed);
    connect(row.unit, &QComboBox::currentIndexChanged, this, [row](int unit) {
        // A rate is at most 100 % of the executed devices.
        row.threshold->setMaximum(unit == 1 ? 100 : 1'000'000);
    });
    m_rows.append(row);
}

QJsonArray CreateAbortRules::toJson() const
{
    QJsonArray rules;
    for (const Row &row : m_rows) {
        if (!row.enabled->isChecked())
            continue;
        const QString type = row.failureType->currentData().toString();
        const bool rate = row.unit->currentData().toBool();
        rules.append(QJsonObject{
            {u"failureTypes"_s, type.isEmpty() ? QJsonArray() : QJsonArray{type}},
            {u"threshold"_s, rate ? QJsonObject{{u"rate"_s, row.threshold->value() / 100.0}}
                                  : QJsonObject{{u"count"_s, row.threshold->value()}}},
            {u"minExecuted"_s, row.minExecuted->value()},
            {u"action"_s, row.action->currentData().toString()},
        });
    }
    return rules;
}
