#pragma once

#include <QDir>
#include <QFile>
#include <QSslCertificate>
#include <QString>

#include "opensslcli.h"

namespace TestSupport
{
    // A self-signed EC certificate for 127.0.0.1 (subjectAltName IP) made
    // by the openssl CLI in dir: NAME.pem and NAME-key.pem. Null when it failed.
    inline QSslCertificate makeSelfSignedCertificate(const QString &dir, const QString &name, QString *error)
    {
        const OpenSslCli::Run run = OpenSslCli::run(
            dir, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                  QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                  QStringLiteral("-keyout"), name + QStringLiteral("-key.pem"), QStringLiteral("-out"),
                  name + QStringLiteral(".pem"), QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-subj"),
                  QStringLiteral("/CN=") + name + QStringLiteral("/O=OTA test"), QStringLiteral("-addext"),
                  QStringLiteral("subjectAltName=IP:127.0.0.1")});
        if (!run.succeeded()) {
            *error = QString::fromUtf8(run.errors);
            return QSslCertificate();
        }
        QFile file(QDir(dir).filePath(name + QStringLiteral(".pem")));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = file.errorString();
            return QSslCertificate();
        }
        return QSslCertificate(file.readAll(), QSsl::Pem);
    }
} // namespace TestSupport
