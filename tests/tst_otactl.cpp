#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "discovery/mdnsresponder.h"
#include "discovery/mdnstransport.h"
#include "testimagebuilder.h"

using namespace TestSupport;
using namespace Qt::Literals::StringLiterals;

namespace
{
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Run otactl(const QStringList &arguments, const QByteArray &passphrase = {},
               const QList<std::pair<QString, QString>> &extraEnvironment = {})
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(u"OTACTL_PASSPHRASE"_s);
        if (!passphrase.isNull())
            environment.insert(u"OTACTL_PASSPHRASE"_s, QString::fromUtf8(passphrase));
        for (const auto &[name, value] : extraEnvironment)
            environment.insert(name, value);
        process.setProcessEnvironment(environment);
        process.setProgram(QStringLiteral(OTACTL_PATH));
        process.setArguments(arguments);
        process.start();
        process.closeWriteChannel();
        // Pump events while waiting: a test may be serving mDNS to the child.
        if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 60000))
            return {};
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
    }

    QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
    {
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return {};
        return path;
    }
} // namespace

class TestOtactl final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // The real simulator with a few password-protected LAN devices on
    // 127.0.3.x; returns the device names it printed.
    QStringList startFleet(QProcess &sim, int devices)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"FLEET_PW"_s, u"bench-pw"_s);
        sim.setProcessEnvironment(environment);
        sim.start(QStringLiteral(FLEETSIM_PATH),
                  {u"--lan-devices"_s, QString::number(devices), u"--base-address"_s, u"127.0.3.10"_s,
                   u"--password-env"_s, u"FLEET_PW"_s, u"--flash-rate"_s, u"0"_s, u"--reboot-ms"_s, u"500"_s});
        QByteArray banner;
        const bool ready = QTest::qWaitFor([&] {
            banner += sim.readAllStandardOutput();
            return banner.contains("ready:");
        }, 10000);
        if (!ready)
            qWarning("ota-fleet-sim did not say it was ready: %s", banner.constData());
        QStringList names;
        for (const QByteArray &line : banner.split('\n')) {
            if (line.startsWith("device "))
                names.append(QString::fromUtf8(line.split(' ').value(1)));
        }
        return names;
    }

    static void stopFleet(QProcess &sim)
    {
        sim.terminate();
        sim.waitForFinished(5000);
    }

    QString appImage(const QString &version)
    {
        return writeFile(m_dir, u"fw-%1.bin"_s.arg(version),
                         TestImageBuilder().setVersion(version).addSegment(0x40080000, QByteArray(32 * 1024, 'x')).build());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
    }

    void withoutAVerbItPrintsUsageAndExits2()
    {
        const Run run = otactl({});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(u"Usage: otactl VERB"));
    }

    void anUnknownVerbOrOptionIsAUsageError()
    {
        QCOMPARE(otactl({u"frobnicate"_s}).exitCode, 2);
        const Run run = otactl({u"inspect"_s, u"--frobnicate"_s, u"x.bin"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(u"frobnicate"));
        QCOMPARE(otactl({u"inspect"_s}).exitCode, 2);
    }

    void everyVerbHasHelp_data()
    {
        QTest::addColumn<QString>("verb");
        for (const char *verb : {"inspect", "keygen", "sign", "verify", "verify-sbv2", "discover", "push", "espota"})
            QTest::newRow(verb) << QString::fromLatin1(verb);
    }
    void everyVerbHasHelp()
    {
        QFETCH(QString, verb);
        const Run run = otactl({verb, u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(u"Usage: otactl "_s + verb), qPrintable(run.out));
        QVERIFY(run.out.contains(u"Exit codes"));
    }

    void inspectShowsChipVersionAndProject()
    {
        const QString path = writeFile(m_dir, u"app.bin"_s,
                                       TestImageBuilder(5).setVersion(u"3.1.4"_s).setProjectName(u"thermostat"_s).build());
        const Run run = otactl({u"inspect"_s, path});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(u"ESP32-C3 (chip id 5)"));
        QVERIFY(run.out.contains(u"3.1.4"));
        QVERIFY(run.out.contains(u"thermostat"));
        QVERIFY(run.out.contains(u"valid"));
        QVERIFY(run.err.isEmpty());
    }

    void inspectJsonIsMachineReadable()
    {
        const QString path = writeFile(m_dir, u"app-json.bin"_s, TestImageBuilder(9).setSecureVersion(3).build());
        const Run run = otactl({u"inspect"_s, u"--json"_s, path});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(json.value(u"valid"_s).toBool(), true);
        const QJsonObject image = json.value(u"image"_s).toObject();
        QCOMPARE(image.value(u"chip"_s).toString(), u"esp32s3"_s);
        QCOMPARE(image.value(u"app"_s).toObject().value(u"secureVersion"_s).toInt(), 3);
        QCOMPARE(image.value(u"sha256"_s).toString().size(), 64);
    }

    void inspectOfACorruptImageExits1AndNamesTheProblem()
    {
        QByteArray bad = TestImageBuilder().build();
        bad[0x52f] = char(bad.at(0x52f) ^ 0xFF);
        const QString path = writeFile(m_dir, u"bad.bin"_s, bad);
        const Run run = otactl({u"inspect"_s, path});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"Checksum byte at 0x52f"), qPrintable(run.err));

        const Run json = otactl({u"inspect"_s, u"--json"_s, path});
        QCOMPARE(json.exitCode, 1);
        const QJsonObject error = QJsonDocument::fromJson(json.out.toUtf8()).object().value(u"error"_s).toObject();
        QCOMPARE(error.value(u"kind"_s).toString(), u"checksum-mismatch"_s);
        QCOMPARE(error.value(u"offset"_s).toInt(), 0x52f);
    }

    void inspectOfAMissingFileExits1()
    {
        const Run run = otactl({u"inspect"_s, m_dir.filePath(u"nope.bin"_s)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(u"nope.bin"));
    }

    void keygenWritesAnEncryptedKeyReadableOnlyByItsOwner()
    {
        const QString base = m_dir.filePath(u"release"_s);
        const Run run = otactl({u"keygen"_s, base}, "correct horse");
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
        QVERIFY(run.out.contains(u"key id:"));
        QFile key(base + u".key.pem"_s);
        QVERIFY(key.open(QIODevice::ReadOnly));
        QVERIFY(key.readAll().contains("ENCRYPTED PRIVATE KEY"));
        QCOMPARE(key.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther), QFile::Permissions());
        QVERIFY(QFile::exists(base + u".pub.pem"_s));
    }

    void keygenNeverOverwritesAKey()
    {
        const QString base = m_dir.filePath(u"twice"_s);
        QCOMPARE(otactl({u"keygen"_s, base}, "pw").exitCode, 0);
        QFile key(base + u".key.pem"_s);
        QVERIFY(key.open(QIODevice::ReadOnly));
        const QByteArray before = key.readAll();
        const Run again = otactl({u"keygen"_s, base}, "pw");
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(u"exists"), qPrintable(again.err));
        key.seek(0);
        QCOMPARE(key.readAll(), before);
    }

    void keygenWithoutAPassphraseSourceSaysWhereToGiveOne()
    {
        const Run run = otactl({u"keygen"_s, m_dir.filePath(u"nopass"_s)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"--passphrase-file"), qPrintable(run.err));
        QVERIFY(!QFile::exists(m_dir.filePath(u"nopass.key.pem"_s)));
    }

    void keygenWritesAKeyInTheClearOnlyWhenAskedTo()
    {
        const QString base = m_dir.filePath(u"clear"_s);
        const Run run = otactl({u"keygen"_s, u"--unencrypted"_s, base});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(u"NOT encrypted"));
    }

    void aSignedReleaseVerifiesAndSaysWhichKeyMatched()
    {
        const QString base = m_dir.filePath(u"ci"_s);
        QCOMPARE(otactl({u"keygen"_s, base}, "pw").exitCode, 0);
        const QString other = m_dir.filePath(u"other"_s);
        QCOMPARE(otactl({u"keygen"_s, other}, "pw").exitCode, 0);
        const QString image = writeFile(m_dir, u"fw.bin"_s, TestImageBuilder(13).setVersion(u"ab12cd3"_s).build());

        const Run sign = otactl({u"sign"_s, image, u"--key"_s, base + u".key.pem"_s, u"--version"_s, u"2.0.0"_s,
                                 u"--git-commit"_s, u"ab12cd3"_s},
                                "pw");
        QCOMPARE(sign.exitCode, 0);
        const QString manifest = m_dir.filePath(u"fw.manifest.json"_s);
        const QString signature = m_dir.filePath(u"fw.manifest.sig"_s);
        QFile manifestFile(manifest);
        QVERIFY(manifestFile.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(manifestFile.readAll()).object();
        QCOMPARE(json.value(u"version"_s).toString(), u"2.0.0"_s);
        QCOMPARE(json.value(u"chip"_s).toString(), u"esp32c6"_s);

        const Run verify = otactl({u"verify"_s, image, manifest, signature, u"--pubkey"_s, other + u".pub.pem"_s,
                                   u"--pubkey"_s, base + u".pub.pem"_s});
        QCOMPARE(verify.exitCode, 0);
        QVERIFY2(verify.out.contains(u"ci.pub.pem"), qPrintable(verify.out));

        const Run wrongKey = otactl({u"verify"_s, image, manifest, signature, u"--pubkey"_s, other + u".pub.pem"_s});
        QCOMPARE(wrongKey.exitCode, 1);
        QVERIFY2(wrongKey.err.contains(u"signature"), qPrintable(wrongKey.err));

        const QString otherImage = writeFile(m_dir, u"fw2.bin"_s, TestImageBuilder(13).setVersion(u"x"_s).build());
        const Run mismatch = otactl({u"verify"_s, otherImage, manifest, signature, u"--pubkey"_s, base + u".pub.pem"_s});
        QCOMPARE(mismatch.exitCode, 1);
        QVERIFY2(mismatch.err.contains(u"does not describe this image"), qPrintable(mismatch.err));

        QVERIFY(manifestFile.seek(0));
        QByteArray tampered = manifestFile.readAll();
        tampered.replace("2.0.0", "2.0.1");
        const QString tamperedPath = writeFile(m_dir, u"tampered.manifest.json"_s, tampered);
        QCOMPARE(otactl({u"verify"_s, image, tamperedPath, signature, u"--pubkey"_s, base + u".pub.pem"_s}).exitCode, 1);

        const Run again = otactl({u"sign"_s, image, u"--key"_s, base + u".key.pem"_s}, "pw");
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains(u"--force"));
    }

    void signingWithTheWrongPassphraseWritesNothing()
    {
        const QString base = m_dir.filePath(u"locked"_s);
        QCOMPARE(otactl({u"keygen"_s, base}, "right").exitCode, 0);
        const QString image = writeFile(m_dir, u"locked-fw.bin"_s, TestImageBuilder().build());
        const Run run = otactl({u"sign"_s, image, u"--key"_s, base + u".key.pem"_s}, "wrong");
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"passphrase"), qPrintable(run.err));
        QVERIFY(!QFile::exists(m_dir.filePath(u"locked-fw.manifest.json"_s)));
        QVERIFY(!QFile::exists(m_dir.filePath(u"locked-fw.manifest.sig"_s)));
    }

    void signingAnEsp8266ImageAsksForVersionAndProject()
    {
        const QString base = m_dir.filePath(u"e8266"_s);
        QCOMPARE(otactl({u"keygen"_s, base}, "pw").exitCode, 0);
        const QString image = writeFile(m_dir, u"e8266.bin"_s, buildEsp8266Image(true));
        const Run run = otactl({u"sign"_s, image, u"--key"_s, base + u".key.pem"_s}, "pw");
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"--version"), qPrintable(run.err));
        QCOMPARE(otactl({u"sign"_s, image, u"--key"_s, base + u".key.pem"_s, u"--version"_s, u"1.0"_s,
                         u"--project"_s, u"sensor"_s}, "pw").exitCode, 0);
    }

    void verifySbv2ChecksTheRealEsptoolSignedBootloaders_data()
    {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("ecdsa p-256") << u"bootloader_signed_v2_ecdsa256.bin"_s << u"ecdsa256_secure_boot_signing_pubkey.pem"_s << 0;
        QTest::newRow("rsa-3072") << u"bootloader_signed_v2_rsa.bin"_s << u"rsa_secure_boot_signing_pubkey.pem"_s << 0;
        QTest::newRow("wrong key") << u"bootloader_signed_v2_rsa.bin"_s << u"ecdsa256_secure_boot_signing_pubkey.pem"_s << 1;
        QTest::newRow("unsigned") << u"bootloader_unsigned_v2.bin"_s << u"rsa_secure_boot_signing_pubkey.pem"_s << 1;
    }
    void verifySbv2ChecksTheRealEsptoolSignedBootloaders()
    {
        QFETCH(QString, image);
        QFETCH(QString, key);
        QFETCH(int, exitCode);
        const QString dir = QStringLiteral(OTA_FIXTURES_DIR) + u"/sbv2/"_s;
        if (!QFile::exists(dir + image))
            QSKIP("shared fixtures not present");
        const Run run = otactl({u"verify-sbv2"_s, dir + image, u"--pubkey"_s, dir + key});
        QCOMPARE(run.exitCode, exitCode);
        if (exitCode == 0)
            QVERIFY(run.out.contains(u"eFuse key digest"));
        else
            QVERIFY(!run.err.isEmpty());
    }

    void discoverFindsADeviceAnnouncingItself()
    {
        Discovery::MdnsTransport transport({u"lo"_s});
        QString error;
        if (!transport.start(&error))
            QSKIP(qPrintable(u"mDNS not available here: "_s + error));
        Discovery::MdnsResponder responder(&transport);
        Discovery::ServiceDescription device;
        device.instanceName = u"esp32-c0ffee"_s;
        device.serviceType = u"_arduino._tcp"_s;
        device.port = 3232;
        device.txt = {{"board", "esp32"}, {"auth_upload", "yes"}};
        device.hostName = u"esp32-c0ffee"_s;
        device.addresses = {QHostAddress(u"127.0.0.42"_s)};
        const int id = responder.publish(device);
        QTRY_VERIFY_WITH_TIMEOUT(responder.isAnnounced(id), 3000);

        const Run run = otactl({u"discover"_s, u"--json"_s, u"--timeout"_s, u"1.5"_s, u"--interface"_s, u"lo"_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray found = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QCOMPARE(found.size(), 1);
        const QJsonObject instance = found.at(0).toObject();
        QCOMPARE(instance.value(u"instance"_s).toString(), u"esp32-c0ffee"_s);
        QCOMPARE(instance.value(u"port"_s).toInt(), 3232);
        QCOMPARE(instance.value(u"addresses"_s).toArray().at(0).toString(), u"127.0.0.42"_s);
        QCOMPARE(instance.value(u"txt"_s).toObject().value(u"auth_upload"_s).toString(), u"yes"_s);
        QCOMPARE(instance.value(u"lastHeardVia"_s).toString(), u"query answer"_s);
    }

    void discoverWatchStreamsArrivalsAndGoodbyes()
    {
        Discovery::MdnsTransport transport({u"lo"_s});
        QString error;
        if (!transport.start(&error))
            QSKIP(qPrintable(u"mDNS not available here: "_s + error));
        QProcess watcher;
        watcher.start(QStringLiteral(OTACTL_PATH), {u"discover"_s, u"--watch"_s, u"--json"_s, u"--interface"_s, u"lo"_s,
                                                    u"--type"_s, u"_otarollout._tcp"_s});
        QVERIFY(watcher.waitForStarted());
        QByteArray output;
        const auto readEvents = [&watcher, &output] {
            output += watcher.readAllStandardOutput();
            QList<QJsonObject> events;
            for (const QByteArray &line : output.split('\n')) {
                if (!line.trimmed().isEmpty())
                    events.append(QJsonDocument::fromJson(line).object());
            }
            return events;
        };

        Discovery::MdnsResponder responder(&transport);
        Discovery::ServiceDescription server;
        server.instanceName = u"Rollout server, hall B"_s;
        server.serviceType = u"_otarollout._tcp"_s;
        server.port = 8443;
        server.txt = {{"api", "1"}, {"tls", "yes"}};
        server.hostName = u"rollout-b"_s;
        server.addresses = {QHostAddress(u"127.0.0.43"_s)};
        const int id = responder.publish(server);
        QTRY_VERIFY_WITH_TIMEOUT(!readEvents().isEmpty(), 5000);
        QCOMPARE(readEvents().constFirst().value(u"event"_s).toString(), u"added"_s);
        QCOMPARE(readEvents().constFirst().value(u"instance"_s).toString(), u"Rollout server, hall B"_s);

        responder.withdraw(id);
        QTRY_VERIFY_WITH_TIMEOUT(readEvents().constLast().value(u"event"_s).toString() == u"removed"_s, 2000);
        QCOMPARE(readEvents().constLast().value(u"reason"_s).toString(), u"goodbye"_s);
        watcher.kill();
        watcher.waitForFinished();
    }

    void discoverRefusesWhatIsNotAServiceTypeOrAnInterface()
    {
        const Run badType = otactl({u"discover"_s, u"--type"_s, u"arduino"_s});
        QCOMPARE(badType.exitCode, 2);
        QVERIFY2(badType.err.contains(u"_name._tcp"), qPrintable(badType.err));
        const Run badTimeout = otactl({u"discover"_s, u"--timeout"_s, u"soon"_s});
        QCOMPARE(badTimeout.exitCode, 2);
        const Run badInterface = otactl({u"discover"_s, u"--interface"_s, u"eth77"_s, u"--timeout"_s, u"0.2"_s});
        QCOMPARE(badInterface.exitCode, 1);
        QVERIFY2(badInterface.err.contains(u"eth77"), qPrintable(badInterface.err));
    }

    void pushByNameUpdatesEachDeviceAndConfirmsItsVersion()
    {
        QProcess sim;
        const QStringList names = startFleet(sim, 3);
        QCOMPARE(names.size(), 3);
        const QString image = appImage(u"2.0.0"_s);
        const Run run = otactl({u"push"_s, u"--device"_s, names[0], u"--device"_s, names[1], u"--password-env"_s,
                                u"OTA_PW"_s, u"--host-port"_s, u"0"_s, u"--json"_s, image},
                               {}, {{u"OTA_PW"_s, u"bench-pw"_s}});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        QJsonObject summary;
        QStringList stages;
        for (const QString &line : run.out.split(u'\n', Qt::SkipEmptyParts)) {
            const QJsonObject event = QJsonDocument::fromJson(line.toUtf8()).object();
            if (event.value(u"event"_s) == u"summary"_s)
                summary = event;
            if (event.value(u"event"_s) == u"stage"_s && event.value(u"device"_s) == names[0]) {
                stages.append(event.value(u"stage"_s).toString());
                QCOMPARE(event.value(u"protocol"_s).toString(), u"arduino"_s);
            }
        }
        QCOMPARE(summary.value(u"done"_s).toInt(), 2);
        QCOMPARE(summary.value(u"failed"_s).toInt(), 0);
        QVERIFY2(stages.contains(u"authenticating"_s) && stages.contains(u"sending"_s) && stages.contains(u"rebooting"_s)
                     && stages.constLast() == u"done"_s,
                 qPrintable(stages.join(u", "_s)));

        // Again, to every device: the two on 2.0.0 are left out.
        const Run again = otactl({u"push"_s, u"--all-arduino"_s, u"--skip-same-version"_s, u"--password-env"_s,
                                  u"OTA_PW"_s, u"--host-port"_s, u"0"_s, image},
                                 {}, {{u"OTA_PW"_s, u"bench-pw"_s}});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err + again.out));
        QVERIFY2(again.out.contains(u"3 devices: 1 done, 2 skipped"_s), qPrintable(again.out));
        QVERIFY(again.out.contains(names[2] + u": done, confirmed"_s));
        stopFleet(sim);
    }

    void pushWithTheWrongPasswordExits1AndSaysSo()
    {
        QProcess sim;
        const QStringList names = startFleet(sim, 1);
        const Run run = otactl({u"push"_s, u"--device"_s, u"127.0.3.10"_s, u"--password-env"_s, u"OTA_PW"_s,
                                u"--host-port"_s, u"0"_s, u"--no-confirm"_s, appImage(u"2.0.0"_s)},
                               {}, {{u"OTA_PW"_s, u"guess"_s}});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"wrong password"_s), qPrintable(run.err));
        stopFleet(sim);
    }

    // ESPHome native OTA to a bare address: --protocol esphome says how.
    void pushWithProtocolEsphomeUpdatesAnEsphomeNode()
    {
        QProcess sim;
        sim.start(QStringLiteral(FLEETSIM_PATH),
                  {u"--lan-devices"_s, u"0"_s, u"--esphome-devices"_s, u"1"_s, u"--base-address"_s, u"127.0.3.40"_s,
                   u"--no-mdns"_s, u"--flash-rate"_s, u"0"_s});
        QByteArray banner;
        QVERIFY(QTest::qWaitFor([&] {
            banner += sim.readAllStandardOutput();
            return banner.contains("ready:");
        }, 10000));
        const Run run = otactl({u"push"_s, u"--protocol"_s, u"esphome"_s, u"--device"_s, u"127.0.3.40"_s,
                                u"--no-confirm"_s, u"--json"_s, appImage(u"2.0.0"_s)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        QVERIFY2(run.out.contains(u"\"sending\""_s) && run.out.contains(u"\"done\""_s), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"\"protocol\":\"esphome\""_s), qPrintable(run.out)); // each event says which
        const Run bad = otactl({u"push"_s, u"--protocol"_s, u"zigbee"_s, u"--device"_s, u"127.0.3.40"_s, appImage(u"2.0.0"_s)});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(u"arduino or esphome"_s), qPrintable(bad.err));
        stopFleet(sim);
    }

    void pushToANameNobodyAnswersExits1NamingIt()
    {
        const Run run = otactl({u"push"_s, u"--device"_s, u"esp32-000000000000"_s, u"--resolve-timeout"_s, u"1"_s,
                                appImage(u"2.0.0"_s)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"esp32-000000000000"_s) && run.err.contains(u"otactl discover"_s), qPrintable(run.err));
    }

    void pushRefusesABadCommandLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");
        QTest::newRow("no device") << QStringList {u"push"_s, u"fw.bin"_s} << u"--device"_s;
        QTest::newRow("no image") << QStringList {u"push"_s, u"--device"_s, u"127.0.3.10"_s} << u"IMAGE"_s;
        QTest::newRow("password variable unset")
            << QStringList {u"push"_s, u"--device"_s, u"127.0.3.10"_s, u"--password-env"_s, u"NO_SUCH_VAR_X"_s, u"fw.bin"_s}
            << u"NO_SUCH_VAR_X"_s;
        QTest::newRow("concurrency zero")
            << QStringList {u"push"_s, u"--device"_s, u"127.0.3.10"_s, u"--concurrency"_s, u"0"_s, u"fw.bin"_s}
            << u"--concurrency"_s;
        QTest::newRow("bad port in address")
            << QStringList {u"push"_s, u"--device"_s, u"127.0.3.10:99999"_s, u"fw.bin"_s} << u"65535"_s;
    }
    void pushRefusesABadCommandLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        const Run run = otactl(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(says), qPrintable(run.err));
    }

    void espotaTakesEspotaPysArgumentsAndExitCodes()
    {
        QProcess sim;
        startFleet(sim, 1);
        const QString image = appImage(u"3.0.0"_s);
        const Run ok = otactl({u"espota"_s, u"-i"_s, u"127.0.3.10"_s, u"-p"_s, u"3232"_s, u"-P"_s, u"0"_s,
                               u"--auth=bench-pw"_s, u"-f"_s, image, u"-r"_s});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
        QVERIFY2(ok.err.contains(u"Uploading: ["_s) && ok.err.contains(u"Result: OK"_s), qPrintable(ok.err));
        QTest::qWait(1000); // the device reboots
        const Run wrong = otactl({u"espota"_s, u"--ip=127.0.3.10"_s, u"--host_port=0"_s, u"--auth=nope"_s,
                                  u"--file="_s + image});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.err.contains(u"wrong password"_s), qPrintable(wrong.err));
        QCOMPARE(otactl({u"espota"_s, u"-i"_s, u"127.0.3.10"_s}).exitCode, 2);
        QCOMPARE(otactl({u"espota"_s, u"-i"_s, u"not-an-ip"_s, u"-f"_s, image}).exitCode, 2);
        stopFleet(sim);
    }

    void inspectReadsTheRealFixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("saying");
        QTest::newRow("esp-idf esp32") << u"firmware/esp32_idf5.2.2_hello_world.bin"_s << 0 << u"v5.2.2-dirty"_s;
        QTest::newRow("arduino esp32-c6") << u"firmware/esp32c6_arduino3_idf5.1.4_ld2410c_sensor.bin"_s << 0 << u"ESP32-C6"_s;
        QTest::newRow("esp8266") << u"firmware/esp8266_arduino_deepsleep.bin"_s << 0 << u"ESP8266 application image"_s;
        QTest::newRow("bootloader") << u"firmware/esp32_idf5.2.2_bootloader.bin"_s << 1 << u"bootloader"_s;
        QTest::newRow("partition table") << u"firmware/esp32_partition-table.bin"_s << 1 << u"partition table"_s;
    }
    void inspectReadsTheRealFixtures()
    {
        QFETCH(QString, file);
        QFETCH(int, exitCode);
        QFETCH(QString, saying);
        const QString path = QStringLiteral(OTA_FIXTURES_DIR) + u'/' + file;
        if (!QFile::exists(path))
            QSKIP("shared fixtures not present");
        const Run run = otactl({u"inspect"_s, path});
        QCOMPARE(run.exitCode, exitCode);
        const QString output = run.out + run.err;
        QVERIFY2(output.contains(saying), qPrintable(output));
    }
};

QTEST_GUILESS_MAIN(TestOtactl)
#include "tst_otactl.moc"
