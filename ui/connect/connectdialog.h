#pragma once

#include <QDialog>

#include "models/consolesettings.h"
#include "models/serverlistmodel.h"
#include "rollout/certificateprobe.h"
#include "rollout/serverendpoint.h"
#include "secrets/secretstore.h"
#include "servercheck.h"

class CertificatePanel;
class QCheckBox;
class QDialogButtonBox;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Discovery
{
    class MdnsBrowser;
    class MdnsTransport;
} // namespace Discovery

// Where the console connects: a rollout server found on the LAN
// (_otarollout._tcp), used before, or typed; its token from the system
// keychain or typed (and saved there if the operator wants); its TLS trust
// from a CA file, or its certificate pinned once the operator compared the
// fingerprint. "Connect" checks the server and the token and accepts with a
// ready endpoint. All of it is asynchronous.
class ConnectDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)

public:
    // Discovery listens on the loopback only unless told otherwise, so
    // nothing is sent on a network the operator did not choose.
    explicit ConnectDialog(QWidget *parent = nullptr, const QStringList &discoveryInterfaces = {QStringLiteral("lo")});
    ~ConnectDialog() override;

    // Valid once accepted.
    Rollout::ServerEndpoint endpoint() const { return m_endpoint; }
    TokenIdentity identity() const { return m_identity; }

    void setServerUrl(const QString &url);
    void reject() override;

    // The keychain's collection for the console's tokens, keyed by server URL.
    static QString keychainService() { return QStringLiteral("ota-console"); }

private:
    void buildLayout();
    void startDiscovery(const QStringList &interfaces);
    void onServerSelected();
    void onUrlEdited();
    void readStoredToken(const QUrl &server);
    void browseCaFile();
    void forgetPin();
    void connectToServer();
    void probeCertificate(const Rollout::ServerEndpoint &endpoint);
    void onProbeFinished(const Rollout::ProbeResult &probe);
    void trustShownCertificate();
    void checkServer(const Rollout::ServerEndpoint &endpoint);
    void onCheckFinished(const Result<TokenIdentity, QString> &result);
    void finishConnected();
    void setBusy(bool busy, const QString &text = {});
    void showError(const QString &text);

    Models::ConsoleSettings m_settings;
    Secrets::SecretStore m_secrets{keychainService()};
    Models::ServerListModel m_servers;
    Discovery::MdnsTransport *m_transport = nullptr;
    Discovery::MdnsBrowser *m_browser = nullptr;
    Rollout::CertificateProbe m_probe;
    ServerCheck m_check;

    QTableView *m_serverView = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_caFile = nullptr;
    QPushButton *m_browseCa = nullptr;
    QLabel *m_pinState = nullptr;
    QPushButton *m_forgetPin = nullptr;
    QFormLayout *m_form = nullptr;
    QHBoxLayout *m_pinRow = nullptr; // the pin line with its Forget button, shown while there is a pin
    QLineEdit *m_token = nullptr;
    QCheckBox *m_saveToken = nullptr;
    QLabel *m_keychainState = nullptr;
    CertificatePanel *m_certificatePanel = nullptr;
    QLabel *m_message = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_connect = nullptr;

    Rollout::ServerEndpoint m_pending; // under check
    Rollout::ServerEndpoint m_endpoint; // accepted
    TokenIdentity m_identity;
    QString m_tokenReadFor; // the URL whose stored token the field holds
};
