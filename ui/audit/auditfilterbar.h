#pragma once

#include <QWidget>

#include "models/auditfiltermodel.h"

class QCheckBox;
class QDateTimeEdit;
class QLineEdit;

// The Audit page's filter fields: actor, action, target, result, free text
// and an optional time range. Says what the operator asks for as one
// AuditFilter whenever a field changes.
class AuditFilterBar final : public QWidget
{
    Q_OBJECT
public:
    explicit AuditFilterBar(QWidget *parent = nullptr);

    Models::AuditFilter filter() const;
    QLineEdit *searchField() const { return m_text; }

public Q_SLOTS:
    void clear();

Q_SIGNALS:
    void filterChanged(const Models::AuditFilter &filter);

private:
    QLineEdit *addField(const QString &label, const QString &objectName, const QString &placeholder, int row,
                        int column);
    QDateTimeEdit *addBound(const QString &label, const QString &objectName, QCheckBox **enabled, int column);

    class QGridLayout *m_grid;
    QLineEdit *m_actor;
    QLineEdit *m_action;
    QLineEdit *m_target;
    QLineEdit *m_result;
    QLineEdit *m_text;
    QCheckBox *m_fromEnabled = nullptr;
    QDateTimeEdit *m_from;
    QCheckBox *m_toEnabled = nullptr;
    QDateTimeEdit *m_to;
};
