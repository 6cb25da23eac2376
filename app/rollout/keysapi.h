#pragma once

#include <QList>
#include <QString>

#include "apicall.h"
#include "trustedkey.h"

namespace Rollout
{
    class ServerClient;

    // Trusted keys: /api/v1/keys (adding and revoking need an admin token).
    class KeysApi final
    {
    public:
        explicit KeysApi(ServerClient *client) : m_client(client) {}

        ApiCall *add(const QString &name, const QByteArray &pem, QObject *context, Done<TrustedKey> done);
        ApiCall *list(QObject *context, Done<QList<TrustedKey>> done);
        // reason is required (it goes in the audit log).
        ApiCall *revoke(const QString &keyId, const QString &reason, QObject *context, Done<TrustedKey> done);

    private:
        ServerClient *m_client;
    };
} // namespace Rollout
