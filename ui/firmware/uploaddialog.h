#pragma once

#include <optional>

#include <QDialog>
#include <QPointer>

#include "imageinspection.h"
#include "releasesigning.h"
#include "rollout/release.h"

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
namespace Rollout
{
    class ApiCall;
    class ServerClient;
} // namespace Rollout

// Signed upload of a release: pick a .bin and see what it is, confirm its
// manifest, sign it with a passphrase-protected key (asked every time,
// never kept), upload it with progress and cancel, and show the server's
// verdict. Reading, hashing and signing run off the GUI thread.
class UploadDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit UploadDialog(Rollout::ServerClient *client, QWidget *parent = nullptr);
    ~UploadDialog() override;

    // What the Browse buttons do after their file dialog, for tests too.
    void setImagePath(const QString &path);
    void setSecureBootKeyPath(const QString &path);
    void setSigningKeyPath(const QString &path);
    bool isInspecting() const { return m_inspecting; }
    bool isBusy() const { return m_busy; }
    QString verdict() const;

Q_SIGNALS:
    void uploadStarted(); // signed; the upload call is under way (Cancel upload works now)
    void uploaded(const Rollout::Release &release);

private:
    QWidget *buildImageBox();
    QWidget *buildManifestBox();
    QWidget *buildSigningBox();
    void inspect();
    void showInspection(const ImageInspection &inspection);
    void signAndUpload();
    void upload(const ReleaseSigning &signing);
    void cancelUpload();
    void setBusy(bool busy);
    void say(const QString &text, bool bad);
    void updateActions();
    std::optional<Firmware::ReleaseManifest> manifestFromFields();

    Rollout::ServerClient *m_client;
    std::optional<ImageInspection> m_inspection;
    QString m_inspectedImagePath; // what the last inspection was asked to read
    QString m_inspectedKeyPath;
    bool m_inspecting = false;
    bool m_busy = false;
    QPointer<Rollout::ApiCall> m_call;

    QLineEdit *m_imagePath;
    QLineEdit *m_sbKeyPath;
    QLabel *m_chip;
    QLabel *m_imageVersion;
    QLabel *m_imageProject;
    QLabel *m_idf;
    QLabel *m_size;
    QLabel *m_sha256;
    QLabel *m_secureVersion;
    QLabel *m_secureBoot;
    QLineEdit *m_version;
    QLineEdit *m_project;
    QLineEdit *m_minPrevious;
    QLineEdit *m_gitCommit;
    QPlainTextEdit *m_notes;
    QLineEdit *m_keyPath;
    QLineEdit *m_passphrase;
    QProgressBar *m_progress;
    QLabel *m_verdict;
    QPushButton *m_signAndUpload;
    QPushButton *m_cancel;
};
