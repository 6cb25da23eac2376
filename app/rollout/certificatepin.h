#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QSslCertificate>
#include <QString>

#include "result.h"

namespace Rollout
{
    // A server certificate the operator accepted by its fingerprint on first
    // contact (a self-signed one, say). With a pin the client trusts exactly
    // this certificate for that server and refuses any other one loudly, even
    // one a public CA signed: a changed certificate is either a planned
    // renewal (remove the pin) or someone in between.
    struct CertificatePin
    {
        QSslCertificate certificate;
        QDateTime acceptedAt; // UTC

        bool isNull() const { return certificate.isNull(); }
        bool matches(const QSslCertificate &peer) const;
        // Why peer is refused, for a person; empty when it matches.
        QString mismatch(const QSslCertificate &peer, const QString &server) const;

        // "AB:CD:..": the SHA-256 of the DER form, as browsers and openssl show it.
        static QString fingerprint(const QSslCertificate &certificate);
    };
} // namespace Rollout
