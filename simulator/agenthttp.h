#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <vector>

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QObject>
#include <QSet>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace Simulator
{
    // What came back: an HTTP status, or a network error (status 0).
    struct HttpResponse
    {
        int status = 0;
        QByteArray body;
        QByteArray contentRange;
        QString networkError; // "" when the server answered

        // The server's {"error": {"message"}} or the network error, for a detail line.
        QString errorText() const;
    };

    // The agents' HTTP client: a small pool of QNetworkAccessManagers (each
    // keeps 6 connections per host) shared by every agent, and a FIFO queue
    // that caps the requests in flight, so 5,000 agents make neither 5,000
    // managers nor an unbounded burst. Requests carry their own
    // Authorization (each agent its own Basic credential).
    class AgentHttp final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(AgentHttp)

    public:
        using Callback = std::function<void(const HttpResponse &)>;

        AgentHttp(const QUrl &server, int managers, int maxInFlight, int timeoutMs, QObject *parent = nullptr);
        ~AgentHttp() override; // aborts what is in flight; no callback runs after

        static QByteArray basicAuthorization(const QString &deviceId, const QString &secret);
        static QByteArray bearerAuthorization(const QByteArray &token);

        // Background requests (periodic check-ins) wait until no other is
        // queued: behind a busy server a device's download chunks and reports,
        // which have deadlines, must not queue behind thousands of check-ins.
        enum class Priority
        {
            Normal,
            Background,
        };
        void post(const QString &path, const QJsonObject &body, const QByteArray &authorization, Callback done,
                  Priority priority = Priority::Normal);
        // range: "bytes=A-B", or empty for the whole resource.
        void get(const QString &path, const QByteArray &range, const QByteArray &authorization, Callback done);

        int inFlight() const { return m_inFlight; }
        qsizetype queued() const { return qsizetype(m_queue.size() + m_background.size()); }

    private:
        struct Pending
        {
            QNetworkRequest request;
            bool post = false;
            QByteArray body;
            Callback done;
        };
        QNetworkRequest request(const QString &path, const QByteArray &authorization) const;
        void enqueue(Pending pending, Priority priority = Priority::Normal);
        void pump();
        void finish(QNetworkReply *reply, const Callback &done); // the one place replies end

        QUrl m_server;
        int m_maxInFlight;
        int m_timeoutMs;
        std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
        std::size_t m_next = 0;
        int m_inFlight = 0;
        std::deque<Pending> m_queue;
        std::deque<Pending> m_background;
        QSet<QNetworkReply *> m_live;
    };
} // namespace Simulator
