#include "uploaddialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "firmware/cryptothread.h"
#include "firmware/manifestoverrides.h"
#include "rollout/serverclient.h"

namespace
{
    QLabel *valueLabel(const QString &objectName)
    {
        auto *label = new QLabel;
        label->setObjectName(objectName);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setWordWrap(true);
        return label;
    }

    // A path field with its Browse button; the button fills the field.
    QWidget *pathRow(QLineEdit *field, QPushButton *browse)
    {
        auto *row = new QWidget;
        auto *layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(field, 1);
        layout->addWidget(browse);
        return row;
    }

    // A Browse button that asks for a file and hands the chosen path on.
    template<typename Picked>
    QPushButton *browseButton(const QString &text, QWidget *owner, QLineEdit *field, const QString &title,
                              const QString &filter, Picked picked)
    {
        auto *button = new QPushButton(text);
        QObject::connect(button, &QPushButton::clicked, owner, [=] {
            const QString path = QFileDialog::getOpenFileName(owner, title, field->text(), filter);
            if (!path.isEmpty())
                picked(path);
        });
        return button;
    }

    std::optional<QString> setOrNone(const QLineEdit *field)
    {
        const QString text = field->text().trimmed();
        return text.isEmpty() ? std::nullopt : std::optional<QString>(text);
    }
} // namespace

UploadDialog::UploadDialog(Rollout::ServerClient *client, QWidget *parent) : QDialog(parent), m_client(client)
{
    setWindowTitle(tr("Upload a signed release"));
    setObjectName(QStringLiteral("uploadDialog"));
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("uploadProgress"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%p% sent"));
    m_verdict = valueLabel(QStringLiteral("uploadVerdict"));
    m_signAndUpload = new QPushButton(tr("&Sign and upload"));
    m_signAndUpload->setObjectName(QStringLiteral("signAndUpload"));
    m_signAndUpload->setDefault(true);
    m_cancel = new QPushButton(tr("Cance&l upload"));
    m_cancel->setObjectName(QStringLiteral("cancelUpload"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_signAndUpload, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_signAndUpload, &QPushButton::clicked, this, &UploadDialog::signAndUpload);
    connect(m_cancel, &QPushButton::clicked, this, &UploadDialog::cancelUpload);

    auto *columns = new QHBoxLayout;
    columns->addWidget(buildImageBox(), 1);
    auto *right = new QVBoxLayout;
    right->addWidget(buildManifestBox());
    right->addWidget(buildSigningBox());
    right->addStretch(1);
    columns->addLayout(right, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(m_progress);
    layout->addWidget(m_verdict);
    layout->addWidget(buttons);
    setTabOrder(m_imagePath, m_sbKeyPath);
    setTabOrder(m_sbKeyPath, m_version);
    setTabOrder(m_version, m_project);
    setTabOrder(m_project, m_minPrevious);
    setTabOrder(m_minPrevious, m_gitCommit);
    setTabOrder(m_gitCommit, m_notes);
    setTabOrder(m_notes, m_keyPath);
    setTabOrder(m_keyPath, m_passphrase);
    setTabOrder(m_passphrase, m_signAndUpload);
    say(tr("Pick an application image (.bin) to see what it is."), false);
    updateActions();
}

UploadDialog::~UploadDialog()
{
    // QDialog's destructor hides the dialog, which takes the focus from a
    // path field: its editingFinished would then call inspect() on a
    // dialog that is no longer an UploadDialog (UBSan: bad downcast).
    disconnect(m_imagePath, nullptr, this, nullptr);
    disconnect(m_sbKeyPath, nullptr, this, nullptr);
    if (m_call)
        m_call->abort();
}

QWidget *UploadDialog::buildImageBox()
{
    auto *box = new QGroupBox(tr("Image"));
    auto *form = new QFormLayout(box);
    m_imagePath = new QLineEdit;
    m_imagePath->setObjectName(QStringLiteral("imagePath"));
    m_imagePath->setPlaceholderText(tr("firmware.bin"));
    auto *browse = browseButton(tr("&Browse..."), this, m_imagePath, tr("Application image"),
                                tr("ESP application images (*.bin);;All files (*)"),
                                [this](const QString &path) { setImagePath(path); });
    connect(m_imagePath, &QLineEdit::editingFinished, this, &UploadDialog::inspect);
    auto *fileLabel = new QLabel(tr("&File:"));
    fileLabel->setBuddy(m_imagePath);
    form->addRow(fileLabel, pathRow(m_imagePath, browse));
    m_chip = valueLabel(QStringLiteral("imageChip"));
    m_imageVersion = valueLabel(QStringLiteral("imageVersion"));
    m_imageProject = valueLabel(QStringLiteral("imageProject"));
    m_idf = valueLabel(QStringLiteral("imageIdf"));
    m_size = valueLabel(QStringLiteral("imageSize"));
    m_sha256 = valueLabel(QStringLiteral("imageSha256"));
    m_secureVersion = valueLabel(QStringLiteral("imageSecureVersion"));
    m_secureBoot = valueLabel(QStringLiteral("imageSecureBoot"));
    form->addRow(tr("Chip:"), m_chip);
    form->addRow(tr("Version:"), m_imageVersion);
    form->addRow(tr("Project:"), m_imageProject);
    form->addRow(tr("ESP-IDF:"), m_idf);
    form->addRow(tr("Size:"), m_size);
    form->addRow(tr("SHA-256:"), m_sha256);
    form->addRow(tr("Secure version:"), m_secureVersion);
    form->addRow(tr("Secure Boot V2:"), m_secureBoot);
    m_sbKeyPath = new QLineEdit;
    m_sbKeyPath->setObjectName(QStringLiteral("secureBootKeyPath"));
    m_sbKeyPath->setPlaceholderText(tr("public key (PEM) to check the Secure Boot V2 block"));
    auto *browseKey = browseButton(tr("B&rowse..."), this, m_sbKeyPath, tr("Secure Boot V2 public key"),
                                   tr("PEM files (*.pem);;All files (*)"),
                                   [this](const QString &path) { setSecureBootKeyPath(path); });
    connect(m_sbKeyPath, &QLineEdit::editingFinished, this, &UploadDialog::inspect);
    auto *keyLabel = new QLabel(tr("Secure Boot &key:"));
    keyLabel->setBuddy(m_sbKeyPath);
    form->addRow(keyLabel, pathRow(m_sbKeyPath, browseKey));
    return box;
}

QWidget *UploadDialog::buildManifestBox()
{
    auto *box = new QGroupBox(tr("Manifest (what devices are told)"));
    auto *form = new QFormLayout(box);
    m_version = new QLineEdit;
    m_version->setObjectName(QStringLiteral("manifestVersion"));
    m_project = new QLineEdit;
    m_project->setObjectName(QStringLiteral("manifestProject"));
    m_minPrevious = new QLineEdit;
    m_minPrevious->setObjectName(QStringLiteral("manifestMinPrevious"));
    m_minPrevious->setPlaceholderText(tr("optional: oldest version that may update to this one"));
    m_gitCommit = new QLineEdit;
    m_gitCommit->setObjectName(QStringLiteral("manifestGitCommit"));
    m_gitCommit->setPlaceholderText(tr("optional: 7 to 40 hex digits"));
    m_notes = new QPlainTextEdit;
    m_notes->setObjectName(QStringLiteral("manifestNotes"));
    m_notes->setTabChangesFocus(true);
    m_notes->setFixedHeight(m_notes->fontMetrics().height() * 4);
    const auto addRow = [form](const QString &text, QWidget *field) {
        auto *label = new QLabel(text);
        label->setBuddy(field);
        form->addRow(label, field);
    };
    addRow(tr("&Version:"), m_version);
    addRow(tr("&Project:"), m_project);
    addRow(tr("&Minimum previous:"), m_minPrevious);
    addRow(tr("&Git commit:"), m_gitCommit);
    addRow(tr("&Notes:"), m_notes);
    return box;
}

QWidget *UploadDialog::buildSigningBox()
{
    auto *box = new QGroupBox(tr("Signing"));
    auto *form = new QFormLayout(box);
    m_keyPath = new QLineEdit;
    m_keyPath->setObjectName(QStringLiteral("signingKeyPath"));
    m_keyPath->setPlaceholderText(tr("your private key (PEM, passphrase-protected)"));
    auto *browse = browseButton(tr("Bro&wse..."), this, m_keyPath, tr("Signing key"),
                                tr("PEM files (*.pem);;All files (*)"),
                                [this](const QString &path) { setSigningKeyPath(path); });
    auto *keyLabel = new QLabel(tr("Signing &key:"));
    keyLabel->setBuddy(m_keyPath);
    form->addRow(keyLabel, pathRow(m_keyPath, browse));
    m_passphrase = new QLineEdit;
    m_passphrase->setObjectName(QStringLiteral("passphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setPlaceholderText(tr("asked every time, never stored"));
    auto *passLabel = new QLabel(tr("P&assphrase:"));
    passLabel->setBuddy(m_passphrase);
    form->addRow(passLabel, m_passphrase);
    return box;
}

void UploadDialog::setImagePath(const QString &path)
{
    m_imagePath->setText(path);
    inspect();
}

void UploadDialog::setSecureBootKeyPath(const QString &path)
{
    m_sbKeyPath->setText(path);
    inspect();
}

void UploadDialog::setSigningKeyPath(const QString &path)
{
    m_keyPath->setText(path);
}

QString UploadDialog::verdict() const
{
    return m_verdict->text();
}

void UploadDialog::say(const QString &text, bool bad)
{
    m_verdict->setText(text);
    QPalette palette = m_verdict->palette();
    palette.setColor(QPalette::WindowText, bad ? QColor(0xb0, 0x1c, 0x1c) : palette.color(QPalette::Text));
    m_verdict->setPalette(palette);
}

void UploadDialog::updateActions()
{
    m_signAndUpload->setEnabled(!m_busy && !m_inspecting && m_inspection && m_inspection->image);
    m_signAndUpload->setToolTip(m_signAndUpload->isEnabled() ? tr("Sign the manifest with your key and upload")
                                                             : tr("Pick an application image first"));
    m_cancel->setEnabled(m_busy && m_call);
}

void UploadDialog::setBusy(bool busy)
{
    m_busy = busy;
    updateActions();
}

void UploadDialog::inspect()
{
    const QString path = m_imagePath->text().trimmed();
    const QString keyPath = m_sbKeyPath->text().trimmed();
    // Leaving a field unchanged (focus moving on) is no reason to read again.
    if (path.isEmpty() || m_busy || (path == m_inspectedImagePath && keyPath == m_inspectedKeyPath))
        return;
    m_inspectedImagePath = path;
    m_inspectedKeyPath = keyPath;
    m_inspecting = true;
    m_inspection.reset();
    updateActions();
    say(tr("Reading %1...").arg(path), false);
    auto *watcher = new QFutureWatcher<ImageInspection>(this);
    connect(watcher, &QFutureWatcher<ImageInspection>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const ImageInspection inspection = watcher->result();
        // A newer pick supersedes this one.
        if (inspection.path != m_imagePath->text().trimmed())
            return;
        m_inspecting = false;
        showInspection(inspection);
    });
    watcher->setFuture(QtConcurrent::run(Firmware::OpenSsl::releasingThreadState([path, keyPath] {
        return ImageInspection::inspect(path, keyPath);
    })));
}

void UploadDialog::showInspection(const ImageInspection &inspection)
{
    const QList<QLabel *> facts{m_chip, m_imageVersion, m_imageProject, m_idf, m_size, m_sha256, m_secureVersion, m_secureBoot};
    for (QLabel *label : facts)
        label->clear();
    if (!inspection.image) {
        m_inspection.reset();
        say(tr("Not an image that can be released, nothing will be sent: %1").arg(inspection.error), true);
        updateActions();
        return;
    }
    const Firmware::FirmwareImage &image = *inspection.image;
    const bool hadImage = m_inspection.has_value();
    const bool sameFile = hadImage && m_inspection->image->fileSha256 == image.fileSha256;
    m_inspection = inspection;
    const auto &app = image.appDescriptor;
    m_chip->setText(image.chip.name);
    m_imageVersion->setText(app ? app->version : tr("none (ESP8266 images carry none)"));
    m_imageProject->setText(app ? app->projectName : tr("none"));
    m_idf->setText(app ? app->idfVersion : tr("unknown"));
    m_size->setText(tr("%1 (%2 bytes)")
                        .arg(QLocale().formattedDataSize(image.fileSize, 1, QLocale::DataSizeIecFormat))
                        .arg(image.fileSize));
    m_sha256->setText(QString::fromLatin1(image.fileSha256.toHex()));
    m_secureVersion->setText(app ? QString::number(app->secureVersion) : tr("0 (none)"));
    m_secureBoot->setText(inspection.secureBoot);
    if (!sameFile) {
        // Pre-filled from the image; the operator may correct them (Arduino
        // builds carry the core's id as version).
        const Firmware::ReleaseManifest prefilled = Firmware::ReleaseManifest::fromImage(image);
        m_version->setText(prefilled.version);
        m_project->setText(prefilled.project);
    }
    say(tr("An application image for %1. Check the manifest, choose your signing key and type its passphrase.")
            .arg(image.chip.name),
        false);
    updateActions();
}

std::optional<Firmware::ReleaseManifest> UploadDialog::manifestFromFields()
{
    Firmware::ManifestOverrides overrides;
    overrides.version = m_version->text().trimmed();
    overrides.project = m_project->text().trimmed();
    overrides.minPreviousVersion = setOrNone(m_minPrevious);
    overrides.gitCommit = setOrNone(m_gitCommit);
    const QString notes = m_notes->toPlainText();
    if (!notes.trimmed().isEmpty())
        overrides.notes = notes;
    Firmware::ReleaseManifest manifest = Firmware::ReleaseManifest::fromImage(*m_inspection->image, overrides);
    if (const auto valid = manifest.validate(); !valid) {
        say(tr("The manifest is not valid, nothing was sent: %1").arg(valid.error().message), true);
        return std::nullopt;
    }
    return manifest;
}

void UploadDialog::signAndUpload()
{
    if (!m_inspection || !m_inspection->image) {
        say(tr("Pick an application image first; nothing was sent."), true);
        return;
    }
    const QString keyPath = m_keyPath->text().trimmed();
    if (keyPath.isEmpty()) {
        say(tr("Choose your signing key (a PEM file); nothing was sent."), true);
        m_keyPath->setFocus();
        return;
    }
    if (m_passphrase->text().isEmpty()) {
        say(tr("Type the signing key's passphrase; nothing was sent."), true);
        m_passphrase->setFocus();
        return;
    }
    const std::optional<Firmware::ReleaseManifest> manifest = manifestFromFields();
    if (!manifest)
        return;
    QByteArray passphrase = m_passphrase->text().toUtf8();
    m_passphrase->clear(); // asked each time: the next attempt types it again
    setBusy(true);
    m_progress->setValue(0);
    say(tr("Signing..."), false);
    auto *watcher = new QFutureWatcher<ReleaseSigning>(this);
    connect(watcher, &QFutureWatcher<ReleaseSigning>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const ReleaseSigning signing = watcher->result();
        if (!signing.error.isEmpty()) {
            setBusy(false);
            say(signing.error, true);
            m_passphrase->setFocus();
            return;
        }
        upload(signing);
    });
    watcher->setFuture(QtConcurrent::run(Firmware::OpenSsl::releasingThreadState([manifest = *manifest, keyPath, passphrase]() mutable {
        // Moved, so the copy ReleaseSigning::sign wipes is the only one.
        return ReleaseSigning::sign(manifest, keyPath, std::move(passphrase));
    })));
    passphrase.fill('\0');
}

void UploadDialog::upload(const ReleaseSigning &signing)
{
    say(tr("Signed by key %1; uploading...").arg(signing.keyId.left(8)), false);
    m_call = m_client->releases().upload(
        m_inspection->bytes, signing.manifestBytes, signing.signatureBase64, this,
        [this](const Result<Rollout::Release, Rollout::ApiError> &answer) {
            m_call.clear();
            setBusy(false);
            if (!answer) {
                if (answer.error().kind == Rollout::ApiError::Kind::Aborted) {
                    m_progress->setValue(0);
                    say(tr("Upload cancelled; the server kept nothing."), true);
                } else {
                    say(tr("The server refused the upload: %1").arg(answer.error().text()), true);
                }
                return;
            }
            const Rollout::Release &release = answer.value();
            m_progress->setValue(100);
            say(tr("Accepted: %1 %2 (SHA-256 %3), signed by trusted key %4%5.")
                    .arg(release.project, release.version, release.sha256.left(16), release.keyId.left(8),
                         release.startable ? QString() : tr(", which is revoked: it cannot start rollouts")),
                false);
            Q_EMIT uploaded(release);
        });
    connect(m_call, &Rollout::ApiCall::uploadProgress, m_progress, [this](qint64 sent, qint64 total) {
        if (total > 0)
            m_progress->setValue(int(sent * 100 / total));
    });
    updateActions();
    Q_EMIT uploadStarted();
}

void UploadDialog::cancelUpload()
{
    if (m_call)
        m_call->abort();
}
