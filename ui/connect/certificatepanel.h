#pragma once

#include <QGroupBox>

#include "rollout/certificateprobe.h"

class QLabel;
class QPushButton;

// The certificate a server showed on first contact, when nothing the
// console trusts vouches for it: who it names, who signed it, how long it
// is valid and its SHA-256 fingerprint, to compare with what the server's
// administrator says (openssl x509 -fingerprint -sha256). Trusting it pins
// it; anything else stops here.
class CertificatePanel final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificatePanel)

public:
    explicit CertificatePanel(QWidget *parent = nullptr);
    ~CertificatePanel() override;

    void showProbe(const QString &server, const Rollout::ProbeResult &probe);
    QSslCertificate certificate() const { return m_certificate; }

Q_SIGNALS:
    void trusted();
    void declined();

private:
    QLabel *m_intro;
    QLabel *m_subject;
    QLabel *m_issuer;
    QLabel *m_validity;
    QLabel *m_fingerprint;
    QLabel *m_problems;
    QPushButton *m_trust;
    QPushButton *m_decline;
    QSslCertificate m_certificate;
};
