#include "rolloutactionbar.h"

#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>

#include "breakglassdialog.h"
#include "consolesession.h"
#include "models/rolloutactionguard.h"
#include "rollout/serverclient.h"

using Rollout::RolloutAction;

RolloutActionBar::RolloutActionBar(ConsoleSession *session, QWidget *parent) : QWidget(parent), m_session(session)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const std::pair<RolloutAction, QString> actions[] = {
        {RolloutAction::Approve, tr("&Approve")}, {RolloutAction::Deny, tr("&Deny...")},
        {RolloutAction::Start, tr("S&tart")},     {RolloutAction::Pause, tr("&Pause")},
        {RolloutAction::Resume, tr("&Resume")},   {RolloutAction::Advance, tr("Ad&vance")},
        {RolloutAction::Stop, tr("St&op...")},    {RolloutAction::Rollback, tr("&Break-glass rollback...")},
    };
    for (const auto &[action, text] : actions) {
        auto *button = new QPushButton(text);
        button->setObjectName(Rollout::actionName(action) + QStringLiteral("Button"));
        if (action == RolloutAction::Rollback)
            button->setStyleSheet(QStringLiteral("QPushButton:enabled { color: #b01c1c; font-weight: bold; }"));
        connect(button, &QPushButton::clicked, this, [this, a = action] { trigger(a); });
        layout->addWidget(button);
        m_buttons.insert(action, button);
    }
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("actionMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message, 1);
    connect(session, &ConsoleSession::identityChanged, this, &RolloutActionBar::updateEnabled);
    clear();
}

void RolloutActionBar::setRollout(const Rollout::RolloutSummary &rollout)
{
    if (rollout.id != m_rollout.id)
        m_message->clear();
    m_rollout = rollout;
    updateEnabled();
}

void RolloutActionBar::clear()
{
    m_rollout = {};
    m_message->clear();
    updateEnabled();
}

QString RolloutActionBar::roleRefusal(RolloutAction action) const
{
    if (!m_session->mayOperate())
        return tr("The token '%1' is a viewer: it may watch rollouts, not act on them.").arg(m_session->tokenName());
    if (action == RolloutAction::Rollback && !m_session->hasBreakGlass())
        return tr("The token '%1' does not hold the break-glass right (ota-server token create --break-glass).")
            .arg(m_session->tokenName());
    return {};
}

void RolloutActionBar::updateEnabled()
{
    for (auto it = m_buttons.cbegin(); it != m_buttons.cend(); ++it) {
        QString why;
        if (m_rollout.id.isEmpty())
            why = tr("Select a rollout first.");
        else if (m_busy)
            why = tr("Waiting for the server's answer to the last action.");
        else if (why = roleRefusal(it.key()); why.isEmpty())
            why = Models::actionRefusal(m_rollout, it.key());
        it.value()->setEnabled(why.isEmpty());
        it.value()->setToolTip(why);
    }
}

void RolloutActionBar::trigger(RolloutAction action)
{
    Rollout::ActionInput input;
    switch (action) {
    case RolloutAction::Rollback: {
        BreakGlassDialog dialog(m_session, m_rollout, this);
        dialog.exec();
        if (dialog.wasOrdered())
            Q_EMIT acted(m_rollout.id);
        return;
    }
    case RolloutAction::Stop: {
        bool ok = false;
        input.reason = QInputDialog::getText(
            this, tr("Stop rollout"),
            tr("Stop '%1'? Devices done stay done, scheduled ones never start, those updating are told to cancel.\n"
               "Why (kept in the audit log):")
                .arg(m_rollout.name),
            QLineEdit::Normal, {}, &ok);
        if (!ok)
            return;
        if (input.reason.trimmed().isEmpty()) {
            showMessage(tr("Not stopped: a stop needs a reason, for the audit."), true);
            return;
        }
        break;
    }
    case RolloutAction::Deny: {
        bool ok = false;
        input.remark = QInputDialog::getText(this, tr("Deny rollout"),
                                             tr("Deny '%1'? This is final. Why (for the creator and the audit):").arg(m_rollout.name),
                                             QLineEdit::Normal, {}, &ok);
        if (!ok)
            return;
        if (input.remark.trimmed().isEmpty()) {
            showMessage(tr("Not denied: a denial needs a remark saying why."), true);
            return;
        }
        break;
    }
    default: break;
    }
    send(action, input);
}

void RolloutActionBar::send(RolloutAction action, const Rollout::ActionInput &input)
{
    m_busy = true;
    updateEnabled();
    const QString id = m_rollout.id;
    m_session->client()->rollouts().act(
        id, action, input, this, [this, action, input, id](const Result<Rollout::RolloutSummary, Rollout::ApiError> &result) {
            m_busy = false;
            if (result) {
                showMessage(tr("%1: done, now %2.").arg(Rollout::actionName(action), result->stateText()), false);
                if (m_rollout.id == id)
                    m_rollout = result.value();
                updateEnabled();
                Q_EMIT acted(id);
                return;
            }
            updateEnabled();
            // Outside the deployment window the server wants an override
            // reason; ask for it once rather than only reporting the refusal.
            if (result.error().code == QStringLiteral("window-closed") && input.windowOverrideReason.isEmpty()) {
                bool ok = false;
                Rollout::ActionInput retry = input;
                retry.windowOverrideReason =
                    QInputDialog::getText(this, tr("Outside the deployment window"),
                                          tr("%1\n\nAct anyway? Why (audited as a window override):").arg(result.error().message),
                                          QLineEdit::Normal, {}, &ok);
                if (ok && !retry.windowOverrideReason.trimmed().isEmpty()) {
                    send(action, retry);
                    return;
                }
            }
            showMessage(tr("%1 refused: %2").arg(Rollout::actionName(action), result.error().message), true);
        });
}

void RolloutActionBar::showMessage(const QString &text, bool refusal)
{
    m_message->setText(text);
    m_message->setStyleSheet(refusal ? QStringLiteral("color: #b01c1c;") : QString());
}
