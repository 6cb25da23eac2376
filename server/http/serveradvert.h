#pragma once

#include <QObject>
#include <QStringList>

#include "apiserver.h"

namespace Discovery
{
    class MdnsResponder;
    class MdnsTransport;
}

namespace Http
{
    // Announces the server on the LAN as `_otarollout._tcp` (TXT: api, tls,
    // name) so consoles find it without typing an address.
    class ServerAdvert final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(ServerAdvert)

    public:
        explicit ServerAdvert(QObject *parent = nullptr);
        ~ServerAdvert() override; // goodbye

        // interfaces as for MdnsTransport (empty: every multicast interface and loopback).
        Result<bool, QString> start(const QStringList &interfaces, const ServerIdentity &identity, quint16 port, bool tls);

    private:
        Discovery::MdnsTransport *m_transport = nullptr;
        Discovery::MdnsResponder *m_responder = nullptr;
    };
} // namespace Http
