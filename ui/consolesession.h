#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

#include "rollout/eventstream.h"

namespace Models
{
    class FleetModel;
    class RolloutListModel;
} // namespace Models
namespace Rollout
{
    class ServerClient;
}

// One console's connection to one ota-server, shared by every page: the API
// client, the live event stream, the fleet and rollout lists kept fresh, and
// who the token is. The stream says when something changed; the lists are
// then updated in place from the events' payloads (a check-in carries the
// device, a counts event the rollout), or fetched again when an event does
// not carry enough (at most once a second). While the stream is down the
// session polls every few seconds instead, backing off on failures. Pages
// read the models and listen to refreshed() and events(); none of them
// polls on its own.
class ConsoleSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleSession)
public:
    // What the token may do, as GET /api/v1/token says; Unknown until it answered.
    enum class Role
    {
        Unknown,
        Viewer,
        Operator,
        Admin,
    };
    Q_ENUM(Role)

    explicit ConsoleSession(Rollout::ServerClient *client, QObject *parent = nullptr);
    ~ConsoleSession() override;

    Rollout::ServerClient *client() const { return m_client; }
    Rollout::EventStream *stream() const { return m_stream; }
    Models::FleetModel *fleet() const { return m_fleet; }
    Models::RolloutListModel *rollouts() const { return m_rollouts; }

    // Who the token is. Until the server answered, actions stay enabled and
    // the server's own refusal says what was missing.
    Role role() const { return m_role; }
    QString tokenName() const { return m_tokenName; }
    bool hasBreakGlass() const { return m_breakGlass; }
    bool mayOperate() const { return m_role == Role::Unknown || m_role == Role::Operator || m_role == Role::Admin; }
    bool mayAdminister() const { return m_role == Role::Unknown || m_role == Role::Admin; }

    // "● live", "polling every 5 s", "reconnecting in 4 s": for the toolbar.
    QString liveText() const { return m_liveText; }
    QString liveDetail() const { return m_liveDetail; }
    // "50 devices · refreshed 3 s ago": for the status bar.
    QString freshnessText() const;
    bool isLive() const;

    // Fetch the lists now (after an action, say), not at the next tick.
    void refreshNow();

Q_SIGNALS:
    void refreshed();          // the fleet and rollout models were fetched again
    void liveTextChanged();    // liveText(), liveDetail() or freshnessText() changed
    void identityChanged();    // role(), tokenName(), hasBreakGlass()
    // Every event as the stream delivers it, for pages that show finer detail.
    void events(const QList<Rollout::StreamEvent> &events);

private:
    void poll();
    void callDone(const QString &error);
    void pollSucceeded();
    void pollFailed(const QString &why);
    void tick();
    void onStreamStatus();
    void refreshSoon();
    void fetchIdentity();
    void applyEvents(const QList<Rollout::StreamEvent> &batch);
    void checkFirstSnapshot();
    void setLive(const QString &text, const QString &detail);

    Rollout::ServerClient *m_client;
    Rollout::EventStream *m_stream = nullptr;
    Models::FleetModel *m_fleet;
    Models::RolloutListModel *m_rollouts;
    class QTimer *m_refreshSoon = nullptr;
    class QTimer *m_timer = nullptr;
    Role m_role = Role::Unknown;
    QString m_tokenName;
    bool m_breakGlass = false;
    bool m_identityKnown = false;
    bool m_wasLive = false; // the event stream has been live at least once
    QString m_liveText;
    QString m_liveDetail;
    int m_backoffSeconds = 0;
    int m_secondsToNext = 0;
    int m_pending = 0;
    int m_refreshedAgo = -1; // -1: never refreshed
    int m_pollSeconds; // while the event stream is down; ConsoleSettings holds its default
    int m_snapshots = 0;
    std::optional<QJsonObject> m_firstSnapshotFleet; // until the listing is compared with it
    QString m_lastError;
};
