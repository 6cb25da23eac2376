#include "serverclient.h"

#include <QNetworkRequest>
#include <QSslConfiguration>

#include "rolloutlogging.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    ServerClient::ServerClient(ServerEndpoint endpoint, QObject *parent)
        : QObject(parent)
        , m_endpoint(std::move(endpoint))
    {
        // Replies are deleted by ApiCall, in one place.
        m_network.setAutoDeleteReplies(false);
    }

    ServerClient::~ServerClient()
    {
        // Calls first, while the network manager their replies belong to still exists.
        m_waiting.clear();
        qDeleteAll(findChildren<ApiCall *>(Qt::FindDirectChildrenOnly));
    }

    void ServerClient::setMaxConcurrent(int calls)
    {
        m_maxConcurrent = qMax(1, calls);
        startWaiting();
    }

    QNetworkRequest ServerClient::networkRequest(const ApiRequest &request) const
    {
        QUrl url = m_endpoint.base;
        url.setPath(m_endpoint.base.path() + request.path);
        if (!request.query.isEmpty())
            url.setQuery(request.query);
        QNetworkRequest out(url);
        out.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("ota-rollout-console"));
        out.setRawHeader("Accept", request.jsonAnswer ? QByteArrayLiteral("application/json") : QByteArrayLiteral("*/*"));
        if (request.body)
            out.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!m_endpoint.token.isEmpty())
            out.setRawHeader("Authorization", "Bearer " + m_endpoint.token);
        out.setTransferTimeout(m_endpoint.timeoutMs);
        // The bearer token must never follow a redirect to another host.
        out.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
        if (url.scheme() == u"https"_s && !m_endpoint.caCertificates.isEmpty()) {
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            tls.addCaCertificates(m_endpoint.caCertificates);
            out.setSslConfiguration(tls);
        }
        return out;
    }

    ApiCall *ServerClient::send(ApiRequest request, QObject *context, std::function<void(const ApiResult &)> handler)
    {
        auto *call = new ApiCall(std::move(request), m_endpoint.displayUrl(), this);
        call->setPin(m_endpoint.pin);
        const QPointer<QObject> receiver(context);
        connect(call, &ApiCall::finished, this, [this, call, receiver, handler = std::move(handler)] {
            const ApiResult result = call->result();
            onCallFinished(call);
            // Queued: the handler runs from the event loop, never inside our
            // bookkeeping, and not at all once its context is gone.
            if (receiver) {
                QMetaObject::invokeMethod(
                    receiver, [handler, result] { handler(result); }, Qt::QueuedConnection);
            }
        });
        m_waiting.append(call);
        startWaiting();
        return call;
    }

    void ServerClient::startWaiting()
    {
        while (m_running < m_maxConcurrent && !m_waiting.isEmpty()) {
            const QPointer<ApiCall> call = m_waiting.takeFirst();
            if (!call || call->isFinished()) // aborted while waiting
                continue;
            ++m_running;
            call->start(m_network, networkRequest(call->request()));
        }
    }

    void ServerClient::onCallFinished(ApiCall *call)
    {
        if (m_waiting.removeAll(call) == 0) // it was under way, not aborted in the queue
            --m_running;
        call->deleteLater();
        startWaiting();
    }

    ApiCall *ServerClient::health(QObject *context, Done<ServerHealth> done)
    {
        return send(ApiRequest::get(u"/api/v1/health"_s), context, [done = std::move(done)](const ApiResult &reply) {
            done(decodeReply<ServerHealth>(reply, &ServerHealth::fromJson));
        });
    }
} // namespace Rollout
