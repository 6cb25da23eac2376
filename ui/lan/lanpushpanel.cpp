#include "lanpushpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QtConcurrent/QtConcurrentRun>

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

    void showMessage(QLabel *label, const QString &text, bool failed)
    {
        label->setText(text);
        label->setStyleSheet(failed ? QStringLiteral("color: #b01c1c; font-weight: bold;") : QString());
        label->setVisible(!text.isEmpty());
    }
} // namespace

LanPushPanel::LanPushPanel(QWidget *parent) : QWidget(parent)
{
    m_imagePath = new QLineEdit;
    m_imagePath->setObjectName(QStringLiteral("imagePath"));
    m_imagePath->setReadOnly(true);
    m_imagePath->setPlaceholderText(tr("no image chosen"));
    auto *choose = new QPushButton(tr("Choose &image…"));
    choose->setObjectName(QStringLiteral("chooseImage"));
    connect(choose, &QPushButton::clicked, this, &LanPushPanel::chooseImage);
    m_imageSummary = wrappingLabel(QStringLiteral("imageSummary"));

    m_source = new QComboBox;
    m_source->setObjectName(QStringLiteral("passwordSource"));
    m_source->addItem(tr("Shared password from the keychain"), int(PasswordSource::SharedKeychain));
    m_source->addItem(tr("Each device's password from the keychain"), int(PasswordSource::PerDeviceKeychain));
    m_source->addItem(tr("Typed for this push only (not stored)"), int(PasswordSource::TypedForThisPush));
    m_password = new QLineEdit;
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("OTA password"));
    m_save = new QPushButton(tr("Sa&ve to keychain"));
    m_save->setObjectName(QStringLiteral("savePassword"));
    m_save->setToolTip(tr("Stores the typed password in the system keychain: as the shared one, or, when each "
                          "device's password is chosen, for every selected device."));
    connect(m_save, &QPushButton::clicked, this, &LanPushPanel::savePasswordRequested);
    connect(m_source, &QComboBox::currentIndexChanged, this, &LanPushPanel::updateEnabled);
    connect(m_password, &QLineEdit::textChanged, this, &LanPushPanel::updateEnabled);
    m_keychainMessage = wrappingLabel(QStringLiteral("keychainMessage"));
    m_keychainMessage->hide();

    m_concurrency = new QSpinBox;
    m_concurrency->setObjectName(QStringLiteral("concurrency"));
    m_concurrency->setRange(1, 64);
    m_concurrency->setValue(4);
    m_skipSame = new QCheckBox(tr("&Skip devices already on this version"));
    m_skipSame->setObjectName(QStringLiteral("skipSameVersion"));
    m_onlyOnline = new QCheckBox(tr("Only &online devices"));
    m_onlyOnline->setObjectName(QStringLiteral("onlyOnline"));
    m_force = new QCheckBox(tr("&Force: push even where the image check refuses"));
    m_force->setObjectName(QStringLiteral("force"));

    m_selection = wrappingLabel(QStringLiteral("selectionSummary"));
    m_push = new QPushButton(tr("&Push to selected"));
    m_push->setObjectName(QStringLiteral("push"));
    m_push->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    connect(m_push, &QPushButton::clicked, this, &LanPushPanel::pushRequested);
    m_cancel = new QPushButton(tr("&Cancel push"));
    m_cancel->setObjectName(QStringLiteral("cancelPush"));
    connect(m_cancel, &QPushButton::clicked, this, &LanPushPanel::cancelRequested);
    // Four rows under the device table, so the table keeps the full width.
    const auto buddy = [](const QString &text, QWidget *to) {
        auto *label = new QLabel(text);
        label->setBuddy(to);
        return label;
    };
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(buddy(tr("Image:"), choose), 0, 0);
    auto *imageRow = new QHBoxLayout;
    imageRow->addWidget(m_imagePath, 2);
    imageRow->addWidget(choose);
    imageRow->addWidget(m_imageSummary, 3);
    grid->addLayout(imageRow, 0, 1);
    grid->addWidget(buddy(tr("Pass&word:"), m_source), 1, 0);
    auto *passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_source);
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_save);
    grid->addLayout(passwordRow, 1, 1);
    grid->addWidget(m_keychainMessage, 2, 1);
    grid->addWidget(buddy(tr("At &once:"), m_concurrency), 3, 0);
    m_concurrency->setToolTip(tr("How many devices are pushed at the same time"));
    auto *optionsRow = new QHBoxLayout;
    optionsRow->addWidget(m_concurrency);
    optionsRow->addSpacing(12);
    optionsRow->addWidget(m_skipSame);
    optionsRow->addWidget(m_onlyOnline);
    optionsRow->addWidget(m_force);
    optionsRow->addStretch(1);
    grid->addLayout(optionsRow, 3, 1);
    auto *pushRow = new QHBoxLayout;
    pushRow->addWidget(m_selection, 1);
    pushRow->addWidget(m_push);
    pushRow->addWidget(m_cancel);
    grid->addLayout(pushRow, 4, 1);
    grid->setColumnStretch(1, 1);
    setTabOrder(choose, m_source);
    setTabOrder(m_source, m_password);
    setTabOrder(m_password, m_save);
    setTabOrder(m_save, m_concurrency);
    updateEnabled();
}

void LanPushPanel::chooseImage()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Image to push"), QString(),
                                                      tr("Firmware images (*.bin);;All files (*)"));
    if (!path.isEmpty())
        loadImage(path);
}

void LanPushPanel::loadImage(const QString &path)
{
    ++m_loading;
    m_imagePath->setText(path);
    showMessage(m_imageSummary, tr("Reading the image…"), false);
    updateEnabled();
    auto *watcher = new QFutureWatcher<Result<Espota::PushImage, QString>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        --m_loading;
        // A later choice wins over an earlier one still being read.
        if (m_imagePath->text() == path)
            imageLoaded(watcher->result());
        updateEnabled();
    });
    watcher->setFuture(QtConcurrent::run([path] { return Espota::PushImage::load(path); }));
}

void LanPushPanel::imageLoaded(const Result<Espota::PushImage, QString> &loaded)
{
    if (!loaded) {
        m_image.reset();
        showMessage(m_imageSummary, loaded.error(), true);
    } else {
        m_image = std::make_shared<const Espota::PushImage>(loaded.value());
        const QString version = m_image->version().isEmpty() ? tr("no version") : tr("version %1").arg(m_image->version());
        const QString kind = m_image->image ? tr("application image") : m_image->notAnAppReason;
        showMessage(m_imageSummary, tr("%1, %2, %3 KiB").arg(kind, version).arg((m_image->bytes.size() + 1023) / 1024),
                    false);
    }
    Q_EMIT imageChanged();
}

PasswordSource LanPushPanel::passwordSource() const
{
    return static_cast<PasswordSource>(m_source->currentData().toInt());
}

void LanPushPanel::setPasswordSource(PasswordSource source)
{
    m_source->setCurrentIndex(m_source->findData(int(source)));
}

QString LanPushPanel::typedPassword() const
{
    return m_password->text();
}

void LanPushPanel::setTypedPassword(const QString &password)
{
    m_password->setText(password);
}

void LanPushPanel::setConcurrency(int devices)
{
    m_concurrency->setValue(devices);
}

LanPushRequest LanPushPanel::request() const
{
    LanPushRequest request;
    request.image = m_image;
    request.source = passwordSource();
    request.typedPassword = m_password->text();
    request.concurrency = m_concurrency->value();
    request.skipSameVersion = m_skipSame->isChecked();
    request.onlyOnline = m_onlyOnline->isChecked();
    request.force = m_force->isChecked();
    return request;
}

void LanPushPanel::setSelectionText(const QString &text, bool canPush)
{
    m_selection->setText(text);
    m_canPush = canPush;
    updateEnabled();
}

void LanPushPanel::setRunning(bool running)
{
    m_running = running;
    updateEnabled();
}

void LanPushPanel::setKeychainMessage(const QString &text, bool failed)
{
    showMessage(m_keychainMessage, text, failed);
}

void LanPushPanel::updateEnabled()
{
    const bool typed = passwordSource() == PasswordSource::TypedForThisPush;
    m_save->setEnabled(!typed && !m_password->text().isEmpty());
    m_push->setEnabled(m_canPush && m_image && !m_running && m_loading == 0);
    m_cancel->setEnabled(m_running);
    if (!m_image)
        m_push->setToolTip(tr("Choose an image first"));
    else if (!m_canPush)
        m_push->setToolTip(tr("Select one or more devices first"));
    else
        m_push->setToolTip(tr("Push the image to the selected devices (Ctrl+Return)"));
}
