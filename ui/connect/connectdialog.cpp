#include "connectdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "certificatepanel.h"
#include "discovery/mdnsbrowser.h"
#include "discovery/mdnstransport.h"

namespace
{
    QLabel *wrappingLabel(const QString &objectName)
    {
        auto *label = new QLabel;
        label->setObjectName(objectName);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return label;
    }
} // namespace

ConnectDialog::ConnectDialog(QWidget *parent, const QStringList &discoveryInterfaces) : QDialog(parent)
{
    setWindowTitle(tr("Connect to a rollout server"));
    buildLayout();
    m_servers.setRecentServers(m_settings.recentServers());
    connect(&m_probe, &Rollout::CertificateProbe::finished, this, &ConnectDialog::onProbeFinished);
    connect(&m_check, &ServerCheck::finished, this, &ConnectDialog::onCheckFinished);
    startDiscovery(discoveryInterfaces);
    if (m_servers.rowCount() > 0)
        m_serverView->selectRow(0);
}

ConnectDialog::~ConnectDialog()
{
    // QDialog's destructor hides the dialog and takes the focus from the URL
    // field: its editingFinished must not reach a half-destroyed ConnectDialog.
    disconnect(m_url, nullptr, this, nullptr);
}

void ConnectDialog::buildLayout()
{
    m_serverView = new QTableView;
    m_serverView->setObjectName(QStringLiteral("servers"));
    m_serverView->setModel(&m_servers);
    m_serverView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_serverView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_serverView->verticalHeader()->hide();
    m_serverView->verticalHeader()->setDefaultSectionSize(m_serverView->fontMetrics().height() + 8);
    m_serverView->horizontalHeader()->setStretchLastSection(true);
    m_serverView->horizontalHeader()->setSectionResizeMode(Models::ServerListModel::NameColumn, QHeaderView::Stretch);
    m_serverView->horizontalHeader()->setSectionResizeMode(Models::ServerListModel::SourceColumn, QHeaderView::ResizeToContents);
    m_serverView->setColumnWidth(Models::ServerListModel::AddressColumn, 180);
    m_serverView->setColumnWidth(Models::ServerListModel::TlsColumn, 60);
    auto *serversLabel = new QLabel(tr("&Servers on the network and used before:"));
    serversLabel->setBuddy(m_serverView);

    m_url = new QLineEdit;
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setPlaceholderText(tr("https://HOST:PORT or http://HOST:PORT"));
    m_caFile = new QLineEdit;
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caFile->setPlaceholderText(tr("none: the system's CAs, or a certificate you pin"));
    m_browseCa = new QPushButton(tr("&Browse..."));
    m_browseCa->setAutoDefault(false);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile);
    caRow->addWidget(m_browseCa);
    m_pinState = wrappingLabel(QStringLiteral("pinState"));
    m_forgetPin = new QPushButton(tr("&Forget this certificate"));
    m_forgetPin->setObjectName(QStringLiteral("forgetPin"));
    m_forgetPin->setAutoDefault(false);
    auto *pinRow = new QHBoxLayout;
    pinRow->addWidget(m_pinState, 1);
    pinRow->addWidget(m_forgetPin);
    m_token = new QLineEdit;
    m_token->setObjectName(QStringLiteral("token"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("the API token (ota-server token create)"));
    m_saveToken = new QCheckBox(tr("&Keep the token in the system keychain"));
    m_saveToken->setObjectName(QStringLiteral("saveToken"));
    m_keychainState = wrappingLabel(QStringLiteral("keychainState"));

    auto *form = new QFormLayout;
    form->addRow(tr("Server &URL:"), m_url);
    auto *caLabel = new QLabel(tr("&CA file:"));
    caLabel->setBuddy(m_caFile); // a row holding a layout gets no buddy by itself
    form->addRow(caLabel, caRow);
    form->addRow(QString(), pinRow);
    m_form = form;
    m_pinRow = pinRow;
    m_form->setRowVisible(m_pinRow, false); // no empty line while there is no pin
    form->addRow(tr("&Token:"), m_token);
    form->addRow(QString(), m_saveToken);
    form->addRow(QString(), m_keychainState);

    m_certificatePanel = new CertificatePanel;
    m_certificatePanel->setObjectName(QStringLiteral("certificatePanel"));
    m_certificatePanel->hide();
    m_message = wrappingLabel(QStringLiteral("message"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_connect = m_buttons->addButton(tr("C&onnect"), QDialogButtonBox::AcceptRole);
    m_connect->setObjectName(QStringLiteral("connect"));
    m_connect->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(serversLabel);
    layout->addWidget(m_serverView, 1);
    layout->addLayout(form);
    layout->addWidget(m_certificatePanel);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    // setTabOrder() of a whole list is Qt 6.6; pairwise here.
    const QList<QWidget *> tabOrder{m_serverView, m_url, m_caFile, m_browseCa, m_token, m_saveToken, m_connect};
    for (qsizetype i = 1; i < tabOrder.size(); ++i)
        setTabOrder(tabOrder.at(i - 1), tabOrder.at(i));

    connect(m_serverView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ConnectDialog::onServerSelected);
    connect(m_url, &QLineEdit::editingFinished, this, &ConnectDialog::onUrlEdited);
    connect(m_browseCa, &QPushButton::clicked, this, &ConnectDialog::browseCaFile);
    connect(m_forgetPin, &QPushButton::clicked, this, &ConnectDialog::forgetPin);
    connect(m_connect, &QPushButton::clicked, this, &ConnectDialog::connectToServer);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);
    connect(m_certificatePanel, &CertificatePanel::trusted, this, &ConnectDialog::trustShownCertificate);
    connect(m_certificatePanel, &CertificatePanel::declined, this, [this] {
        m_certificatePanel->hide();
        setBusy(false);
        showError(tr("the server's certificate is not trusted. Give the CA file that signed it, "
                     "or compare the fingerprint and trust it."));
    });
}

void ConnectDialog::startDiscovery(const QStringList &interfaces)
{
    m_transport = new Discovery::MdnsTransport(interfaces, this);
    QString error;
    if (!m_transport->start(&error)) {
        // Typing a URL still works; say why the list stays without found servers.
        m_message->setText(tr("No servers can be found on the network: %1. Type the server's URL.").arg(error));
        return;
    }
    m_browser = new Discovery::MdnsBrowser(m_transport, {QStringLiteral("_otarollout._tcp")}, this);
    const auto add = [this](const Discovery::ServiceInstance &instance) {
        const bool first = m_servers.rowCount() == 0;
        m_servers.addAnnounced(instance);
        if (first && m_servers.rowCount() > 0 && m_url->text().isEmpty())
            m_serverView->selectRow(0);
    };
    connect(m_browser, &Discovery::MdnsBrowser::instanceAdded, this, add);
    connect(m_browser, &Discovery::MdnsBrowser::instanceUpdated, this, add);
    connect(m_browser, &Discovery::MdnsBrowser::instanceRemoved, this,
            [this](const Discovery::ServiceInstance &instance) { m_servers.removeAnnounced(instance); });
    m_browser->start();
}

void ConnectDialog::setServerUrl(const QString &url)
{
    m_url->setText(url);
    onUrlEdited();
}

void ConnectDialog::onServerSelected()
{
    const QUrl url = m_servers.url(m_serverView->currentIndex().row());
    if (url.isEmpty())
        return;
    setServerUrl(url.toString());
}

// What the console remembers of this server: its CA file, its pin, its token.
void ConnectDialog::onUrlEdited()
{
    const auto base = Rollout::ServerEndpoint::parseBase(m_url->text().trimmed());
    if (!base) {
        m_form->setRowVisible(m_pinRow, false);
        return;
    }
    m_caFile->setText(m_settings.serverCaFile(*base));
    const Rollout::CertificatePin pin = m_settings.pinnedCertificate(*base);
    m_form->setRowVisible(m_pinRow, !pin.isNull());
    m_pinState->setText(pin.isNull() ? QString()
                                     : tr("Certificate pinned on %1 (SHA-256 %2...).")
                                           .arg(pin.acceptedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")),
                                                Rollout::CertificatePin::fingerprint(pin.certificate).left(23)));
    readStoredToken(*base);
}

// A renewed certificate: the next Connect shows the new one for the operator to compare.
void ConnectDialog::forgetPin()
{
    const auto base = Rollout::ServerEndpoint::parseBase(m_url->text().trimmed());
    if (!base)
        return;
    m_settings.removePinnedCertificate(*base);
    m_form->setRowVisible(m_pinRow, false);
    setBusy(false, tr("The pinned certificate of %1 is forgotten; Connect shows the server's certificate again.")
                       .arg(base->toString()));
}

void ConnectDialog::readStoredToken(const QUrl &server)
{
    const QString key = server.toString();
    if (key == m_tokenReadFor)
        return;
    m_tokenReadFor = key;
    m_token->clear();
    m_keychainState->setText(tr("Looking in the system keychain..."));
    m_secrets.read(key, this, [this, key](const Secrets::SecretRead &read) {
        if (key != m_tokenReadFor)
            return; // the operator moved on to another server
        if (read) {
            m_token->setText(read.value());
            m_saveToken->setEnabled(true);
            m_saveToken->setChecked(true);
            m_keychainState->setText(tr("Token from the system keychain."));
            return;
        }
        const Secrets::SecretFailure &failure = read.error();
        if (failure.kind == Secrets::SecretFailure::Kind::NotFound) {
            m_saveToken->setEnabled(true);
            m_keychainState->setText(tr("No token for this server in the keychain yet."));
            return;
        }
        // No plain-text fallback: the typed token lives in this session only.
        m_saveToken->setChecked(false);
        m_saveToken->setEnabled(failure.kind != Secrets::SecretFailure::Kind::Unavailable);
        m_keychainState->setText(tr("%1 The token you type is used for this session only.").arg(failure.message));
    });
}

void ConnectDialog::browseCaFile()
{
    auto *dialog = new QFileDialog(this, tr("CA certificate (PEM)"), m_caFile->text(),
                                   tr("PEM certificates (*.pem *.crt);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) { m_caFile->setText(file); });
    dialog->open();
}

void ConnectDialog::connectToServer()
{
    m_certificatePanel->hide();
    const auto base = Rollout::ServerEndpoint::parseBase(m_url->text().trimmed());
    if (!base) {
        showError(base.error());
        m_url->setFocus();
        return;
    }
    const QByteArray token = m_token->text().trimmed().toUtf8();
    if (token.isEmpty()) {
        showError(tr("Give the API token for %1 (ota-server token create --name NAME --role operator prints one).")
                      .arg(base->toString()));
        m_token->setFocus();
        return;
    }
    Rollout::ServerEndpoint endpoint;
    endpoint.base = *base;
    endpoint.token = token;
    const QString caFile = m_caFile->text().trimmed();
    if (!caFile.isEmpty()) {
        const auto ca = Rollout::ServerEndpoint::readCaFile(caFile);
        if (!ca) {
            showError(ca.error());
            m_caFile->setFocus();
            return;
        }
        endpoint.caCertificates = *ca;
    }
    const Rollout::CertificatePin pin = m_settings.pinnedCertificate(*base);
    if (!pin.isNull())
        endpoint.pinCertificate(pin);
    if (base->scheme() == QStringLiteral("https") && pin.isNull())
        probeCertificate(endpoint);
    else
        checkServer(endpoint);
}

// First contact over TLS: see the certificate before any token is sent.
void ConnectDialog::probeCertificate(const Rollout::ServerEndpoint &endpoint)
{
    m_pending = endpoint;
    setBusy(true, tr("Looking at the certificate of %1...").arg(endpoint.displayUrl()));
    m_probe.start(endpoint.base.host(), quint16(endpoint.base.port(443)), endpoint.caCertificates);
}

void ConnectDialog::onProbeFinished(const Rollout::ProbeResult &probe)
{
    if (!probe.failure.isEmpty()) {
        setBusy(false);
        showError(probe.failure);
        return;
    }
    if (probe.isTrusted()) {
        checkServer(m_pending);
        return;
    }
    setBusy(false);
    m_message->clear();
    m_connect->setEnabled(false); // the panel's buttons decide now
    m_certificatePanel->showProbe(m_pending.displayUrl(), probe);
}

void ConnectDialog::trustShownCertificate()
{
    const Rollout::CertificatePin pin{m_certificatePanel->certificate(), QDateTime::currentDateTimeUtc()};
    m_certificatePanel->hide();
    m_settings.setPinnedCertificate(m_pending.base, pin);
    m_pending.pinCertificate(pin);
    checkServer(m_pending);
}

void ConnectDialog::checkServer(const Rollout::ServerEndpoint &endpoint)
{
    m_pending = endpoint;
    setBusy(true, tr("Connecting to %1...").arg(endpoint.displayUrl()));
    m_check.start(endpoint);
}

void ConnectDialog::onCheckFinished(const Result<TokenIdentity, QString> &result)
{
    if (!result) {
        setBusy(false);
        showError(result.error());
        return;
    }
    m_identity = result.value();
    m_settings.addRecentServer(m_pending.base);
    m_settings.setServerCaFile(m_pending.base, m_caFile->text().trimmed());
    if (!m_saveToken->isChecked()) {
        finishConnected();
        return;
    }
    setBusy(true, tr("Keeping the token in the system keychain..."));
    m_secrets.write(m_pending.base.toString(), QString::fromUtf8(m_pending.token), this,
                    [this](const std::optional<Secrets::SecretFailure> &failure) {
                        if (failure) {
                            // Connected, but say so: the operator expected it kept.
                            setBusy(false);
                            m_saveToken->setChecked(false);
                            showError(tr("The token was not kept: %1 Connect again to use it for this session only.")
                                          .arg(failure->message));
                            return;
                        }
                        finishConnected();
                    });
}

void ConnectDialog::finishConnected()
{
    m_endpoint = m_pending;
    setBusy(false, tr("Connected to %1 as %2 (%3).").arg(m_identity.serverName, m_identity.tokenName, m_identity.role));
    accept();
}

void ConnectDialog::setBusy(bool busy, const QString &text)
{
    m_connect->setEnabled(!busy);
    m_url->setEnabled(!busy);
    m_serverView->setEnabled(!busy);
    m_message->setStyleSheet(QString());
    m_message->setText(text);
}

// Esc / Cancel while busy stops the probe and the check: nothing runs on unseen.
void ConnectDialog::reject()
{
    m_probe.abort();
    m_check.abort();
    QDialog::reject();
}

void ConnectDialog::showError(const QString &text)
{
    m_message->setStyleSheet(QStringLiteral("QLabel { color: palette(text); border-left: 4px solid #c62828; padding-left: 6px; }"));
    m_message->setText(tr("Not connected: %1").arg(text));
}
