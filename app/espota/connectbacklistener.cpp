#include "connectbacklistener.h"

#include <QList>
#include <QTcpServer>
#include <QTcpSocket>

#include "logging.h"

namespace Espota
{
    struct ConnectBackListener::Private
    {
        struct Expectation
        {
            QHostAddress device;
            const QObject *owner = nullptr;
            Handler handler;
        };

        QTcpServer server;
        QList<Expectation> expected;
    };

    ConnectBackListener::ConnectBackListener(QObject *parent)
        : QObject(parent)
        , d(std::make_unique<Private>())
    {
        connect(&d->server, &QTcpServer::newConnection, this, &ConnectBackListener::onNewConnection);
    }

    ConnectBackListener::~ConnectBackListener() = default;

    Result<quint16, QString> ConnectBackListener::listen(const QHostAddress &address, quint16 port)
    {
        if (d->server.isListening())
            return d->server.serverPort();
        if (!d->server.listen(address, port)) {
            QString message = QStringLiteral("cannot listen on TCP port %1 (%2) for devices to connect back: %3")
                                  .arg(port)
                                  .arg(address.toString(), d->server.errorString());
            if (d->server.serverError() == QAbstractSocket::AddressInUseError)
                message += QStringLiteral("; another push may be running, or choose another port with --host-port");
            return message;
        }
        qCInfo(lcEspota) << "listening for devices on" << address.toString() << d->server.serverPort();
        return d->server.serverPort();
    }

    bool ConnectBackListener::isListening() const { return d->server.isListening(); }

    quint16 ConnectBackListener::port() const { return d->server.serverPort(); }

    void ConnectBackListener::expect(const QHostAddress &device, const QObject *owner, Handler handler)
    {
        forget(owner);
        d->expected.append({device, owner, std::move(handler)});
    }

    void ConnectBackListener::forget(const QObject *owner)
    {
        d->expected.removeIf([owner](const Private::Expectation &e) { return e.owner == owner; });
    }

    void ConnectBackListener::onNewConnection()
    {
        while (QTcpSocket *socket = d->server.nextPendingConnection()) {
            const QHostAddress peer = socket->peerAddress();
            qsizetype match = -1;
            for (qsizetype i = 0; i < d->expected.size(); ++i) {
                if (d->expected[i].device.isEqual(peer, QHostAddress::ConvertV4MappedToIPv4)) {
                    match = i;
                    break;
                }
            }
            if (match < 0 && d->expected.size() == 1)
                match = 0;
            if (match < 0) {
                qCWarning(lcEspota) << "closing a connection from" << peer.toString()
                                    << ": no push is waiting for that device";
                socket->abort();
                socket->deleteLater();
                continue;
            }
            const Private::Expectation expectation = d->expected.takeAt(match);
            socket->setParent(nullptr);
            expectation.handler(socket);
        }
    }
} // namespace Espota
