#pragma once

#include <QJsonObject>
#include <QWidget>

class QFormLayout;
class QLineEdit;

// Which devices a new rollout targets: the spec's selector fields (chips,
// boards, projects, tags, device ids as comma-separated lists; a version
// range). Every criterion given must hold; none given: every device.
class CreateTargetsForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateTargetsForm)
public:
    explicit CreateTargetsForm(QWidget *parent = nullptr);

    QJsonObject selector() const;
    // Why the selector as typed cannot be sent; empty when it can.
    QString problem() const;

    QLineEdit *tags() const { return m_tags; }
    QLineEdit *deviceIds() const { return m_deviceIds; }
    QLineEdit *minVersion() const { return m_minVersion; }
    QLineEdit *maxVersion() const { return m_maxVersion; }
    QLineEdit *projects() const { return m_projects; }

Q_SIGNALS:
    void changed();

private:
    QLineEdit *addField(QFormLayout *form, const QString &label, const QString &objectName, const QString &placeholder);

    QLineEdit *m_chips;
    QLineEdit *m_boards;
    QLineEdit *m_projects;
    QLineEdit *m_tags;
    QLineEdit *m_deviceIds;
    QLineEdit *m_minVersion;
    QLineEdit *m_maxVersion;
};
