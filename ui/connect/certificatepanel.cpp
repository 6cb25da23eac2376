#include "certificatepanel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "rollout/certificatepin.h"

namespace
{
    QLabel *detailLabel(const QString &objectName)
    {
        auto *label = new QLabel;
        label->setObjectName(objectName);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        label->setWordWrap(true);
        return label;
    }

    QString names(const QStringList &parts)
    {
        return parts.isEmpty() ? CertificatePanel::tr("(none)") : parts.join(QStringLiteral(", "));
    }
} // namespace

CertificatePanel::CertificatePanel(QWidget *parent)
    : QGroupBox(tr("Certificate not trusted"), parent)
    , m_intro(new QLabel)
    , m_subject(detailLabel(QStringLiteral("certificateSubject")))
    , m_issuer(detailLabel(QStringLiteral("certificateIssuer")))
    , m_validity(detailLabel(QStringLiteral("certificateValidity")))
    , m_fingerprint(detailLabel(QStringLiteral("certificateFingerprint")))
    , m_problems(detailLabel(QStringLiteral("certificateProblems")))
    , m_trust(new QPushButton(tr("Trust and &pin this certificate")))
    , m_decline(new QPushButton(tr("Do&n't trust it")))
{
    m_intro->setWordWrap(true);
    m_fingerprint->setFont(QFont(QStringLiteral("monospace")));
    m_trust->setObjectName(QStringLiteral("trustCertificate"));
    m_decline->setObjectName(QStringLiteral("declineCertificate"));
    m_trust->setAutoDefault(false);
    m_decline->setAutoDefault(false);

    auto *details = new QFormLayout;
    details->addRow(tr("Issued to:"), m_subject);
    details->addRow(tr("Issued by:"), m_issuer);
    details->addRow(tr("Valid:"), m_validity);
    details->addRow(tr("SHA-256:"), m_fingerprint);
    details->addRow(tr("Problem:"), m_problems);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_decline);
    buttons->addWidget(m_trust);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(details);
    layout->addLayout(buttons);

    connect(m_trust, &QPushButton::clicked, this, &CertificatePanel::trusted);
    connect(m_decline, &QPushButton::clicked, this, &CertificatePanel::declined);
}

CertificatePanel::~CertificatePanel() = default;

void CertificatePanel::showProbe(const QString &server, const Rollout::ProbeResult &probe)
{
    m_certificate = probe.certificate;
    const QSslCertificate &certificate = probe.certificate;
    m_intro->setText(tr("Nothing this computer trusts vouches for the certificate of %1. Compare its SHA-256 "
                        "fingerprint with the one the server's administrator gives you (openssl x509 -noout "
                        "-fingerprint -sha256 -in CERT). Trust it only if they are the same: the console will then "
                        "accept this certificate, and only this one, from this server.")
                         .arg(server));
    m_subject->setText(names(certificate.subjectInfo(QSslCertificate::CommonName) + certificate.subjectInfo(QSslCertificate::Organization)));
    m_issuer->setText(names(certificate.issuerInfo(QSslCertificate::CommonName) + certificate.issuerInfo(QSslCertificate::Organization)));
    const QString format = QStringLiteral("yyyy-MM-dd HH:mm 'UTC'");
    m_validity->setText(tr("from %1 to %2").arg(certificate.effectiveDate().toUTC().toString(format),
                                                certificate.expiryDate().toUTC().toString(format)));
    // Two lines of 16 bytes: easier to compare by eye than one of 95 characters.
    const QString fingerprint = Rollout::CertificatePin::fingerprint(certificate);
    m_fingerprint->setText(fingerprint.left(48) + u'\n' + fingerprint.mid(48));
    m_problems->setText(probe.errorText());
    show();
    m_decline->setFocus();
}
