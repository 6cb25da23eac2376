// The console's Settings page, offscreen: fields show the settings, a bad
// value gets its reason next to the field and nothing is saved, good values
// are saved through Models::ConsoleSettings, servers are added (checked) and
// removed, Restore defaults puts the defaults back.
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "consolesession.h"
#include "models/consolesettings.h"
#include "rollout/serverclient.h"
#include "settings/serverlisteditor.h"
#include "settings/settingspage.h"

using namespace Qt::Literals::StringLiterals;
using Models::ConsoleSettings;

class TestConsoleSettingsPage : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Rollout::ServerClient> m_client;
    std::unique_ptr<ConsoleSession> m_session;

    template<typename T>
    static T *child(const QWidget &page, const char *name)
    {
        auto *widget = page.findChild<T *>(QString::fromLatin1(name));
        if (!widget)
            qFatal("no %s on the page", name);
        return widget;
    }

    static QString message(const QWidget &page, const char *name)
    {
        const auto *label = child<QLabel>(page, name);
        return label->isHidden() ? QString() : label->text();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        // Without an organisation QSettings reads and writes, but status() says AccessError.
        QCoreApplication::setOrganizationName(u"ota-console-tests"_s);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(u"settings"_s));
        // The page never talks to the server; the session only has to exist.
        Rollout::ServerEndpoint endpoint;
        endpoint.base = QUrl(u"http://127.0.0.1:9"_s);
        m_client = std::make_unique<Rollout::ServerClient>(endpoint);
        m_session = std::make_unique<ConsoleSession>(m_client.get());
    }

    void init() { ConsoleSettings().restoreDefaults(); }

    void showsTheDefaults()
    {
        SettingsPage page(m_session.get());
        QCOMPARE(child<QSpinBox>(page, "settingsEspotaPort")->value(), 3232);
        QCOMPARE(child<QSpinBox>(page, "settingsConcurrency")->value(), 4);
        QCOMPARE(child<QLineEdit>(page, "settingsInterfaces")->text(), u"lo"_s);
        QCOMPARE(child<QSpinBox>(page, "settingsRefresh")->value(), 5);
        QCOMPARE(child<QComboBox>(page, "settingsLanguage")->currentText(), u"English"_s);
        QCOMPARE(child<QLineEdit>(page, "settingsSigningDir")->text(), ConsoleSettings::defaultSigningKeyDir());
        QCOMPARE(child<QLineEdit>(page, "settingsPublicDir")->text(), ConsoleSettings::defaultPublicKeyDir());
        QCOMPARE(child<QTableView>(page, "settingsServers")->model()->rowCount(), 0);
        for (const char *name : {"settingsEspotaPortMessage", "settingsConcurrencyMessage", "settingsInterfacesMessage",
                                 "settingsRefreshMessage", "settingsSigningDirMessage", "settingsPublicDirMessage"})
            QVERIFY2(message(page, name).isEmpty(), name);
    }

    void editsAreSaved()
    {
        SettingsPage page(m_session.get());
        page.resize(1200, 760);
        page.show();
        child<QSpinBox>(page, "settingsEspotaPort")->setValue(40000);
        child<QSpinBox>(page, "settingsConcurrency")->setValue(12);
        child<QLineEdit>(page, "settingsInterfaces")->setText(u"lo, eth0"_s);
        child<QSpinBox>(page, "settingsRefresh")->setValue(20);
        child<QLineEdit>(page, "settingsSigningDir")->setText(u"/srv/ota/keys/signing"_s);
        child<QLineEdit>(page, "settingsPublicDir")->setText(u"/srv/ota/keys/public"_s);
        child<QComboBox>(page, "settingsLanguage")->setCurrentIndex(1);
        child<QLineEdit>(page, "settingsServerUrl")->setText(u"https://ota.example.net:8443"_s);
        child<QPushButton>(page, "settingsServerAdd")->click();
        QVERIFY(message(page, "settingsServerMessage").isEmpty());
        child<QLineEdit>(page, "settingsServerUrl")->setText(u"http://127.0.0.1:8080"_s);
        QTest::keyClick(child<QLineEdit>(page, "settingsServerUrl"), Qt::Key_Return);
        QCOMPARE(child<QTableView>(page, "settingsServers")->model()->rowCount(), 2);
        child<QPushButton>(page, "settingsApply")->click();
        const QString status = child<QLabel>(page, "settingsStatus")->text();
        QVERIFY2(status.startsWith(u"Saved"_s), qPrintable(status));
        QVERIFY(status.contains(u"next start"_s));
        // docs/screenshots/make-screenshots.sh sets this to save the page.
        if (const QString dir = qEnvironmentVariable("OTA_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(200);
            QVERIFY(page.grab().save(QDir(dir).filePath(u"settings.png"_s)));
        }

        const ConsoleSettings saved;
        QCOMPARE(saved.espotaPort(), 40000);
        QCOMPARE(saved.pushConcurrency(), 12);
        QCOMPARE(saved.discoveryInterfaces(), (QStringList{u"lo"_s, u"eth0"_s}));
        QCOMPARE(saved.refreshSeconds(), 20);
        QCOMPARE(saved.signingKeyDir(), u"/srv/ota/keys/signing"_s);
        QCOMPARE(saved.publicKeyDir(), u"/srv/ota/keys/public"_s);
        QCOMPARE(saved.language(), Models::ConsoleLanguage::German);
        QCOMPARE(saved.rememberedServers().size(), 2);
        QCOMPARE(saved.rememberedServers().at(1).url, QUrl(u"http://127.0.0.1:8080"_s));

        // Removing the selected server.
        auto *servers = child<QTableView>(page, "settingsServers");
        servers->selectRow(0);
        child<QPushButton>(page, "settingsServerRemove")->click();
        QCOMPARE(servers->model()->rowCount(), 1);
        QVERIFY(page.apply());
        QCOMPARE(ConsoleSettings().rememberedServers().size(), 1);
    }

    void badValuesAreRefusedNextToTheField_data()
    {
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QByteArray>("messageLabel");
        QTest::addColumn<QString>("messagePart");
        QTest::addRow("port below 1024") << QByteArray("settingsEspotaPort") << QVariant(80)
                                         << QByteArray("settingsEspotaPortMessage") << u"from 1024 to 65535"_s;
        QTest::addRow("port above 65535") << QByteArray("settingsEspotaPort") << QVariant(70000)
                                          << QByteArray("settingsEspotaPortMessage") << u"(not 70000)"_s;
        QTest::addRow("no concurrency") << QByteArray("settingsConcurrency") << QVariant(0)
                                        << QByteArray("settingsConcurrencyMessage") << u"from 1 to 64"_s;
        QTest::addRow("refresh 0") << QByteArray("settingsRefresh") << QVariant(0)
                                   << QByteArray("settingsRefreshMessage") << u"from 1 to 3600"_s;
        QTest::addRow("interface with a space") << QByteArray("settingsInterfaces") << QVariant(u"lo, eth 0"_s)
                                                << QByteArray("settingsInterfacesMessage") << u"\"eth 0\""_s;
        QTest::addRow("no interface") << QByteArray("settingsInterfaces") << QVariant(u" , "_s)
                                      << QByteArray("settingsInterfacesMessage") << u"at least one"_s;
        QTest::addRow("relative folder") << QByteArray("settingsPublicDir") << QVariant(u"keys/public"_s)
                                         << QByteArray("settingsPublicDirMessage") << u"full path"_s;
    }

    void badValuesAreRefusedNextToTheField()
    {
        QFETCH(QByteArray, field);
        QFETCH(QVariant, value);
        QFETCH(QByteArray, messageLabel);
        QFETCH(QString, messagePart);
        SettingsPage page(m_session.get());
        page.show();
        if (auto *spin = page.findChild<QSpinBox *>(QString::fromLatin1(field)))
            spin->setValue(value.toInt());
        else
            child<QLineEdit>(page, field.constData())->setText(value.toString());
        // At once, while typing.
        const QString shown = message(page, messageLabel.constData());
        QVERIFY2(shown.startsWith(u"Not accepted:"_s) && shown.contains(messagePart), qPrintable(shown));
        // A good value elsewhere is not saved either: Apply saves all or nothing.
        child<QSpinBox>(page, "settingsConcurrency")->setValue(field == "settingsConcurrency" ? 0 : 9);
        QVERIFY(!page.apply());
        QVERIFY(child<QLabel>(page, "settingsStatus")->text().startsWith(u"Nothing was saved"_s));
        QCOMPARE(ConsoleSettings().pushConcurrency(), 4);
        QCOMPARE(ConsoleSettings().espotaPort(), 3232);
    }

    void badServersAreRefused_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("ca");
        QTest::addColumn<QString>("messagePart");
        QTest::addRow("empty") << QString() << QString() << u"Enter the server's URL"_s;
        QTest::addRow("ftp") << u"ftp://ota.example.net"_s << QString() << u"must start with https://"_s;
        QTest::addRow("missing CA") << u"https://ota.example.net"_s << u"/nonexistent/ca.pem"_s << u"cannot be read"_s;
    }

    void badServersAreRefused()
    {
        QFETCH(QString, url);
        QFETCH(QString, ca);
        QFETCH(QString, messagePart);
        SettingsPage page(m_session.get());
        page.show();
        child<QLineEdit>(page, "settingsServerUrl")->setText(url);
        child<QLineEdit>(page, "settingsServerCa")->setText(ca);
        child<QPushButton>(page, "settingsServerAdd")->click();
        const QString shown = message(page, "settingsServerMessage");
        QVERIFY2(shown.contains(messagePart), qPrintable(shown));
        QCOMPARE(child<QTableView>(page, "settingsServers")->model()->rowCount(), 0);
        // The same server twice is refused as well.
        if (ca.isEmpty() && !url.isEmpty()) {
            child<QLineEdit>(page, "settingsServerUrl")->setText(u"https://ota.example.net"_s);
            child<QPushButton>(page, "settingsServerAdd")->click();
            child<QLineEdit>(page, "settingsServerUrl")->setText(u"https://ota.example.net"_s);
            child<QPushButton>(page, "settingsServerAdd")->click();
            QVERIFY(message(page, "settingsServerMessage").contains(u"already in the list"_s));
            QCOMPARE(child<QTableView>(page, "settingsServers")->model()->rowCount(), 1);
        }
    }

    void restoreDefaultsPutsThemBack()
    {
        {
            ConsoleSettings settings;
            QVERIFY(settings.setEspotaPort(40000));
            QVERIFY(settings.setDiscoveryInterfaces({u"eth0"_s}));
            settings.setLanguage(Models::ConsoleLanguage::German);
            settings.setWindowGeometry("kept");
        }
        SettingsPage page(m_session.get());
        page.show();
        QCOMPARE(child<QSpinBox>(page, "settingsEspotaPort")->value(), 40000);
        child<QSpinBox>(page, "settingsConcurrency")->setValue(0); // a bad value pending
        child<QPushButton>(page, "settingsRestore")->click();
        QCOMPARE(child<QSpinBox>(page, "settingsEspotaPort")->value(), 3232);
        QCOMPARE(child<QSpinBox>(page, "settingsConcurrency")->value(), 4);
        QVERIFY(message(page, "settingsConcurrencyMessage").isEmpty());
        QCOMPARE(child<QLineEdit>(page, "settingsInterfaces")->text(), u"lo"_s);
        QCOMPARE(child<QComboBox>(page, "settingsLanguage")->currentText(), u"English"_s);
        QVERIFY(child<QLabel>(page, "settingsStatus")->text().contains(u"Defaults restored"_s));
        const ConsoleSettings saved;
        QCOMPARE(saved.espotaPort(), 3232);
        QCOMPARE(saved.language(), Models::ConsoleLanguage::English);
        QCOMPARE(saved.windowGeometry(), QByteArray("kept"));
    }
};

QTEST_MAIN(TestConsoleSettingsPage)
#include "tst_consolesettingspage.moc"
