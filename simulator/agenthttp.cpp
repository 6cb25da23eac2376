#include "agenthttp.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>

#include "agentlogging.h"

using namespace Qt::Literals::StringLiterals;

namespace Simulator
{
    QString HttpResponse::errorText() const
    {
        if (!networkError.isEmpty())
            return networkError;
        const QString message = QJsonDocument::fromJson(body).object().value(u"error"_s).toObject().value(u"message"_s).toString();
        return message.isEmpty() ? u"HTTP %1"_s.arg(status) : u"HTTP %1: %2"_s.arg(status).arg(message);
    }

    AgentHttp::AgentHttp(const QUrl &server, int managers, int maxInFlight, int timeoutMs, QObject *parent)
        : QObject(parent), m_server(server), m_maxInFlight(maxInFlight), m_timeoutMs(timeoutMs)
    {
        for (int i = 0; i < std::max(1, managers); ++i) {
            auto manager = std::make_unique<QNetworkAccessManager>();
            // Loopback only: a proxy from the environment must never see device traffic.
            manager->setProxy(QNetworkProxy::NoProxy);
            m_managers.push_back(std::move(manager));
        }
    }

    AgentHttp::~AgentHttp()
    {
        const QSet<QNetworkReply *> live = m_live;
        for (QNetworkReply *reply : live) {
            disconnect(reply, nullptr, this, nullptr);
            reply->abort();
            reply->deleteLater();
        }
    }

    QByteArray AgentHttp::basicAuthorization(const QString &deviceId, const QString &secret)
    {
        return "Basic " + (deviceId + u':' + secret).toUtf8().toBase64();
    }

    QByteArray AgentHttp::bearerAuthorization(const QByteArray &token)
    {
        return "Bearer " + token;
    }

    QNetworkRequest AgentHttp::request(const QString &path, const QByteArray &authorization) const
    {
        QUrl url = m_server;
        url.setPath(path);
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", authorization);
        request.setTransferTimeout(m_timeoutMs);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        return request;
    }

    void AgentHttp::post(const QString &path, const QJsonObject &body, const QByteArray &authorization, Callback done,
                         Priority priority)
    {
        Pending p{request(path, authorization), true, QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(done)};
        p.request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        enqueue(std::move(p), priority);
    }

    void AgentHttp::get(const QString &path, const QByteArray &range, const QByteArray &authorization, Callback done)
    {
        Pending p{request(path, authorization), false, {}, std::move(done)};
        if (!range.isEmpty())
            p.request.setRawHeader("Range", range);
        enqueue(std::move(p));
    }

    void AgentHttp::enqueue(Pending pending, Priority priority)
    {
        (priority == Priority::Background ? m_background : m_queue).push_back(std::move(pending));
        pump();
    }

    void AgentHttp::pump()
    {
        while (m_inFlight < m_maxInFlight && (!m_queue.empty() || !m_background.empty())) {
            std::deque<Pending> &from = m_queue.empty() ? m_background : m_queue;
            Pending p = std::move(from.front());
            from.pop_front();
            QNetworkAccessManager *manager = m_managers[m_next++ % m_managers.size()].get();
            QNetworkReply *reply = p.post ? manager->post(p.request, p.body) : manager->get(p.request);
            ++m_inFlight;
            m_live.insert(reply);
            connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(p.done)] { finish(reply, done); });
        }
    }

    void AgentHttp::finish(QNetworkReply *reply, const Callback &done)
    {
        m_live.remove(reply);
        --m_inFlight;
        HttpResponse response;
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.body = reply->readAll();
        response.contentRange = reply->rawHeader("Content-Range");
        if (response.status == 0)
            response.networkError = reply->errorString();
        qCDebug(lcAgent).noquote() << reply->url().path() << response.status;
        reply->deleteLater();
        pump();
        if (done)
            done(response);
    }
} // namespace Simulator
