#pragma once

#include <functional>
#include <memory>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>

namespace Http
{
    class ApiServer;

    // One change as the store recorded it.
    struct StreamEvent
    {
        qint64 seq = 0;
        QDateTime at;
        QString kind;        // "device.changed", "rollout.changed", ...
        QJsonObject payload;
    };

    // Where the stream reads events: the store's event log (every server
    // instance's changes, in sequence order).
    class EventFeed : public QObject
    {
        Q_OBJECT

    public:
        using QObject::QObject;
        virtual qint64 latestSeq() const = 0;
        virtual qint64 oldestSeq() const = 0; // the oldest still kept; 0 when none
        virtual QList<StreamEvent> since(qint64 afterSeq, int limit) const = 0;

    Q_SIGNALS:
        void appended(qint64 seq);
    };

    // The live stream at /api/v1/events (WebSocket). A client gets a
    // snapshot, then ordered deltas, each frame with the sequence number of
    // its last event. A client reconnecting with ?after=SEQ gets every event
    // after SEQ, or a fresh snapshot if those are no longer kept. Events are
    // coalesced: at most one frame per client every coalesceMs.
    //
    //   {"type":"snapshot","seq":120,"state":{...}}
    //   {"type":"events","seq":124,"events":[{"seq":121,"at":...,"kind":...,"payload":{...}}, ...]}
    class EventStream final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(EventStream)

    public:
        using Snapshot = std::function<QJsonObject()>;
        // authorize: given the upgrade request's token, whether it may read
        // (viewer or better); empty message when it may.
        using Authorize = std::function<QString(const QByteArray &bearerToken)>;

        EventStream(ApiServer *server, EventFeed *feed, Snapshot snapshot, Authorize authorize,
                    QObject *parent = nullptr);
        ~EventStream() override;

        void setCoalesceInterval(int milliseconds); // default 100
        int clientCount() const;

    private:
        struct Private;
        std::unique_ptr<Private> d;
    };
} // namespace Http
