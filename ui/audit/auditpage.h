#pragma once

#include <QWidget>

#include "rollout/auditentry.h"

class ConsoleSession;
class AuditFilterBar;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTableView;

namespace Models
{
    class AuditFeed;
    class AuditFilterModel;
    class AuditModel;
} // namespace Models

// The server's audit log, newest first: filters, the selected entry in
// full below, "Verify chain" (the first broken entry selected when there is
// one) and export to CSV or JSON. New entries arrive as the session
// refreshes, without reloading what is already shown.
class AuditPage final : public QWidget
{
    Q_OBJECT
public:
    explicit AuditPage(ConsoleSession *session, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    Models::AuditModel *log() const { return m_log; }
    Models::AuditFeed *feed() const { return m_feed; }
    AuditFilterBar *filterBar() const { return m_filterBar; }
    QSplitter *splitter() const { return m_splitter; }

public Q_SLOTS:
    void verifyChain();
    // Asks where (a file dialog), then exports.
    void chooseExportFile();
    // Exports the whole log to path, CSV or JSON by its suffix.
    void exportTo(const QString &path);
    // What a verification found: ok, or the first broken entry selected.
    void showVerification(const Rollout::AuditVerification &verification);

Q_SIGNALS:
    void verificationShown(bool ok);
    void exportFinished(bool ok, const QString &message);

private:
    void showCount();
    void showSelected();
    void selectSeq(qint64 seq);
    void setOutcome(QLabel *label, bool ok, const QString &text);

    ConsoleSession *m_session;
    Models::AuditModel *m_log;
    Models::AuditFilterModel *m_proxy;
    Models::AuditFeed *m_feed;
    AuditFilterBar *m_filterBar;
    QTableView *m_table;
    QPlainTextEdit *m_detail;
    QSplitter *m_splitter;
    QLabel *m_count;
    QLabel *m_verification;
    QLabel *m_exportStatus;
    QPushButton *m_verify;
    QPushButton *m_export;
    qint64 m_brokenSeq = 0; // to select once it is loaded
};
