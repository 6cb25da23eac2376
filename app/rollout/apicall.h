#pragma once

#include <functional>
#include <optional>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QString>
#include <QUrlQuery>

#include "apierror.h"
#include "certificatepin.h"
#include "result.h"

class QNetworkAccessManager;
class QNetworkRequest;

namespace Rollout
{
    // One call of the API: method, path under the base URL, query, body.
    struct ApiRequest
    {
        QByteArray method = "GET";
        QString path; // "/api/v1/keys"; ids in it already percent-encoded (segment())
        QUrlQuery query;
        std::optional<QJsonObject> body;
        bool jsonAnswer = true; // false: the body is data (an audit export, an image)

        QString route() const; // "GET /api/v1/keys", for messages and logs

        static ApiRequest get(QString path, QUrlQuery query = {});
        static ApiRequest post(QString path, QJsonObject body = {});
        // An id as one path segment, percent-encoded.
        static QString segment(const QString &id);
    };

    // A 2xx answer.
    struct ApiReply
    {
        int status = 0;
        QByteArray body;
        QJsonObject json;  // when the request wanted JSON
        QString server;    // the base URL, for messages
        QString route;     // "GET /api/v1/keys"
    };

    using ApiResult = Result<ApiReply, ApiError>;
    // How a family method hands its typed result back.
    template<typename T>
    using Done = std::function<void(const Result<T, ApiError> &)>;

    // A 2xx answer through parse (a wire type's fromJson) into T; an answer
    // parse cannot read is BadAnswer, naming the server and the route.
    template<typename T, typename Parse>
    Result<T, ApiError> decodeReply(const ApiResult &reply, Parse &&parse)
    {
        if (!reply)
            return reply.error();
        auto parsed = parse(reply.value().json);
        if (!parsed) {
            return ApiError::noAnswer(ApiError::Kind::BadAnswer,
                                      QStringLiteral("%1 answered %2 with something this client cannot read (%3); is it an "
                                                     "ota-server speaking API v1?")
                                          .arg(reply.value().server, reply.value().route, parsed.error()));
        }
        return T(std::move(parsed).value());
    }

    // A reply handler that decodes with parse and hands the typed result to done.
    template<typename T, typename Parse>
    std::function<void(const ApiResult &)> typedHandler(Done<T> done, Parse parse)
    {
        return [done = std::move(done), parse = std::move(parse)](const ApiResult &reply) {
            done(decodeReply<T>(reply, parse));
        };
    }

    // A reply handler for answers that are data, not JSON (exports, images).
    std::function<void(const ApiResult &)> bytesHandler(Done<QByteArray> done);

    // One request under way: a job object with a single finished() signal.
    // ServerClient makes it, queues it, starts it and deletes it after
    // finished(); a caller keeps the pointer only to abort().
    class ApiCall final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(ApiCall)

    public:
        ApiCall(ApiRequest request, QString server, QObject *parent);
        ~ApiCall() override;

        const ApiRequest &request() const { return m_request; }
        bool isStarted() const { return m_reply != nullptr || m_result.has_value(); }
        bool isFinished() const { return m_result.has_value(); }
        // Valid once finished() was emitted.
        const ApiResult &result() const { return *m_result; }

        // Cancels the call: finished() comes with an Aborted error (at once
        // when it was still queued).
        void abort();

        // A pinned certificate: the call ends with a Tls error as soon as the
        // server shows any other one (ServerClient sets it from its endpoint).
        void setPin(const CertificatePin &pin) { m_pin = pin; }

        // ServerClient's: sends the request through network.
        void start(QNetworkAccessManager &network, const QNetworkRequest &networkRequest);

    Q_SIGNALS:
        void finished();
        // Bytes of the request body sent so far (an upload's progress bar).
        void uploadProgress(qint64 sent, qint64 total);

    private:
        void onReplyFinished();
        void finish(ApiResult result);
        ApiError networkFailure(const QNetworkReply &reply) const;
        ApiError refusal(int status, const QByteArray &body) const;
        void checkPin();

        ApiRequest m_request;
        QString m_server;
        QPointer<QNetworkReply> m_reply;
        QList<QSslError> m_sslErrors;
        bool m_aborted = false;
        int m_timeoutMs = 0;
        std::optional<ApiResult> m_result;
        CertificatePin m_pin;
        QString m_pinMismatch; // set when the server showed another certificate than the pinned one
    };
} // namespace Rollout
