#include "lanpage.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "espota/pushjob.h"
#include "landiscovery.h"
#include "lanprogresspane.h"
#include "lanpushpanel.h"
#include "lanpushstarter.h"
#include "models/landevicemodel.h"
#include "models/modelroles.h"
#include "secrets/secretstore.h"
#include "statetable.h"

LanPage::LanPage(ConsoleSession *session, QWidget *parent) : LanPage(session, defaultInterfaces(), parent) {}

LanPage::LanPage(ConsoleSession *session, const QStringList &interfaceNames, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_devices(new Models::LanDeviceModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_discovery(new LanDiscovery(m_devices, this))
    , m_secrets(new Secrets::SecretStore(QStringLiteral("ota-rollout-console"), this))
    , m_starter(new LanPushStarter(m_secrets, this))
{
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("discoveryStatus"));
    m_status->setWordWrap(true);
    m_checkNow = new QPushButton(tr("C&heck now"));
    m_checkNow->setObjectName(QStringLiteral("checkNow"));
    m_checkNow->setShortcut(QKeySequence(Qt::Key_F5));
    m_checkNow->setToolTip(tr("Ask the selected devices (all, when none is selected) whether they are still there (F5)"));
    connect(m_checkNow, &QPushButton::clicked, this, &LanPage::checkNow);
    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_checkNow);

    m_sorted->setSourceModel(m_devices);
    m_sorted->setSortRole(Models::SortRole);
    m_table = makeStateTable(m_sorted, QStringLiteral("lanDevices"), QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(Models::LanDeviceModel::NameColumn, Qt::AscendingOrder);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LanPage::updateSelectionText);
    connect(m_devices, &QAbstractItemModel::rowsInserted, this, [this] {
        m_table->resizeColumnsToContents();
        updateSelectionText();
    });
    connect(m_devices, &QAbstractItemModel::dataChanged, this, &LanPage::updateSelectionText);

    m_panel = new LanPushPanel;
    m_panel->setObjectName(QStringLiteral("pushPanel"));
    connect(m_panel, &LanPushPanel::imageChanged, this, [this] {
        m_devices->setImage(m_panel->image());
        m_table->resizeColumnToContents(Models::LanDeviceModel::ImageCheckColumn);
    });
    connect(m_panel, &LanPushPanel::pushRequested, this, &LanPage::push);
    connect(m_panel, &LanPushPanel::savePasswordRequested, this, &LanPage::savePassword);
    connect(m_panel, &LanPushPanel::cancelRequested, this, [this] {
        if (m_job)
            m_job->cancel();
    });
    connect(m_starter, &LanPushStarter::jobStarted, this, &LanPage::jobStarted);
    connect(m_starter, &LanPushStarter::failed, this, [this](const QString &message) {
        m_panel->setKeychainMessage(message, true);
        m_panel->setRunning(false);
    });
    connect(m_discovery, &LanDiscovery::statusChanged, this, [this](const QString &text, bool failed) {
        m_status->setText(text);
        m_status->setStyleSheet(failed ? QStringLiteral("color: #b01c1c; font-weight: bold;") : QString());
    });
    connect(m_discovery, &LanDiscovery::checked, this, [this](const QString &name, bool answered, int elapsedMs) {
        m_status->setText(answered ? tr("%1 answered in %2 ms.").arg(name).arg(elapsedMs)
                                   : tr("%1 did not answer; it is marked offline.").arg(name));
    });

    m_progress = new LanProgressPane;
    m_progress->setObjectName(QStringLiteral("progressPane"));

    // Devices on top, the push form under them, the job's rows at the bottom.
    auto *pushBox = new QGroupBox(tr("Push to the selected devices"));
    auto *pushLayout = new QVBoxLayout(pushBox);
    pushLayout->addWidget(m_panel);
    pushBox->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto *upperBox = new QWidget;
    auto *upperLayout = new QVBoxLayout(upperBox);
    upperLayout->setContentsMargins(0, 0, 0, 0);
    upperLayout->addLayout(top);
    upperLayout->addWidget(m_table, 1);
    upperLayout->addWidget(pushBox);
    auto *split = new QSplitter(Qt::Vertical);
    split->setObjectName(QStringLiteral("lanSplitter"));
    split->addWidget(upperBox);
    split->addWidget(m_progress);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({440, 320});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);
    setTabOrder(m_table, m_panel);

    // Ages grow while nothing is heard: the table says so every second.
    auto *ticker = new QTimer(this);
    connect(ticker, &QTimer::timeout, this, [this] { m_devices->setNow(QDateTime::currentDateTimeUtc()); });
    ticker->start(1000);
    updateSelectionText();
    m_discovery->start(interfaceNames);
}

LanPage::~LanPage()
{
    delete m_job; // before the discovery whose browser it confirms through
}

void LanPage::setDiscoveryInterfaces(const QStringList &interfaceNames)
{
    if (interfaceNames != m_discovery->interfaceNames() || !m_discovery->isRunning())
        m_discovery->start(interfaceNames);
}

void LanPage::setPushConcurrency(int devices)
{
    m_panel->setConcurrency(devices);
}

QList<int> LanPage::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(m_sorted->mapToSource(index).row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void LanPage::updateSelectionText()
{
    const QList<int> rows = selectedRows();
    if (rows.isEmpty()) {
        m_panel->setSelectionText(tr("%n device(s) found; select the ones to push to.", nullptr,
                                     m_devices->rowCount()), false);
        return;
    }
    QStringList refused;
    int offline = 0;
    for (const int row : rows) {
        const Models::LanDevice &device = m_devices->device(row);
        if (device.imageRefusal)
            refused.append(tr("%1: %2").arg(device.target.name, *device.imageRefusal));
        offline += device.online ? 0 : 1;
    }
    QString text = tr("%n device(s) selected.", nullptr, int(rows.size()));
    if (offline > 0)
        text += QLatin1Char(' ') + tr("%n of them offline.", nullptr, offline);
    if (!refused.isEmpty())
        text += QLatin1Char(' ') + tr("%n will be refused unless forced: %1", nullptr, int(refused.size()))
                                       .arg(refused.join(QStringLiteral("; ")));
    m_panel->setSelectionText(text, true);
}

void LanPage::checkNow()
{
    QList<int> rows = selectedRows();
    if (rows.isEmpty()) {
        for (int row = 0; row < m_devices->rowCount(); ++row)
            rows.append(row);
    }
    m_discovery->checkNow(rows);
    m_status->setText(tr("Checking %n device(s)…", nullptr, int(rows.size())));
}

void LanPage::push()
{
    const QList<int> rows = selectedRows();
    if (rows.isEmpty() || !m_panel->image() || m_starter->isBusy() || (m_job && !m_job->isFinished()))
        return;
    LanPushRequest request = m_panel->request();
    request.connectBackPort = m_connectBackPort;
    if (request.source == PasswordSource::TypedForThisPush && request.typedPassword.isEmpty()) {
        m_panel->setKeychainMessage(tr("Type the OTA password for this push, or choose a keychain password."), true);
        return;
    }
    QList<Espota::PushTarget> targets;
    for (const int row : rows)
        targets.append(m_devices->device(row).target);
    m_panel->setKeychainMessage(QString(), false);
    m_panel->setRunning(true);
    m_starter->start(targets, request, m_discovery->browser());
}

void LanPage::jobStarted(Espota::PushJob *job)
{
    delete m_job;
    m_job = job;
    m_progress->setJob(job);
    connect(job, &Espota::PushJob::finished, this, [this] { m_panel->setRunning(false); });
    if (job->isFinished())
        m_panel->setRunning(false);
}

void LanPage::savePassword()
{
    const QString password = m_panel->typedPassword();
    QStringList keys;
    QStringList names;
    if (m_panel->passwordSource() == PasswordSource::PerDeviceKeychain) {
        for (const int row : selectedRows()) {
            names.append(m_devices->device(row).target.name);
            keys.append(devicePasswordKey(names.constLast()));
        }
        if (keys.isEmpty()) {
            m_panel->setKeychainMessage(tr("Select the devices this password belongs to first."), true);
            return;
        }
    } else {
        keys.append(sharedPasswordKey());
        names.append(tr("every device without its own"));
    }
    auto remaining = std::make_shared<int>(int(keys.size()));
    auto failure = std::make_shared<QString>();
    for (const QString &key : std::as_const(keys)) {
        m_secrets->write(key, password, this, [this, remaining, failure, names](const auto &error) {
            if (error)
                *failure = error->message;
            if (--*remaining > 0)
                return;
            if (failure->isEmpty()) {
                m_panel->setKeychainMessage(tr("Saved in the keychain for %1.").arg(names.join(QStringLiteral(", "))), false);
                m_panel->setTypedPassword(QString());
            } else {
                m_panel->setKeychainMessage(*failure, true);
            }
        });
    }
}
