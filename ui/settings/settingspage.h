#pragma once

#include <QWidget>

class ConsoleSession;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class ServerListEditor;

// The console's settings, read from and written to the core's typed keys
// (Models::ConsoleSettings). Each field is checked as it is edited, with the
// reason next to it when refused; Apply saves only when every field is
// fine; Restore defaults puts the defaults back.
class SettingsPage final : public QWidget
{
    Q_OBJECT
public:
    explicit SettingsPage(ConsoleSession *session, QWidget *parent = nullptr);

    ServerListEditor *servers() const { return m_servers; }

public Q_SLOTS:
    // True when everything was valid and saved.
    bool apply();
    void restoreDefaults();
    // The fields as the settings hold them now.
    void load();

Q_SIGNALS:
    void applied();

private:
    QLineEdit *addFolderRow(QFormLayout *form, const QString &label, const QString &objectName, QLabel **message);
    QSpinBox *addNumberRow(QFormLayout *form, const QString &label, const QString &objectName, int maximum,
                           const QString &suffix, QLabel **message);
    QStringList interfaces() const;
    bool checkAll();
    void setStatus(bool ok, const QString &text);

    ConsoleSession *m_session;
    ServerListEditor *m_servers;
    QLineEdit *m_signingDir;
    QLabel *m_signingDirMessage = nullptr;
    QLineEdit *m_publicDir;
    QLabel *m_publicDirMessage = nullptr;
    QSpinBox *m_espotaPort;
    QLabel *m_espotaPortMessage = nullptr;
    QSpinBox *m_concurrency;
    QLabel *m_concurrencyMessage = nullptr;
    QLineEdit *m_interfaces;
    QLabel *m_interfacesMessage;
    QSpinBox *m_refresh;
    QLabel *m_refreshMessage = nullptr;
    QComboBox *m_language;
    QLabel *m_status;
};
