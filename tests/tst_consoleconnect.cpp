// The Connect dialog against the real ota-server: a server announced by mDNS
// on lo is listed; a bad URL and a wrong token get their messages; a token
// is kept in the system keychain (a private D-Bus session with
// gnome-keyring, started here) and offered again; HTTPS with a self-signed
// certificate shows its fingerprint, trusting it pins it and connects; the
// server restarted with another certificate is refused as "changed", by the
// dialog and by the event stream.
#include <QAbstractItemModel>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "consolesettingsdir.h"
#include "connect/certificatepanel.h"
#include "connect/connectdialog.h"
#include "models/consolesettings.h"
#include "rollout/eventstream.h"
#include "selfsignedcert.h"
#include "serverprocess.h"

using namespace Qt::Literals::StringLiterals;
using TestSupport::ServerProcess;

namespace
{
    constexpr int ServerWaitMs = 60000;
    const QString AnnouncedName = u"Connect test server"_s;

    template<typename T>
    T *child(QWidget &parent, const QString &name)
    {
        T *widget = parent.findChild<T *>(name);
        if (!widget)
            qFatal("no child %s", qPrintable(name));
        return widget;
    }

    QString messageOf(ConnectDialog &dialog) { return child<QLabel>(dialog, u"message"_s)->text(); }

    void saveScreenshot(QWidget &widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("OTA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QVERIFY(widget.grab().save(QDir(dir).filePath(name)));
    }

    QString joined(const QString &fingerprintLabel) { return QString(fingerprintLabel).remove(u'\n'); }
} // namespace

class TestConsoleConnect : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    ServerProcess m_http{QStringLiteral(OTA_SERVER_PATH)};
    ServerProcess m_https{QStringLiteral(OTA_SERVER_PATH)};
    QProcess m_announced;   // an ota-server that announces itself on lo
    qint64 m_busPid = 0;    // the private D-Bus session for the keychain
    QString m_token;
    QSslCertificate m_first;
    QSslCertificate m_second;
    QUrl m_httpsBase;

    std::unique_ptr<ConnectDialog> dialogFor(const QString &url, const QString &token)
    {
        auto dialog = std::make_unique<ConnectDialog>();
        dialog->resize(900, 640);
        dialog->show();
        dialog->setServerUrl(url);
        // The keychain answers asynchronously; the typed token comes after.
        auto *keychain = child<QLabel>(*dialog, u"keychainState"_s);
        if (!QTest::qWaitFor([keychain] { return !keychain->text().startsWith(u"Looking"_s); }, 20000))
            qWarning("the keychain did not answer within 20 s");
        if (!token.isNull())
            child<QLineEdit>(*dialog, u"token"_s)->setText(token);
        return dialog;
    }

    void startKeychain()
    {
        QProcess bus;
        bus.start(u"dbus-daemon"_s, {u"--session"_s, u"--fork"_s, u"--print-address=1"_s, u"--print-pid=1"_s});
        QVERIFY(bus.waitForFinished(10000));
        const QList<QByteArray> lines = bus.readAllStandardOutput().trimmed().split('\n');
        QVERIFY2(lines.size() == 2, "dbus-daemon printed no address and pid");
        qputenv("DBUS_SESSION_BUS_ADDRESS", lines.at(0).trimmed());
        m_busPid = lines.at(1).trimmed().toLongLong();
        const QString runtime = m_dir.filePath(u"runtime"_s);
        QVERIFY(QDir().mkpath(runtime));
        QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"XDG_RUNTIME_DIR"_s, runtime);
        environment.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
        QProcess keyring;
        keyring.setProcessEnvironment(environment);
        keyring.start(u"gnome-keyring-daemon"_s, {u"--unlock"_s, u"--components=secrets"_s});
        QVERIFY(keyring.waitForStarted(10000));
        keyring.write("test-password");
        keyring.closeWriteChannel();
        QVERIFY(keyring.waitForFinished(20000));
    }

    bool startAnnouncedServer(QString *error)
    {
        const QString dataDir = m_dir.filePath(u"announced"_s);
        QProcess init;
        init.start(QStringLiteral(OTA_SERVER_PATH), {u"init"_s, u"--data-dir"_s, dataDir});
        if (!init.waitForFinished(30000) || init.exitCode() != 0) {
            *error = QString::fromUtf8(init.readAllStandardError());
            return false;
        }
        m_announced.setProcessChannelMode(QProcess::MergedChannels);
        m_announced.start(QStringLiteral(OTA_SERVER_PATH), {u"--data-dir"_s, dataDir, u"--listen"_s, u"127.0.0.1"_s,
                                                            u"--port"_s, u"0"_s, u"--name"_s, AnnouncedName,
                                                            u"--mdns-interface"_s, u"lo"_s});
        QByteArray out;
        const bool listening = QTest::qWaitFor(
            [&] {
                out += m_announced.readAll();
                return out.contains("listening on ") || m_announced.state() == QProcess::NotRunning;
            },
            15000);
        if (!listening || m_announced.state() == QProcess::NotRunning) {
            *error = QString::fromUtf8(out);
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!TestSupport::OpenSslCli::available())
            QSKIP("the openssl command-line tool is not installed");
        QVERIFY(m_dir.isValid());
        TestSupport::keepConsoleSettingsIn(m_dir.filePath(u"settings"_s));
        startKeychain();
        QString error;
        m_first = TestSupport::makeSelfSignedCertificate(m_dir.path(), u"first"_s, &error);
        QVERIFY2(!m_first.isNull(), qPrintable(error));
        m_second = TestSupport::makeSelfSignedCertificate(m_dir.path(), u"second"_s, &error);
        QVERIFY2(!m_second.isNull(), qPrintable(error));
        QVERIFY2(m_http.init(&error), qPrintable(error));
        QVERIFY2(m_http.start({}, &error), qPrintable(error));
        m_token = m_http.adminToken();
        m_https.shareStoreWith(m_http); // the same tokens on both
        QVERIFY2(m_https.start({u"--tls-cert"_s, m_dir.filePath(u"first.pem"_s), u"--tls-key"_s,
                                m_dir.filePath(u"first-key.pem"_s)},
                               &error),
                 qPrintable(error));
        m_httpsBase = m_https.base();
        QCOMPARE(m_httpsBase.scheme(), u"https"_s);
    }

    void cleanupTestCase()
    {
        if (m_announced.state() != QProcess::NotRunning) {
            m_announced.terminate();
            m_announced.waitForFinished(10000);
        }
        m_https.terminate();
        m_http.terminate();
        if (m_busPid > 0)
            QProcess::execute(u"kill"_s, {QString::number(m_busPid)}); // gnome-keyring ends with its bus
    }

    void badUrlIsRefusedWithTheReason_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::addRow("no scheme") << u"127.0.0.1:8080"_s << u"is not a server URL"_s;
        QTest::addRow("ftp") << u"ftp://127.0.0.1"_s << u"is not a server URL"_s;
        QTest::addRow("query") << u"http://127.0.0.1:8080/?x=1"_s << u"has no query"_s;
    }

    void badUrlIsRefusedWithTheReason()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        auto dialog = dialogFor(url, u"some-token"_s);
        child<QPushButton>(*dialog, u"connect"_s)->click();
        QVERIFY2(messageOf(*dialog).contains(expected), qPrintable(messageOf(*dialog)));
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
    }

    void missingTokenIsAskedFor()
    {
        auto dialog = dialogFor(m_http.base().toString(), QString());
        child<QLineEdit>(*dialog, u"token"_s)->clear();
        child<QPushButton>(*dialog, u"connect"_s)->click();
        QVERIFY2(messageOf(*dialog).contains(u"Give the API token"_s), qPrintable(messageOf(*dialog)));
    }

    void wrongTokenIsRefusedWithTheServersMessage()
    {
        auto dialog = dialogFor(m_http.base().toString(), u"not-a-token"_s);
        child<QCheckBox>(*dialog, u"saveToken"_s)->setChecked(false);
        child<QPushButton>(*dialog, u"connect"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(messageOf(*dialog).contains(u"refused the token"_s), ServerWaitMs);
        QVERIFY2(messageOf(*dialog).contains(u"the token is unknown or revoked"_s), qPrintable(messageOf(*dialog)));
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
    }

    void rightTokenConnectsAndIsKeptInTheKeychain()
    {
        {
            auto dialog = dialogFor(m_http.base().toString(), m_token);
            auto *save = child<QCheckBox>(*dialog, u"saveToken"_s);
            QVERIFY2(save->isEnabled(), qPrintable(child<QLabel>(*dialog, u"keychainState"_s)->text()));
            save->setChecked(true);
            child<QPushButton>(*dialog, u"connect"_s)->click();
            QTRY_COMPARE_WITH_TIMEOUT(dialog->result(), int(QDialog::Accepted), ServerWaitMs);
            QCOMPARE(dialog->endpoint().base, m_http.base());
            QCOMPARE(dialog->endpoint().token, m_token.toUtf8());
            QCOMPARE(dialog->identity().role, u"admin"_s);
        }
        QVERIFY(Models::ConsoleSettings().recentServers().contains(m_http.base()));
        // Nothing secret in the settings file.
        QSettings settings;
        for (const QString &key : settings.allKeys())
            QVERIFY2(!settings.value(key).toString().contains(m_token), qPrintable(key));
        // Next time the token comes from the keychain.
        auto again = dialogFor(m_http.base().toString(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(child<QLineEdit>(*again, u"token"_s)->text(), m_token, 20000);
        QVERIFY(child<QLabel>(*again, u"keychainState"_s)->text().contains(u"from the system keychain"_s));
    }

    void serverFoundByMdnsIsListed()
    {
        QString error;
        QVERIFY2(startAnnouncedServer(&error), qPrintable(error));
        ConnectDialog dialog;
        dialog.resize(900, 600);
        dialog.show();
        auto *view = child<QTableView>(dialog, u"servers"_s);
        QAbstractItemModel *model = view->model();
        const auto announcedRow = [model]() -> int {
            for (int row = 0; row < model->rowCount(); ++row) {
                if (model->index(row, Models::ServerListModel::NameColumn).data().toString() == AnnouncedName)
                    return row;
            }
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(announcedRow() >= 0, ServerWaitMs);
        const int row = announcedRow();
        QCOMPARE(model->index(row, Models::ServerListModel::TlsColumn).data().toString(), u"no"_s);
        QVERIFY(model->index(row, Models::ServerListModel::AddressColumn).data().toString().startsWith(u"127.0.0.1:"_s));
        // The recent server of the test before is listed too.
        QVERIFY(model->rowCount() >= 2);
        view->selectRow(row);
        QVERIFY(child<QLineEdit>(dialog, u"url"_s)->text().startsWith(u"http://127.0.0.1:"_s));
        QTest::qWait(200);
        saveScreenshot(dialog, u"connect.png"_s);
    }

    void selfSignedCertificateIsShownAndPinned()
    {
        auto dialog = dialogFor(m_httpsBase.toString(), m_token);
        child<QPushButton>(*dialog, u"connect"_s)->click();
        auto *panel = child<CertificatePanel>(*dialog, u"certificatePanel"_s);
        QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), ServerWaitMs);
        QCOMPARE(joined(child<QLabel>(*dialog, u"certificateFingerprint"_s)->text()),
                 Rollout::CertificatePin::fingerprint(m_first));
        QVERIFY(child<QLabel>(*dialog, u"certificateSubject"_s)->text().contains(u"first"_s));
        QVERIFY(!child<QLabel>(*dialog, u"certificateProblems"_s)->text().isEmpty());
        QVERIFY(!child<QPushButton>(*dialog, u"connect"_s)->isEnabled());
        QVERIFY(Models::ConsoleSettings().pinnedCertificate(m_httpsBase).isNull()); // not before the operator said so
        saveScreenshot(*dialog, u"connect-certificate.png"_s);

        child<QPushButton>(*dialog, u"trustCertificate"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->result(), int(QDialog::Accepted), ServerWaitMs);
        QVERIFY(dialog->endpoint().pin.matches(m_first));
        QVERIFY(Models::ConsoleSettings().pinnedCertificate(m_httpsBase).matches(m_first));

        // The event stream trusts the pinned certificate too.
        Rollout::EventStream stream(dialog->endpoint());
        stream.start();
        QTRY_COMPARE_WITH_TIMEOUT(stream.status(), Rollout::EventStream::Status::Live, ServerWaitMs);
    }

    void declinedCertificateIsNotPinned()
    {
        // Another URL for the same server: no pin there yet.
        auto dialog = dialogFor(u"https://localhost:%1"_s.arg(m_httpsBase.port()), m_token);
        child<QPushButton>(*dialog, u"connect"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(child<CertificatePanel>(*dialog, u"certificatePanel"_s)->isVisible(), ServerWaitMs);
        child<QPushButton>(*dialog, u"declineCertificate"_s)->click();
        QVERIFY(messageOf(*dialog).contains(u"not trusted"_s));
        QVERIFY(Models::ConsoleSettings().pinnedCertificate(QUrl(u"https://localhost:%1"_s.arg(m_httpsBase.port()))).isNull());
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
    }

    void changedCertificateIsRefused()
    {
        const Rollout::CertificatePin pin = Models::ConsoleSettings().pinnedCertificate(m_httpsBase);
        QVERIFY(!pin.isNull());
        m_https.terminate();
        QString error;
        QVERIFY2(m_https.start({u"--tls-cert"_s, m_dir.filePath(u"second.pem"_s), u"--tls-key"_s,
                                m_dir.filePath(u"second-key.pem"_s), u"--port"_s, QString::number(m_httpsBase.port())},
                               &error),
                 qPrintable(error));
        QCOMPARE(m_https.base(), m_httpsBase);

        auto dialog = dialogFor(m_httpsBase.toString(), m_token);
        QVERIFY(child<QLabel>(*dialog, u"pinState"_s)->text().contains(u"pinned"_s));
        child<QPushButton>(*dialog, u"connect"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(messageOf(*dialog).contains(u"changed since you accepted it"_s), ServerWaitMs);
        const QString message = messageOf(*dialog);
        QVERIFY2(message.contains(Rollout::CertificatePin::fingerprint(m_first)), qPrintable(message));
        QVERIFY2(message.contains(Rollout::CertificatePin::fingerprint(m_second)), qPrintable(message));
        QVERIFY(message.contains(u"remove the pin in Settings"_s));
        QCOMPARE(dialog->result(), int(QDialog::Rejected));

        // The event stream refuses it as loudly, and does not retry.
        Rollout::ServerEndpoint endpoint;
        endpoint.base = m_httpsBase;
        endpoint.token = m_token.toUtf8();
        endpoint.pinCertificate(pin);
        Rollout::EventStream stream(endpoint);
        stream.start();
        QTRY_COMPARE_WITH_TIMEOUT(stream.status(), Rollout::EventStream::Status::Refused, ServerWaitMs);
        QVERIFY2(stream.lastError().contains(u"changed since you accepted it"_s), qPrintable(stream.lastError()));

        // A planned renewal: forget the pin, compare the new fingerprint, trust it.
        child<QPushButton>(*dialog, u"forgetPin"_s)->click();
        QVERIFY(Models::ConsoleSettings().pinnedCertificate(m_httpsBase).isNull());
        child<QPushButton>(*dialog, u"connect"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(child<CertificatePanel>(*dialog, u"certificatePanel"_s)->isVisible(), ServerWaitMs);
        QCOMPARE(joined(child<QLabel>(*dialog, u"certificateFingerprint"_s)->text()),
                 Rollout::CertificatePin::fingerprint(m_second));
        child<QPushButton>(*dialog, u"trustCertificate"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->result(), int(QDialog::Accepted), ServerWaitMs);
        QVERIFY(Models::ConsoleSettings().pinnedCertificate(m_httpsBase).matches(m_second));
    }
};

QTEST_MAIN(TestConsoleConnect)
#include "tst_consoleconnect.moc"
