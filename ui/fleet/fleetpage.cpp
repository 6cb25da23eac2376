#include "fleetpage.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

#include "consolesession.h"
#include "devicedetaildialog.h"
#include "models/consolesettings.h"
#include "models/fleetfiltermodel.h"
#include "models/fleetmodel.h"
#include "models/modelroles.h"
#include "models/rolloutlistmodel.h"
#include "rollout/rolloutsapi.h"
#include "rollout/serverclient.h"
#include "statelook.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    // Rollout states are fetched per live rollout: often enough to follow a
    // stage, rarely enough not to load the server; events fill the gaps.
    constexpr int RolloutStatesEveryMs = 5000;

    QComboBox *comboBox(const QString &objectName, const QString &toolTip)
    {
        auto *box = new QComboBox;
        box->setObjectName(objectName);
        box->setToolTip(toolTip);
        // Wide enough for "Any rollout state", not for the longest state name.
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8);
        return box;
    }

    QLabel *buddyLabel(const QString &text, QWidget *buddy)
    {
        auto *label = new QLabel(text);
        label->setBuddy(buddy);
        return label;
    }
} // namespace

FleetPage::FleetPage(ConsoleSession *session, QWidget *parent) : QWidget(parent), m_session(session)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildFilterBar());
    m_message = new QLabel;
    m_message->setObjectName(u"fleetFilterMessage"_s);
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);

    m_rows = new Models::FleetFilterModel(this);
    m_rows->setFleet(session->fleet());
    m_table = new QTableView;
    m_table->setObjectName(u"fleetTable"_s);
    m_table->setModel(m_rows);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(Models::FleetModel::IdColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Rows of one line whatever a cell holds, and no per-row measuring at 100,000 rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *looks = new StateLookDelegate(m_table);
    m_table->setItemDelegateForColumn(Models::FleetModel::HealthColumn, looks);
    m_table->setItemDelegateForColumn(Models::FleetModel::RolloutStateColumn, looks);
    m_table->horizontalHeader()->resizeSection(Models::FleetModel::IdColumn, 160);
    m_table->horizontalHeader()->resizeSection(Models::FleetModel::HealthColumn, 150);
    m_table->horizontalHeader()->resizeSection(Models::FleetModel::RolloutStateColumn, 140);
    m_table->horizontalHeader()->resizeSection(Models::FleetModel::LastSeenColumn, 200);
    layout->addWidget(m_table, 1);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) { openDetail(index.row()); });

    m_columns->setCurrentIndex(m_columns->findData(int(Models::ConsoleSettings().fleetColumnSet())));
    showColumns();
    connect(m_columns, &QComboBox::currentIndexChanged, this, [this] {
        Models::ConsoleSettings().setFleetColumnSet(Models::FleetColumnSet(m_columns->currentData().toInt()));
        showColumns();
    });
    connect(session->fleet(), &Models::FleetModel::versionCountsChanged, this, &FleetPage::fillVersions);
    fillVersions();
    connect(session, &ConsoleSession::refreshed, this, [this] {
        if (m_statesPending == 0 && (!m_sinceStatesFetched.isValid() || m_sinceStatesFetched.elapsed() >= RolloutStatesEveryMs))
            fetchRolloutStates();
    });
    connect(session, &ConsoleSession::events, this, &FleetPage::onEvents);

    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, m_filter, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    addAction(find);
    setTabOrder(m_filter, m_version);
    setTabOrder(m_version, m_state);
    setTabOrder(m_state, m_health);
    setTabOrder(m_health, m_seen);
    setTabOrder(m_seen, m_columns);
    setTabOrder(m_columns, m_table);
}

QWidget *FleetPage::buildFilterBar()
{
    auto *bar = new QWidget;
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit;
    m_filter->setObjectName(u"fleetFilter"_s);
    m_filter->setPlaceholderText(tr("Search id, version, chip, tag... (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(180);
    m_version = comboBox(u"fleetVersionFilter"_s, tr("Only devices running this version"));
    m_version->addItem(tr("Any version"), QString());
    m_state = comboBox(u"fleetStateFilter"_s, tr("Only devices in this state in a live rollout"));
    m_state->addItem(tr("Any state"), QString());
    m_state->addItem(tr("In no rollout"), Models::FleetFilter::NoRollout.toString());
    for (const QString &state : Rollout::deviceStates())
        m_state->addItem(StateLook::of(Models::stateKindOf(state)).icon, state, state);
    using H = Models::FleetFilter::Health;
    m_health = comboBox(u"fleetHealthFilter"_s, tr("Only devices whose last health checks say this"));
    m_health->addItem(tr("Any health"), int(H::Any));
    m_health->addItem(StateLook::of(Models::StateKind::Good).icon, tr("Healthy"), int(H::Healthy));
    m_health->addItem(StateLook::of(Models::StateKind::Bad).icon, tr("Failing checks"), int(H::Failing));
    m_health->addItem(StateLook::of(Models::StateKind::Unknown).icon, tr("Not reported"), int(H::NotReported));
    using L = Models::FleetFilter::Liveness;
    m_seen = comboBox(u"fleetSeenFilter"_s, tr("Only devices whose check-ins are on time, late or missing"));
    m_seen->addItem(tr("Any check-in"), int(L::Any));
    m_seen->addItem(StateLook::of(Models::StateKind::Good).icon, tr("On time"), int(L::OnTime));
    m_seen->addItem(StateLook::of(Models::StateKind::Unknown).icon, tr("Overdue"), int(L::Overdue));
    m_seen->addItem(StateLook::of(Models::StateKind::Unknown).icon, tr("Never seen"), int(L::NeverSeen));
    m_columns = comboBox(u"fleetColumns"_s, tr("Which columns the table shows"));
    m_columns->addItem(tr("Health"), int(Models::FleetColumnSet::Health));
    m_columns->addItem(tr("Firmware"), int(Models::FleetColumnSet::Firmware));
    m_columns->addItem(tr("Network"), int(Models::FleetColumnSet::Network));

    row->addWidget(m_filter, 1);
    row->addWidget(buddyLabel(tr("&Version:"), m_version));
    row->addWidget(m_version);
    row->addWidget(buddyLabel(tr("&State:"), m_state));
    row->addWidget(m_state);
    row->addWidget(buddyLabel(tr("&Health:"), m_health));
    row->addWidget(m_health);
    row->addWidget(buddyLabel(tr("Check-&in:"), m_seen));
    row->addWidget(m_seen);
    row->addWidget(buddyLabel(tr("C&olumns:"), m_columns));
    row->addWidget(m_columns);
    connect(m_filter, &QLineEdit::textChanged, this, &FleetPage::filterFromControls);
    for (QComboBox *box : {m_version, m_state, m_health, m_seen})
        connect(box, &QComboBox::currentIndexChanged, this, &FleetPage::filterFromControls);
    return bar;
}

void FleetPage::applyFilter(const QString &text)
{
    const auto filter = Models::FleetFilter::parse(text);
    if (!filter) {
        m_message->setText(tr("Cannot filter by \"%1\": %2").arg(text, filter.error()));
        m_message->show();
        return;
    }
    setFilterControls(*filter);
    m_rows->setFilter(*filter);
    m_message->hide();
}

void FleetPage::setFilterControls(const Models::FleetFilter &filter)
{
    m_settingControls = true;
    if (!filter.version.isEmpty() && m_version->findData(filter.version) < 0)
        m_version->addItem(filter.version, filter.version);
    m_version->setCurrentIndex(m_version->findData(filter.version));
    m_state->setCurrentIndex(qMax(0, m_state->findData(filter.rolloutState)));
    m_health->setCurrentIndex(qMax(0, m_health->findData(int(filter.health))));
    m_seen->setCurrentIndex(qMax(0, m_seen->findData(int(filter.liveness))));
    m_filter->setText(filter.text);
    m_settingControls = false;
}

void FleetPage::filterFromControls()
{
    if (m_settingControls)
        return;
    Models::FleetFilter filter;
    filter.text = m_filter->text().trimmed();
    filter.version = m_version->currentData().toString();
    filter.rolloutState = m_state->currentData().toString();
    filter.health = Models::FleetFilter::Health(m_health->currentData().toInt());
    filter.liveness = Models::FleetFilter::Liveness(m_seen->currentData().toInt());
    m_rows->setFilter(filter);
    m_message->hide();
}

void FleetPage::fillVersions()
{
    const QHash<QString, int> &counts = m_session->fleet()->versionCounts();
    QStringList versions;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (!it.key().isEmpty())
            versions << it.key();
    }
    versions.sort();
    const QString chosen = m_version->currentData().toString();
    if (!chosen.isEmpty() && !counts.contains(chosen))
        versions << chosen; // still chosen: keep it until the operator picks another
    QStringList shown;
    for (int i = 1; i < m_version->count(); ++i)
        shown << m_version->itemData(i).toString();
    if (shown == versions)
        return;
    m_settingControls = true;
    while (m_version->count() > 1)
        m_version->removeItem(1);
    for (const QString &version : std::as_const(versions))
        m_version->addItem(version, version);
    m_version->setCurrentIndex(qMax(0, m_version->findData(chosen)));
    m_settingControls = false;
}

void FleetPage::fetchRolloutStates()
{
    // Live rollouts, oldest first, so a newer rollout's entry wins for a
    // device in several; the newest finished one too, so its results stay shown.
    QList<const Rollout::RolloutSummary *> wanted;
    const Rollout::RolloutSummary *newestFinal = nullptr;
    const Models::RolloutListModel *rollouts = m_session->rollouts();
    for (int row = 0; row < rollouts->rowCount(); ++row) {
        const Rollout::RolloutSummary *r = rollouts->rollout(row);
        if (!Rollout::isFinalRolloutState(r->state))
            wanted << r;
        else if (!newestFinal || r->createdAt > newestFinal->createdAt)
            newestFinal = r;
    }
    if (newestFinal)
        wanted << newestFinal;
    std::sort(wanted.begin(), wanted.end(), [newestFinal](const auto *a, const auto *b) {
        // The finished one yields to any live one.
        if ((a == newestFinal) != (b == newestFinal))
            return a == newestFinal;
        return a->createdAt < b->createdAt;
    });
    m_sinceStatesFetched.start();
    if (wanted.isEmpty()) {
        m_session->fleet()->setRolloutStates({});
        return;
    }
    auto collected = std::make_shared<QList<QList<Rollout::RolloutDevice>>>(wanted.size());
    m_statesPending = int(wanted.size());
    for (int i = 0; i < wanted.size(); ++i) {
        m_session->client()->rollouts().devices(
            wanted.at(i)->id, QString(), -2, this, [this, collected, i](const auto &answer) {
                if (answer)
                    (*collected)[i] = *answer;
                if (--m_statesPending > 0)
                    return;
                QHash<QString, QString> states;
                for (const auto &entries : std::as_const(*collected)) {
                    for (const Rollout::RolloutDevice &entry : entries)
                        states.insert(entry.deviceId, entry.state);
                }
                // The filter follows through dataChanged (dynamic filtering).
                m_session->fleet()->setRolloutStates(states);
            });
    }
}

void FleetPage::onEvents(const QList<Rollout::StreamEvent> &events)
{
    for (const Rollout::StreamEvent &event : events) {
        if (event.kind == u"rollout-device.changed"_s)
            m_session->fleet()->setRolloutState(event.payload.value(u"deviceId"_s).toString(),
                                                event.payload.value(u"to"_s).toString());
    }
}

void FleetPage::openDetail(int row)
{
    const QString id = m_rows->index(row, 0).data(Models::IdRole).toString();
    if (id.isEmpty())
        return;
    if (!m_detail)
        m_detail = new DeviceDetailDialog(m_session, this);
    m_detail->showDevice(id);
    m_detail->show();
    m_detail->raise();
    m_detail->activateWindow();
}

void FleetPage::showColumns()
{
    using F = Models::FleetModel;
    // The id, version and rollout state answer "which device, running what,
    // doing what" in every set.
    QList<int> shown{F::IdColumn, F::VersionColumn, F::RolloutStateColumn};
    switch (Models::FleetColumnSet(m_columns->currentData().toInt())) {
    case Models::FleetColumnSet::Health:
        shown << F::HealthColumn << F::BatteryColumn << F::LastSeenColumn;
        break;
    case Models::FleetColumnSet::Firmware:
        shown << F::SlotColumn << F::ChipColumn << F::BoardColumn << F::ProjectColumn;
        break;
    case Models::FleetColumnSet::Network:
        shown << F::RssiColumn << F::LastSeenColumn << F::TagsColumn;
        break;
    }
    for (int column = 0; column < F::ColumnCount; ++column)
        m_table->setColumnHidden(column, !shown.contains(column));
}
