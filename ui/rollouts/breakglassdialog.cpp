#include "breakglassdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "consolesession.h"
#include "fetchthrottle.h"
#include "models/rolloutdevicemodel.h"
#include "models/rolloutlistmodel.h"
#include "rollout/serverclient.h"
#include "statecelldelegate.h"

namespace
{
    const QStringList &receivedStates()
    {
        // The server orders back every device that received the release.
        static const QStringList states{QStringLiteral("SUCCEEDED"), QStringLiteral("INSTALLING"),
                                        QStringLiteral("REBOOTING"), QStringLiteral("VERIFYING")};
        return states;
    }
} // namespace

BreakGlassDialog::BreakGlassDialog(ConsoleSession *session, const Rollout::RolloutSummary &rollout, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_rollout(rollout),
      m_devices(new Models::RolloutDeviceModel(this)),
      m_throttle(new FetchThrottle([this] { fetchDevices(); }, this))
{
    setObjectName(QStringLiteral("breakGlassDialog"));
    setWindowTitle(tr("Break-glass rollback: %1").arg(rollout.name));
    // The red frame: nothing else in the console looks like this.
    setStyleSheet(QStringLiteral("QFrame#breakGlassFrame { border: 4px solid #b01c1c; background: #fff6f6; }"
                                 "QLabel#breakGlassBanner { background: #b01c1c; color: white; font-weight: bold;"
                                 " padding: 8px; }"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *frame = new QFrame;
    frame->setObjectName(QStringLiteral("breakGlassFrame"));
    outer->addWidget(frame);
    auto *layout = new QVBoxLayout(frame);
    auto *banner = new QLabel(tr("BREAK-GLASS ROLLBACK: the most audited act in the system"));
    banner->setObjectName(QStringLiteral("breakGlassBanner"));
    layout->addWidget(banner);
    m_pages = new QStackedWidget;
    m_pages->addWidget(buildConfirmPage());
    m_pages->addWidget(buildConvergencePage());
    layout->addWidget(m_pages);
    connect(session, &ConsoleSession::events, this, [this](const QList<Rollout::StreamEvent> &events) {
        if (concernsRollout(events, m_rollout.id))
            m_throttle->request();
    });
    connect(session, &ConsoleSession::refreshed, this, &BreakGlassDialog::updateSummary);
    m_throttle->request();
    updateSummary();
}

QWidget *BreakGlassDialog::buildConfirmPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    m_what = new QLabel;
    m_what->setObjectName(QStringLiteral("breakGlassSummary"));
    m_what->setWordWrap(true);
    m_what->setStyleSheet(QStringLiteral("font-size: 11pt;"));
    layout->addWidget(m_what);
    auto *form = new QFormLayout;
    m_reason = new QPlainTextEdit;
    m_reason->setObjectName(QStringLiteral("breakGlassReason"));
    m_reason->setPlaceholderText(tr("What is wrong, and the ticket: kept in the audit log with your name"));
    m_reason->setTabChangesFocus(true);
    m_reason->setFixedHeight(70);
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("breakGlassName"));
    m_name->setPlaceholderText(m_rollout.name);
    auto *reasonLabel = new QLabel(tr("&Reason:"));
    reasonLabel->setBuddy(m_reason);
    auto *nameLabel = new QLabel(tr("Type the rollout's &name to confirm:"));
    nameLabel->setBuddy(m_name);
    form->addRow(reasonLabel, m_reason);
    form->addRow(nameLabel, m_name);
    layout->addLayout(form);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("breakGlassError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b01c1c; font-weight: bold;"));
    layout->addWidget(m_error);
    layout->addStretch(1);
    auto *buttons = new QDialogButtonBox;
    m_rollBack = buttons->addButton(tr("Roll &back now"), QDialogButtonBox::AcceptRole);
    m_rollBack->setObjectName(QStringLiteral("rollBackNowButton"));
    m_rollBack->setStyleSheet(QStringLiteral("QPushButton { background: #b01c1c; color: white; font-weight: bold;"
                                             " padding: 4px 12px; }"));
    buttons->addButton(QDialogButtonBox::Cancel)->setDefault(true);
    connect(m_rollBack, &QPushButton::clicked, this, &BreakGlassDialog::order);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    return page;
}

QWidget *BreakGlassDialog::buildConvergencePage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    m_convergence = new QLabel;
    m_convergence->setObjectName(QStringLiteral("convergenceSummary"));
    m_convergence->setWordWrap(true);
    m_convergence->setStyleSheet(QStringLiteral("font-size: 11pt; font-weight: bold;"));
    layout->addWidget(m_convergence);
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("convergenceTable"));
    m_table->setModel(m_devices);
    m_table->setItemDelegate(new StateCellDelegate({Models::RolloutDeviceModel::StateColumn}, -1, m_table));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    layout->addWidget(buttons);
    return page;
}

QString BreakGlassDialog::summaryText() const
{
    int ordered = 0;
    for (const QString &state : receivedStates())
        ordered += m_rollout.total.of(state);
    // The versions they go back to, from the device entries once fetched.
    QMap<QString, int> versions;
    for (const Rollout::RolloutDevice &d : m_devices->devices())
        if (receivedStates().contains(d.state))
            versions[d.previousVersion.isEmpty() ? tr("(unknown)") : d.previousVersion] += 1;
    QStringList back;
    for (auto it = versions.cbegin(); it != versions.cend(); ++it)
        back.append(versions.size() == 1 ? it.key() : tr("%1 (%2 devices)").arg(it.key()).arg(it.value()));
    const QString to = back.isEmpty() ? (m_devicesKnown ? tr("their previous version") : tr("… (reading devices)"))
                                      : back.join(QStringLiteral(", "));
    const int notStarted = m_rollout.total.total - ordered;
    const QString devices = ordered == 1 ? tr("1 device") : tr("%1 devices").arg(ordered);
    const QString others = notStarted <= 0 ? tr("No other device of it is left to cancel.")
        : notStarted == 1                  ? tr("Its 1 other device, which has not installed it, is canceled.")
                                           : tr("Its %1 other devices, which have not installed it, are canceled.").arg(notStarted);
    return tr("<b>%1 back to version %2, now, no stages</b>, no deployment window and no approval.<br>"
              "Rollout '%3' (release %4) stops. %5 This cannot be undone from here.")
        .arg(devices, to.toHtmlEscaped(), m_rollout.name.toHtmlEscaped(), m_rollout.releaseVersion.toHtmlEscaped(),
             others);
}

QString BreakGlassDialog::problem() const
{
    if (!m_session->hasBreakGlass())
        return tr("The token '%1' does not hold the break-glass right.").arg(m_session->tokenName());
    if (m_reason->toPlainText().trimmed().isEmpty())
        return tr("Write the reason first: it is kept in the audit log with your name.");
    if (m_name->text().trimmed() != m_rollout.name)
        return tr("The name typed is not the rollout's: type '%1' exactly to confirm.").arg(m_rollout.name);
    return {};
}

void BreakGlassDialog::order()
{
    if (const QString why = problem(); !why.isEmpty()) {
        m_error->setText(why);
        return;
    }
    m_error->setText(tr("Sending the order…"));
    m_rollBack->setEnabled(false);
    Rollout::ActionInput input;
    input.reason = m_reason->toPlainText().trimmed();
    m_session->client()->rollouts().act(
        m_rollout.id, Rollout::RolloutAction::Rollback, input, this,
        [this](const Result<Rollout::RolloutSummary, Rollout::ApiError> &result) {
            m_rollBack->setEnabled(true);
            if (!result) {
                m_error->setText(tr("The server refused the rollback: %1").arg(result.error().message));
                return;
            }
            m_ordered = true;
            m_rollout = result.value();
            m_pages->setCurrentIndex(1);
            m_session->refreshNow();
            m_throttle->request();
            updateSummary();
        });
}

void BreakGlassDialog::fetchDevices()
{
    m_session->client()->rollouts().devices(
        m_rollout.id, {}, -2, this, [this](const Result<QList<Rollout::RolloutDevice>, Rollout::ApiError> &result) {
            m_throttle->done();
            if (!result) {
                m_convergence->setText(tr("Cannot read the devices: %1").arg(result.error().message));
                return;
            }
            devicesArrived(result.value());
        });
}

void BreakGlassDialog::devicesArrived(const QList<Rollout::RolloutDevice> &devices)
{
    m_devicesKnown = true;
    m_devices->update(devices);
    updateSummary();
}

void BreakGlassDialog::updateSummary()
{
    // The session's list holds the newest summary (state, counts).
    if (const int row = m_session->rollouts()->rowOf(m_rollout.id); row >= 0 && m_ordered)
        m_rollout = *m_session->rollouts()->rollout(row);
    m_what->setText(summaryText());
    if (!m_ordered)
        return;
    int back = 0;
    int ordered = 0;
    for (const Rollout::RolloutDevice &d : m_devices->devices()) {
        if (!d.rollbackOrdered)
            continue;
        ++ordered;
        back += d.reportedVersion == d.previousVersion ? 1 : 0;
    }
    m_convergence->setText(tr("%1: %2 of %3 ordered back run their previous version again; %4 rolled back, %5 canceled.")
                               .arg(m_rollout.stateText())
                               .arg(back)
                               .arg(ordered)
                               .arg(m_devices->countIn(QStringLiteral("ROLLED_BACK")))
                               .arg(m_devices->countIn(QStringLiteral("CANCELED"))));
}
