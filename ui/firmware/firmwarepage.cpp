#include "firmwarepage.h"

#include <utility>

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "consolesession.h"
#include "firmware/cryptothread.h"
#include "models/fleetmodel.h"
#include "models/modelroles.h"
#include "models/releaselistmodel.h"
#include "models/releasereadiness.h"
#include "readinesscard.h"
#include "rollout/serverclient.h"
#include "uploaddialog.h"

using Models::ReleaseListModel;

FirmwarePage::FirmwarePage(ConsoleSession *session, QWidget *parent) : QWidget(parent), m_session(session)
{
    m_releases = new ReleaseListModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_releases);
    m_proxy->setSortRole(Models::SortRole);

    m_upload = new QPushButton(tr("&Upload signed release..."));
    m_upload->setObjectName(QStringLiteral("uploadRelease"));
    m_upload->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    connect(m_upload, &QPushButton::clicked, this, [this] { openUploadDialog(); });
    auto *refreshButton = new QPushButton(tr("&Refresh"));
    refreshButton->setShortcut(QKeySequence::Refresh);
    connect(refreshButton, &QPushButton::clicked, this, &FirmwarePage::refresh);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("firmwareStatus"));
    m_status->setTextFormat(Qt::PlainText);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_upload);
    bar->addWidget(refreshButton);
    bar->addWidget(m_status, 1);

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("releaseTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ReleaseListModel::UploadedColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    m_card = new ReadinessCard;
    m_card->setObjectName(QStringLiteral("readinessCard"));
    auto *cardScroll = new QScrollArea;
    cardScroll->setWidget(m_card);
    cardScroll->setWidgetResizable(true);
    cardScroll->setFrameShape(QFrame::NoFrame);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_table);
    splitter->addWidget(cardScroll);
    // The card's five checks should show whole without scrolling.
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({260, 440});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    setTabOrder(m_upload, refreshButton);
    setTabOrder(refreshButton, m_table);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &FirmwarePage::showReadiness);
    connect(m_session, &ConsoleSession::events, this, &FirmwarePage::onEvents);
    // The fleet decides the anti-rollback floor and the slot size: redraw when
    // it changes. Check-ins change it in place, without a refresh, and arrive
    // by the thousand per second on a large fleet: at most one redraw a second.
    m_readinessRedraw.setSingleShot(true);
    m_readinessRedraw.setInterval(1000);
    connect(&m_readinessRedraw, &QTimer::timeout, this, &FirmwarePage::showReadiness);
    connect(m_session, &ConsoleSession::refreshed, this, &FirmwarePage::showReadiness);
    connect(m_session->fleet(), &Models::FleetModel::versionCountsChanged, this, [this] {
        // A hidden page walks no fleet: it redraws when it is shown.
        if (!isVisible())
            m_readinessStaleWhileHidden = true;
        else if (!m_readinessRedraw.isActive())
            m_readinessRedraw.start();
    });
    connect(m_session, &ConsoleSession::identityChanged, this, &FirmwarePage::updateUploadAction);
    updateUploadAction();
    refresh();
}

void FirmwarePage::updateUploadAction()
{
    const bool may = m_session->mayOperate();
    m_upload->setEnabled(may);
    m_upload->setToolTip(may ? tr("Sign an image with your key and upload it (Ctrl+U)")
                             : tr("Uploading needs an operator or admin token; this one is a viewer's"));
}

void FirmwarePage::refresh()
{
    m_session->client()->keys().list(this, [this](const Result<QList<Rollout::TrustedKey>, Rollout::ApiError> &keys) {
        if (!keys)
            return; // the key column then shows ids only; the release list says what failed
        m_keyNames.clear();
        for (const Rollout::TrustedKey &key : keys.value())
            m_keyNames.insert(key.keyId, key.name);
        m_releases->setKeyNames(m_keyNames);
        showReadiness();
    });
    m_session->client()->releases().list(this, [this](const Result<QList<Rollout::Release>, Rollout::ApiError> &list) {
        if (!list) {
            m_status->setText(tr("Releases could not be listed: %1").arg(list.error().text()));
            return;
        }
        m_releases->update(list.value());
        m_status->setText(tr("%n release(s)", nullptr, int(list.value().size())));
        if (!m_table->currentIndex().isValid() && m_proxy->rowCount() > 0)
            m_table->selectRow(0);
        showReadiness();
    });
}

void FirmwarePage::onEvents(const QList<Rollout::StreamEvent> &events)
{
    // Releases and keys change rarely; a snapshot or one of their events is the cue.
    for (const Rollout::StreamEvent &event : events) {
        if (event.kind.startsWith(u"release.") || event.kind.startsWith(u"key.") || event.kind == u"snapshot") {
            refresh();
            return;
        }
    }
}

void FirmwarePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (std::exchange(m_readinessStaleWhileHidden, false))
        showReadiness();
}

void FirmwarePage::showReadiness()
{
    m_readinessRedraw.stop();
    const QModelIndex current = m_table->currentIndex();
    const Rollout::Release *release =
        current.isValid() ? m_releases->release(m_proxy->mapToSource(current).row()) : nullptr;
    if (!release) {
        m_card->showNothing(m_releases->rowCount() == 0 ? tr("No releases yet: upload a signed one (Ctrl+U).")
                                                         : tr("Select a release to see whether it is ready to roll out."));
        return;
    }
    QList<const Rollout::Device *> devices;
    const Models::FleetModel *fleet = m_session->fleet();
    devices.reserve(fleet->rowCount());
    for (int row = 0; row < fleet->rowCount(); ++row)
        devices.append(fleet->device(row));
    Models::ReleaseReadiness::Facts facts;
    facts.keyName = m_keyNames.value(release->keyId);
    facts.fleetSecureVersion = Models::ReleaseReadiness::fleetSecureVersion(release->project, m_releases->releases(), devices);
    facts.otaSlotBytes = Models::ReleaseReadiness::smallestOtaSlot(release->chip, devices);
    const auto known = m_secureBoot.constFind(release->sha256);
    if (known != m_secureBoot.cend())
        facts.secureBoot = *known;
    else
        readImageOf(release->sha256);
    m_card->showItems(tr("%1 %2 for %3, SHA-256 %4").arg(release->project, release->version, release->chip,
                                                         release->sha256.left(16)),
                      Models::ReleaseReadiness::assess(*release, facts));
}

void FirmwarePage::readImageOf(const QString &sha256)
{
    // Mark it under way so a redraw does not fetch it a second time.
    m_secureBoot.insert(sha256, Models::SecureBootFacts::unreadable({}));
    m_session->client()->releases().image(sha256, this, [this, sha256](const Result<QByteArray, Rollout::ApiError> &image) {
        if (!image) {
            m_secureBoot.insert(sha256, Models::SecureBootFacts::unreadable(image.error().text()));
            showReadiness();
            return;
        }
        // Hashing a multi-MB image is CPU work: off the GUI thread.
        auto *watcher = new QFutureWatcher<Models::SecureBootFacts>(this);
        connect(watcher, &QFutureWatcher<Models::SecureBootFacts>::finished, this, [this, watcher, sha256] {
            m_secureBoot.insert(sha256, watcher->result());
            watcher->deleteLater();
            showReadiness();
        });
        watcher->setFuture(QtConcurrent::run(Firmware::OpenSsl::releasingThreadState(
            [bytes = image.value()] { return Models::SecureBootFacts::inspect(bytes); })));
    });
}

UploadDialog *FirmwarePage::openUploadDialog()
{
    auto *dialog = new UploadDialog(m_session->client(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UploadDialog::uploaded, this, &FirmwarePage::refresh);
    dialog->open();
    return dialog;
}
