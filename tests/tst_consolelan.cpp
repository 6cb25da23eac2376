// The console's LAN page against the real ota-fleet-sim LAN devices (mDNS on
// lo, each device on its own 127.0.6.x), with passwords in a real keychain:
// a D-Bus session bus and gnome-keyring of the test's own, offscreen.
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "consolesettingsdir.h"
#include "espota/pushjob.h"
#include "fleetsimprocess.h"
#include "lan/lanpage.h"
#include "lan/lanprogresspane.h"
#include "lan/lanpushpanel.h"
#include "models/landevicemodel.h"
#include "testimagebuilder.h"

using namespace Qt::Literals::StringLiterals;
using Models::LanDeviceModel;
using TestSupport::FleetSimProcess;

namespace
{
    constexpr int DevicesMs = 60000;
    constexpr int PushMs = 120000;

    // Two ArduinoOTA devices that take "alpha"; an ArduinoOTA device and an
    // ESPHome node that take "bravo".
    const QString AlphaFirst = u"127.0.6.10"_s;
    const QString AlphaSecond = u"127.0.6.11"_s;
    const QString BravoArduino = u"127.0.6.20"_s;
    const QString BravoEsphome = u"127.0.6.21"_s;

    // A session bus with a Secret Service on it, for this process only.
    class TestKeyring final
    {
    public:
        ~TestKeyring()
        {
            for (QProcess *p : {&m_keyring, &m_bus}) {
                p->terminate();
                if (!p->waitForFinished(5000))
                    p->kill();
                p->waitForFinished(2000);
            }
        }

        bool start(QString *error)
        {
            m_bus.start(u"dbus-daemon"_s, {u"--session"_s, u"--nofork"_s, u"--print-address=1"_s});
            if (!m_bus.waitForStarted() || !QTest::qWaitFor([&] { return m_bus.canReadLine(); }, 10000)) {
                *error = u"dbus-daemon did not start: "_s + QString::fromUtf8(m_bus.readAllStandardError());
                return false;
            }
            const QByteArray address = m_bus.readLine().trimmed();
            qputenv("DBUS_SESSION_BUS_ADDRESS", address);
            m_keyring.start(u"gnome-keyring-daemon"_s,
                            {u"--foreground"_s, u"--unlock"_s, u"--components=secrets"_s});
            if (!m_keyring.waitForStarted()) {
                *error = u"gnome-keyring-daemon did not start"_s;
                return false;
            }
            m_keyring.write("test-keyring-pw");
            m_keyring.closeWriteChannel();
            // Until the Secret Service owns its name on our bus.
            const bool up = QTest::qWaitFor([] {
                QProcess ask;
                ask.start(u"dbus-send"_s, {u"--session"_s, u"--print-reply"_s, u"--dest=org.freedesktop.DBus"_s,
                                           u"/org/freedesktop/DBus"_s, u"org.freedesktop.DBus.NameHasOwner"_s,
                                           u"string:org.freedesktop.secrets"_s});
                ask.waitForFinished(5000);
                return ask.readAllStandardOutput().contains("boolean true");
            }, 20000);
            if (!up)
                *error = u"gnome-keyring-daemon never took org.freedesktop.secrets: "_s
                         + QString::fromUtf8(m_keyring.readAllStandardError());
            return up;
        }

    private:
        QProcess m_bus;
        QProcess m_keyring;
    };

    int rowAt(const LanDeviceModel *model, const QString &address)
    {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->device(row).target.address == QHostAddress(address))
                return row;
        }
        return -1;
    }

    int jobRowAt(const Espota::PushJob *job, const QString &address)
    {
        for (int i = 0; i < job->count(); ++i) {
            if (job->device(i).target.address == QHostAddress(address))
                return i;
        }
        return -1;
    }

    void saveScreenshot(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("OTA_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
    }
} // namespace

class TestConsoleLan final : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TestKeyring m_keyring;
    FleetSimProcess m_alpha{QStringLiteral(FLEETSIM_PATH)};
    FleetSimProcess m_bravo{QStringLiteral(FLEETSIM_PATH)};
    std::unique_ptr<LanPage> m_page;

    QString image(const QString &version, quint16 chipId = 0)
    {
        const QString path = m_dir.filePath(u"fw-%1-%2.bin"_s.arg(version).arg(chipId));
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(TestSupport::TestImageBuilder(chipId).setVersion(version)
                           .addSegment(0x40080000, QByteArray(48 * 1024, 'x')).build());
        return path;
    }

    void select(const QStringList &addresses)
    {
        QTableView *table = m_page->deviceTable();
        table->clearSelection();
        for (const QString &address : addresses) {
            for (int row = 0; row < table->model()->rowCount(); ++row) {
                const QModelIndex index = table->model()->index(row, LanDeviceModel::AddressColumn);
                if (index.data().toString().startsWith(address + u':'))
                    table->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
            }
        }
        QCOMPARE(table->selectionModel()->selectedRows().size(), addresses.size());
    }

    void savePassword(PasswordSource source, const QString &password)
    {
        LanPushPanel *panel = m_page->pushPanel();
        panel->setPasswordSource(source);
        panel->setTypedPassword(password);
        QTest::mouseClick(panel->saveButton(), Qt::LeftButton);
        auto *message = panel->findChild<QLabel *>(u"keychainMessage"_s);
        QTRY_VERIFY2_WITH_TIMEOUT(message->text().startsWith(u"Saved in the keychain"_s), qPrintable(message->text()), 30000);
    }

    void load(const QString &path)
    {
        LanPushPanel *panel = m_page->pushPanel();
        panel->loadImage(path);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isLoadingImage(), 30000);
    }

    void pushAndWait()
    {
        QPushButton *push = m_page->pushPanel()->pushButton();
        QVERIFY2(push->isEnabled(), qPrintable(push->toolTip()));
        QTest::mouseClick(push, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->job() != nullptr, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->job()->isFinished(), PushMs);
        QTRY_VERIFY_WITH_TIMEOUT(push->isEnabled(), 5000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        TestSupport::keepConsoleSettingsIn(m_dir.filePath(u"settings"_s));
        QString error;
        QVERIFY2(m_keyring.start(&error), qPrintable(error));
        QProcessEnvironment alpha;
        alpha.insert(u"LAN_PW"_s, u"alpha"_s);
        QVERIFY2(m_alpha.start({u"--lan-devices"_s, u"2"_s, u"--base-address"_s, AlphaFirst, u"--password-env"_s,
                                u"LAN_PW"_s, u"--reboot-ms"_s, u"1000"_s, u"--state-dir"_s, m_dir.filePath(u"alpha"_s)},
                               &error, alpha),
                 qPrintable(error));
        QProcessEnvironment bravo;
        bravo.insert(u"LAN_PW"_s, u"bravo"_s);
        QVERIFY2(m_bravo.start({u"--lan-devices"_s, u"1"_s, u"--esphome-devices"_s, u"1"_s, u"--base-address"_s,
                                BravoArduino, u"--password-env"_s, u"LAN_PW"_s, u"--reboot-ms"_s, u"1000"_s,
                                u"--state-dir"_s, m_dir.filePath(u"bravo"_s)},
                               &error, bravo),
                 qPrintable(error));
        m_page = std::make_unique<LanPage>(nullptr, QStringList {u"lo"_s});
        m_page->resize(1200, 760);
        m_page->show();
        LanDeviceModel *model = m_page->devices();
        QTRY_VERIFY2_WITH_TIMEOUT(model->rowCount() == 4,
                                  qPrintable(u"%1 devices; sims said: %2 / %3"_s.arg(model->rowCount())
                                                 .arg(m_alpha.output(), m_bravo.output())),
                                  DevicesMs);
        QVERIFY(m_page->discoveryStatus()->text().contains(u"lo"_s));
    }

    void devicesAreListedWithWhatTheyAnnounced()
    {
        LanDeviceModel *model = m_page->devices();
        const int esphome = rowAt(model, BravoEsphome);
        QVERIFY(esphome >= 0);
        const auto cell = [&](int row, int column) { return model->data(model->index(row, column)).toString(); };
        QCOMPARE(cell(esphome, LanDeviceModel::ProtocolColumn), u"ESPHome"_s);
        const int arduino = rowAt(model, AlphaFirst);
        QCOMPARE(cell(arduino, LanDeviceModel::ProtocolColumn), u"ArduinoOTA"_s);
        QCOMPARE(cell(arduino, LanDeviceModel::AuthColumn), u"password"_s);
        QVERIFY(!cell(arduino, LanDeviceModel::VersionColumn).isEmpty());
        QVERIFY(cell(arduino, LanDeviceModel::HeardColumn).endsWith(u"ago"_s));
        // Check now: the device answers the direct query.
        select({AlphaFirst});
        QTest::mouseClick(m_page->findChild<QPushButton *>(u"checkNow"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->discoveryStatus()->text().contains(u"answered in"_s), 30000);
    }

    // Before anything is sent: an ESP32-S3 image is flagged on every ESP32 row, with why.
    void aMismatchedImageIsFlaggedBeforeSending()
    {
        load(image(u"9.9.9"_s, 9));
        LanDeviceModel *model = m_page->devices();
        const int row = rowAt(model, AlphaFirst);
        QVERIFY(model->device(row).imageRefusal.has_value());
        select({AlphaFirst, AlphaSecond});
        const QString summary = m_page->pushPanel()->findChild<QLabel *>(u"selectionSummary"_s)->text();
        QVERIFY2(summary.contains(u"2 will be refused unless forced"_s), qPrintable(summary));
        // A file that is no application image: every row says why it would be refused.
        const QString junk = m_dir.filePath(u"junk.bin"_s);
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not firmware");
        file.close();
        load(junk);
        QVERIFY(model->device(rowAt(model, BravoEsphome)).imageRefusal.has_value());
        // A file that cannot be read: said in the panel, and no push possible.
        load(m_dir.filePath(u"no-such.bin"_s));
        QVERIFY(!m_page->pushPanel()->image());
        QVERIFY(!m_page->pushPanel()->pushButton()->isEnabled());
        QVERIFY(!m_page->pushPanel()->findChild<QLabel *>(u"imageSummary"_s)->text().isEmpty());
        QVERIFY(!model->device(row).imageRefusal);
    }

    // Three ArduinoOTA devices, the shared password from the keychain: the one
    // that takes another password fails with the device's own auth error.
    void pushToThreeWithOneWrongPassword()
    {
        savePassword(PasswordSource::SharedKeychain, u"alpha"_s);
        load(image(u"2.0.0"_s));
        select({AlphaFirst, AlphaSecond, BravoArduino});
        saveScreenshot(m_page.get(), u"lan.png"_s);
        pushAndWait();
        const Espota::PushJob *job = m_page->job();
        for (const QString &address : {AlphaFirst, AlphaSecond}) {
            const Espota::DevicePush &d = job->device(jobRowAt(job, address));
            QVERIFY2(d.stage == Espota::PushStage::Done && d.confirmation == Espota::Confirmation::Confirmed,
                     qPrintable(address + u": "_s + d.detail + u"\n"_s + d.log.join(u'\n')));
        }
        const int wrong = jobRowAt(job, BravoArduino);
        const Espota::DevicePush &failed = job->device(wrong);
        QCOMPARE(failed.stage, Espota::PushStage::Failed);
        QCOMPARE(failed.outcome.failure, Espota::PushFailure::AuthenticationFailed);
        LanProgressPane *pane = m_page->progressPane();
        const QModelIndex detail = pane->table()->model()->index(wrong, 5);
        QVERIFY2(detail.data().toString().contains(u"password"_s, Qt::CaseInsensitive), qPrintable(detail.data().toString()));
        // Its own log, shown when its row is selected.
        pane->table()->setCurrentIndex(pane->table()->model()->index(wrong, 0));
        QTRY_VERIFY(!pane->log()->toPlainText().isEmpty());
        QVERIFY(pane->log()->toPlainText().contains(u"password"_s, Qt::CaseInsensitive));
        QVERIFY2(pane->summary()->text().contains(u"2 confirmed"_s) && pane->summary()->text().contains(u"1 failed"_s),
                 qPrintable(pane->summary()->text()));
        saveScreenshot(m_page.get(), u"lan-push.png"_s);
    }

    // ArduinoOTA and ESPHome in one job, each device's own keychain password
    // where it has one, the shared one elsewhere.
    void mixedJobWithPerDevicePasswords()
    {
        m_page->pushPanel()->setPasswordSource(PasswordSource::PerDeviceKeychain);
        select({BravoArduino, BravoEsphome});
        savePassword(PasswordSource::PerDeviceKeychain, u"bravo"_s);
        load(image(u"3.0.0"_s));
        select({AlphaFirst, BravoArduino, BravoEsphome});
        pushAndWait();
        const Espota::PushJob *job = m_page->job();
        QCOMPARE(job->count(), 3);
        for (int i = 0; i < job->count(); ++i) {
            const Espota::DevicePush &d = job->device(i);
            QVERIFY2(d.stage == Espota::PushStage::Done && d.confirmation == Espota::Confirmation::Confirmed,
                     qPrintable(d.target.endpoint() + u": "_s + d.detail + u"\n"_s + d.log.join(u'\n')));
        }
        QCOMPARE(job->device(jobRowAt(job, BravoEsphome)).target.protocol, Espota::PushProtocol::Esphome);
        // Re-announced on the new version: the device table shows it too.
        LanDeviceModel *model = m_page->devices();
        QTRY_VERIFY_WITH_TIMEOUT(model->device(rowAt(model, BravoEsphome)).target.announcedVersion == u"3.0.0"_s, 30000);
    }

    // Typed for this push only, but nothing typed: said at once, nothing starts.
    void anEmptyTypedPasswordIsRefusedWithAMessage()
    {
        const Espota::PushJob *before = m_page->job();
        LanPushPanel *panel = m_page->pushPanel();
        panel->setPasswordSource(PasswordSource::TypedForThisPush);
        panel->setTypedPassword(QString());
        select({AlphaFirst});
        QTest::mouseClick(panel->pushButton(), Qt::LeftButton);
        const QString message = panel->findChild<QLabel *>(u"keychainMessage"_s)->text();
        QVERIFY2(message.contains(u"Type the OTA password"_s), qPrintable(message));
        QCOMPARE(m_page->job(), before);
        QVERIFY(panel->pushButton()->isEnabled());
    }

    // "Skip devices already on this version", then Cancel on a job in flight.
    void skipSameVersionAndCancel()
    {
        m_page->pushPanel()->setPasswordSource(PasswordSource::SharedKeychain);
        m_page->pushPanel()->findChild<QCheckBox *>(u"skipSameVersion"_s)->setChecked(true);
        select({AlphaFirst, AlphaSecond});
        pushAndWait(); // 3.0.0 again: the first device is on it already
        const Espota::PushJob *job = m_page->job();
        QCOMPARE(job->device(jobRowAt(job, AlphaFirst)).stage, Espota::PushStage::Skipped);
        QCOMPARE(job->device(jobRowAt(job, AlphaSecond)).stage, Espota::PushStage::Done);
        m_page->pushPanel()->findChild<QCheckBox *>(u"skipSameVersion"_s)->setChecked(false);

        load(image(u"4.0.0"_s));
        select({AlphaFirst});
        QTest::mouseClick(m_page->pushPanel()->pushButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->job() != job && m_page->job() != nullptr, 30000);
        QPushButton *cancel = m_page->pushPanel()->cancelButton();
        QVERIFY(cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->job()->isFinished(), PushMs);
        const Espota::DevicePush &d = m_page->job()->device(0);
        QVERIFY2(d.outcome.failure == Espota::PushFailure::Cancelled || d.stage == Espota::PushStage::Done,
                 qPrintable(d.detail));
        QVERIFY(!cancel->isEnabled());
    }

    void cleanupTestCase()
    {
        m_page.reset();
        m_alpha.terminate();
        m_bravo.terminate();
    }
};

QTEST_MAIN(TestConsoleLan)
#include "tst_consolelan.moc"
