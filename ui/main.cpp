#include <QApplication>
#include <QCommandLineParser>
#include <QFile>

#include "mainwindow.h"
#include "rollout/serverclient.h"

// ota-console --server URL [--token-file FILE]; the token may come from
// OTA_TOKEN instead, so it never shows in a process listing.
int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ota-rollout-console"));
    QApplication::setApplicationName(QStringLiteral("ota-console"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "OTA Rollout Console"));
    parser.addHelpOption();
    const QCommandLineOption server(QStringLiteral("server"), QApplication::translate("main", "The ota-server base URL."),
                                    QStringLiteral("url"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"),
                                       QApplication::translate("main", "A file holding the API token (else OTA_TOKEN)."),
                                       QStringLiteral("file"));
    parser.addOption(server);
    parser.addOption(tokenFile);
    parser.process(app);

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
    Rollout::ServerEndpoint endpoint;
    endpoint.base = *base;
    endpoint.token = token;
    Rollout::ServerClient client(endpoint);
    MainWindow window(&client);
    window.resize(1200, 760);
    window.show();
    return app.exec();
}
