#include "eventstream.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include "apierror.h"
#include "apiserver.h"
#include "serverlogging.h"

using namespace Qt::Literals::StringLiterals;

namespace Http
{
    namespace
    {
        constexpr int BatchLimit = 5000; // events per frame at most; a client far behind gets several

        QJsonObject toJson(const StreamEvent &event)
        {
            return {{u"seq"_s, event.seq},
                    {u"at"_s, event.at.toString(Qt::ISODateWithMs)},
                    {u"kind"_s, event.kind},
                    {u"payload"_s, event.payload}};
        }

        QByteArray bearerOf(const QWebSocket &socket)
        {
            const QByteArray header = socket.request().rawHeader("Authorization");
            if (header.startsWith("Bearer "))
                return header.mid(7).trimmed();
            // Browsers cannot set headers on a WebSocket: a token query item is accepted too.
            return QUrlQuery(socket.requestUrl()).queryItemValue(u"token"_s).toUtf8();
        }
    } // namespace

    struct EventStream::Private
    {
        struct Client
        {
            QWebSocket *socket = nullptr; // a child of the stream
            qint64 sentUpTo = 0;
        };

        EventStream *q;
        EventFeed *feed;
        Snapshot snapshot;
        Authorize authorize;
        std::vector<std::unique_ptr<Client>> clients;
        QTimer flushTimer;

        void send(Client &client, const QJsonObject &frame)
        {
            client.socket->sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
        }

        void sendSnapshot(Client &client)
        {
            const qint64 seq = feed->latestSeq();
            send(client, {{u"type"_s, u"snapshot"_s}, {u"seq"_s, seq}, {u"state"_s, snapshot()}});
            client.sentUpTo = seq;
        }

        void catchUp(Client &client)
        {
            for (;;) {
                const QList<StreamEvent> events = feed->since(client.sentUpTo, BatchLimit);
                if (events.isEmpty())
                    return;
                QJsonArray array;
                for (const StreamEvent &event : events)
                    array.append(toJson(event));
                client.sentUpTo = events.constLast().seq;
                send(client, {{u"type"_s, u"events"_s}, {u"seq"_s, client.sentUpTo}, {u"events"_s, array}});
                if (events.size() < BatchLimit)
                    return;
            }
        }

        void accept(std::unique_ptr<QWebSocket> socket)
        {
            const QString refusal = authorize(bearerOf(*socket));
            if (!refusal.isEmpty()) {
                qCInfo(lcHttp) << "event stream refused for" << socket->peerAddress().toString() << refusal;
                socket->sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject {
                    {u"type"_s, u"error"_s}, {u"code"_s, u"unauthorized"_s}, {u"message"_s, refusal}}).toJson(QJsonDocument::Compact)));
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated, refusal);
                socket.release()->deleteLater();
                return;
            }
            auto client = std::make_unique<Client>();
            client->socket = socket.release();
            client->socket->setParent(q);
            QWebSocket *raw = client->socket;
            QObject::connect(raw, &QWebSocket::disconnected, q, [this, raw] {
                std::erase_if(clients, [raw](const auto &c) { return c->socket == raw; });
                raw->deleteLater();
            });
            const QString after = QUrlQuery(raw->requestUrl()).queryItemValue(u"after"_s);
            bool ok = false;
            const qint64 afterSeq = after.toLongLong(&ok);
            const qint64 oldest = feed->oldestSeq();
            if (ok && afterSeq >= 0 && afterSeq <= feed->latestSeq() && (oldest == 0 || afterSeq >= oldest - 1)) {
                client->sentUpTo = afterSeq;
                catchUp(*client);
            } else {
                sendSnapshot(*client);
            }
            clients.push_back(std::move(client));
        }

        void flush()
        {
            for (const auto &client : clients)
                catchUp(*client);
        }
    };

    EventStream::EventStream(ApiServer *server, EventFeed *feed, Snapshot snapshot, Authorize authorize, QObject *parent)
        : QObject(parent)
        , d(std::make_unique<Private>())
    {
        d->q = this;
        d->feed = feed;
        d->snapshot = std::move(snapshot);
        d->authorize = std::move(authorize);
        d->flushTimer.setSingleShot(true);
        d->flushTimer.setInterval(100);
        connect(&d->flushTimer, &QTimer::timeout, this, [this] { d->flush(); });
        connect(feed, &EventFeed::appended, this, [this] {
            if (!d->flushTimer.isActive())
                d->flushTimer.start();
        });
        // QHttpServer 6.4 upgrades only when a route matches and writes nothing.
        // A plain GET (no upgrade) gets an answer rather than an open socket.
        server->http().route(u"/api/v1/events"_s, [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            if (request.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
                return;
            ApiError{QHttpServerResponse::StatusCode::UpgradeRequired, u"upgrade-required"_s,
                     u"/api/v1/events is a WebSocket: connect with a WebSocket client (Upgrade: websocket)"_s}
                .toResponse()
                .write(std::move(responder));
        });
        QHttpServer *http = &server->http();
        connect(http, &QHttpServer::newWebSocketConnection, this, [this, http] {
            while (http->hasPendingWebSocketConnections())
                d->accept(http->nextPendingWebSocketConnection());
        });
    }

    EventStream::~EventStream() = default; // the sockets are children

    void EventStream::setCoalesceInterval(int milliseconds) { d->flushTimer.setInterval(milliseconds); }

    int EventStream::clientCount() const { return static_cast<int>(d->clients.size()); }
} // namespace Http
