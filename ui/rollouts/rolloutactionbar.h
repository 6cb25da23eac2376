#pragma once

#include <QHash>
#include <QWidget>

#include "rollout/rolloutsapi.h"
#include "rollout/rolloutsummary.h"

class ConsoleSession;
class QLabel;
class QPushButton;

// The actions on the selected rollout: approve .. stop and the break-glass
// rollback. Each button is enabled only when the rollout's state and the
// token allow it, with a tooltip saying why not; stop and deny ask for their
// reason first; a refusal by the server is shown beside the buttons.
class RolloutActionBar final : public QWidget
{
    Q_OBJECT
public:
    explicit RolloutActionBar(ConsoleSession *session, QWidget *parent = nullptr);

    void setRollout(const Rollout::RolloutSummary &rollout);
    void clear();
    QPushButton *button(Rollout::RolloutAction action) const { return m_buttons.value(action); }
    QLabel *message() const { return m_message; }

Q_SIGNALS:
    // The server took an action on it; the rollout changed.
    void acted(const QString &rolloutId);

private:
    void updateEnabled();
    void trigger(Rollout::RolloutAction action);
    void send(Rollout::RolloutAction action, const Rollout::ActionInput &input);
    void showMessage(const QString &text, bool refusal);
    QString roleRefusal(Rollout::RolloutAction action) const;

    ConsoleSession *m_session;
    Rollout::RolloutSummary m_rollout;
    QHash<Rollout::RolloutAction, QPushButton *> m_buttons;
    QLabel *m_message = nullptr;
    bool m_busy = false;
};
