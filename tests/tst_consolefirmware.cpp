// The console's Firmware page and its signed upload dialog against the real
// ota-server (and five ota-fleet-sim agents running the previous release),
// driven through the dialog's widgets, offscreen.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "consolesettingsdir.h"
#include "consolesession.h"
#include "firmware/firmwarepage.h"
#include "firmware/readinesscard.h"
#include "firmware/signingkey.h"
#include "firmware/uploaddialog.h"
#include "fleetsimprocess.h"
#include "models/fleetmodel.h"
#include "models/releaselistmodel.h"
#include "rollout/serverclient.h"
#include "sbv2testsigner.h"
#include "serverprocess.h"
#include "testimagebuilder.h"

using namespace Qt::Literals::StringLiterals;
using Models::ReleaseReadiness;
using TestSupport::ApiClient;
using TestSupport::ApiReply;
using TestSupport::FleetSimProcess;
using TestSupport::ServerProcess;
using TestSupport::SignedRelease;

namespace
{
    constexpr int Agents = 5;
    constexpr int DevicesMs = 120000; // devices under ASan on a loaded machine
    constexpr int ServerMs = 60000;
    const QByteArray Passphrase = "correct horse battery staple";

    bool writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    }

    ReleaseReadiness::Verdict verdictOf(const ReadinessCard *card, ReleaseReadiness::Check check)
    {
        for (const ReleaseReadiness::Item &item : card->items()) {
            if (item.check == check)
                return item.verdict;
        }
        return ReleaseReadiness::Verdict::Fail;
    }

    // The card as text, for failure messages.
    QString cardText(const ReadinessCard *card)
    {
        QStringList lines;
        for (const ReleaseReadiness::Item &item : card->items())
            lines << ReleaseReadiness::verdictWord(item.verdict) + u" "_s + item.title + u": "_s + item.finding;
        return lines.join(u"\n"_s);
    }
} // namespace

class TestConsoleFirmware : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    ServerProcess m_server{QStringLiteral(OTA_SERVER_PATH)};
    FleetSimProcess m_sim{QStringLiteral(FLEETSIM_PATH)};
    std::unique_ptr<Rollout::ServerClient> m_client;
    std::unique_ptr<ConsoleSession> m_session;
    QString m_imagePath;
    QString m_sbKeyPath;
    QString m_trustedKeyPath;
    QString m_untrustedKeyPath;
    QString m_sha256;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // What the session's fleet holds, for a failure message: devices per version.
    QString fleetText() const
    {
        QStringList counts;
        const QHash<QString, int> &byVersion = m_session->fleet()->versionCounts();
        for (auto it = byVersion.cbegin(); it != byVersion.cend(); ++it)
            counts << (it.key().isEmpty() ? u"never seen"_s : it.key()) + u": "_s + QString::number(it.value());
        return counts.join(u", "_s) + u" (" + m_session->liveText() + u")";
    }

    int uploadsAudited()
    {
        ApiClient api(m_server.base());
        api.useToken(m_server.adminToken());
        const auto reply = api.get(u"/api/v1/audit?limit=10000"_s);
        int uploads = 0;
        for (const QJsonValue &entry : reply.json.value(u"entries"_s).toArray())
            uploads += entry.toObject().value(u"action"_s).toString() == u"release.upload"_s ? 1 : 0;
        return uploads;
    }

    // The dialog with this test's image inspected, its Secure Boot block checked.
    UploadDialog *inspectedDialog(FirmwarePage &page)
    {
        UploadDialog *dialog = page.openUploadDialog();
        dialog->setSecureBootKeyPath(m_sbKeyPath);
        dialog->setImagePath(m_imagePath);
        [&] { QTRY_VERIFY_WITH_TIMEOUT(!dialog->isInspecting(), ServerMs); }();
        return dialog;
    }

    void signWith(UploadDialog *dialog, const QString &keyPath, const QByteArray &passphrase)
    {
        dialog->setSigningKeyPath(keyPath);
        dialog->findChild<QLineEdit *>(u"passphrase"_s)->setText(QString::fromUtf8(passphrase));
        dialog->findChild<QPushButton *>(u"signAndUpload"_s)->click();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        TestSupport::keepConsoleSettingsIn(path(u"settings"_s));
        QString error;
        QVERIFY2(m_server.init(&error), qPrintable(error));
        QVERIFY2(m_server.start({u"--deployment-window"_s, u"always"_s}, &error), qPrintable(error));
        ApiClient admin(m_server.base());
        admin.useToken(m_server.adminToken());

        // The release the fleet runs now (secure version 0), by the build server's key.
        const SignedRelease running = SignedRelease::make(u"3.0.0"_s, u"smart-building"_s, 1, 16 * 1024);
        auto reply = admin.post(u"/api/v1/keys"_s, {{u"name"_s, u"build server"_s},
                                                    {u"pem"_s, QString::fromLatin1(running.publicKeyPem)}});
        QVERIFY2(reply.status == 201, qPrintable(reply.describe()));
        reply = admin.post(u"/api/v1/releases"_s, running.uploadBody());
        QVERIFY2(reply.status == 201, qPrintable(reply.describe()));

        // The operator's key, trusted, and a stranger's, both passphrase-protected.
        const auto trusted = Firmware::SigningKey::generate().value();
        const auto stranger = Firmware::SigningKey::generate().value();
        m_trustedKeyPath = path(u"release-2026.pem"_s);
        m_untrustedKeyPath = path(u"stranger.pem"_s);
        QVERIFY(writeFile(m_trustedKeyPath, trusted.toEncryptedPem(Passphrase).value()));
        QVERIFY(writeFile(m_untrustedKeyPath, stranger.toEncryptedPem(Passphrase).value()));
        reply = admin.post(u"/api/v1/keys"_s, {{u"name"_s, u"release-2026"_s},
                                               {u"pem"_s, QString::fromLatin1(trusted.publicKey().toPem())}});
        QVERIFY2(reply.status == 201, qPrintable(reply.describe()));

        // The new build: secure version raised to 1, Secure Boot V2 signed.
        TestSupport::TestImageBuilder builder(0);
        builder.setVersion(u"3.1.0"_s).setProjectName(u"smart-building"_s).setSecureVersion(1);
        builder.setIdfVersion(u"v5.2.2"_s);
        builder.addSegment(0x3ffb0000, QByteArray(96 * 1024, '\x42'));
        const auto sbKey = TestSupport::Sbv2TestKey::shared(Firmware::SecureBootV2::Scheme::EcdsaP256);
        const QByteArray image = TestSupport::signSbv2(builder.build(), {sbKey});
        m_imagePath = path(u"smart-building-3.1.0.bin"_s);
        m_sbKeyPath = path(u"secure-boot-pub.pem"_s);
        QVERIFY(writeFile(m_imagePath, image));
        QVERIFY(writeFile(m_sbKeyPath, sbKey.publicKeyPem()));
        QVERIFY(writeFile(path(u"notes.txt"_s), "release notes, not firmware\n"));

        const QJsonObject scenario{{u"agents"_s, QJsonObject{{u"seed"_s, 3},
            {u"defaults"_s, QJsonObject{{u"version"_s, u"3.0.0"_s}, {u"checkInSeconds"_s, 5}}},
            {u"groups"_s, QJsonArray{QJsonObject{{u"count"_s, Agents}, {u"firstIndex"_s, 1}, {u"idFormat"_s, u"hall-{n}"_s}}}}}}};
        QVERIFY2(m_sim.startAgents(m_server, scenario, running.publicKeyPem, {u"--no-mdns"_s}, &error), qPrintable(error));

        m_client = std::make_unique<Rollout::ServerClient>(m_server.adminEndpoint());
        m_session = std::make_unique<ConsoleSession>(m_client.get());
    }

    void nonImageIsRefusedBeforeSending()
    {
        FirmwarePage page(m_session.get());
        const int before = uploadsAudited();
        UploadDialog *dialog = page.openUploadDialog();
        dialog->setImagePath(path(u"notes.txt"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isInspecting(), ServerMs);
        QVERIFY2(dialog->verdict().contains(u"Not an image that can be released, nothing will be sent"_s),
                 qPrintable(dialog->verdict()));
        auto *sign = dialog->findChild<QPushButton *>(u"signAndUpload"_s);
        QVERIFY(!sign->isEnabled());
        signWith(dialog, m_trustedKeyPath, Passphrase); // a disabled button does nothing
        QVERIFY(!dialog->isBusy());
        QCOMPARE(uploadsAudited(), before);
    }

    void wrongPassphraseSendsNothing()
    {
        FirmwarePage page(m_session.get());
        const int before = uploadsAudited();
        UploadDialog *dialog = inspectedDialog(page);
        QVERIFY2(dialog->findChild<QPushButton *>(u"signAndUpload"_s)->isEnabled(), qPrintable(dialog->verdict()));
        signWith(dialog, m_trustedKeyPath, "not the passphrase");
        QVERIFY2(dialog->isBusy(), qPrintable(dialog->verdict()));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), ServerMs);
        QVERIFY2(dialog->verdict().contains(u"passphrase does not open this signing key"_s), qPrintable(dialog->verdict()));
        QVERIFY(dialog->verdict().contains(u"Nothing was sent"_s));
        QVERIFY(dialog->findChild<QLineEdit *>(u"passphrase"_s)->text().isEmpty()); // asked again next time
        QCOMPARE(uploadsAudited(), before);
    }

    void untrustedKeyIsRefusedWithTheReason()
    {
        FirmwarePage page(m_session.get());
        UploadDialog *dialog = inspectedDialog(page);
        signWith(dialog, m_untrustedKeyPath, Passphrase);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), ServerMs);
        QVERIFY2(dialog->verdict().contains(u"The server refused the upload"_s), qPrintable(dialog->verdict()));
        QVERIFY2(dialog->verdict().contains(u"signature-invalid"_s), qPrintable(dialog->verdict()));
        QTRY_COMPARE_WITH_TIMEOUT(page.releases()->rowCount(), 1, ServerMs); // only the running release
    }

    void cancelledUploadKeepsNothing()
    {
        FirmwarePage page(m_session.get());
        UploadDialog *dialog = inspectedDialog(page);
        const QString sha256 = dialog->findChild<QLabel *>(u"imageSha256"_s)->text();
        auto *cancel = dialog->findChild<QPushButton *>(u"cancelUpload"_s);
        QVERIFY(!cancel->isEnabled()); // nothing to cancel yet
        // Cancel as soon as the upload is under way: no race with a fast loopback.
        connect(dialog, &UploadDialog::uploadStarted, cancel, [cancel] {
            QVERIFY(cancel->isEnabled());
            cancel->click();
        });
        signWith(dialog, m_trustedKeyPath, Passphrase);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), ServerMs);
        QVERIFY2(dialog->verdict().contains(u"Upload cancelled"_s), qPrintable(dialog->verdict()));
        ApiClient api(m_server.base());
        api.useToken(m_server.adminToken());
        QCOMPARE(api.get(u"/api/v1/releases/"_s + sha256).status, 404);
    }

    void signedUploadIsAcceptedAndListed()
    {
        FirmwarePage page(m_session.get());
        page.resize(1200, 760);
        page.show();
        UploadDialog *dialog = inspectedDialog(page);
        QCOMPARE(dialog->findChild<QLabel *>(u"imageChip"_s)->text(), u"ESP32"_s);
        QCOMPARE(dialog->findChild<QLabel *>(u"imageVersion"_s)->text(), u"3.1.0"_s);
        QCOMPARE(dialog->findChild<QLabel *>(u"imageSecureVersion"_s)->text(), u"1"_s);
        const QString secureBoot = dialog->findChild<QLabel *>(u"imageSecureBoot"_s)->text();
        QVERIFY2(secureBoot.contains(u"verifies with this key"_s), qPrintable(secureBoot));
        QCOMPARE(dialog->findChild<QLineEdit *>(u"manifestVersion"_s)->text(), u"3.1.0"_s);
        QCOMPARE(dialog->findChild<QLineEdit *>(u"manifestProject"_s)->text(), u"smart-building"_s);
        dialog->findChild<QLineEdit *>(u"manifestMinPrevious"_s)->setText(u"3.0.0"_s);
        m_sha256 = dialog->findChild<QLabel *>(u"imageSha256"_s)->text();
        QCOMPARE(m_sha256.size(), 64);
        const QString shots = qEnvironmentVariable("OTA_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            dialog->setSigningKeyPath(m_trustedKeyPath);
            dialog->resize(1100, dialog->sizeHint().height());
            QTest::qWait(200);
            QVERIFY(dialog->grab().save(QDir(shots).filePath(u"firmware-upload.png"_s)));
        }
        signWith(dialog, m_trustedKeyPath, Passphrase);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), ServerMs);
        QVERIFY2(dialog->verdict().startsWith(u"Accepted"_s), qPrintable(dialog->verdict()));
        QVERIFY(dialog->findChild<QLineEdit *>(u"passphrase"_s)->text().isEmpty());
        dialog->close();

        // Listed, with who uploaded it and by which key.
        Models::ReleaseListModel *releases = page.releases();
        QTRY_VERIFY_WITH_TIMEOUT(releases->rowOf(m_sha256) >= 0, ServerMs);
        const int row = releases->rowOf(m_sha256);
        QCOMPARE(releases->index(row, Models::ReleaseListModel::VersionColumn).data().toString(), u"3.1.0"_s);
        QVERIFY(releases->index(row, Models::ReleaseListModel::KeyColumn).data().toString().startsWith(u"release-2026"_s));
        QVERIFY(!releases->index(row, Models::ReleaseListModel::UploadedByColumn).data().toString().isEmpty());

        // Its readiness: signed by the trusted key, Secure Boot block verifying,
        // secure version raised above what the fleet (3.0.0, secure version 0) runs.
        QTableView *table = page.table();
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            if (table->model()->index(r, 0).data().toString() == u"3.1.0"_s)
                table->selectRow(r);
        }
        const ReadinessCard *card = page.readinessCard();
        QTRY_COMPARE_WITH_TIMEOUT(card->items().size(), 5, ServerMs);
        QCOMPARE(verdictOf(card, ReleaseReadiness::Check::SignedManifest), ReleaseReadiness::Verdict::Pass);
        QCOMPARE(verdictOf(card, ReleaseReadiness::Check::MinPreviousVersion), ReleaseReadiness::Verdict::Pass);
        QTRY_VERIFY2_WITH_TIMEOUT(verdictOf(card, ReleaseReadiness::Check::SecureBoot) == ReleaseReadiness::Verdict::Pass,
                                  qPrintable(cardText(card)), ServerMs);
        // The fleet's floor is known once the agents reported running 3.0.0.
        QTRY_VERIFY2_WITH_TIMEOUT(verdictOf(card, ReleaseReadiness::Check::AntiRollback) == ReleaseReadiness::Verdict::Pass,
                                  qPrintable(cardText(card) + u"\nthe console's fleet: "_s + fleetText()), DevicesMs);
        // The agents say their OTA slots hold 1,966,080 bytes.
        QCOMPARE(verdictOf(card, ReleaseReadiness::Check::FitsSlot), ReleaseReadiness::Verdict::Pass);
        QVERIFY2(cardText(card).contains(u"of 1.9 MiB"_s), qPrintable(cardText(card)));
        if (!shots.isEmpty()) {
            QTest::qWait(200);
            QVERIFY(page.grab().save(QDir(shots).filePath(u"firmware.png"_s)));
        }
    }

    void readinessFollowsTheFleetsCheckIns()
    {
        FirmwarePage page(m_session.get());
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.releases()->rowOf(m_sha256) >= 0, ServerMs);
        QTableView *table = page.table();
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            if (table->model()->index(r, 0).data().toString() == u"3.1.0"_s)
                table->selectRow(r);
        }
        const ReadinessCard *card = page.readinessCard();
        QTRY_VERIFY2_WITH_TIMEOUT(verdictOf(card, ReleaseReadiness::Check::AntiRollback) == ReleaseReadiness::Verdict::Pass,
                                  qPrintable(cardText(card)), DevicesMs);

        // A bench device, enrolled and listed, checks in for the first time,
        // already on 3.1.0: the fleet's floor is now secure version 1, so 3.1.0
        // no longer raises it. Nothing but the check-in event tells the console.
        ApiClient api(m_server.base());
        api.useToken(m_server.adminToken());
        const ApiReply enrolled = api.post(u"/api/v1/devices"_s, {{u"devices"_s, QJsonArray{QJsonObject{{u"id"_s, u"bench-1"_s}}}}});
        QVERIFY2(enrolled.status == 201, qPrintable(enrolled.describe()));
        const QString secret = enrolled.json.value(u"devices"_s).toArray().at(0).toObject().value(u"secret"_s).toString();
        QTRY_VERIFY_WITH_TIMEOUT(m_session->fleet()->rowOf(u"bench-1"_s) >= 0, ServerMs); // listed, never seen
        QTest::qWait(200); // the listing's own redraw is over
        api.useDevice(u"bench-1"_s, secret);
        const ApiReply checkIn = api.post(u"/api/v1/device/checkin"_s, {{u"chip"_s, u"esp32"_s}, {u"project"_s, u"smart-building"_s},
                                                                       {u"version"_s, u"3.1.0"_s}});
        QVERIFY2(checkIn.status == 200, qPrintable(checkIn.describe()));
        QTRY_VERIFY2_WITH_TIMEOUT(verdictOf(card, ReleaseReadiness::Check::AntiRollback) == ReleaseReadiness::Verdict::Warn,
                                  qPrintable(cardText(card) + u"\nthe console's fleet: "_s + fleetText()), ServerMs);
        QVERIFY2(cardText(card).contains(u"the same as the fleet's"_s), qPrintable(cardText(card)));

        // A hidden page does not walk the fleet on each change; shown again, it is current.
        page.hide();
        const ApiReply back = api.post(u"/api/v1/device/checkin"_s, {{u"chip"_s, u"esp32"_s}, {u"project"_s, u"smart-building"_s},
                                                                    {u"version"_s, u"3.0.0"_s}});
        QVERIFY2(back.status == 200, qPrintable(back.describe()));
        QTRY_VERIFY_WITH_TIMEOUT(m_session->fleet()->versionCounts().value(u"3.1.0"_s) == 0, ServerMs);
        QTest::qWait(1200); // longer than the visible page's redraw delay
        QCOMPARE(verdictOf(card, ReleaseReadiness::Check::AntiRollback), ReleaseReadiness::Verdict::Warn);
        page.show();
        QCOMPARE(verdictOf(card, ReleaseReadiness::Check::AntiRollback), ReleaseReadiness::Verdict::Pass);
    }

    void viewerMayNotUpload()
    {
        QString error;
        const QString token = m_server.createToken(u"vic"_s, u"viewer"_s, false, &error);
        QVERIFY2(!token.isEmpty(), qPrintable(error));
        Rollout::ServerClient client(m_server.endpoint(token));
        ConsoleSession session(&client);
        FirmwarePage page(&session);
        auto *upload = page.findChild<QPushButton *>(u"uploadRelease"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!upload->isEnabled(), ServerMs);
        QVERIFY2(upload->toolTip().contains(u"viewer"_s), qPrintable(upload->toolTip()));
        QTRY_VERIFY_WITH_TIMEOUT(page.releases()->rowCount() >= 1, ServerMs); // a viewer still reads them
    }

    void cleanupTestCase()
    {
        m_session.reset();
        m_client.reset();
        m_sim.terminate();
        m_server.terminate();
    }
};

QTEST_MAIN(TestConsoleFirmware)
#include "tst_consolefirmware.moc"
