// The rollout agent's pieces that need no server, read as its specification:
// which range it asks for and what each answer means (resume after a drop),
// the checks before it writes anything (signature, manifest, chip, size,
// SHA-256), the decisions on install / rollback / first boot / health, and
// what it keeps in its state directory.
#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "agentpolicy.h"
#include "agentstate.h"
#include "firmware/manifestsigner.h"
#include "firmware/signingkey.h"
#include "rangedownload.h"
#include "releasecheck.h"

using namespace Simulator;
using namespace Qt::Literals::StringLiterals;

namespace
{
    struct Signed
    {
        ReleaseOffer offer;
        Firmware::PublicKey key;
    };

    Firmware::SigningKey newKey()
    {
        auto key = Firmware::SigningKey::generate();
        Q_ASSERT(key);
        return *key;
    }

    // A release of `image` as a check-in reply offers it, signed with key.
    ReleaseOffer offerFor(const QByteArray &image, const Firmware::SigningKey &key, const QString &chip = u"esp32"_s,
                          const QString &version = u"2.3.2"_s)
    {
        Firmware::ReleaseManifest m;
        m.version = version;
        m.project = u"smart-building"_s;
        m.chip = chip;
        m.size = image.size();
        m.sha256 = QString::fromLatin1(QCryptographicHash::hash(image, QCryptographicHash::Sha256).toHex());
        m.minPreviousVersion = u"2.0.0"_s;
        ReleaseOffer offer;
        offer.version = version;
        offer.sha256 = m.sha256;
        offer.size = m.size;
        offer.manifest = m.toJson();
        offer.signature = Firmware::ManifestSigner::toBase64(*Firmware::ManifestSigner::sign(offer.manifest, key));
        offer.url = u"/api/v1/device/releases/"_s + m.sha256 + u"/image"_s;
        return offer;
    }

    AgentConfig device()
    {
        AgentConfig c;
        c.id = u"sb-b03-0042"_s;
        c.version = u"2.3.1"_s;
        c.batteryPercent = 87;
        return c;
    }
} // namespace

class TestAgentLogic final : public QObject
{
    Q_OBJECT

private:
    Firmware::SigningKey m_key = newKey();
    QByteArray m_image = QByteArray(10000, 'x');

private Q_SLOTS:
    // --- ranges -------------------------------------------------------------

    void asksForTheNextChunkFromWhatItHas()
    {
        QCOMPARE(RangeDownload(10000, 0).nextRange(4096), QByteArray("bytes=0-4095"));
        QCOMPARE(RangeDownload(10000, 8192).nextRange(4096), QByteArray("bytes=8192-9999"));
        // A partial file longer than the image cannot be a prefix of it: start again.
        QCOMPARE(RangeDownload(10000, 20000).have(), 0);
    }

    void accept_data()
    {
        QTest::addColumn<qint64>("have");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentRange");
        QTest::addColumn<qint64>("body");
        QTest::addColumn<int>("step");
        QTest::addColumn<qint64>("haveAfter");
        QTest::addColumn<QString>("message");
        const int append = int(RangeDownload::Step::Append);
        const int restart = int(RangeDownload::Step::Restart);
        const int error = int(RangeDownload::Step::Error);
        QTest::addRow("206 first chunk") << qint64(0) << 206 << QByteArray("bytes 0-4095/10000") << qint64(4096) << append
                                         << qint64(4096) << QString();
        QTest::addRow("206 resumes after a drop") << qint64(4096) << 206 << QByteArray("bytes 4096-9999/10000")
                                                  << qint64(5904) << append << qint64(10000) << QString();
        QTest::addRow("206 from elsewhere") << qint64(4096) << 206 << QByteArray("bytes 0-4095/10000") << qint64(4096)
                                            << error << qint64(4096) << u"asked for bytes from 4096, the server sent from 0"_s;
        QTest::addRow("206 other image size") << qint64(0) << 206 << QByteArray("bytes 0-4095/20000") << qint64(4096)
                                              << error << qint64(0)
                                              << u"the server's image is 20000 bytes; the manifest says 10000"_s;
        QTest::addRow("206 short body") << qint64(0) << 206 << QByteArray("bytes 0-4095/10000") << qint64(100) << error
                                        << qint64(0) << u"Content-Range bytes 0-4095/10000 announces 4096 bytes, the body has 100"_s;
        QTest::addRow("206 without Content-Range") << qint64(0) << 206 << QByteArray() << qint64(100) << error << qint64(0)
                                                   << u"206 without a Content-Range of the form bytes A-B/SIZE (got '')"_s;
        QTest::addRow("200 whole image") << qint64(4096) << 200 << QByteArray() << qint64(10000) << restart
                                         << qint64(10000) << QString();
        QTest::addRow("200 not the image") << qint64(0) << 200 << QByteArray() << qint64(10) << error << qint64(0)
                                           << u"200 with 10 bytes; the image is 10000"_s;
        QTest::addRow("416 start again") << qint64(9000) << 416 << QByteArray("bytes */10000") << qint64(0) << restart
                                         << qint64(0) << QString();
        QTest::addRow("416 other size") << qint64(9000) << 416 << QByteArray("bytes */5000") << qint64(0) << error
                                        << qint64(9000) << u"the server's image is 5000 bytes; the manifest says 10000"_s;
        QTest::addRow("404") << qint64(0) << 404 << QByteArray() << qint64(0) << error << qint64(0)
                             << u"HTTP 404 for the image"_s;
    }

    void accept()
    {
        QFETCH(qint64, have);
        QFETCH(int, status);
        QFETCH(QByteArray, contentRange);
        QFETCH(qint64, body);
        QFETCH(int, step);
        QFETCH(qint64, haveAfter);
        QFETCH(QString, message);
        RangeDownload download(10000, have);
        const auto outcome = download.accept(status, contentRange, body);
        QCOMPARE(int(outcome.step), step);
        QCOMPARE(download.have(), haveAfter);
        QCOMPARE(outcome.message, message);
    }

    // --- checks before writing ------------------------------------------------

    void aSignedReleaseForItsChipPasses()
    {
        const ReleaseOffer offer = offerFor(m_image, m_key);
        const auto checked = ReleaseCheck::beforeDownload(offer, {m_key.publicKey()}, u"esp32"_s);
        QVERIFY2(checked, checked ? "" : qPrintable(checked.error().detail));
        QCOMPARE(checked->version, u"2.3.2"_s);
        QVERIFY(ReleaseCheck::downloadedImage(*checked, m_image.size(), offer.sha256));
    }

    void refusals_data()
    {
        QTest::addColumn<int>("tamper");
        QTest::addColumn<QString>("failureType");
        QTest::addColumn<QString>("detail");
        QTest::addRow("signed by a key it does not trust") << 0 << u"verification"_s << u"signature check failed: "_s;
        QTest::addRow("manifest changed after signing") << 1 << u"verification"_s << u"signature check failed: "_s;
        QTest::addRow("signature not base64 DER") << 2 << u"verification"_s << u"signature check failed: "_s;
        QTest::addRow("built for another chip") << 3 << u"rejected"_s
                                                << u"release 2.3.2 is built for esp32c3; this device is an esp32"_s;
        QTest::addRow("offer disagrees with its manifest") << 4 << u"verification"_s
                                                           << u"the offer (2.3.2, 10001 bytes"_s;
        QTest::addRow("signed text is not a manifest") << 5 << u"verification"_s << u"manifest invalid: "_s;
    }

    void refusals()
    {
        QFETCH(int, tamper);
        QFETCH(QString, failureType);
        QFETCH(QString, detail);
        ReleaseOffer offer = offerFor(m_image, m_key);
        QList<Firmware::PublicKey> trusted{m_key.publicKey()};
        switch (tamper) {
        case 0:
            trusted = {newKey().publicKey()};
            break;
        case 1:
            offer.manifest.replace("2.3.2", "2.3.9");
            break;
        case 2:
            offer.signature = "not a signature";
            break;
        case 3:
            offer = offerFor(m_image, m_key, u"esp32c3"_s);
            break;
        case 4:
            offer.size += 1;
            break;
        case 5:
            offer.manifest = "{}";
            offer.signature = Firmware::ManifestSigner::toBase64(*Firmware::ManifestSigner::sign(offer.manifest, m_key));
            break;
        }
        const auto checked = ReleaseCheck::beforeDownload(offer, trusted, u"esp32"_s);
        QVERIFY(!checked);
        QCOMPARE(checked.error().failureType, failureType);
        QVERIFY2(checked.error().detail.startsWith(detail), qPrintable(checked.error().detail));
    }

    void theDownloadMustBeTheSignedImage()
    {
        const auto manifest = *ReleaseCheck::beforeDownload(offerFor(m_image, m_key), {m_key.publicKey()}, u"esp32"_s);
        QCOMPARE(ReleaseCheck::downloadedImage(manifest, 9999, manifest.sha256).error(),
                 u"downloaded 9999 bytes; the manifest says 10000"_s);
        const QString other(64, u'0');
        QVERIFY(ReleaseCheck::downloadedImage(manifest, 10000, other).error().startsWith(u"downloaded image has sha256 000"_s));
    }

    void anOfferMissingFieldsSaysWhich()
    {
        const auto offer = ReleaseOffer::fromJson(QJsonObject{{u"version"_s, u"2.3.2"_s}, {u"url"_s, u"http://elsewhere/x"_s}});
        QVERIFY(!offer);
        QVERIFY2(offer.error().contains(u"release.sha256: expected a non-empty string"_s), qPrintable(offer.error()));
        QVERIFY(offer.error().contains(u"release.size: expected a positive number of bytes"_s));
        QVERIFY(offer.error().contains(u"release.url: expected a path on the server"_s));
    }

    // --- decisions --------------------------------------------------------------

    void install_data()
    {
        QTest::addColumn<double>("battery");
        QTest::addColumn<QString>("running");
        QTest::addColumn<QString>("chip");
        QTest::addColumn<int>("step");
        QTest::addRow("battery fine: download") << 87.0 << u"2.3.1"_s << u"esp32"_s << int(AgentPolicy::InstallStep::Download);
        QTest::addRow("battery exactly 40: download") << 40.0 << u"2.3.1"_s << u"esp32"_s << int(AgentPolicy::InstallStep::Download);
        QTest::addRow("battery 39: defer") << 39.0 << u"2.3.1"_s << u"esp32"_s << int(AgentPolicy::InstallStep::Defer);
        QTest::addRow("wrong chip: reject, even on a low battery") << 10.0 << u"2.3.1"_s << u"esp32s3"_s
                                                                  << int(AgentPolicy::InstallStep::Reject);
        QTest::addRow("runs it already") << 87.0 << u"2.3.2"_s << u"esp32"_s << int(AgentPolicy::InstallStep::AlreadyRunning);
    }

    void install()
    {
        QFETCH(double, battery);
        QFETCH(QString, running);
        QFETCH(QString, chip);
        QFETCH(int, step);
        AgentConfig config = device();
        config.chip = chip;
        config.version = running;
        AgentState state = AgentState::initial(config);
        state.batteryPercent = battery;
        const auto decision = AgentPolicy::onInstall(config, state, offerFor(m_image, m_key), {m_key.publicKey()});
        QCOMPARE(int(decision.step), step);
    }

    void aReleaseLargerThanTheOtaSlotIsRejectedBeforeTheDownload()
    {
        AgentConfig config = device();
        config.otaSlotBytes = m_image.size() - 1;
        const auto decision =
            AgentPolicy::onInstall(config, AgentState::initial(config), offerFor(m_image, m_key), {m_key.publicKey()});
        QCOMPARE(int(decision.step), int(AgentPolicy::InstallStep::Reject));
        QCOMPARE(decision.refusal.failureType, u"rejected"_s);
        QCOMPARE(decision.refusal.detail, u"release 2.3.2 is 10000 bytes; this device's OTA slot holds 9999"_s);
        config.otaSlotBytes = m_image.size(); // exactly full fits
        QCOMPARE(int(AgentPolicy::onInstall(config, AgentState::initial(config), offerFor(m_image, m_key),
                                            {m_key.publicKey()}).step),
                 int(AgentPolicy::InstallStep::Download));
    }

    void rollback()
    {
        AgentState state = AgentState::initial(device());
        state.slotVersion[u"ota_1"_s] = u"2.3.2"_s;
        state.activeSlot = u"ota_1"_s; // runs 2.3.2, 2.3.1 still in ota_0
        QCOMPARE(AgentPolicy::onRollback(state, u"2.3.1"_s, false), AgentPolicy::RollbackStep::BootOtherSlot);
        QCOMPARE(AgentPolicy::onRollback(state, u"2.3.2"_s, false), AgentPolicy::RollbackStep::AlreadyRunning);
        QCOMPARE(AgentPolicy::onRollback(state, u"2.2.0"_s, true), AgentPolicy::RollbackStep::Download);
        QCOMPARE(AgentPolicy::onRollback(state, u"2.2.0"_s, false), AgentPolicy::RollbackStep::Impossible);
    }

    void firstBootAndHealth()
    {
        QCOMPARE(AgentPolicy::firstBoot(AgentFailure::None), AgentPolicy::FirstBoot::PendingVerify);
        QCOMPARE(AgentPolicy::firstBoot(AgentFailure::HealthCheck), AgentPolicy::FirstBoot::PendingVerify);
        QCOMPARE(AgentPolicy::firstBoot(AgentFailure::BootLoop), AgentPolicy::FirstBoot::BootLoop);
        QCOMPARE(AgentPolicy::firstBoot(AgentFailure::NeverComesBack), AgentPolicy::FirstBoot::NeverComesBack);
        QCOMPARE(AgentPolicy::BootAttemptsBeforeRollback, 3);

        const AgentConfig config = device();
        const QJsonObject good = AgentPolicy::healthResults(config, false);
        QCOMPARE(good, (QJsonObject{{u"sensors"_s, true}, {u"wifi"_s, true}, {u"mqtt"_s, true}}));
        QVERIFY(AgentPolicy::allPassed(good));
        const QJsonObject bad = AgentPolicy::healthResults(config, true);
        QCOMPARE(bad.value(u"mqtt"_s).toBool(), false);
        QCOMPARE(bad.value(u"wifi"_s).toBool(), true);
        QVERIFY(!AgentPolicy::allPassed(bad));
    }

    void failuresStrikeWhereDrawn()
    {
        AgentConfig config = device();
        config.failure = AgentFailure::DownloadTimeout;
        config.failureAtFraction = 0.5;
        AgentState state = AgentState::initial(config);
        QVERIFY(!AgentPolicy::stallsAt(config, state, 4000, 10000));
        QVERIFY(AgentPolicy::stallsAt(config, state, 5000, 10000));
        state.downloadTimeoutSpent = true; // the retry goes through
        QVERIFY(!AgentPolicy::stallsAt(config, state, 5000, 10000));
        QVERIFY(!AgentPolicy::batteryDiesAt(config, 5000, 10000));
        config.failure = AgentFailure::BatteryDies;
        QVERIFY(AgentPolicy::batteryDiesAt(config, 6000, 10000));
    }

    void batteriesDrainWithSimulatedTime()
    {
        QCOMPARE(AgentPolicy::drained(50, 1, 3600), 49.0);
        QCOMPARE(AgentPolicy::drained(50, 1, 7200), 48.0);
        QCOMPARE(AgentPolicy::drained(1, 10, 3600), 0.0);
        QCOMPARE(AgentPolicy::drained(99, -5, 3600), 100.0); // charging
    }

    // --- state directory --------------------------------------------------------

    void stateSurvivesARestart()
    {
        QTemporaryDir dir;
        const AgentConfig config = device();
        const auto fresh = AgentState::load(dir.path(), config);
        QVERIFY(fresh);
        QCOMPARE(fresh->runningVersion(), u"2.3.1"_s);
        QCOMPARE(fresh->activeSlot, u"ota_0"_s);
        QCOMPARE(fresh->batteryPercent, 87.0);
        AgentState s = *fresh;
        s.activeSlot = u"ota_1"_s;
        s.slotVersion[u"ota_1"_s] = u"2.3.2"_s;
        s.bootCount = 4;
        s.batteryPercent = 61.5;
        s.downloadTimeoutSpent = true;
        s.downloadSha256 = u"ab"_s;
        QVERIFY(s.save(dir.path()));
        const auto again = AgentState::load(dir.path(), config);
        QVERIFY(again);
        QCOMPARE(again->runningVersion(), u"2.3.2"_s);
        QCOMPARE(again->slotVersion.value(u"ota_0"_s), u"2.3.1"_s);
        QCOMPARE(again->bootCount, 4);
        QCOMPARE(again->batteryPercent, 61.5);
        QVERIFY(again->downloadTimeoutSpent);
        QCOMPARE(again->downloadSha256, u"ab"_s);

        QFile broken(dir.filePath(u"agent.json"_s));
        QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
        broken.write("{}");
        broken.close();
        QVERIFY(AgentState::load(dir.path(), config).error().contains(u"is not an agent state file (delete it to start afresh)"_s));
    }

    void secretsAreOwnerOnly()
    {
        QTemporaryDir dir;
        const CredentialFile file(dir.filePath(u"agents/credentials.json"_s));
        QVERIFY(file.load());
        QVERIFY(file.load()->isEmpty());
        QVERIFY(file.save({{u"sb-b03-0042"_s, u"dev_secret"_s}}));
        QCOMPARE(QFile::permissions(file.path()), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
                                                      | QFileDevice::WriteUser);
        QCOMPARE(file.load()->value(u"sb-b03-0042"_s), u"dev_secret"_s);
    }
};

QTEST_GUILESS_MAIN(TestAgentLogic)
#include "tst_agentlogic.moc"
