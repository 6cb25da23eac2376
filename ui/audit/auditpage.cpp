#include "auditpage.h"

#include <algorithm>

#include <QAction>
#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "auditfilterbar.h"
#include "consolesession.h"
#include "models/auditexportfile.h"
#include "models/auditfeed.h"
#include "models/auditfiltermodel.h"
#include "models/auditmodel.h"
#include "models/modelroles.h"
#include "rollout/serverclient.h"
#include "statelook.h"

namespace
{
    constexpr int AgeRefreshMs = 15000;
}

AuditPage::AuditPage(ConsoleSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_log(new Models::AuditModel(this)),
      m_proxy(new Models::AuditFilterModel(this)), m_feed(new Models::AuditFeed(session->client(), m_log, this))
{
    auto *layout = new QVBoxLayout(this);
    m_filterBar = new AuditFilterBar;
    layout->addWidget(m_filterBar);

    m_verify = new QPushButton(tr("&Verify chain"));
    m_verify->setObjectName(QStringLiteral("auditVerify"));
    m_verify->setToolTip(tr("Asks the server to walk the whole hash chain: any entry changed or removed breaks it."));
    m_export = new QPushButton(tr("E&xport..."));
    m_export->setObjectName(QStringLiteral("auditExport"));
    m_export->setToolTip(tr("Saves the whole log as the server exports it, CSV or JSON."));
    m_count = new QLabel;
    m_count->setObjectName(QStringLiteral("auditCount"));
    m_verification = new QLabel;
    m_verification->setObjectName(QStringLiteral("auditVerification"));
    m_verification->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_exportStatus = new QLabel;
    m_exportStatus->setObjectName(QStringLiteral("auditExportStatus"));
    m_exportStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_exportStatus->setWordWrap(true);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_count);
    actions->addStretch(1);
    actions->addWidget(m_verification);
    actions->addWidget(m_verify);
    actions->addWidget(m_export);
    layout->addLayout(actions);
    layout->addWidget(m_exportStatus);
    m_exportStatus->hide();

    m_proxy->setSourceModel(m_log);
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(Models::AuditModel::SeqColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(Models::AuditModel::SeqColumn, 60);
    m_table->setColumnWidth(Models::AuditModel::TimeColumn, 100);
    m_table->setColumnWidth(Models::AuditModel::ActorColumn, 150);
    m_table->setColumnWidth(Models::AuditModel::ActionColumn, 150);
    m_table->setColumnWidth(Models::AuditModel::TargetColumn, 220);
    m_table->setColumnWidth(Models::AuditModel::ResultColumn, 200);
    m_detail = new QPlainTextEdit;
    m_detail->setObjectName(QStringLiteral("auditDetail"));
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Select an entry to see it in full: the moment, the detail, its hashes."));
    m_splitter = new QSplitter(Qt::Vertical);
    m_splitter->setObjectName(QStringLiteral("auditSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    layout->addWidget(m_splitter, 1);

    // Ctrl+F goes to the free-text search while the page is shown.
    auto *find = new QAction(tr("Find in the audit log"), this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(find);
    connect(find, &QAction::triggered, m_filterBar, [this] {
        m_filterBar->searchField()->setFocus(Qt::ShortcutFocusReason);
        m_filterBar->searchField()->selectAll();
    });

    connect(m_filterBar, &AuditFilterBar::filterChanged, this, [this](const Models::AuditFilter &filter) {
        m_proxy->setFilter(filter);
        showCount();
    });
    connect(m_verify, &QPushButton::clicked, this, &AuditPage::verifyChain);
    connect(m_export, &QPushButton::clicked, this, &AuditPage::chooseExportFile);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditPage::showSelected);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &AuditPage::showCount);
    connect(m_feed, &Models::AuditFeed::fetched, this, [this] {
        showCount();
        if (m_brokenSeq > 0 && m_log->rowOfSeq(m_brokenSeq) >= 0)
            selectSeq(std::exchange(m_brokenSeq, 0));
    });
    connect(m_feed, &Models::AuditFeed::failed, this, [this](const QString &why) {
        m_count->setText(tr("The audit log could not be read: %1").arg(why));
    });
    // Every change of state is audited, so an event is the cue that new
    // entries exist; but check-ins and rollout counts, many a second under
    // load, never are.
    connect(session, &ConsoleSession::refreshed, m_feed, &Models::AuditFeed::refresh);
    connect(session, &ConsoleSession::events, m_feed, [this](const QList<Rollout::StreamEvent> &events) {
        const bool audited = std::any_of(events.cbegin(), events.cend(), [](const Rollout::StreamEvent &event) {
            return event.kind != u"device.checkin" && event.kind != u"rollout.counts";
        });
        if (audited)
            m_feed->refresh();
    });
    auto *ages = new QTimer(this);
    ages->start(AgeRefreshMs);
    connect(ages, &QTimer::timeout, m_log, [this] { m_log->setNow({}); });
    showCount();
    m_feed->refresh();
}

void AuditPage::verifyChain()
{
    m_verify->setEnabled(false);
    m_verification->setText(tr("Verifying..."));
    m_session->client()->audit().verify(this, [this](const Result<Rollout::AuditVerification, Rollout::ApiError> &answer) {
        m_verify->setEnabled(true);
        if (!answer) {
            setOutcome(m_verification, false, tr("Could not verify: %1").arg(answer.error().text()));
            Q_EMIT verificationShown(false);
            return;
        }
        showVerification(answer.value());
    });
}

void AuditPage::showVerification(const Rollout::AuditVerification &verification)
{
    if (verification.ok) {
        setOutcome(m_verification, true,
                   tr("Chain intact: %n entries, head %1", nullptr, int(verification.entries))
                       .arg(verification.headHash.left(12)));
        m_verification->setToolTip(tr("Head hash %1: keep it elsewhere to notice a cut tail later.")
                                       .arg(verification.headHash));
        Q_EMIT verificationShown(true);
        return;
    }
    setOutcome(m_verification, false,
               tr("Chain broken at entry #%1: %2").arg(verification.firstBadSeq).arg(verification.problem));
    m_verification->setToolTip(verification.problem);
    // The broken entry is shown even when a filter hid it or it is not loaded yet.
    m_filterBar->clear();
    if (m_log->rowOfSeq(verification.firstBadSeq) >= 0) {
        selectSeq(verification.firstBadSeq);
    } else {
        m_brokenSeq = verification.firstBadSeq;
        m_feed->refresh();
    }
    Q_EMIT verificationShown(false);
}

void AuditPage::chooseExportFile()
{
    const QString csvFilter = tr("CSV (*.csv)");
    const QString jsonFilter = tr("JSON (*.json)");
    const QString name = QStringLiteral("audit-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate));
    auto *dialog = new QFileDialog(this, tr("Export the audit log"),
                                   QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(name),
                                   csvFilter + QStringLiteral(";;") + jsonFilter);
    dialog->setObjectName(QStringLiteral("auditExportDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog, jsonFilter](const QString &filter) {
        dialog->setDefaultSuffix(filter == jsonFilter ? QStringLiteral("json") : QStringLiteral("csv"));
    });
    connect(dialog, &QFileDialog::fileSelected, this, &AuditPage::exportTo);
    dialog->open();
}

void AuditPage::exportTo(const QString &path)
{
    m_export->setEnabled(false);
    m_exportStatus->show();
    m_exportStatus->setText(tr("Exporting to %1...").arg(path));
    const auto format = Models::AuditExportFile::formatFor(path);
    m_session->client()->audit().exportLog(format, this, [this, path](const Result<QByteArray, Rollout::ApiError> &answer) {
        m_export->setEnabled(true);
        if (!answer) {
            const QString message = tr("The server did not export the log, nothing was written: %1")
                                        .arg(answer.error().text());
            setOutcome(m_exportStatus, false, message);
            Q_EMIT exportFinished(false, message);
            return;
        }
        const auto saved = Models::AuditExportFile::save(path, answer.value());
        const QString message = saved ? tr("Exported the audit log to %1 (%2).")
                                            .arg(path, QLocale().formattedDataSize(saved.value()))
                                      : saved.error();
        setOutcome(m_exportStatus, bool(saved), message);
        Q_EMIT exportFinished(bool(saved), message);
    });
}

void AuditPage::showCount()
{
    const int all = m_log->rowCount();
    const int shown = m_proxy->rowCount();
    m_count->setText(shown == all ? tr("%n entries", nullptr, all)
                                  : tr("%1 of %n entries match", nullptr, all).arg(shown));
}

void AuditPage::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    const Rollout::AuditEntry *entry =
        current.isValid() ? m_log->entry(m_log->rowOfSeq(current.data(Models::IdRole).toLongLong())) : nullptr;
    if (!entry) {
        m_detail->clear();
        return;
    }
    const QString heading = tr("#%1  %2  %3 by %4")
                                .arg(entry->seq)
                                .arg(QLocale().toString(entry->at.toLocalTime(), QLocale::LongFormat),
                                     entry->action, entry->actor);
    m_detail->setPlainText(heading + QStringLiteral("\n\n")
                           + QString::fromUtf8(QJsonDocument(entry->json).toJson(QJsonDocument::Indented)));
}

void AuditPage::selectSeq(qint64 seq)
{
    const QModelIndex source = m_log->index(m_log->rowOfSeq(seq), 0);
    const QModelIndex shown = m_proxy->mapFromSource(source);
    if (!shown.isValid())
        return;
    m_table->selectionModel()->setCurrentIndex(shown, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(shown, QAbstractItemView::PositionAtCenter);
    m_table->setFocus(Qt::OtherFocusReason);
}

void AuditPage::setOutcome(QLabel *label, bool ok, const QString &text)
{
    // A word as well as the colour, never colour alone (CONSOLE.md).
    const StateLook look = StateLook::of(ok ? Models::StateKind::Good : Models::StateKind::Bad);
    label->setText((ok ? tr("OK: ") : tr("Problem: ")) + text);
    label->setStyleSheet(QStringLiteral("color: %1;").arg(look.colour.name()));
}
