#include "serverendpoint.h"

#include <QFile>

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    QString ServerEndpoint::displayUrl() const
    {
        return base.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
    }

    void ServerEndpoint::pinCertificate(const CertificatePin &accepted)
    {
        pin = accepted;
        if (!caCertificates.contains(accepted.certificate))
            caCertificates.append(accepted.certificate);
    }

    Result<QUrl, QString> ServerEndpoint::parseBase(const QString &text)
    {
        const QUrl url(text, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || (scheme != u"http"_s && scheme != u"https"_s) || url.host().isEmpty()) {
            return u"'%1' is not a server URL; give it as http://HOST:PORT or https://HOST:PORT "
                   u"(ota-server prints it: 'listening on ...')"_s.arg(text);
        }
        if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
            return u"'%1': a server URL has no query, fragment or user name; the token goes in --token-env or --token-file"_s.arg(text);
        return url.adjusted(QUrl::StripTrailingSlash);
    }

    Result<QList<QSslCertificate>, QString> ServerEndpoint::readCaFile(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return u"cannot read the CA file %1: %2"_s.arg(path, file.errorString());
        const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.read(4 * 1024 * 1024), QSsl::Pem);
        if (certificates.isEmpty())
            return u"%1 holds no PEM certificate (-----BEGIN CERTIFICATE-----)"_s.arg(path);
        return certificates;
    }
} // namespace Rollout
