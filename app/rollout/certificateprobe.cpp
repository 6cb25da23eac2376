#include "certificateprobe.h"

#include <QSslConfiguration>

#include "rolloutlogging.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    QString ProbeResult::errorText() const
    {
        QStringList problems;
        for (const QSslError &error : errors)
            problems.append(error.errorString());
        problems.removeDuplicates();
        return problems.join(u"; "_s);
    }

    CertificateProbe::CertificateProbe(QObject *parent) : QObject(parent)
    {
        m_timeout.setSingleShot(true);
        connect(&m_timeout, &QTimer::timeout, this, [this] {
            m_result.failure = u"no TLS handshake with %1 within %2 s; is the address right, and does it speak HTTPS?"_s.arg(
                m_target).arg(m_timeout.interval() / 1000);
            finishSoon();
        });
        // Not trusted: note why and stop here; ignoreSslErrors() is never called.
        connect(&m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            m_result.errors = errors;
            m_result.certificate = m_socket.peerCertificate();
            finishSoon();
        });
        connect(&m_socket, &QSslSocket::encrypted, this, [this] {
            m_result.certificate = m_socket.peerCertificate();
            finishSoon();
        });
        connect(&m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            if (m_done || !m_result.certificate.isNull())
                return;
            m_result.failure = u"no TLS handshake with %1: %2; is the server running, and does it speak HTTPS?"_s.arg(
                m_target, m_socket.errorString());
            finishSoon();
        });
    }

    CertificateProbe::~CertificateProbe()
    {
        m_socket.disconnect(this);
        m_socket.abort();
    }

    void CertificateProbe::start(const QString &host, quint16 port, const QList<QSslCertificate> &caCertificates,
                                 int timeoutMs)
    {
        m_socket.abort();
        m_result = ProbeResult();
        m_done = false;
        m_target = u"%1:%2"_s.arg(host).arg(port);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(caCertificates);
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        m_socket.setSslConfiguration(tls);
        m_timeout.start(timeoutMs);
        qCDebug(lcServerClient) << "probing the certificate of" << m_target;
        m_socket.connectToHostEncrypted(host, port);
    }

    void CertificateProbe::abort()
    {
        m_done = true;
        m_timeout.stop();
        m_socket.abort();
    }

    // From the event loop: the socket is not aborted inside its own signal.
    void CertificateProbe::finishSoon()
    {
        if (m_done)
            return;
        m_done = true;
        m_timeout.stop();
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_socket.abort();
                Q_EMIT finished(m_result);
            },
            Qt::QueuedConnection);
    }
} // namespace Rollout
