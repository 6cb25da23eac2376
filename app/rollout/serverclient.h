#pragma once

#include <memory>

#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

#include "apicall.h"
#include "auditapi.h"
#include "devicesapi.h"
#include "keysapi.h"
#include "releasesapi.h"
#include "rolloutsapi.h"
#include "serverendpoint.h"
#include "serverhealth.h"

namespace Rollout
{
    // The ota-server API, asynchronously, for otactl and the console. One
    // QNetworkAccessManager and one request builder (base URL, bearer token,
    // JSON, timeout, same-origin redirects, the extra CAs); calls beyond
    // maxConcurrent wait in a queue. The routes are grouped as the API is:
    // releases(), keys(), devices(), rollouts(), audit(); each method takes
    // a context object (no callback after it is gone) and a callback with a
    // typed Result, and returns the ApiCall, to abort it. Never blocks.
    class ServerClient final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(ServerClient)

    public:
        static constexpr int DefaultMaxConcurrent = 4;

        explicit ServerClient(ServerEndpoint endpoint, QObject *parent = nullptr);
        ~ServerClient() override;

        const ServerEndpoint &endpoint() const { return m_endpoint; }
        void setToken(const QByteArray &token) { m_endpoint.token = token; }
        void setMaxConcurrent(int calls);
        int callsUnderWay() const { return m_running; }
        int callsWaiting() const { return int(m_waiting.size()); }

        ReleasesApi &releases() { return m_releases; }
        KeysApi &keys() { return m_keys; }
        DevicesApi &devices() { return m_devices; }
        RolloutsApi &rollouts() { return m_rollouts; }
        AuditApi &audit() { return m_audit; }

        // GET /api/v1/health: needs no token.
        ApiCall *health(QObject *context, Done<ServerHealth> done);

        // The one way a request goes out. handler runs once with the
        // result, unless context is destroyed first.
        ApiCall *send(ApiRequest request, QObject *context, std::function<void(const ApiResult &)> handler);

    private:
        QNetworkRequest networkRequest(const ApiRequest &request) const;
        void startWaiting();
        void onCallFinished(ApiCall *call);

        ServerEndpoint m_endpoint;
        QNetworkAccessManager m_network;
        int m_maxConcurrent = DefaultMaxConcurrent;
        int m_running = 0;
        QList<QPointer<ApiCall>> m_waiting;
        ReleasesApi m_releases{this};
        KeysApi m_keys{this};
        DevicesApi m_devices{this};
        RolloutsApi m_rollouts{this};
        AuditApi m_audit{this};
    };
} // namespace Rollout
