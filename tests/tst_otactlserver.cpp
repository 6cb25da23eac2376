#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "serverprocess.h"
#include "testimagebuilder.h"

using namespace Qt::Literals::StringLiterals;
using TestSupport::ApiClient;
using TestSupport::ServerProcess;
using TestSupport::SignedRelease;
using TestSupport::TestImageBuilder;

namespace
{
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
        QString describe() const { return u"exit %1\nstdout: %2\nstderr: %3"_s.arg(exitCode).arg(out, err); }
    };

    QProcessEnvironment environmentWith(const QList<std::pair<QString, QString>> &variables)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"OTA_TOKEN", "OTA_SERVER", "OTACTL_PASSPHRASE"})
            environment.remove(QString::fromLatin1(name));
        for (const auto &[name, value] : variables)
            environment.insert(name, value);
        return environment;
    }

    void startOtactl(QProcess &process, const QStringList &arguments, const QList<std::pair<QString, QString>> &variables)
    {
        process.setProcessEnvironment(environmentWith(variables));
        process.setProgram(QStringLiteral(OTACTL_PATH));
        process.setArguments(arguments);
        process.start();
        process.closeWriteChannel();
    }

    Run finish(QProcess &process, int timeoutMs = 60000)
    {
        // Pump events while waiting: the test may be playing devices meanwhile.
        if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, timeoutMs))
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

    struct Device
    {
        QString id;
        QString secret;
        QString version = u"1.0.0"_s;
    };
} // namespace

// The real otactl against the real ota-server: upload (signed files, signing
// on the way, refusals), trusted keys, enrolment with a private secrets
// file, a rollout created, approved by a second person, started and watched
// to FINISHED while the test plays the devices, the audit log, bad command
// lines and an unreachable server.
class TestOtactlServer final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ServerProcess m_server{QStringLiteral(OTA_SERVER_PATH)};
    QString m_olga; // operator
    QString m_otto; // operator, the second person
    SignedRelease m_release;
    QList<Device> m_devices;

    // otactl VERB... --server URL, the token in OTA_TOKEN (or as variables say).
    Run otactl(QStringList arguments, const QString &token, QList<std::pair<QString, QString>> variables = {})
    {
        if (!arguments.contains(u"--server"_s))
            arguments += {u"--server"_s, m_server.base().toString()};
        if (!token.isEmpty())
            variables.append({u"OTA_TOKEN"_s, token});
        QProcess process;
        startOtactl(process, arguments, variables);
        return finish(process);
    }
    Run asAdmin(const QStringList &arguments) { return otactl(arguments, m_server.adminToken()); }
    Run asOlga(const QStringList &arguments) { return otactl(arguments, m_olga); }

    QString writeSpec(const QString &name, const QString &tag, bool approval)
    {
        const QJsonObject spec{
            {u"name"_s, name},
            {u"release"_s, QJsonObject{{u"sha256"_s, m_release.sha256}}},
            {u"targets"_s, QJsonObject{{u"tags"_s, QJsonArray{tag}}}},
            {u"stages"_s, QJsonArray{QJsonObject{{u"name"_s, u"canary"_s}, {u"size"_s, QJsonObject{{u"count"_s, 1}}}, {u"minSuccessRate"_s, 1.0}},
                                     QJsonObject{{u"name"_s, u"full"_s}, {u"size"_s, QJsonObject{{u"percent"_s, 100}}}, {u"minSuccessRate"_s, 1.0}}}},
            {u"requiresApproval"_s, approval}};
        return writeFile(m_dir, name + u".json"_s, QJsonDocument(spec).toJson());
    }

    QList<Device> enrolAndCheckIn(const QString &tag, int n)
    {
        QStringList arguments{u"device"_s, u"enrol"_s};
        for (int i = 0; i < n; ++i)
            arguments.append(u"%1-%2"_s.arg(tag).arg(i));
        const QString secretsPath = m_dir.filePath(tag + u"-secrets.json"_s);
        const Run run = asAdmin(arguments + QStringList{u"--tag"_s, tag, u"--secrets-out"_s, secretsPath});
        if (run.exitCode != 0) {
            qWarning("enrolment failed: %s", qPrintable(run.describe()));
            return {};
        }
        QFile file(secretsPath);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QJsonObject secrets = QJsonDocument::fromJson(file.readAll()).object();
        QList<Device> devices;
        for (auto it = secrets.begin(); it != secrets.end(); ++it) {
            devices.append({it.key(), it.value().toString()});
            checkIn(devices.last());
        }
        return devices;
    }

    QJsonObject checkIn(const Device &device)
    {
        ApiClient api(m_server.base());
        api.useDevice(device.id, device.secret);
        return api.post(u"/api/v1/device/checkin"_s, {{u"chip"_s, u"esp32"_s}, {u"project"_s, u"fleet"_s},
                                                      {u"version"_s, device.version}, {u"batteryPercent"_s, 77},
                                                      {u"rssi"_s, -58}, {u"nextCheckInSeconds"_s, 3600}})
            .json.value(u"instruction"_s).toObject();
    }

    // A healthy device: check in, and carry out an install to SUCCEEDED.
    void playDevice(Device &device)
    {
        const QJsonObject instruction = checkIn(device);
        if (instruction.value(u"kind"_s).toString() != u"install"_s)
            return;
        ApiClient api(m_server.base());
        api.useDevice(device.id, device.secret);
        const QString rolloutId = instruction.value(u"rolloutId"_s).toString();
        const QString newVersion = instruction.value(u"release"_s).toObject().value(u"version"_s).toString();
        const auto report = [&](const QString &state, const QString &version, bool healthPassed) {
            api.post(u"/api/v1/device/report"_s, {{u"rolloutId"_s, rolloutId}, {u"state"_s, state}, {u"version"_s, version},
                                                  {u"healthPassed"_s, healthPassed}, {u"failureType"_s, u"none"_s},
                                                  {u"batteryPercent"_s, 77}});
        };
        for (const QString &state : {u"DOWNLOADING"_s, u"DOWNLOADED"_s, u"INSTALLING"_s, u"REBOOTING"_s})
            report(state, device.version, false);
        report(u"VERIFYING"_s, newVersion, false);
        report(u"SUCCEEDED"_s, newVersion, true);
        device.version = newVersion;
    }

    QString rolloutIdFrom(const Run &created)
    {
        return QJsonDocument::fromJson(created.out.toUtf8()).object().value(u"id"_s).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_server.init(&error), qPrintable(error));
        m_olga = m_server.createToken(u"olga"_s, u"operator"_s, false, &error);
        m_otto = m_server.createToken(u"otto"_s, u"operator"_s, false, &error);
        QVERIFY2(!m_otto.isEmpty(), qPrintable(error));
        // An hour of rollout time is a second: soaks and gates pass quickly.
        QVERIFY2(m_server.start({u"--time-scale"_s, u"3600"_s, u"--tick-ms"_s, u"50"_s, u"--deployment-window"_s, u"always"_s}, &error),
                 qPrintable(error));
        m_release = SignedRelease::make(u"2.0.0"_s, u"fleet"_s);
    }

    void everyServerVerbHasHelp_data()
    {
        QTest::addColumn<QStringList>("verb");
        for (const char *verb : {"upload", "key add", "key list", "key revoke", "devices", "device enrol", "rollout create",
                                 "rollout list", "rollout show", "rollout approve", "rollout deny", "rollout start",
                                 "rollout pause", "rollout resume", "rollout advance", "rollout stop", "rollout rollback",
                                 "rollout watch", "audit"})
            QTest::newRow(verb) << QString::fromLatin1(verb).split(u' ');
    }
    void everyServerVerbHasHelp()
    {
        QFETCH(QStringList, verb);
        QProcess process;
        startOtactl(process, verb + QStringList{u"--help"_s}, {});
        const Run run = finish(process);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(u"Usage: otactl "_s + verb.join(u' ')), qPrintable(run.out));
        QVERIFY(run.out.contains(u"Exit codes"));
        QVERIFY(run.out.contains(u"--server"));
        QVERIFY(run.out.contains(u"--token-file"));
    }

    void aGroupListsItsSubVerbs()
    {
        QProcess process;
        startOtactl(process, {u"rollout"_s}, {});
        const Run run = finish(process);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(u"rollout watch"));
        QProcess help;
        startOtactl(help, {u"key"_s, u"--help"_s}, {});
        const Run helped = finish(help);
        QCOMPARE(helped.exitCode, 0);
        QVERIFY(helped.out.contains(u"key revoke"));
    }

    void aBadCommandLineExits2AndSaysWhy_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const auto row = [](const char *name, const QStringList &arguments, const QString &message) {
            QTest::newRow(name) << arguments << message;
        };
        row("upload without an image", {u"upload"_s}, u"exactly one IMAGE"_s);
        row("upload without a signature", {u"upload"_s, u"x.bin"_s}, u"--manifest FILE and --signature FILE, or --key"_s);
        row("upload with both", {u"upload"_s, u"x.bin"_s, u"--key"_s, u"k"_s, u"--manifest"_s, u"m"_s, u"--signature"_s, u"s"_s}, u"not both"_s);
        row("key add without a name", {u"key"_s, u"add"_s, u"k.pem"_s}, u"--name NAME"_s);
        row("key revoke without a reason", {u"key"_s, u"revoke"_s, u"abc"_s}, u"--reason TEXT"_s);
        row("key frobnicate", {u"key"_s, u"frobnicate"_s}, u"unknown sub-verb 'frobnicate'"_s);
        row("devices with an argument", {u"devices"_s, u"extra"_s}, u"takes no arguments"_s);
        row("device enrol without a secrets file", {u"device"_s, u"enrol"_s, u"d-1"_s}, u"--secrets-out FILE"_s);
        row("device enrol without ids", {u"device"_s, u"enrol"_s, u"--secrets-out"_s, u"s.json"_s}, u"at least one device ID"_s);
        row("rollout create without a spec", {u"rollout"_s, u"create"_s}, u"--spec SPEC.json"_s);
        row("rollout show without an id", {u"rollout"_s, u"show"_s}, u"one rollout ID"_s);
        row("rollout stop without a reason", {u"rollout"_s, u"stop"_s, u"id"_s}, u"stop needs --reason"_s);
        row("rollout rollback without a reason", {u"rollout"_s, u"rollback"_s, u"id"_s}, u"rollback needs --reason"_s);
        row("rollout pause overriding the window", {u"rollout"_s, u"pause"_s, u"id"_s, u"--override-window"_s, u"x"_s}, u"override-window"_s);
        row("rollout watch interval", {u"rollout"_s, u"watch"_s, u"id"_s, u"--interval"_s, u"0"_s}, u"--interval '0'"_s);
        row("audit export format", {u"audit"_s, u"--export"_s, u"xml"_s}, u"csv and json"_s);
        row("audit verify and export", {u"audit"_s, u"--verify"_s, u"--export"_s, u"csv"_s}, u"not both"_s);
        row("a server that is no URL", {u"key"_s, u"list"_s, u"--server"_s, u"ftp://x"_s}, u"not a server URL"_s);
        row("an unset token variable", {u"key"_s, u"list"_s, u"--token-env"_s, u"OTACTL_TEST_UNSET"_s}, u"OTACTL_TEST_UNSET: that environment variable is not set"_s);
        row("two token sources", {u"key"_s, u"list"_s, u"--token-env"_s, u"A"_s, u"--token-file"_s, u"f"_s}, u"not both"_s);
    }
    void aBadCommandLineExits2AndSaysWhy()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = asOlga(arguments);
        QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
        QVERIFY2(run.err.startsWith(u"otactl "_s), qPrintable(run.err));
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void withoutAServerItSaysHowToGiveOne()
    {
        QProcess process;
        startOtactl(process, {u"key"_s, u"list"_s}, {{u"OTA_TOKEN"_s, m_olga}});
        const Run run = finish(process);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"--server http://HOST:PORT (or set OTA_SERVER)"_s), qPrintable(run.err));
    }

    void withoutATokenItSaysWhereToGiveOne()
    {
        const Run run = otactl({u"devices"_s}, {});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"no API token: set OTA_TOKEN, or give --token-env VAR or --token-file FILE"_s), qPrintable(run.err));
    }

    void anUnreachableServerExits1NamingTheUrl()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const QString url = u"http://127.0.0.1:%1"_s.arg(closed.serverPort());
        closed.close();
        QProcess process;
        startOtactl(process, {u"rollout"_s, u"list"_s, u"--server"_s, url}, {{u"OTA_TOKEN"_s, m_olga}});
        const Run run = finish(process);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"otactl rollout list: cannot reach %1: connection refused; is ota-server running"_s.arg(url)),
                 qPrintable(run.err));
        QProcess json;
        startOtactl(json, {u"devices"_s, u"--json"_s, u"--server"_s, url}, {{u"OTA_TOKEN"_s, m_olga}});
        const Run jsonRun = finish(json);
        QCOMPARE(jsonRun.exitCode, 1);
        QCOMPARE(QJsonDocument::fromJson(jsonRun.out.toUtf8()).object()[u"error"_s][u"code"_s].toString(), u"unreachable"_s);
    }

    void keysAreAddedListedAndRevoked()
    {
        const QString releaseKey = writeFile(m_dir, u"release.pub.pem"_s, m_release.publicKeyPem);
        const Run added = asAdmin({u"key"_s, u"add"_s, releaseKey, u"--name"_s, u"release signing"_s});
        QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
        QVERIFY(added.out.contains(u"release signing"));
        // A key made by otactl keygen, for upload --key below, and one to revoke.
        for (const QString &name : {u"ci"_s, u"old"_s}) {
            QProcess keygen;
            startOtactl(keygen, {u"keygen"_s, m_dir.filePath(name)}, {{u"OTACTL_PASSPHRASE"_s, u"ci-secret"_s}});
            QCOMPARE(finish(keygen).exitCode, 0);
            const Run run = asAdmin({u"key"_s, u"add"_s, m_dir.filePath(name + u".pub.pem"_s), u"--name"_s, name + u" key"_s, u"--json"_s});
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        }
        // An operator may not: the server's refusal, exit 1.
        const Run refused = asOlga({u"key"_s, u"add"_s, releaseKey, u"--name"_s, u"again"_s});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(u"(HTTP 403 forbidden)"_s), qPrintable(refused.err));

        const Run listed = asOlga({u"key"_s, u"list"_s, u"--json"_s});
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.describe()));
        const QJsonArray keys = QJsonDocument::fromJson(listed.out.toUtf8()).object()[u"keys"_s].toArray();
        QCOMPARE(keys.size(), 3);
        const QString oldId = keys.at(2)[u"keyId"_s].toString();
        QCOMPARE(keys.at(2)[u"name"_s].toString(), u"old key"_s);

        const Run revoked = asAdmin({u"key"_s, u"revoke"_s, oldId, u"--reason"_s, u"laptop lost"_s});
        QVERIFY2(revoked.exitCode == 0, qPrintable(revoked.describe()));
        QVERIFY(revoked.out.contains(u"revoked:"));
        const Run table = asOlga({u"key"_s, u"list"_s});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.startsWith(u"KEY ID"));
        QVERIFY2(table.out.contains(oldId + u"  old key"_s), qPrintable(table.out));
        QVERIFY(table.out.contains(u"revoked "));
        QVERIFY(table.out.contains(u"trusted"));
    }

    void uploadStoresASignedRelease()
    {
        const QString image = writeFile(m_dir, u"fleet-2.0.0.bin"_s, m_release.image);
        const QString manifest = writeFile(m_dir, u"fleet-2.0.0.manifest.json"_s, m_release.manifest);
        const QString signature = writeFile(m_dir, u"fleet-2.0.0.manifest.sig"_s, m_release.signatureBase64 + '\n');
        const Run run = asOlga({u"upload"_s, image, u"--manifest"_s, manifest, u"--signature"_s, signature});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY(run.out.contains(u"uploaded fleet 2.0.0 for esp32"));
        QVERIFY(run.out.contains(u"sha256:      "_s + m_release.sha256));
    }

    void uploadSignsWithAKeyFirst()
    {
        const QString image = writeFile(m_dir, u"ci-build.bin"_s,
                                        TestImageBuilder().setVersion(u"3.1.0"_s).setProjectName(u"fleet"_s).addSegment(0x3ffb0000, QByteArray(2048, 'c')).build());
        const QString passphrase = writeFile(m_dir, u"ci.passphrase"_s, "ci-secret\n");
        const Run run = asOlga({u"upload"_s, image, u"--key"_s, m_dir.filePath(u"ci.key.pem"_s), u"--passphrase-file"_s, passphrase,
                                u"--git-commit"_s, u"abcdef1"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonObject release = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(release[u"version"_s].toString(), u"3.1.0"_s);
        QVERIFY(release[u"manifest"_s].toString().contains(u"abcdef1"_s));
        // Nothing written next to the image: upload keeps the signature in memory.
        QVERIFY(!QFile::exists(m_dir.filePath(u"ci-build.manifest.json"_s)));
    }

    void anUploadTheServerRefusesShowsItsReason()
    {
        // Signed by a key the server does not trust.
        const SignedRelease stranger = SignedRelease::make(u"6.6.6"_s, u"fleet"_s, 9);
        const QString image = writeFile(m_dir, u"stranger.bin"_s, stranger.image);
        const QString manifest = writeFile(m_dir, u"stranger.manifest.json"_s, stranger.manifest);
        const QString signature = writeFile(m_dir, u"stranger.manifest.sig"_s, stranger.signatureBase64);
        const Run run = asOlga({u"upload"_s, image, u"--manifest"_s, manifest, u"--signature"_s, signature});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.startsWith(u"otactl upload: upload refused, nothing kept: "_s), qPrintable(run.err));
        QVERIFY2(run.err.contains(u"(HTTP 422 signature-invalid)"_s), qPrintable(run.err));
        // The manifest of one image with another image: the server says which check failed.
        const Run mismatch = asOlga({u"upload"_s, m_dir.filePath(u"fleet-2.0.0.bin"_s), u"--manifest"_s, manifest, u"--signature"_s,
                                     signature, u"--json"_s});
        QCOMPARE(mismatch.exitCode, 1);
        const QJsonObject error = QJsonDocument::fromJson(mismatch.out.toUtf8()).object()[u"error"_s].toObject();
        QCOMPARE(error[u"status"_s].toInt(), 422);
        QCOMPARE(error[u"code"_s].toString(), u"image-mismatch"_s);
    }

    void enrolWritesTheSecretsToAPrivateFileOnly()
    {
        const QString path = m_dir.filePath(u"enrol-secrets.json"_s);
        const Run run = asAdmin({u"device"_s, u"enrol"_s, u"e-0"_s, u"e-1"_s, u"--tag"_s, u"enrolled"_s, u"--secrets-out"_s, path});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(QFileInfo(path).permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject secrets = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(secrets.keys(), (QStringList{u"e-0"_s, u"e-1"_s}));
        QVERIFY(!run.out.contains(secrets[u"e-0"_s].toString()));
        QVERIFY(!run.err.contains(secrets[u"e-0"_s].toString()));
        // Never overwritten: refused before anything is enrolled.
        const Run again = asAdmin({u"device"_s, u"enrol"_s, u"e-2"_s, u"--secrets-out"_s, path});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains(u"already exists; nothing was enrolled"));
        const Run listed = asOlga({u"devices"_s});
        QCOMPARE(listed.exitCode, 0);
        QVERIFY2(listed.out.contains(u"e-1  -        -        -     never      no"_s), qPrintable(listed.out));
        QVERIFY(!listed.out.contains(u"e-2"));
    }

    void aRolloutIsCreatedApprovedStartedAndWatchedToFinished()
    {
        m_devices = enrolAndCheckIn(u"watch"_s, 3);
        QCOMPARE(m_devices.size(), 3);
        const Run listed = asOlga({u"devices"_s, u"--version"_s, u"1.0.0"_s});
        QVERIFY2(listed.out.contains(u"watch-0  1.0.0    77%      -58 dBm"_s), qPrintable(listed.out));
        const QString spec = writeSpec(u"watched"_s, u"watch"_s, true);

        const Run preview = asOlga({u"rollout"_s, u"create"_s, u"--spec"_s, spec, u"--preview"_s});
        QVERIFY2(preview.exitCode == 0, qPrintable(preview.describe()));
        QVERIFY2(preview.out.contains(u"would target:       3 devices"_s), qPrintable(preview.out));
        const Run created = asOlga({u"rollout"_s, u"create"_s, u"--spec"_s, spec, u"--json"_s});
        QVERIFY2(created.exitCode == 0, qPrintable(created.describe()));
        const QString id = rolloutIdFrom(created);
        QVERIFY(!id.isEmpty());

        const Run own = asOlga({u"rollout"_s, u"approve"_s, id});
        QCOMPARE(own.exitCode, 1);
        QVERIFY2(own.err.contains(u"(HTTP 403 forbidden)"_s), qPrintable(own.err));
        const Run early = asOlga({u"rollout"_s, u"start"_s, id});
        QCOMPARE(early.exitCode, 1);
        QVERIFY(early.err.contains(u"illegal-transition"));
        const Run approved = otactl({u"rollout"_s, u"approve"_s, id, u"--reason"_s, u"plan checked"_s, u"--token-env"_s, u"OTTO_TOKEN"_s},
                                    {}, {{u"OTTO_TOKEN"_s, m_otto}});
        QVERIFY2(approved.exitCode == 0, qPrintable(approved.describe()));
        QVERIFY(approved.out.contains(u"state:    READY"));
        const Run started = asOlga({u"rollout"_s, u"start"_s, id, u"--reason"_s, u"Tuesday morning"_s});
        QVERIFY2(started.exitCode == 0, qPrintable(started.describe()));
        QVERIFY(started.out.contains(u"state:    RUNNING"));

        QProcess watch;
        startOtactl(watch, {u"rollout"_s, u"watch"_s, id, u"--interval"_s, u"0.2"_s, u"--for"_s, u"60"_s, u"--server"_s,
                            m_server.base().toString()}, {{u"OTA_TOKEN"_s, m_olga}});
        // The devices act only once watch printed its first line: a slow start
        // (AddressSanitizer) would otherwise miss the canary stage altogether.
        QVERIFY(QTest::qWaitFor([&watch] { return watch.bytesAvailable() > 0 || watch.state() == QProcess::NotRunning; },
                                30000));
        QVERIFY(QTest::qWaitFor([&] {
            for (Device &device : m_devices)
                playDevice(device);
            return watch.state() == QProcess::NotRunning;
        }, 60000));
        const Run watched = finish(watch);
        QVERIFY2(watched.exitCode == 0, qPrintable(watched.describe()));
        QVERIFY2(watched.out.contains(u"RUNNING stage 1/2 | canary ACTIVE: "_s), qPrintable(watched.out));
        QVERIFY2(watched.out.contains(u"FINISHED stage 2/2 | canary PASSED: SUCCEEDED 1 | full PASSED: SUCCEEDED 2"_s), qPrintable(watched.out));

        const Run shown = asOlga({u"rollout"_s, u"show"_s, id});
        QVERIFY2(shown.exitCode == 0, qPrintable(shown.describe()));
        QVERIFY(shown.out.contains(u"state:    FINISHED"));
        QVERIFY(shown.out.contains(u"approved: "));
        QVERIFY(shown.out.contains(u"by otto: plan checked"));
        QVERIFY(shown.out.contains(u"STAGE   STATUS"));
        const Run list = asOlga({u"rollout"_s, u"list"_s});
        QVERIFY2(list.out.contains(id + u"  watched  FINISHED"_s), qPrintable(list.out));
        const Run fleet = asOlga({u"devices"_s, u"--version"_s, u"2.0.0"_s});
        QVERIFY2(fleet.out.contains(u"3 devices"_s), qPrintable(fleet.out));
    }

    void watchExits1WhenTheRolloutPauses()
    {
        const QList<Device> devices = enrolAndCheckIn(u"paused"_s, 2);
        QCOMPARE(devices.size(), 2);
        const Run created = asOlga({u"rollout"_s, u"create"_s, u"--spec"_s, writeSpec(u"paused"_s, u"paused"_s, false), u"--json"_s});
        const QString id = rolloutIdFrom(created);
        QVERIFY2(!id.isEmpty(), qPrintable(created.describe()));
        QCOMPARE(asOlga({u"rollout"_s, u"start"_s, id}).exitCode, 0);
        const Run paused = asOlga({u"rollout"_s, u"pause"_s, id, u"--reason"_s, u"broker maintenance"_s});
        QVERIFY2(paused.exitCode == 0, qPrintable(paused.describe()));
        const Run watched = asOlga({u"rollout"_s, u"watch"_s, id, u"--interval"_s, u"0.2"_s, u"--json"_s});
        QCOMPARE(watched.exitCode, 1);
        QVERIFY2(watched.err.contains(u"is PAUSED (operator): broker maintenance"_s), qPrintable(watched.err));
        QCOMPARE(QJsonDocument::fromJson(watched.out.toUtf8().split('\n').constFirst()).object()[u"state"_s].toString(), u"PAUSED"_s);
        // Break-glass needs the right, which olga lacks; stop needs only the role.
        const Run rollback = asOlga({u"rollout"_s, u"rollback"_s, id, u"--reason"_s, u"bad build"_s});
        QCOMPARE(rollback.exitCode, 1);
        QVERIFY2(rollback.err.contains(u"break-glass"_s), qPrintable(rollback.err));
        const Run stopped = asOlga({u"rollout"_s, u"stop"_s, id, u"--reason"_s, u"superseded"_s});
        QVERIFY2(stopped.exitCode == 0, qPrintable(stopped.describe()));
        QVERIFY(stopped.out.contains(u"state:    STOPPED"));
    }

    void theAuditLogIsListedVerifiedAndExported()
    {
        const QString tokenFile = writeFile(m_dir, u"olga.token"_s, m_olga.toUtf8() + '\n');
        QFile::setPermissions(tokenFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const Run listed = otactl({u"audit"_s, u"--token-file"_s, tokenFile}, {});
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.describe()));
        QVERIFY(listed.out.startsWith(u"SEQ"));
        QVERIFY(listed.out.contains(u"release.upload"));
        QVERIFY(listed.out.contains(u"refused: signature-invalid"));
        QVERIFY(listed.out.contains(u"rollout.approve"));
        const Run verified = asOlga({u"audit"_s, u"--verify"_s});
        QVERIFY2(verified.exitCode == 0, qPrintable(verified.describe()));
        QVERIFY(verified.out.startsWith(u"audit chain intact: "));
        const Run csv = asOlga({u"audit"_s, u"--export"_s, u"csv"_s});
        QCOMPARE(csv.exitCode, 0);
        QVERIFY(csv.out.startsWith(u"seq,at,actor,action,target"));
        const Run json = asOlga({u"audit"_s, u"--export"_s, u"json"_s});
        QCOMPARE(json.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(json.out.toUtf8()).isArray());
    }
};

QTEST_GUILESS_MAIN(TestOtactlServer)
#include "tst_otactlserver.moc"
