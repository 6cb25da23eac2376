#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include "connect/connectdialog.h"
#include "consolesession.h"
#include "mainwindow.h"
#include "models/consolesettings.h"
#include "rollout/serverclient.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    // The console's catalogue, then Qt's own (standard buttons and dialogs).
    // An installed .qm wins over the embedded one, so a corrected translation
    // can be dropped in without a rebuild. English needs no catalogue to work:
    // a missing one leaves the source strings.
    void installTranslators(QApplication &app, const QLocale &locale)
    {
        const QString installed = QCoreApplication::applicationDirPath() + u"/../share/ota-console/translations"_s;
        auto *console = new QTranslator(&app);
        if (console->load(locale, u"ota-console"_s, u"_"_s, installed)
            || console->load(locale, u"ota-console"_s, u"_"_s, u":/i18n"_s))
            QCoreApplication::installTranslator(console);
        auto *qt = new QTranslator(&app);
        if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(qt);
    }

    // --language wins over the Settings page's choice (read at start only).
    QLocale chosenLocale(const QString &option)
    {
        if (!option.isEmpty())
            return QLocale(option);
        return QLocale(Models::ConsoleSettings::localeName(Models::ConsoleSettings().language()));
    }
} // namespace

// ota-console --server URL [--token-file FILE]; the token may come from
// OTA_TOKEN instead, so it never shows in a process listing.
int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ota-rollout-console"));
    QApplication::setApplicationName(QStringLiteral("ota-console"));
    QGuiApplication::setDesktopFileName(QStringLiteral(OTA_APP_ID));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral(OTA_APP_ID)));
    // The language first, so --help and every later string are in it already.
    QCommandLineOption language(QStringLiteral("language"), QString(), QStringLiteral("code"));
    QCommandLineParser languageOnly;
    languageOnly.addOption(language);
    languageOnly.parse(QCoreApplication::arguments()); // the other options are not known here: not an error yet
    const QString languageCode = languageOnly.value(language);
    if (!languageCode.isEmpty() && languageCode != u"en"_s && languageCode != u"de"_s) {
        qCritical("ota-console: --language: '%s' is not a console language; use en or de", qPrintable(languageCode));
        return 2;
    }
    const QLocale locale = chosenLocale(languageCode);
    QLocale::setDefault(locale);
    installTranslators(app, locale);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "OTA Rollout Console"));
    parser.addHelpOption();
    const QCommandLineOption server(QStringLiteral("server"), QApplication::translate("main", "The ota-server base URL."),
                                    QStringLiteral("url"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"),
                                       QApplication::translate("main", "A file holding the API token (else OTA_TOKEN)."),
                                       QStringLiteral("file"));
    language.setDescription(QApplication::translate("main", "The language: en or de (else the one chosen in Settings)."));
    parser.addOption(server);
    parser.addOption(tokenFile);
    parser.addOption(language);
    parser.process(app);

    Rollout::ServerEndpoint endpoint;
    if (parser.isSet(server)) {
        const auto base = Rollout::ServerEndpoint::parseBase(parser.value(server));
        if (!base) {
            qCritical("ota-console: --server: %s", qPrintable(base.error()));
            return 2;
        }
        QByteArray token = qgetenv("OTA_TOKEN");
        if (parser.isSet(tokenFile)) {
            QFile file(parser.value(tokenFile));
            if (!file.open(QIODevice::ReadOnly)) {
                qCritical("ota-console: cannot read the token file %s: %s", qPrintable(file.fileName()),
                          qPrintable(file.errorString()));
                return 2;
            }
            token = file.readAll().trimmed();
        }
        endpoint.base = *base;
        endpoint.token = token;
    } else {
        // No --server: the operator picks one (found by mDNS, used before, or
        // typed), with its token and TLS trust, in the Connect dialog.
        ConnectDialog connectDialog;
        if (connectDialog.exec() != QDialog::Accepted)
            return 0;
        endpoint = connectDialog.endpoint();
    }
    Rollout::ServerClient client(endpoint);
    ConsoleSession session(&client);
    MainWindow window(&session);
    window.resize(1200, 760);
    window.show();
    return app.exec();
}
