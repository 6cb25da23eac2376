#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "apicall.h"
#include "release.h"

namespace Rollout
{
    class ServerClient;

    // Releases: /api/v1/releases (uploading needs an operator token).
    class ReleasesApi final
    {
    public:
        explicit ReleasesApi(ServerClient *client) : m_client(client) {}

        // The image, the exact manifest bytes that were signed, and the
        // base64 signature over them. The server checks all of it; a refusal
        // (422) says which check failed.
        ApiCall *upload(const QByteArray &image, const QByteArray &manifest, const QByteArray &signatureBase64,
                        QObject *context, Done<Release> done);
        ApiCall *list(QObject *context, Done<QList<Release>> done); // newest upload first
        ApiCall *show(const QString &sha256, QObject *context, Done<Release> done);
        ApiCall *image(const QString &sha256, QObject *context, Done<QByteArray> done);

    private:
        ServerClient *m_client;
    };
} // namespace Rollout
