#pragma once

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QSslSocket>
#include <QTimer>

namespace Rollout
{
    // What a TLS server showed on first contact.
    struct ProbeResult
    {
        QSslCertificate certificate;  // the peer's own; null when no handshake got that far
        QList<QSslError> errors;      // why it is not trusted; empty when it is
        QString failure;              // no handshake at all (refused, timeout, not TLS); empty otherwise

        bool reachedServer() const { return failure.isEmpty() && !certificate.isNull(); }
        bool isTrusted() const { return reachedServer() && errors.isEmpty(); }
        // "self-signed certificate; the host name ..." for the prompt.
        QString errorText() const;
    };

    // One TLS handshake with a server to see its certificate before trusting
    // it: records the peer certificate and the verification errors, then
    // aborts, so nothing (no token) is ever sent over an unverified link.
    class CertificateProbe final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(CertificateProbe)

    public:
        static constexpr int DefaultTimeoutMs = 10000;

        explicit CertificateProbe(QObject *parent = nullptr);
        ~CertificateProbe() override;

        // finished() follows once, asynchronously.
        void start(const QString &host, quint16 port, const QList<QSslCertificate> &caCertificates,
                   int timeoutMs = DefaultTimeoutMs);
        void abort();

    Q_SIGNALS:
        void finished(const Rollout::ProbeResult &result);

    private:
        void finishSoon();

        QSslSocket m_socket;
        QTimer m_timeout;
        ProbeResult m_result;
        QString m_target;
        bool m_done = true;
    };
} // namespace Rollout
