#include "requestlimit.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

#include "serverlogging.h"

using namespace Qt::Literals::StringLiterals;

namespace Http
{
    namespace
    {
        const char RefusedProperty[] = "otaRequestRefused";

        // The value of one header in a request head, or a null array.
        QByteArray headerValue(const QByteArray &head, QByteArrayView name)
        {
            const QList<QByteArray> lines = head.split('\n');
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray &line = lines.at(i);
                const qsizetype colon = line.indexOf(':');
                if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                    return line.mid(colon + 1).trimmed();
            }
            return {};
        }

        void refuse(QTcpSocket *socket, int status, const QByteArray &reason, const QString &code, const QString &message)
        {
            const QByteArray body = QJsonDocument(QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, code},
                                                                                         {u"message"_s, message}}}})
                                        .toJson(QJsonDocument::Compact);
            socket->setProperty(RefusedProperty, true);
            socket->readAll();
            socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                          + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                          + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            socket->disconnectFromHost();
            qCWarning(lcHttp) << "refused a request from" << socket->peerAddress().toString() << ":" << message;
        }

        const char CheckedProperty[] = "otaRequestHeadChecked";

        // The buffered bytes of the current request from its first byte.
        // QHttpServer reads a request inside a QIODevice transaction and
        // commits it when the request is whole; it may have read part of the
        // head already (a head split over packets), so step back to the
        // transaction's start, look, and step forward again.
        QByteArray currentRequest(QTcpSocket *socket)
        {
            if (!socket->isTransactionStarted())
                return socket->peek(RequestLimit::MaxHeadBytes + 4);
            const qint64 unread = socket->bytesAvailable();
            socket->rollbackTransaction();
            const qint64 consumed = socket->bytesAvailable() - unread;
            socket->startTransaction();
            const QByteArray head = socket->peek(RequestLimit::MaxHeadBytes + 4);
            socket->skip(consumed);
            return head;
        }

        void check(QTcpSocket *socket, qint64 maxBodyBytes)
        {
            if (socket->property(RefusedProperty).toBool()) {
                socket->readAll(); // the rest of a refused body: dropped, never buffered
                return;
            }
            if (!socket->isTransactionStarted())
                socket->setProperty(CheckedProperty, false); // no request under way: the next one starts here
            if (socket->property(CheckedProperty).toBool())
                return;
            const QByteArray head = currentRequest(socket);
            const qsizetype end = head.indexOf("\r\n\r\n");
            if (end < 0) {
                if (head.size() > RequestLimit::MaxHeadBytes) {
                    refuse(socket, 431, "Request Header Fields Too Large", u"headers-too-large"_s,
                           u"the request's head is over %1 bytes"_s.arg(RequestLimit::MaxHeadBytes));
                }
                return;
            }
            const QByteArray headers = head.left(end);
            if (!headerValue(headers, "transfer-encoding").isNull()) {
                refuse(socket, 411, "Length Required", u"length-required"_s,
                       u"send the body with Content-Length; chunked request bodies are not taken"_s);
                return;
            }
            const QByteArray length = headerValue(headers, "content-length");
            if (length.isNull())
                return;
            bool ok = false;
            const qint64 bytes = length.toLongLong(&ok);
            if (!ok || bytes < 0) {
                refuse(socket, 400, "Bad Request", u"bad-request"_s, u"Content-Length is not a number of bytes"_s);
                return;
            }
            if (bytes > maxBodyBytes) {
                refuse(socket, 413, "Payload Too Large", u"payload-too-large"_s,
                       u"the request body is %1 bytes; the server takes at most %2 (a 16 MiB image, base64, with its "
                       u"manifest)"_s.arg(bytes).arg(maxBodyBytes));
                return;
            }
            socket->setProperty(CheckedProperty, true);
        }
    } // namespace

    void RequestLimit::watch(QTcpSocket *socket, qint64 maxBodyBytes)
    {
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, maxBodyBytes] { check(socket, maxBodyBytes); });
    }

    void LimitedTcpServer::incomingConnection(qintptr descriptor)
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            qCWarning(lcHttp) << "cannot take a connection:" << socket->errorString();
            delete socket;
            return;
        }
        RequestLimit::watch(socket, m_maxBodyBytes);
        addPendingConnection(socket);
    }

    QSslServer *limitedSslServer(qint64 maxBodyBytes, const QSslConfiguration &configuration, QObject *parent)
    {
        auto *server = new QSslServer(parent);
        server->setSslConfiguration(configuration);
        QObject::connect(server, &QSslServer::startedEncryptionHandshake, server,
                         [maxBodyBytes](QSslSocket *socket) { RequestLimit::watch(socket, maxBodyBytes); });
        return server;
    }
} // namespace Http
