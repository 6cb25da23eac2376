#include "eventstream.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QUrlQuery>

#include "isotime.h"
#include "rolloutlogging.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    EventStream::EventStream(ServerEndpoint endpoint, QObject *parent)
        : QObject(parent), m_endpoint(std::move(endpoint))
    {
        m_retryTimer.setSingleShot(true);
        connect(&m_retryTimer, &QTimer::timeout, this, &EventStream::connectNow);
        connect(&m_socket, &QWebSocket::connected, this, [this] {
            if (!m_endpoint.pin.isNull()) {
                const QSslCertificate shown = m_socket.sslConfiguration().peerCertificate();
                if (!shown.isNull() && !m_endpoint.pin.matches(shown)) {
                    refuseCertificate(shown);
                    return;
                }
            }
            qCDebug(lcServerClient) << "event stream connected" << m_endpoint.displayUrl() << "after" << m_lastSeq;
            setStatus(Status::Live); // a resume with nothing new answers no frame at all
        });
        connect(&m_socket, &QWebSocket::textMessageReceived, this, &EventStream::onText);
        connect(&m_socket, &QWebSocket::disconnected, this, &EventStream::onDisconnected);
        // QWebSocket::errorOccurred arrived in 6.5; 6.4 names the signal error().
        connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this](QAbstractSocket::SocketError) {
            if (!m_refused) // the refusal's own reason says more than the socket's
                m_lastError = m_socket.errorString();
        });
        if (!m_endpoint.pin.isNull()) {
            // Pinned: that certificate is the only one trusted, so any other fails the handshake.
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            tls.setCaCertificates({m_endpoint.pin.certificate});
            m_socket.setSslConfiguration(tls);
            connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
                QSslCertificate shown;
                for (const QSslError &error : errors) {
                    if (shown.isNull())
                        shown = error.certificate();
                }
                if (!m_endpoint.pin.matches(shown))
                    refuseCertificate(shown);
            });
        } else if (!m_endpoint.caCertificates.isEmpty()) {
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            tls.addCaCertificates(m_endpoint.caCertificates);
            m_socket.setSslConfiguration(tls);
        }
    }

    // A changed certificate does not change back by retrying: refused, loudly.
    void EventStream::refuseCertificate(const QSslCertificate &shown)
    {
        m_lastError = m_endpoint.pin.mismatch(shown, m_endpoint.displayUrl());
        m_refused = true;
        m_retryTimer.stop();
        qCWarning(lcServerClient).noquote() << "event stream:" << m_lastError;
        setStatus(Status::Refused);
        QMetaObject::invokeMethod(this, [this] { m_socket.abort(); }, Qt::QueuedConnection);
    }

    EventStream::~EventStream()
    {
        m_socket.disconnect(this); // no reconnect scheduled while being destroyed
        m_socket.abort();
    }

    void EventStream::start()
    {
        m_refused = false;
        m_backoffMs = 1000;
        connectNow();
    }

    void EventStream::stop()
    {
        m_retryTimer.stop();
        setStatus(Status::Idle);
        m_socket.abort();
    }

    QUrl EventStream::streamUrl() const
    {
        QUrl url = m_endpoint.base;
        url.setScheme(url.scheme() == u"https"_s ? u"wss"_s : u"ws"_s);
        QString path = url.path();
        if (path.endsWith(u'/'))
            path.chop(1);
        url.setPath(path + u"/api/v1/events"_s);
        if (m_lastSeq >= 0) {
            QUrlQuery query;
            query.addQueryItem(u"after"_s, QString::number(m_lastSeq));
            url.setQuery(query);
        }
        return url;
    }

    void EventStream::connectNow()
    {
        setStatus(Status::Connecting);
        QNetworkRequest request(streamUrl());
        request.setRawHeader("Authorization", "Bearer " + m_endpoint.token);
        m_socket.abort();
        m_socket.open(request);
    }

    void EventStream::onText(const QString &text)
    {
        QJsonParseError parseError;
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8(), &parseError).object();
        const QString type = frame.value(u"type"_s).toString();
        if (type == u"error"_s) {
            m_lastError = u"%1 refused the event stream: %2"_s.arg(m_endpoint.displayUrl(),
                                                                   frame.value(u"message"_s).toString());
            m_refused = frame.value(u"code"_s).toString() == u"unauthorized"_s
                        || frame.value(u"code"_s).toString() == u"forbidden"_s;
            qCWarning(lcServerClient).noquote() << m_lastError;
            return; // the server closes the socket next
        }
        if (type == u"snapshot"_s) {
            m_lastSeq = frame.value(u"seq"_s).toInteger();
            m_backoffMs = 1000;
            setStatus(Status::Live);
            Q_EMIT snapshot(frame.value(u"state"_s).toObject(), m_lastSeq);
            return;
        }
        if (type == u"events"_s) {
            QList<StreamEvent> batch;
            const QJsonArray list = frame.value(u"events"_s).toArray();
            batch.reserve(list.size());
            for (const QJsonValue &value : list) {
                const QJsonObject event = value.toObject();
                const qint64 seq = event.value(u"seq"_s).toInteger();
                if (seq <= m_lastSeq)
                    continue; // already seen before a reconnect
                batch.append({seq, IsoTime::parse(event.value(u"at"_s).toString()),
                              event.value(u"kind"_s).toString(), event.value(u"payload"_s).toObject()});
                m_lastSeq = seq;
            }
            m_backoffMs = 1000;
            setStatus(Status::Live); // a resume answers events, not a snapshot
            if (!batch.isEmpty())
                Q_EMIT events(batch);
            return;
        }
        qCWarning(lcServerClient) << "event stream: a frame this client cannot read:" << text.left(200);
    }

    void EventStream::onDisconnected()
    {
        if (m_status == Status::Idle)
            return;
        if (m_refused) {
            m_retryTimer.stop();
            setStatus(Status::Refused);
            return;
        }
        scheduleReconnect();
    }

    void EventStream::scheduleReconnect()
    {
        if (m_lastError.isEmpty())
            m_lastError = u"the connection to %1 was lost"_s.arg(m_endpoint.displayUrl());
        ++m_reconnects;
        m_nextAttemptAt = QDateTime::currentDateTimeUtc().addMSecs(m_backoffMs);
        m_retryTimer.start(m_backoffMs);
        qCInfo(lcServerClient).noquote() << "event stream lost:" << m_lastError << "- next try in" << m_backoffMs << "ms";
        m_backoffMs = std::min(m_backoffMs * 2, m_maxBackoffMs);
        setStatus(Status::Reconnecting);
    }

    void EventStream::setStatus(Status status)
    {
        if (status == Status::Live)
            m_lastError.clear();
        if (m_status == status && status != Status::Reconnecting)
            return;
        m_status = status;
        Q_EMIT statusChanged(status);
    }

    QString EventStream::statusText() const
    {
        switch (m_status) {
        case Status::Idle:
            return tr("offline");
        case Status::Connecting:
            return tr("connecting");
        case Status::Live:
            return tr("live");
        case Status::Reconnecting: {
            const qint64 seconds = (QDateTime::currentDateTimeUtc().msecsTo(m_nextAttemptAt) + 999) / 1000;
            return tr("reconnecting in %1 s").arg(std::max<qint64>(seconds, 0));
        }
        case Status::Refused:
            return tr("refused: %1").arg(m_lastError);
        }
        return {};
    }
} // namespace Rollout
