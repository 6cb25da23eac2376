#include "apicall.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>

#include "rolloutlogging.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    namespace
    {
        // A certificate as a person can compare it with what they expect.
        QString describeCertificate(const QSslCertificate &certificate)
        {
            if (certificate.isNull())
                return {};
            return u" (certificate '%1' issued by '%2', SHA-256 %3)"_s.arg(
                certificate.subjectDisplayName(), certificate.issuerDisplayName(),
                QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':')));
        }
    } // namespace

    QString ApiRequest::route() const
    {
        return QString::fromLatin1(method) + u' ' + path;
    }

    ApiRequest ApiRequest::get(QString path, QUrlQuery query)
    {
        ApiRequest request;
        request.path = std::move(path);
        request.query = std::move(query);
        return request;
    }

    ApiRequest ApiRequest::post(QString path, QJsonObject body)
    {
        ApiRequest request;
        request.method = "POST";
        request.path = std::move(path);
        request.body = std::move(body);
        return request;
    }

    QString ApiRequest::segment(const QString &id)
    {
        return QString::fromLatin1(QUrl::toPercentEncoding(id));
    }

    std::function<void(const ApiResult &)> bytesHandler(Done<QByteArray> done)
    {
        return [done = std::move(done)](const ApiResult &reply) {
            done(reply ? Result<QByteArray, ApiError>(reply.value().body) : Result<QByteArray, ApiError>(reply.error()));
        };
    }

    ApiCall::ApiCall(ApiRequest request, QString server, QObject *parent)
        : QObject(parent)
        , m_request(std::move(request))
        , m_server(std::move(server))
    {
    }

    ApiCall::~ApiCall()
    {
        if (m_reply) {
            m_reply->disconnect(this);
            m_reply->abort();
            m_reply->deleteLater();
        }
    }

    void ApiCall::start(QNetworkAccessManager &network, const QNetworkRequest &networkRequest)
    {
        m_timeoutMs = networkRequest.transferTimeout();
        const QByteArray body = m_request.body ? QJsonDocument(*m_request.body).toJson(QJsonDocument::Compact) : QByteArray();
        m_reply = m_request.body ? network.sendCustomRequest(networkRequest, m_request.method, body)
                                 : network.sendCustomRequest(networkRequest, m_request.method);
        qCDebug(lcServerClient) << "->" << m_request.route() << body.size() << "bytes";
        connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
        connect(m_reply, &QNetworkReply::finished, this, &ApiCall::onReplyFinished);
        if (!m_pin.isNull())
            connect(m_reply, &QNetworkReply::encrypted, this, &ApiCall::checkPin);
        connect(m_reply, &QNetworkReply::uploadProgress, this, &ApiCall::uploadProgress);
    }

    void ApiCall::abort()
    {
        if (isFinished())
            return;
        m_aborted = true;
        if (m_reply)
            m_reply->abort(); // finished() follows through onReplyFinished
        else
            finish(ApiError::noAnswer(ApiError::Kind::Aborted, u"%1 was cancelled"_s.arg(m_request.route())));
    }

    // Every reply ends here: its result, its log line, its deletion.
    void ApiCall::onReplyFinished()
    {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray(); // closed once aborted
        qCDebug(lcServerClient) << "<-" << m_request.route() << status << reply->error() << body.size() << "bytes";
        if (status == 0) {
            finish(networkFailure(*reply));
            return;
        }
        if (status < 200 || status > 299) {
            finish(refusal(status, body));
            return;
        }
        ApiReply answer{status, body, {}, m_server, m_request.route()};
        if (m_request.jsonAnswer) {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
            if (!document.isObject()) {
                finish(ApiError::noAnswer(ApiError::Kind::BadAnswer,
                                          u"%1 answered %2 with HTTP %3 but not with a JSON object (%4); is it an "
                                          u"ota-server, and is the URL its base (no path)?"_s
                                              .arg(m_server, m_request.route())
                                              .arg(status)
                                              .arg(parseError.error == QJsonParseError::NoError ? u"not an object"_s
                                                                                               : parseError.errorString())));
                return;
            }
            answer.json = document.object();
        }
        finish(std::move(answer));
    }

    // Before any request byte (the token) goes out over the new link.
    void ApiCall::checkPin()
    {
        if (!m_reply)
            return;
        m_pinMismatch = m_pin.mismatch(m_reply->sslConfiguration().peerCertificate(), m_server);
        if (!m_pinMismatch.isEmpty())
            m_reply->abort();
    }

    ApiError ApiCall::networkFailure(const QNetworkReply &reply) const
    {
        using Kind = ApiError::Kind;
        const QString &url = m_server;
        if (!m_pinMismatch.isEmpty())
            return ApiError::noAnswer(Kind::Tls, m_pinMismatch);
        switch (reply.error()) {
        case QNetworkReply::ConnectionRefusedError:
            return ApiError::noAnswer(Kind::Unreachable, u"cannot reach %1: connection refused; is ota-server running, "
                                                         u"and on this address and port?"_s.arg(url));
        case QNetworkReply::HostNotFoundError:
            return ApiError::noAnswer(Kind::Unreachable, u"cannot reach %1: host not found; check the server's name"_s.arg(url));
        case QNetworkReply::UnknownNetworkError:
        case QNetworkReply::TemporaryNetworkFailureError:
        case QNetworkReply::NetworkSessionFailedError:
            return ApiError::noAnswer(Kind::Unreachable, u"cannot reach %1: %2; is the network up?"_s.arg(url, reply.errorString()));
        case QNetworkReply::RemoteHostClosedError:
            return ApiError::noAnswer(Kind::Unreachable, u"%1 closed the connection without answering %2; is it an "
                                                         u"ota-server, and does it speak %3?"_s
                                                             .arg(url, m_request.route(), QUrl(url).scheme()));
        case QNetworkReply::TimeoutError:
            return ApiError::noAnswer(Kind::Timeout, u"no answer from %1 to %2; is the address right?"_s.arg(url, m_request.route()));
        case QNetworkReply::OperationCanceledError:
            if (m_aborted)
                return ApiError::noAnswer(Kind::Aborted, u"%1 was cancelled"_s.arg(m_request.route()));
            // Qt ends a transfer that stays silent past the transfer timeout this way.
            return ApiError::noAnswer(Kind::Timeout, u"no answer from %1 to %2 within %3 s; is the server overloaded, "
                                                     u"or is the address right?"_s
                                                         .arg(url, m_request.route())
                                                         .arg(m_timeoutMs / 1000.0));
        case QNetworkReply::SslHandshakeFailedError: {
            if (!m_pin.isNull()) {
                // Only the pinned certificate is trusted: a failed handshake means another one was shown.
                QSslCertificate shown = reply.sslConfiguration().peerCertificate();
                for (const QSslError &error : m_sslErrors) {
                    if (shown.isNull())
                        shown = error.certificate();
                }
                const QString changed = m_pin.mismatch(shown, url);
                if (!changed.isEmpty())
                    return ApiError::noAnswer(Kind::Tls, changed);
            }
            QStringList problems;
            for (const QSslError &error : m_sslErrors)
                problems.append(error.errorString() + describeCertificate(error.certificate()));
            if (problems.isEmpty())
                problems.append(reply.errorString());
            return ApiError::noAnswer(Kind::Tls, u"TLS with %1 failed: %2; if the server's certificate is from a private "
                                                 u"CA, give that CA's certificate (--ca-file); if the server speaks plain "
                                                 u"HTTP, use http://"_s.arg(url, problems.join(u"; "_s)));
        }
        default:
            return ApiError::noAnswer(Kind::Unreachable, u"no answer from %1 to %2: %3"_s.arg(url, m_request.route(), reply.errorString()));
        }
    }

    ApiError ApiCall::refusal(int status, const QByteArray &body) const
    {
        // The server's own {"error": {"code", "message"}} passes through as it is.
        const QJsonObject error = QJsonDocument::fromJson(body).object().value(u"error"_s).toObject();
        if (error.value(u"code"_s).isString() && error.value(u"message"_s).isString())
            return ApiError::refused(status, error.value(u"code"_s).toString(), error.value(u"message"_s).toString());
        // Something between us and the server (a proxy), or not an ota-server at all.
        const QString text = QString::fromUtf8(body.left(200)).simplified();
        return ApiError::refused(status, u"http-%1"_s.arg(status),
                                 u"%1 answered %2 with HTTP %3%4; is it an ota-server (a proxy in between?)"_s.arg(
                                     m_server, m_request.route())
                                     .arg(status)
                                     .arg(text.isEmpty() ? QString() : u": "_s + text));
    }

    void ApiCall::finish(ApiResult result)
    {
        if (!result)
            qCDebug(lcServerClient) << m_request.route() << "failed:" << result.error().text();
        m_result = std::move(result);
        Q_EMIT finished();
    }
} // namespace Rollout
