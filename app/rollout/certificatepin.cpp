#include "certificatepin.h"

#include <QCryptographicHash>

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    bool CertificatePin::matches(const QSslCertificate &peer) const
    {
        return !certificate.isNull() && !peer.isNull()
               && certificate.digest(QCryptographicHash::Sha256) == peer.digest(QCryptographicHash::Sha256);
    }

    QString CertificatePin::mismatch(const QSslCertificate &peer, const QString &server) const
    {
        if (matches(peer))
            return {};
        const QString now = peer.isNull() ? u"no certificate at all"_s : fingerprint(peer);
        return u"the certificate of %1 changed since you accepted it on %2: pinned SHA-256 %3, now %4; if this is "
               u"expected, remove the pin in Settings"_s.arg(server, acceptedAt.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s),
                                                           fingerprint(certificate), now);
    }

    QString CertificatePin::fingerprint(const QSslCertificate &certificate)
    {
        return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    }
} // namespace Rollout
