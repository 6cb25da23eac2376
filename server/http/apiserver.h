#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include "result.h"

class QHttpServer;

namespace Http
{
    // Who the server says it is: in /api/v1/health and the mDNS advert.
    struct ServerIdentity
    {
        QString name;           // "ota-server on build-host"
        int apiVersion = 1;
        QString softwareVersion;
    };

    struct TlsFiles
    {
        QString certificatePath; // PEM, the server's certificate (chain allowed)
        QString keyPath;         // PEM, its private key, unencrypted
    };

    // The HTTP(S) front of ota-server: one QHttpServer, the versioned API
    // under /api/v1, JSON errors for everything that is not found or not
    // allowed. Routes of the server's parts are added on http().
    class ApiServer final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(ApiServer)

    public:
        explicit ApiServer(ServerIdentity identity, QObject *parent = nullptr);
        ~ApiServer() override;

        // A 16 MiB image in base64 with its manifest: the largest request a route takes.
        static constexpr qint64 DefaultMaxBodyBytes = 24 * 1024 * 1024;

        QHttpServer &http();
        // More fields for GET /api/v1/health (e.g. whether this instance runs the engine).
        void setHealthDetails(std::function<QJsonObject()> details);
        // Requests declaring a longer body are refused before it is read
        // (RequestLimit); takes effect at the next listen().
        void setMaxBodyBytes(qint64 bytes);
        const ServerIdentity &identity() const;

        // Port 0 picks a free one. Returns the port, or why it could not
        // listen (address in use, unreadable certificate, key not matching).
        Result<quint16, QString> listen(const QHostAddress &address, quint16 port,
                                        const std::optional<TlsFiles> &tls = std::nullopt);
        bool usesTls() const;

    private:
        struct Private;
        std::unique_ptr<Private> d;
    };
} // namespace Http
