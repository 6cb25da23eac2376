#include "settingspage.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include "consolesession.h"
#include "models/consolesettings.h"
#include "serverlisteditor.h"
#include "settingsmessage.h"
#include "statelook.h"

using Models::ConsoleSettings;

namespace
{
    // A field and its message stacked, so the reason sits right under the value.
    QWidget *withMessage(QWidget *field, QLabel *message)
    {
        auto *box = new QWidget;
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(2);
        layout->addWidget(field);
        layout->addWidget(message);
        return box;
    }

    // QFormLayout makes the row's label a buddy of the stacked box; its
    // mnemonic must reach the field inside instead.
    void labelFocuses(QFormLayout *form, QWidget *box, QWidget *field)
    {
        if (auto *caption = qobject_cast<QLabel *>(form->labelForField(box)))
            caption->setBuddy(field);
    }
} // namespace

SettingsPage::SettingsPage(ConsoleSession *session, QWidget *parent) : QWidget(parent), m_session(session)
{
    auto *content = new QWidget;
    auto *columns = new QHBoxLayout(content);

    auto *left = new QVBoxLayout;
    auto *serversBox = new QGroupBox(tr("Servers"));
    auto *serversLayout = new QVBoxLayout(serversBox);
    m_servers = new ServerListEditor;
    serversLayout->addWidget(m_servers);
    left->addWidget(serversBox);

    auto *keysBox = new QGroupBox(tr("Keys"));
    auto *keys = new QFormLayout(keysBox);
    m_signingDir = addFolderRow(keys, tr("&Signing keys:"), QStringLiteral("settingsSigningDir"), &m_signingDirMessage);
    m_publicDir = addFolderRow(keys, tr("&Public keys:"), QStringLiteral("settingsPublicDir"), &m_publicDirMessage);
    left->addWidget(keysBox);
    left->addStretch(1);

    auto *right = new QVBoxLayout;
    auto *lanBox = new QGroupBox(tr("LAN devices"));
    auto *lan = new QFormLayout(lanBox);
    // Ranges wider than the valid ones, so the core's check (not the spin
    // box's silent clamp) says what is wrong with a value.
    m_espotaPort = addNumberRow(lan, tr("&espota port:"), QStringLiteral("settingsEspotaPort"), 99999, QString(),
                                &m_espotaPortMessage);
    m_espotaPort->setToolTip(tr("The local port ArduinoOTA devices connect back to for the image."));
    m_concurrency = addNumberRow(lan, tr("Push &concurrency:"), QStringLiteral("settingsConcurrency"), 999,
                                 tr(" devices"), &m_concurrencyMessage);
    m_interfaces = new QLineEdit;
    m_interfaces->setObjectName(QStringLiteral("settingsInterfaces"));
    m_interfaces->setPlaceholderText(tr("lo, eth0, wlan0"));
    m_interfaces->setToolTip(tr("Where LAN discovery listens, separated by commas. Only lo keeps it on this machine."));
    m_interfacesMessage = SettingsMessage::make(QStringLiteral("settingsInterfacesMessage"));
    lan->addRow(tr("Discovery &interfaces:"), withMessage(m_interfaces, m_interfacesMessage));
    labelFocuses(lan, m_interfaces->parentWidget(), m_interfaces);
    right->addWidget(lanBox);

    auto *consoleBox = new QGroupBox(tr("Console"));
    auto *console = new QFormLayout(consoleBox);
    m_refresh = addNumberRow(console, tr("&Refresh every:"), QStringLiteral("settingsRefresh"), 99999, tr(" s"),
                             &m_refreshMessage);
    m_refresh->setToolTip(tr("How often the server is polled while its event stream is down; applies at the next connection."));
    m_language = new QComboBox;
    m_language->setObjectName(QStringLiteral("settingsLanguage"));
    m_language->addItem(tr("English"), int(Models::ConsoleLanguage::English));
    m_language->addItem(QStringLiteral("Deutsch"), int(Models::ConsoleLanguage::German));
    auto *languageNote = new QLabel(tr("A new language applies at the next start of the console."));
    languageNote->setWordWrap(true);
    console->addRow(tr("&Language:"), withMessage(m_language, languageNote));
    labelFocuses(console, m_language->parentWidget(), m_language);
    languageNote->show();
    right->addWidget(consoleBox);
    right->addStretch(1);

    columns->addLayout(left, 3);
    columns->addLayout(right, 2);

    auto *scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *applyButton = new QPushButton(tr("&Apply"));
    applyButton->setObjectName(QStringLiteral("settingsApply"));
    applyButton->setDefault(true);
    auto *restore = new QPushButton(tr("Restore &defaults"));
    restore->setObjectName(QStringLiteral("settingsRestore"));
    restore->setToolTip(tr("Puts every setting on this page back to its default and saves it."));
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("settingsStatus"));
    m_status->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(restore);
    buttons->addWidget(applyButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);

    connect(applyButton, &QPushButton::clicked, this, &SettingsPage::apply);
    connect(restore, &QPushButton::clicked, this, &SettingsPage::restoreDefaults);
    connect(m_interfaces, &QLineEdit::textChanged, this, [this] {
        SettingsMessage::show(m_interfacesMessage, ConsoleSettings::checkDiscoveryInterfaces(interfaces()));
    });
    connect(m_signingDir, &QLineEdit::textChanged, this, [this](const QString &dir) {
        SettingsMessage::show(m_signingDirMessage, ConsoleSettings::checkKeyDir(dir));
    });
    connect(m_publicDir, &QLineEdit::textChanged, this, [this](const QString &dir) {
        SettingsMessage::show(m_publicDirMessage, ConsoleSettings::checkKeyDir(dir));
    });
    connect(m_espotaPort, &QSpinBox::valueChanged, this, [this](int port) {
        SettingsMessage::show(m_espotaPortMessage, ConsoleSettings::checkEspotaPort(port));
    });
    connect(m_concurrency, &QSpinBox::valueChanged, this, [this](int devices) {
        SettingsMessage::show(m_concurrencyMessage, ConsoleSettings::checkPushConcurrency(devices));
    });
    connect(m_refresh, &QSpinBox::valueChanged, this, [this](int seconds) {
        SettingsMessage::show(m_refreshMessage, ConsoleSettings::checkRefreshSeconds(seconds));
    });
    load();
}

QLineEdit *SettingsPage::addFolderRow(QFormLayout *form, const QString &label, const QString &objectName,
                                      QLabel **message)
{
    auto *field = new QLineEdit;
    field->setObjectName(objectName);
    auto *browse = new QPushButton(tr("Browse..."));
    browse->setObjectName(objectName + QStringLiteral("Browse"));
    connect(browse, &QPushButton::clicked, field, [this, field] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a folder"), field->text());
        if (!dir.isEmpty())
            field->setText(dir);
    });
    auto *row = new QWidget;
    auto *rowLayout = new QHBoxLayout(row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    rowLayout->addWidget(field, 1);
    rowLayout->addWidget(browse);
    *message = SettingsMessage::make(objectName + QStringLiteral("Message"));
    form->addRow(label, withMessage(row, *message));
    labelFocuses(form, row->parentWidget(), field);
    return field;
}

QSpinBox *SettingsPage::addNumberRow(QFormLayout *form, const QString &label, const QString &objectName, int maximum,
                                     const QString &suffix, QLabel **message)
{
    auto *field = new QSpinBox;
    field->setObjectName(objectName);
    field->setRange(0, maximum);
    field->setSuffix(suffix);
    *message = SettingsMessage::make(objectName + QStringLiteral("Message"));
    form->addRow(label, withMessage(field, *message));
    labelFocuses(form, field->parentWidget(), field);
    return field;
}

void SettingsPage::load()
{
    const ConsoleSettings settings;
    m_servers->setServers(settings.rememberedServers());
    m_signingDir->setText(settings.signingKeyDir());
    m_publicDir->setText(settings.publicKeyDir());
    m_espotaPort->setValue(settings.espotaPort());
    m_concurrency->setValue(settings.pushConcurrency());
    m_interfaces->setText(settings.discoveryInterfaces().join(QStringLiteral(", ")));
    m_refresh->setValue(settings.refreshSeconds());
    m_language->setCurrentIndex(m_language->findData(int(settings.language())));
}

QStringList SettingsPage::interfaces() const
{
    QStringList names = m_interfaces->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &name : names)
        name = name.trimmed();
    names.removeAll(QString());
    return names;
}

bool SettingsPage::checkAll()
{
    bool ok = true;
    const auto note = [&ok](QLabel *message, const Models::SettingCheck &check) {
        SettingsMessage::show(message, check);
        ok = ok && bool(check);
    };
    note(m_signingDirMessage, ConsoleSettings::checkKeyDir(m_signingDir->text()));
    note(m_publicDirMessage, ConsoleSettings::checkKeyDir(m_publicDir->text()));
    note(m_espotaPortMessage, ConsoleSettings::checkEspotaPort(m_espotaPort->value()));
    note(m_concurrencyMessage, ConsoleSettings::checkPushConcurrency(m_concurrency->value()));
    note(m_interfacesMessage, ConsoleSettings::checkDiscoveryInterfaces(interfaces()));
    note(m_refreshMessage, ConsoleSettings::checkRefreshSeconds(m_refresh->value()));
    return ok;
}

bool SettingsPage::apply()
{
    if (!checkAll()) {
        setStatus(false, tr("Nothing was saved: correct the fields marked \"Not accepted\" first."));
        return false;
    }
    ConsoleSettings settings;
    // Checked above: none of these refuses now.
    const QList<Models::SettingCheck> results{
        settings.setRememberedServers(m_servers->servers()), settings.setSigningKeyDir(m_signingDir->text()),
        settings.setPublicKeyDir(m_publicDir->text()),       settings.setEspotaPort(m_espotaPort->value()),
        settings.setPushConcurrency(m_concurrency->value()), settings.setDiscoveryInterfaces(interfaces()),
    };
    settings.setRefreshSeconds(m_refresh->value());
    settings.setLanguage(Models::ConsoleLanguage(m_language->currentData().toInt()));
    for (const Models::SettingCheck &result : results) {
        if (!result) {
            setStatus(false, result.error());
            return false;
        }
    }
    if (auto synced = settings.sync(); !synced) {
        setStatus(false, synced.error());
        return false;
    }
    setStatus(true, tr("Saved. The refresh interval applies at the next connection, the language at the next start."));
    Q_EMIT applied();
    return true;
}

void SettingsPage::restoreDefaults()
{
    ConsoleSettings settings;
    settings.restoreDefaults();
    if (auto synced = settings.sync(); !synced) {
        setStatus(false, synced.error());
        return;
    }
    load();
    setStatus(true, tr("Defaults restored and saved."));
    Q_EMIT applied();
}

void SettingsPage::setStatus(bool ok, const QString &text)
{
    const StateLook look = StateLook::of(ok ? Models::StateKind::Good : Models::StateKind::Bad);
    m_status->setText(text);
    m_status->setStyleSheet(QStringLiteral("color: %1;").arg(look.colour.name()));
}
