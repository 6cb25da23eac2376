// The console's Audit page against the real ota-server: audited actions
// made through the API appear (and later ones arrive when the session
// refreshes), the filters narrow them, "Verify chain" says ok (and selects
// the first broken entry when there is one, as after a real edit of the
// server's database), export writes what the server exports, and a failing
// export says why and leaves no file.
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "consolesettingsdir.h"
#include "audit/auditfilterbar.h"
#include "audit/auditpage.h"
#include "consolesession.h"
#include "models/auditmodel.h"
#include "models/modelroles.h"
#include "rollout/serverclient.h"
#include "serverprocess.h"

using namespace Qt::Literals::StringLiterals;
using TestSupport::ApiClient;
using TestSupport::ServerProcess;
using TestSupport::SignedRelease;

namespace
{
    constexpr int ServerMs = 60000;

    QSet<QString> actionsShown(const QTableView *table)
    {
        QSet<QString> actions;
        for (int row = 0; row < table->model()->rowCount(); ++row)
            actions.insert(table->model()->index(row, Models::AuditModel::ActionColumn).data().toString());
        return actions;
    }

    // One console against the test's server, as the window would build it.
    struct AuditConsole
    {
        AuditConsole(const Rollout::ServerEndpoint &endpoint)
            : client(endpoint), session(&client), page(&session)
        {
        }

        // Exports to path; whether it worked and the message the page showed.
        std::pair<bool, QString> exportTo(const QString &path)
        {
            QSignalSpy finished(&page, &AuditPage::exportFinished);
            page.exportTo(path);
            if (!finished.wait(ServerMs))
                return {false, u"no answer to the export"_s};
            return {finished.first().at(0).toBool(), finished.first().at(1).toString()};
        }

        Rollout::ServerClient client;
        ConsoleSession session;
        AuditPage page;
    };
} // namespace

class TestConsoleAudit : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    ServerProcess m_server{QStringLiteral(OTA_SERVER_PATH)};
    std::unique_ptr<ApiClient> m_api;

    void addKey(const SignedRelease &release, const QString &name)
    {
        const auto reply = m_api->post(u"/api/v1/keys"_s, {{u"name"_s, name}, {u"pem"_s, QString::fromUtf8(release.publicKeyPem)}});
        QVERIFY2(reply.status == 201, qPrintable(reply.describe()));
    }

    void setField(AuditPage &page, const char *objectName, const QString &text)
    {
        auto *field = page.findChild<QLineEdit *>(QString::fromLatin1(objectName));
        QVERIFY(field);
        field->setText(text);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        TestSupport::keepConsoleSettingsIn(m_dir.filePath(u"settings"_s));
        QString error;
        QVERIFY2(m_server.init(&error), qPrintable(error));
        QVERIFY2(m_server.start({u"--deployment-window"_s, u"always"_s}, &error), qPrintable(error));
        m_api = std::make_unique<ApiClient>(m_server.base());
        m_api->useToken(m_server.adminToken());
        // Audited: two keys added, one revoked with a reason, an upload
        // accepted, one refused (signed by a key the server does not trust).
        const SignedRelease trusted = SignedRelease::make(u"2.4.0"_s, u"smart-building"_s, 1);
        const SignedRelease revoked = SignedRelease::make(u"2.4.1"_s, u"smart-building"_s, 2);
        addKey(trusted, u"release signing 2026"_s);
        addKey(revoked, u"old ci runner"_s);
        const auto keys = m_api->get(u"/api/v1/keys"_s);
        QString revokedId;
        for (const QJsonValue &key : keys.json.value(u"keys"_s).toArray()) {
            if (key.toObject().value(u"name"_s).toString() == u"old ci runner")
                revokedId = key.toObject().value(u"keyId"_s).toString();
        }
        QVERIFY2(!revokedId.isEmpty(), keys.body.constData());
        const auto revoke = m_api->post(u"/api/v1/keys/%1/revoke"_s.arg(revokedId),
                                        {{u"reason"_s, u"CI runner decommissioned (OPS-4411)"_s}});
        QVERIFY2(revoke.status == 200, qPrintable(revoke.describe()));
        const auto upload = m_api->post(u"/api/v1/releases"_s, trusted.uploadBody());
        QVERIFY2(upload.status == 201, qPrintable(upload.describe()));
        const SignedRelease stranger = SignedRelease::make(u"9.9.9"_s, u"smart-building"_s, 3);
        const auto refused = m_api->post(u"/api/v1/releases"_s, stranger.uploadBody());
        QVERIFY2(refused.status >= 400, qPrintable(refused.describe()));
        // An unknown token: refused and audited as login.failed.
        ApiClient stranger_client(m_server.base());
        stranger_client.useToken(u"not-a-token-of-this-server"_s);
        QCOMPARE(stranger_client.get(u"/api/v1/devices"_s).status, 401);
    }

    void showsFiltersVerifiesAndExports()
    {
        AuditConsole console(m_server.adminEndpoint());
        AuditPage &page = console.page;
        page.resize(1200, 760);
        page.show();
        QTableView *table = page.table();
        const QSet<QString> wanted{u"token.create"_s, u"key.add"_s, u"key.revoke"_s, u"release.upload"_s,
                                   u"login.failed"_s};
        QTRY_VERIFY2_WITH_TIMEOUT(actionsShown(table).contains(wanted),
                                  qPrintable(QStringList(actionsShown(table).values()).join(u", "_s)), ServerMs);
        // Newest first.
        const qint64 top = table->model()->index(0, 0).data(Models::IdRole).toLongLong();
        QCOMPARE(top, page.log()->lastSeq());

        setField(page, "auditAction", u"key."_s);
        QCOMPARE(actionsShown(table), (QSet<QString>{u"key.add"_s, u"key.revoke"_s}));
        QCOMPARE(table->model()->rowCount(), 3);
        setField(page, "auditResult", u"refused"_s);
        QCOMPARE(table->model()->rowCount(), 0);
        page.filterBar()->clear();
        setField(page, "auditResult", u"refused"_s);
        QCOMPARE(actionsShown(table), (QSet<QString>{u"release.upload"_s, u"login.failed"_s}));
        page.filterBar()->clear();
        setField(page, "auditSearch", u"ops-4411"_s); // the revocation's reason
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, Models::AuditModel::ActionColumn).data().toString(), u"key.revoke"_s);
        setField(page, "auditActor", u"nobody"_s);
        QCOMPARE(table->model()->rowCount(), 0);
        QVERIFY(page.findChild<QLabel *>(u"auditCount"_s)->text().contains(u"0 of"_s));
        page.filterBar()->clear();
        // A time range that ended before the server started shows nothing.
        page.findChild<QCheckBox *>(u"auditToEnabled"_s)->setChecked(true);
        page.findChild<QDateTimeEdit *>(u"auditTo"_s)->setDateTime(QDateTime::currentDateTime().addDays(-1));
        QCOMPARE(table->model()->rowCount(), 0);
        page.filterBar()->clear();
        QCOMPARE(table->model()->rowCount(), page.log()->rowCount());

        // Selecting an entry shows it in full.
        table->selectRow(0);
        QTRY_VERIFY(page.findChild<QPlainTextEdit *>(u"auditDetail"_s)->toPlainText().contains(u"\"hash\""_s));

        // Live: an entry made now arrives when the session refreshes.
        const int before = page.log()->rowCount();
        const SignedRelease later = SignedRelease::make(u"2.5.0"_s, u"smart-building"_s, 4);
        addKey(later, u"added while watching"_s);
        console.session.refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(page.log()->rowCount() > before, ServerMs);
        setField(page, "auditTarget", u"added while watching"_s);
        QCOMPARE(table->model()->rowCount(), 1);
        page.filterBar()->clear();

        // docs/screenshots/make-screenshots.sh sets this to save the page.
        QSignalSpy verified(&page, &AuditPage::verificationShown);
        page.findChild<QPushButton *>(u"auditVerify"_s)->click();
        QVERIFY(verified.wait(ServerMs));
        QCOMPARE(verified.first().first().toBool(), true);
        auto *verification = page.findChild<QLabel *>(u"auditVerification"_s);
        QVERIFY2(verification->text().startsWith(u"OK: Chain intact"_s), qPrintable(verification->text()));
        table->selectRow(2);
        if (const QString dir = qEnvironmentVariable("OTA_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(200);
            QVERIFY(page.grab().save(QDir(dir).filePath(u"audit.png"_s)));
        }

        // A broken chain (as the server would report it): the entry is
        // selected and shown even when a filter hid it.
        setField(page, "auditActor", u"nobody"_s);
        Rollout::AuditVerification broken;
        broken.ok = false;
        broken.entries = page.log()->rowCount();
        broken.firstBadSeq = 3;
        broken.problem = u"entry 3: hash does not match its contents"_s;
        page.showVerification(broken);
        QVERIFY(verification->text().contains(u"broken at entry #3"_s));
        QCOMPARE(table->currentIndex().data(Models::IdRole).toLongLong(), 3);
        QCOMPARE(table->model()->rowCount(), page.log()->rowCount());
    }

    void aTamperedDatabaseIsShownBrokenAtTheChangedEntry()
    {
        // A server of its own, whose SQLite file is edited behind its back
        // while it is stopped, as someone covering their tracks would.
        ServerProcess server{QStringLiteral(OTA_SERVER_PATH)};
        QString error;
        QVERIFY2(server.init(&error), qPrintable(error));
        QVERIFY2(server.start({u"--deployment-window"_s, u"always"_s}, &error), qPrintable(error));
        ApiClient api(server.base());
        api.useToken(server.adminToken());
        int keySerial = 10;
        for (const QString &name : {u"first key"_s, u"second key"_s, u"third key"_s}) {
            const SignedRelease release = SignedRelease::make(u"3.0.0"_s, u"smart-building"_s, ++keySerial);
            const auto added = api.post(u"/api/v1/keys"_s, {{u"name"_s, name}, {u"pem"_s, QString::fromUtf8(release.publicKeyPem)}});
            QVERIFY2(added.status == 201, qPrintable(added.describe()));
        }
        qint64 tamperedSeq = 0;
        for (const QJsonValue &entry : api.get(u"/api/v1/audit"_s).json.value(u"entries"_s).toArray()) {
            if (entry.toObject().value(u"target"_s).toString().contains(u"second key"_s))
                tamperedSeq = entry.toObject().value(u"seq"_s).toInteger();
        }
        QVERIFY2(tamperedSeq > 0, "the second key.add entry is in the log");
        server.terminate();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tamper"_s);
            db.setDatabaseName(QDir(server.dataDir()).filePath(u"ota.db"_s));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery edit(db);
            QVERIFY2(edit.exec(u"UPDATE audit_log SET target = 'nothing to see' WHERE seq = %1"_s.arg(tamperedSeq)),
                     qPrintable(edit.lastError().text()));
            QCOMPARE(edit.numRowsAffected(), 1);
            db.close();
        }
        QSqlDatabase::removeDatabase(u"tamper"_s);
        QVERIFY2(server.start({u"--deployment-window"_s, u"always"_s}, &error), qPrintable(error));

        AuditConsole console(server.adminEndpoint());
        AuditPage &page = console.page;
        page.resize(1200, 760);
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.log()->rowCount() > tamperedSeq, ServerMs);
        QSignalSpy verified(&page, &AuditPage::verificationShown);
        page.findChild<QPushButton *>(u"auditVerify"_s)->click();
        QVERIFY(verified.wait(ServerMs));
        QCOMPARE(verified.first().first().toBool(), false);
        const QString shown = page.findChild<QLabel *>(u"auditVerification"_s)->text();
        QVERIFY2(shown.contains(u"broken at entry #%1"_s.arg(tamperedSeq)), qPrintable(shown));
        QVERIFY2(shown.contains(u"changed after it was written"_s), qPrintable(shown));
        QCOMPARE(page.table()->currentIndex().data(Models::IdRole).toLongLong(), tamperedSeq);
        server.terminate();
    }

    void exportWritesWhatTheServerExports_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addRow("csv") << u"audit.csv"_s << u"csv"_s;
        QTest::addRow("json") << u"audit.json"_s << u"json"_s;
    }

    void exportWritesWhatTheServerExports()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        AuditConsole console(m_server.adminEndpoint());
        const QString path = m_dir.filePath(file);
        const auto [ok, message] = console.exportTo(path);
        QVERIFY2(ok, qPrintable(message));
        QFile written(path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const auto expected = m_api->get(u"/api/v1/audit/export?format=%1"_s.arg(format));
        QCOMPARE(expected.status, 200);
        QCOMPARE(written.readAll(), expected.body);
    }

    void failingExportSaysWhyAndLeavesNoFile_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addRow("missing folder") << m_dir.filePath(u"no/such/folder/audit.csv"_s);
        // A file where a folder should be: not writable whoever runs the test (root too).
        QFile blocker(m_dir.filePath(u"blocker"_s));
        if (blocker.open(QIODevice::WriteOnly))
            blocker.close();
        QTest::addRow("file as folder") << m_dir.filePath(u"blocker/audit.json"_s);
        QTest::addRow("a folder") << m_dir.path();
    }

    void failingExportSaysWhyAndLeavesNoFile()
    {
        QFETCH(QString, path);
        AuditConsole console(m_server.adminEndpoint());
        AuditPage &page = console.page;
        page.show();
        const auto [ok, message] = console.exportTo(path);
        QVERIFY(!ok);
        QVERIFY2(message.contains(u"Nothing was written"_s) && message.contains(path), qPrintable(message));
        auto *status = page.findChild<QLabel *>(u"auditExportStatus"_s);
        QVERIFY(status->isVisible());
        QVERIFY(status->text().contains(message));
        if (path != m_dir.path())
            QVERIFY(!QFile::exists(path));
        // No temporary file of QSaveFile's left beside the target either.
        const QStringList left = QDir(m_dir.path()).entryList({u"audit*"_s}, QDir::Files);
        QVERIFY2(!left.contains(u"audit.csv.tmp"_s), qPrintable(left.join(u", "_s)));
    }

    void aViewerTokenIsToldWhy()
    {
        QString error;
        const QString viewer = m_server.createToken(u"wall display"_s, u"viewer"_s, false, &error);
        QVERIFY2(!viewer.isEmpty(), qPrintable(error));
        AuditConsole console(m_server.endpoint(viewer));
        AuditPage &page = console.page;
        auto *count = page.findChild<QLabel *>(u"auditCount"_s);
        QTRY_VERIFY_WITH_TIMEOUT(count->text().contains(u"could not be read"_s), ServerMs);
        QVERIFY2(count->text().contains(u"403"_s), qPrintable(count->text()));
        QCOMPARE(page.log()->rowCount(), 0);
    }

    void cleanupTestCase() { m_server.terminate(); }
};

QTEST_MAIN(TestConsoleAudit)
#include "tst_consoleaudit.moc"
