#include "devicedetaildialog.h"

#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "consolesession.h"
#include "healthhistorychart.h"
#include "models/checkinhistorymodel.h"
#include "models/devicestatehistorymodel.h"
#include "models/fleetmodel.h"
#include "models/healthchecksmodel.h"
#include "rollout/serverclient.h"
#include "statelook.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    // Check-ins the chart spans: a few hours at the usual intervals.
    constexpr int HistoryLimit = 500;

    QTableView *tableOf(QAbstractItemModel *model, const QString &objectName)
    {
        auto *table = new QTableView;
        table->setObjectName(objectName);
        table->setModel(model);
        table->setSelectionBehavior(QAbstractItemView::SelectRows);
        table->setWordWrap(false);
        table->verticalHeader()->hide();
        table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
        table->horizontalHeader()->setStretchLastSection(true);
        // Histories are at most a few hundred rows: measuring them is cheap.
        table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        table->setItemDelegate(new StateLookDelegate(table));
        return table;
    }
} // namespace

DeviceDetailDialog::DeviceDetailDialog(ConsoleSession *session, QWidget *parent)
    : QDialog(parent), m_session(session)
{
    setObjectName(u"deviceDetail"_s);
    resize(1100, 720);
    m_checksModel = new Models::HealthChecksModel(this);
    m_stateModel = new Models::DeviceStateHistoryModel(this);
    m_checkInModel = new Models::CheckInHistoryModel(this);

    m_summary = new QLabel;
    m_summary->setObjectName(u"deviceSummary"_s);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel;
    m_status->setObjectName(u"deviceDetailStatus"_s);
    m_status->setWordWrap(true);

    m_checks = tableOf(m_checksModel, u"deviceChecks"_s);
    auto *checksBox = new QGroupBox(tr("Current checks"));
    (new QVBoxLayout(checksBox))->addWidget(m_checks);
    m_chart = new HealthHistoryChart;
    auto *top = new QSplitter(Qt::Horizontal);
    top->addWidget(checksBox);
    top->addWidget(m_chart);
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 3);
    top->setSizes({260, 800});

    m_stateHistory = tableOf(m_stateModel, u"deviceStateHistory"_s);
    m_checkIns = tableOf(m_checkInModel, u"deviceCheckIns"_s);
    auto *tabs = new QTabWidget;
    tabs->addTab(m_stateHistory, tr("&State history in rollouts"));
    tabs->addTab(m_checkIns, tr("Chec&k-ins"));
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(tabs);
    split->setSizes({400, 280});

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto *refresh = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    refresh->setObjectName(u"deviceDetailRefresh"_s);
    connect(refresh, &QPushButton::clicked, this, &DeviceDetailDialog::fetchHistory);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(session, &ConsoleSession::events, this, &DeviceDetailDialog::onEvents);
    connect(session, &ConsoleSession::refreshed, this, &DeviceDetailDialog::showSummary);
}

void DeviceDetailDialog::showDevice(const QString &deviceId)
{
    m_deviceId = deviceId;
    setWindowTitle(tr("Device %1").arg(deviceId));
    m_checkInModel->update({});
    m_stateModel->update({});
    m_chart->setCheckIns({});
    showSummary();
    fetchHistory();
}

void DeviceDetailDialog::showSummary()
{
    const Models::FleetModel *fleet = m_session->fleet();
    const Rollout::Device *d = fleet->device(fleet->rowOf(m_deviceId));
    if (!d) {
        m_summary->setText(tr("%1: not in the fleet listing (yet)").arg(m_deviceId));
        m_checksModel->update({});
        return;
    }
    const QString seen = d->lastSeen.isValid()
        ? tr("last check-in %1 (%2)%3")
              .arg(Models::ageText(d->lastSeen, fleet->serverTime()),
                   QLocale().toString(d->lastSeen.toLocalTime(), QLocale::ShortFormat),
                   d->overdue ? tr(", overdue by %n s", nullptr, int(d->overdueSeconds)) : QString())
        : tr("never checked in");
    const auto orDash = [](const QString &s) { return s.isEmpty() ? u"-"_s : s; };
    m_summary->setText(tr("%1 · version %2 on %3 · %4 / %5 · rollout state: %6 · %7")
                           .arg(d->id, orDash(d->version), orDash(d->slot), orDash(d->chip), orDash(d->board),
                                orDash(fleet->rolloutState(fleet->rowOf(m_deviceId))), seen));
    m_checksModel->update(d->health);
}

void DeviceDetailDialog::fetchHistory()
{
    if (m_deviceId.isEmpty())
        return;
    if (m_fetching) {
        m_fetchAgain = true; // one more after this, with what arrived meanwhile
        return;
    }
    const QString id = m_deviceId;
    m_fetching = m_session->client()->devices().history(id, HistoryLimit, this, [this, id](const auto &answer) {
        m_fetching = nullptr;
        if (id != m_deviceId)
            return;
        if (!answer) {
            m_status->setText(tr("Could not fetch the history of %1: %2").arg(id, answer.error().text()));
        } else {
            m_checkInModel->update(answer->checkIns);
            m_stateModel->update(answer->rollouts);
            m_chart->setCheckIns(m_checkInModel->checkIns());
            m_status->setText(tr("%n check-ins, %1 state changes", nullptr, int(answer->checkIns.size()))
                                  .arg(m_stateModel->rowCount()));
        }
        if (m_fetchAgain) {
            m_fetchAgain = false;
            fetchHistory();
        }
    });
}

void DeviceDetailDialog::onEvents(const QList<Rollout::StreamEvent> &events)
{
    if (!isVisible() || m_deviceId.isEmpty())
        return;
    const bool mine = std::any_of(events.cbegin(), events.cend(), [this](const Rollout::StreamEvent &e) {
        return (e.kind == u"device.checkin"_s && e.payload.value(u"id"_s).toString() == m_deviceId)
            || (e.kind == u"rollout-device.changed"_s && e.payload.value(u"deviceId"_s).toString() == m_deviceId);
    });
    if (mine) {
        showSummary();
        fetchHistory();
    }
}
