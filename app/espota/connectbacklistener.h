#pragma once

#include <functional>
#include <memory>

#include <QHostAddress>
#include <QObject>

#include "result.h"

class QTcpSocket;

namespace Espota
{
    // The TCP port devices connect back to, shared by every push of a job:
    // one fixed port is one firewall rule. Connections are handed to the
    // push that invited the device they come from.
    class ConnectBackListener final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(ConnectBackListener)

    public:
        explicit ConnectBackListener(QObject *parent = nullptr);
        ~ConnectBackListener() override;

        // Port 0 picks a free port (tests). Returns the port listened on, or
        // why it could not listen and what to do.
        Result<quint16, QString> listen(const QHostAddress &address, quint16 port);
        bool isListening() const;
        quint16 port() const;

        using Handler = std::function<void(QTcpSocket *socket)>;
        // The next connection from `device` goes to handler (the socket is
        // then the handler's to delete). A connection from an address nobody
        // expects goes to the only waiting push if there is exactly one (a
        // device with two addresses), otherwise it is closed.
        void expect(const QHostAddress &device, const QObject *owner, Handler handler);
        void forget(const QObject *owner);

    private:
        void onNewConnection();

        struct Private;
        std::unique_ptr<Private> d;
    };
} // namespace Espota
