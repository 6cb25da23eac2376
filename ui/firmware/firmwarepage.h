#pragma once

#include <QHash>
#include <QTimer>
#include <QWidget>

#include "models/securebootfacts.h"
#include "rollout/eventstream.h"

class ConsoleSession;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class ReadinessCard;
class UploadDialog;
namespace Models
{
    class ReleaseListModel;
}

// Releases, their readiness, and the signed upload of a new one: the
// release table on top, the selected release's readiness card below.
class FirmwarePage final : public QWidget
{
    Q_OBJECT
public:
    explicit FirmwarePage(ConsoleSession *session, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    Models::ReleaseListModel *releases() const { return m_releases; }
    ReadinessCard *readinessCard() const { return m_card; }
    // Opens the signed upload dialog (the Upload button's action).
    UploadDialog *openUploadDialog();
    // Fetches releases and keys again.
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onEvents(const QList<Rollout::StreamEvent> &events);
    void showReadiness();
    void readImageOf(const QString &sha256);
    void updateUploadAction();

    ConsoleSession *m_session;
    Models::ReleaseListModel *m_releases;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    ReadinessCard *m_card;
    QPushButton *m_upload;
    QLabel *m_status;
    QHash<QString, QString> m_keyNames;
    QTimer m_readinessRedraw;
    bool m_readinessStaleWhileHidden = false;
    QHash<QString, Models::SecureBootFacts> m_secureBoot; // by release SHA-256; images never change
};
