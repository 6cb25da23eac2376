#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QWebSocket>

#include "serverendpoint.h"

namespace Rollout
{
    // One event of the server's stream (docs/server-api.md, "WebSocket
    // /api/v1/events"): its sequence number, when it was written, its kind
    // ("rollout.counts", "device.checkin", ...) and its payload as sent.
    struct StreamEvent
    {
        qint64 seq = 0;
        QDateTime at;
        QString kind;
        QJsonObject payload;
    };

    // The live event stream of an ota-server, kept open: a snapshot first,
    // then ordered events. When the connection drops it reconnects with a
    // growing pause (1 s, 2 s, 4 s ... up to maxBackoffMs) and resumes after
    // the last event seen (`?after=SEQ`), so a watcher misses nothing; the
    // server answers a fresh snapshot when it no longer has those events.
    // A refused token ends it: retrying would be refused again.
    class EventStream final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(EventStream)

    public:
        enum class Status
        {
            Idle,         // not started, or stopped
            Connecting,   // the first connection, or a reconnect under way
            Live,         // connected; events arrive as they happen
            Reconnecting, // lost; the next try is at nextAttemptAt()
            Refused,      // the server refused the token; see lastError()
        };
        Q_ENUM(Status)

        static constexpr int DefaultMaxBackoffMs = 30000;

        explicit EventStream(ServerEndpoint endpoint, QObject *parent = nullptr);
        ~EventStream() override;

        void start();
        void stop();
        void setMaxBackoffMs(int milliseconds) { m_maxBackoffMs = milliseconds; }

        Status status() const { return m_status; }
        QDateTime nextAttemptAt() const { return m_nextAttemptAt; }
        qint64 lastSeq() const { return m_lastSeq; }
        QString lastError() const { return m_lastError; }
        int reconnects() const { return m_reconnects; }
        // "live", "reconnecting in 4 s", "connecting", "refused: ...": for a status line.
        QString statusText() const;

    Q_SIGNALS:
        void statusChanged(Rollout::EventStream::Status status);
        // The whole state (rollouts, fleet, releases) as of seq: replace
        // what was shown. Comes first, and again when a resume was not possible.
        void snapshot(const QJsonObject &state, qint64 seq);
        void events(const QList<Rollout::StreamEvent> &events);

    private:
        void connectNow();
        void onText(const QString &text);
        void onDisconnected();
        void scheduleReconnect();
        void refuseCertificate(const QSslCertificate &shown);
        void setStatus(Status status);
        QUrl streamUrl() const;

        ServerEndpoint m_endpoint;
        QWebSocket m_socket;
        QTimer m_retryTimer;
        Status m_status = Status::Idle;
        QDateTime m_nextAttemptAt;
        QString m_lastError;
        qint64 m_lastSeq = -1; // -1: no snapshot yet
        int m_backoffMs = 1000;
        int m_maxBackoffMs = DefaultMaxBackoffMs;
        int m_reconnects = 0;
        bool m_refused = false;
    };
} // namespace Rollout

Q_DECLARE_METATYPE(Rollout::StreamEvent)
