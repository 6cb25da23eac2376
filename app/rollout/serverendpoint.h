#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include "certificatepin.h"
#include "result.h"

namespace Rollout
{
    // Where an ota-server is and how to talk to it: its base URL, the bearer
    // token (never logged), extra CA certificates to trust for its TLS
    // certificate besides the system's, and how long a call may stay silent.
    struct ServerEndpoint
    {
        static constexpr int DefaultTimeoutMs = 30000;

        QUrl base; // http(s)://host:port, optionally with a path prefix (a reverse proxy)
        QByteArray token;
        QList<QSslCertificate> caCertificates;
        int timeoutMs = DefaultTimeoutMs;
        // A certificate the operator accepted: trusted, and the only one
        // accepted for this server (ApiCall and EventStream refuse others).
        CertificatePin pin;

        // Pins certificate: it joins caCertificates so the handshake verifies.
        void pinCertificate(const CertificatePin &accepted);

        // "http://127.0.0.1:8080": the base as people wrote it, for messages.
        QString displayUrl() const;

        // An http:// or https:// URL with a host and nothing after the path.
        static Result<QUrl, QString> parseBase(const QString &text);
        // The PEM certificates of a CA file; an error when it holds none.
        static Result<QList<QSslCertificate>, QString> readCaFile(const QString &path);
    };
} // namespace Rollout
