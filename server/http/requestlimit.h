#pragma once

#include <QSslServer>
#include <QTcpServer>

class QTcpSocket;

namespace Http
{
    // QHttpServer 6.4 reads a whole request body into memory before any
    // route sees it, so a route's own limit comes too late to protect the
    // server. This looks at each request's head as it arrives and refuses,
    // before the body is read: a Content-Length over the limit (413), a
    // body without Content-Length (411; chunked uploads are not taken), and
    // a head over 64 KiB (431). The refusal is the API's JSON error, then
    // the connection closes.
    class RequestLimit final
    {
    public:
        static constexpr qint64 MaxHeadBytes = 64 * 1024;

        static void watch(QTcpSocket *socket, qint64 maxBodyBytes);
    };

    // A TCP server whose connections are watched by RequestLimit before
    // QHttpServer reads them (it connects to a socket's readyRead after us).
    class LimitedTcpServer final : public QTcpServer
    {
        Q_OBJECT

    public:
        explicit LimitedTcpServer(qint64 maxBodyBytes, QObject *parent = nullptr)
            : QTcpServer(parent), m_maxBodyBytes(maxBodyBytes) {}

    protected:
        void incomingConnection(qintptr descriptor) override;

    private:
        qint64 m_maxBodyBytes;
    };

    // The same over TLS: a QSslServer that watches each socket from the
    // start of its handshake, before QHttpServer gets it.
    QSslServer *limitedSslServer(qint64 maxBodyBytes, const QSslConfiguration &configuration, QObject *parent);
} // namespace Http
