#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QTimeEdit;

// The rollout's own maintenance window (optional): days, from, to, time
// zone. Outside it the rollout pauses by itself and resumes when it opens;
// unlike the server's deployment window it cannot be overridden.
class CreateWindowForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateWindowForm)
public:
    explicit CreateWindowForm(QWidget *parent = nullptr);

    // The spec's maintenanceWindow; nullopt when none is wanted.
    std::optional<QJsonObject> toJson() const;
    // Why the window as entered cannot be sent; empty when it can.
    QString problem() const;
    QCheckBox *enabledBox() const { return m_enabled; }

Q_SIGNALS:
    void changed();

private:
    void updateEnabled();

    QCheckBox *m_enabled;
    QList<QCheckBox *> m_days;
    QTimeEdit *m_from;
    QTimeEdit *m_to;
    QComboBox *m_timeZone;
};
