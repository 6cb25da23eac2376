// The console in German, offscreen: the Connect dialog and the Settings page
// built with the German catalogue installed show German text, and (with
// OTA_SCREENSHOT_DIR set) are saved as connect-de.png and settings-de.png, to
// look at whether the longer German strings fit. Neither talks to a server.
#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include "connect/connectdialog.h"
#include "consolesession.h"
#include "models/serverlistmodel.h"
#include "rollout/serverclient.h"
#include "settings/settingspage.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    void saveScreenshot(QWidget &widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("OTA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QVERIFY(widget.grab().save(QDir(dir).filePath(name)));
    }

    // The push buttons' texts, without their mnemonic marks.
    QStringList buttonTexts(const QWidget &widget)
    {
        QStringList texts;
        for (const QPushButton *button : widget.findChildren<QPushButton *>())
            texts << QString(button->text()).remove(u'&');
        return texts;
    }
} // namespace

class TestConsoleGerman final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"ota-console-tests"_s);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(u"settings"_s));
        QVERIFY(m_german.load(QLocale(u"de"_s), u"ota-console"_s, u"_"_s, QStringLiteral(OTA_QM_DIR)));
        QVERIFY(QCoreApplication::installTranslator(&m_german));
        // Qt's own catalogue too, as ota-console loads it (standard buttons),
        // where Debian's qt6-translations-l10n is installed.
        if (m_qtGerman.load(QLocale(u"de"_s), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&m_qtGerman);
    }

    void connectDialogSpeaksGerman()
    {
        ConnectDialog dialog;
        dialog.resize(900, 600);
        dialog.show();
        QCOMPARE(dialog.windowTitle(), u"Mit einem Rollout-Server verbinden"_s);
        QVERIFY2(buttonTexts(dialog).contains(u"Verbinden"_s), qPrintable(buttonTexts(dialog).join(u", "_s)));
        // A core model's tr() context is its namespaced class name: the
        // catalogue must carry it so ("Models::ServerListModel", not "ServerListModel").
        const auto *servers = dialog.findChild<QTableView *>(u"servers"_s);
        QVERIFY(servers);
        QCOMPARE(servers->model()->headerData(Models::ServerListModel::AddressColumn, Qt::Horizontal).toString(),
                 u"Adresse"_s);
        saveScreenshot(dialog, u"connect-de.png"_s);
    }

    void settingsPageSpeaksGerman()
    {
        Rollout::ServerEndpoint endpoint; // the page never talks to the server
        endpoint.base = QUrl(u"http://127.0.0.1:9"_s);
        Rollout::ServerClient client(endpoint);
        ConsoleSession session(&client);
        SettingsPage page(&session);
        page.resize(1200, 760);
        page.show();
        QVERIFY2(buttonTexts(page).contains(u"Übernehmen"_s), qPrintable(buttonTexts(page).join(u", "_s)));
        saveScreenshot(page, u"settings-de.png"_s);
    }

private:
    QTemporaryDir m_dir;
    QTranslator m_german;
    QTranslator m_qtGerman;
};

QTEST_MAIN(TestConsoleGerman)
#include "tst_consolegerman.moc"
