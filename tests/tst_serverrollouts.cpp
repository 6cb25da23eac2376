#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QWebSocket>

#include "serverprocess.h"

using namespace Qt::Literals::StringLiterals;
using TestSupport::ApiClient;
using TestSupport::ApiReply;
using TestSupport::ServerProcess;
using TestSupport::SignedRelease;

#define OTA_EXPECT_STATUS(reply, expected) QVERIFY2((reply).status == (expected), qPrintable((reply).describe()))

namespace
{
    constexpr int Wait = 20000; // ms: generous, CI runs this under AddressSanitizer on 2 cores

    struct Device
    {
        QString id;
        QString secret;
        QString version;
        int battery = 90;
    };

    QJsonObject stage(const QString &name, const QJsonObject &size, qint64 soakSeconds = 0,
                      const QString &gate = u"auto"_s, double minSuccessRate = 1.0)
    {
        return {{u"name"_s, name},
                {u"size"_s, size},
                {u"minSuccessRate"_s, minSuccessRate},
                {u"soakSeconds"_s, soakSeconds},
                {u"gateAction"_s, gate}};
    }

    QJsonObject count(int n) { return {{u"count"_s, n}}; }
    QJsonObject percent(int n) { return {{u"percent"_s, n}}; }
} // namespace

// Rollouts through ota-server's API, with the test playing the devices:
// stages, gates and soak, abort rules, stop, break-glass, battery deferral,
// timeouts, approval, deployment windows and restarts (ROLLOUTS.md).
class TestServerRollouts final : public QObject
{
    Q_OBJECT

    TestSupport::TestDatabase m_database; // outlives the server that uses it
    ServerProcess m_server{QStringLiteral(OTA_SERVER_PATH)};
    std::unique_ptr<ApiClient> m_api;
    QString m_olga; // operator
    QString m_otto; // operator
    QString m_bob;  // operator with the break-glass right
    SignedRelease m_release;
    SignedRelease m_previous;

    ApiClient &as(const QString &token)
    {
        m_api->useToken(token);
        return *m_api;
    }

    ApiClient &asDevice(const Device &device)
    {
        m_api->useDevice(device.id, device.secret);
        return *m_api;
    }

    QJsonObject checkInBody(const Device &device, const QString &project) const
    {
        return {{u"chip"_s, u"esp32"_s},        {u"board"_s, u"esp32dev"_s}, {u"project"_s, project},
                {u"version"_s, device.version}, {u"slot"_s, u"ota_0"_s},     {u"batteryPercent"_s, device.battery},
                {u"health"_s, QJsonObject{{u"mqtt"_s, true}}},               {u"nextCheckInSeconds"_s, 3600}};
    }

    // Enrols n devices and checks each in once, so a rollout can target them.
    QList<Device> fleet(const QString &project, int n, const QString &version = u"1.0.0"_s)
    {
        QJsonArray list;
        for (int i = 0; i < n; ++i)
            list.append(QJsonObject{{u"id"_s, u"%1-%2"_s.arg(project).arg(i, 2, 10, QChar(u'0'))}});
        const ApiReply enrolled = as(m_server.adminToken()).post(u"/api/v1/devices"_s, {{u"devices"_s, list}});
        QList<Device> devices;
        for (const QJsonValue &value : enrolled.json.value(u"devices"_s).toArray()) {
            Device device{value[u"id"_s].toString(), value[u"secret"_s].toString(), version};
            asDevice(device).post(u"/api/v1/device/checkin"_s, checkInBody(device, project));
            devices.append(device);
        }
        return devices;
    }

    QJsonObject checkIn(const Device &device, const QString &project)
    {
        const ApiReply reply = asDevice(device).post(u"/api/v1/device/checkin"_s, checkInBody(device, project));
        return reply.json.value(u"instruction"_s).toObject();
    }

    ApiReply report(const Device &device, const QString &rolloutId, const QString &state, const QString &version,
                    bool healthPassed = false, const QString &failureType = u"none"_s)
    {
        return asDevice(device).post(u"/api/v1/device/report"_s, {{u"rolloutId"_s, rolloutId},
                                                                   {u"state"_s, state},
                                                                   {u"version"_s, version},
                                                                   {u"healthPassed"_s, healthPassed},
                                                                   {u"failureType"_s, failureType},
                                                                   {u"batteryPercent"_s, device.battery}});
    }

    // What a healthy device does with an install: every report in order.
    bool installs(Device &device, const QString &rolloutId, const QString &newVersion)
    {
        for (const QString &state : {u"DOWNLOADING"_s, u"DOWNLOADED"_s, u"INSTALLING"_s, u"REBOOTING"_s}) {
            if (report(device, rolloutId, state, device.version).status != 200)
                return false;
        }
        if (report(device, rolloutId, u"VERIFYING"_s, newVersion).status != 200)
            return false;
        if (report(device, rolloutId, u"SUCCEEDED"_s, newVersion, true).status != 200)
            return false;
        device.version = newVersion;
        return true;
    }

    // The device takes the update, but its health checks fail and it boots the old image again.
    bool rollsBack(Device &device, const QString &rolloutId, const QString &failureType)
    {
        for (const QString &state : {u"DOWNLOADING"_s, u"DOWNLOADED"_s, u"INSTALLING"_s, u"REBOOTING"_s}) {
            if (report(device, rolloutId, state, device.version).status != 200)
                return false;
        }
        return report(device, rolloutId, u"ROLLED_BACK"_s, device.version, false, failureType).status == 200;
    }

    QJsonObject spec(const QString &project, const QJsonArray &stages, const SignedRelease &release) const
    {
        return {{u"name"_s, QString(project + u" "_s + release.version)},
                {u"release"_s, QJsonObject{{u"sha256"_s, release.sha256}}},
                {u"targets"_s, QJsonObject{{u"projects"_s, QJsonArray{project}}}},
                {u"stages"_s, stages},
                {u"perDeviceTimeoutSeconds"_s, 10 * 24 * 3600}};
    }

    QString create(const QJsonObject &rolloutSpec, const QString &token)
    {
        const ApiReply created = as(token).post(u"/api/v1/rollouts"_s, rolloutSpec);
        if (created.status != 201)
            qWarning() << "rollout not created:" << created.describe();
        return created.json.value(u"id"_s).toString();
    }

    QJsonObject rollout(const QString &id) { return as(m_olga).get(u"/api/v1/rollouts/"_s + id).json; }
    QString stateOf(const QString &id) { return rollout(id).value(u"state"_s).toString(); }

    QString deviceState(const QString &rolloutId, const QString &deviceId)
    {
        for (const QJsonValue &entry : as(m_olga).get(u"/api/v1/rollouts/%1/devices"_s.arg(rolloutId)).json[u"devices"_s].toArray()) {
            if (entry[u"deviceId"_s] == deviceId)
                return entry[u"state"_s].toString();
        }
        return {};
    }

    ApiReply act(const QString &id, const QString &action, const QString &token, const QJsonObject &body = {})
    {
        return as(token).post(u"/api/v1/rollouts/%1/%2"_s.arg(id, action), body);
    }

    QJsonArray auditEntries() { return as(m_olga).get(u"/api/v1/audit?limit=10000"_s).json[u"entries"_s].toArray(); }

    bool audited(const QString &action, const QString &actor = {})
    {
        for (const QJsonValue &entry : auditEntries()) {
            if (entry[u"action"_s] == action && (actor.isEmpty() || entry[u"actor"_s] == actor))
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        const QString location = m_database.freshLocation(&error);
        if (m_database.isPostgres() && location.isEmpty())
            QSKIP(qPrintable(error));
        m_server.useDatabase(location);
        QVERIFY2(m_server.init(&error), qPrintable(error));
        m_olga = m_server.createToken(u"olga"_s, u"operator"_s, false, &error);
        m_otto = m_server.createToken(u"otto"_s, u"operator"_s, false, &error);
        m_bob = m_server.createToken(u"bob"_s, u"operator"_s, true, &error);
        QVERIFY2(!m_bob.isEmpty(), qPrintable(error));
        // An hour of rollout time is a second here: soaks and timeouts pass quickly.
        QVERIFY2(m_server.start({u"--time-scale"_s, u"3600"_s, u"--tick-ms"_s, u"50"_s, u"--deployment-window"_s,
                                 u"always"_s},
                                &error),
                 qPrintable(error));
        m_api = std::make_unique<ApiClient>(m_server.base());
        m_release = SignedRelease::make(u"2.0.0"_s, u"fleet"_s);
        m_previous = SignedRelease::make(u"1.0.0"_s, u"fleet"_s);
        OTA_EXPECT_STATUS(as(m_server.adminToken())
                              .post(u"/api/v1/keys"_s, {{u"name"_s, u"release key"_s},
                                                        {u"pem"_s, QString::fromLatin1(m_release.publicKeyPem)}}),
                          201);
        OTA_EXPECT_STATUS(as(m_olga).post(u"/api/v1/releases"_s, m_release.uploadBody()), 201);
        OTA_EXPECT_STATUS(as(m_olga).post(u"/api/v1/releases"_s, m_previous.uploadBody()), 201);
    }

    void thePreviewCountsTheDevicesARolloutWouldTake()
    {
        fleet(u"preview"_s, 3);
        const ApiReply preview = as(m_olga).post(
            u"/api/v1/rollouts/preview"_s, spec(u"preview"_s, {stage(u"all"_s, percent(100))}, m_release));
        OTA_EXPECT_STATUS(preview, 200);
        QCOMPARE(preview.json[u"matching"_s].toInt(), 3);
        QCOMPARE(preview.json[u"alreadyInstalled"_s].toInt(), 0);
        QCOMPARE(preview.json[u"window"_s][u"open"_s].toBool(), true);
        QCOMPARE(preview.json[u"imageSize"_s].toInt(), m_release.image.size());
    }

    void aStagedRolloutRunsStageByStageToFinished()
    {
        QList<Device> devices = fleet(u"staged"_s, 6);
        QJsonObject s = spec(u"staged"_s, {stage(u"canary"_s, count(2), 3600), stage(u"full"_s, percent(100))}, m_release);
        s.insert(u"requiresApproval"_s, true);
        const QString id = create(s, m_olga);
        QVERIFY(!id.isEmpty());
        QCOMPARE(stateOf(id), u"WAITING_FOR_APPROVAL"_s);
        const ApiReply ownApproval = act(id, u"approve"_s, m_olga);
        OTA_EXPECT_STATUS(ownApproval, 403);
        OTA_EXPECT_STATUS(act(id, u"start"_s, m_otto), 409);
        OTA_EXPECT_STATUS(act(id, u"approve"_s, m_otto, {{u"remark"_s, u"checked the notes"_s}}), 200);
        QCOMPARE(stateOf(id), u"READY"_s);
        OTA_EXPECT_STATUS(act(id, u"start"_s, m_olga), 200);
        QCOMPARE(stateOf(id), u"RUNNING"_s);

        // The canary (the first two by id) is told to install; the rest wait.
        const QJsonObject instruction = checkIn(devices[0], u"staged"_s);
        QCOMPARE(instruction[u"kind"_s].toString(), u"install"_s);
        QCOMPARE(instruction[u"rolloutId"_s].toString(), id);
        const QJsonObject release = instruction[u"release"_s].toObject();
        QCOMPARE(release[u"sha256"_s].toString(), m_release.sha256);
        QCOMPARE(release[u"manifest"_s].toString().toUtf8(), m_release.manifest);
        QCOMPARE(release[u"signature"_s].toString().toLatin1(), m_release.signatureBase64);
        QCOMPARE(instruction[u"deferBelowPercent"_s].toInt(), 40);
        QCOMPARE(checkIn(devices[3], u"staged"_s)[u"kind"_s].toString(), u"nothing"_s);

        // The device fetches the image itself, resuming where it stopped.
        const ApiReply firstPart = asDevice(devices[0]).get(release[u"url"_s].toString(), {{"Range", "bytes=0-99"}});
        OTA_EXPECT_STATUS(firstPart, 206);
        const ApiReply rest = asDevice(devices[0]).get(release[u"url"_s].toString(), {{"Range", "bytes=100-"}});
        OTA_EXPECT_STATUS(rest, 206);
        QCOMPARE(firstPart.body + rest.body, m_release.image);
        OTA_EXPECT_STATUS(asDevice(devices[4]).get(release[u"url"_s].toString()), 404);

        checkIn(devices[1], u"staged"_s);
        QVERIFY(installs(devices[0], id, u"2.0.0"_s));
        QVERIFY(installs(devices[1], id, u"2.0.0"_s));
        // After the canary's soak (an hour: a second here) the gate opens the next stage.
        QTRY_COMPARE_WITH_TIMEOUT(checkIn(devices[2], u"staged"_s)[u"kind"_s].toString(), u"install"_s, Wait);
        for (int i = 2; i < devices.size(); ++i) {
            checkIn(devices[i], u"staged"_s);
            QVERIFY(installs(devices[i], id, u"2.0.0"_s));
        }
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"FINISHED"_s, Wait);
        const QJsonObject counts = rollout(id)[u"counts"_s].toObject();
        QCOMPARE(counts[u"total"_s][u"SUCCEEDED"_s].toInt(), 6);
        QCOMPARE(as(m_olga).get(u"/api/v1/devices/staged-05"_s).json[u"version"_s].toString(), u"2.0.0"_s);
        QVERIFY(audited(u"rollout.create"_s, u"olga"_s));
        QVERIFY(audited(u"rollout.approve"_s, u"otto"_s));
        QVERIFY(audited(u"rollout.start"_s, u"olga"_s));
        QVERIFY(audited(u"rollout.finish"_s, u"engine"_s));
    }

    void successCountsOnlyWithTheNewVersionRunningAndHealthy()
    {
        QList<Device> devices = fleet(u"strict"_s, 1);
        const QString id = create(spec(u"strict"_s, {stage(u"all"_s, percent(100))}, m_release), m_olga);
        OTA_EXPECT_STATUS(act(id, u"start"_s, m_olga), 200);
        checkIn(devices[0], u"strict"_s);
        const ApiReply otherVersion = report(devices[0], id, u"SUCCEEDED"_s, u"9.9.9"_s, true);
        OTA_EXPECT_STATUS(otherVersion, 409);
        QCOMPARE(otherVersion.errorCode(), u"report-refused"_s);
        QVERIFY(otherVersion.errorMessage().contains(u"neither the release"_s));
        QCOMPARE(deviceState(id, devices[0].id), u"NOTIFIED"_s);
        for (const QString &state : {u"DOWNLOADING"_s, u"DOWNLOADED"_s, u"INSTALLING"_s, u"REBOOTING"_s})
            OTA_EXPECT_STATUS(report(devices[0], id, state, u"1.0.0"_s), 200);
        const ApiReply backwards = report(devices[0], id, u"DOWNLOADING"_s, u"1.0.0"_s);
        OTA_EXPECT_STATUS(backwards, 409);
        QVERIFY(backwards.errorMessage().contains(u"cannot go back"_s));
        // Running the new image but health checks not passed yet: verifying, not succeeded.
        OTA_EXPECT_STATUS(report(devices[0], id, u"SUCCEEDED"_s, u"2.0.0"_s, false), 200);
        QCOMPARE(deviceState(id, devices[0].id), u"VERIFYING"_s);
        const ApiReply unknownRollout = report(devices[0], u"no-such-rollout"_s, u"DOWNLOADING"_s, u"1.0.0"_s);
        OTA_EXPECT_STATUS(unknownRollout, 409);
        const ApiReply badState = report(devices[0], id, u"EXPLODED"_s, u"1.0.0"_s);
        OTA_EXPECT_STATUS(badState, 400);
        OTA_EXPECT_STATUS(report(devices[0], id, u"SUCCEEDED"_s, u"2.0.0"_s, true), 200);
        QCOMPARE(deviceState(id, devices[0].id), u"SUCCEEDED"_s);
    }

    void aStageThatTripsItsAbortRulePausesTheRolloutAndSaysWhy()
    {
        QList<Device> devices = fleet(u"abort"_s, 5);
        QJsonObject stageSpec = stage(u"all"_s, percent(100));
        stageSpec.insert(u"abortRules"_s, QJsonArray{QJsonObject{{u"failureTypes"_s, QJsonArray{u"health_check"_s}},
                                                                 {u"threshold"_s, QJsonObject{{u"count"_s, 2}}},
                                                                 {u"minExecuted"_s, 0},
                                                                 {u"action"_s, u"pause"_s}}});
        const QString id = create(spec(u"abort"_s, {stageSpec}, m_release), m_olga);
        OTA_EXPECT_STATUS(act(id, u"start"_s, m_olga), 200);
        for (int i = 0; i < 2; ++i) {
            checkIn(devices[i], u"abort"_s);
            QVERIFY(rollsBack(devices[i], id, u"health_check"_s));
        }
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"PAUSED"_s, Wait);
        const QJsonObject paused = rollout(id);
        QCOMPARE(paused[u"pauseReason"_s].toString(), u"threshold"_s);
        QVERIFY2(paused[u"stateReason"_s].toString().contains(u"health_check"_s),
                 qPrintable(paused[u"stateReason"_s].toString()));
        QCOMPARE(paused[u"counts"_s][u"total"_s][u"ROLLED_BACK"_s].toInt(), 2);
        // Paused: nobody else is told to install.
        QCOMPARE(checkIn(devices[3], u"abort"_s)[u"kind"_s].toString(), u"nothing"_s);
        QVERIFY(audited(u"rollout.abort-rule"_s, u"engine"_s));
    }

    void aManualGateWaitsForAnOperatorToAdvance()
    {
        QList<Device> devices = fleet(u"manual"_s, 2);
        const QString id = create(spec(u"manual"_s, {stage(u"first"_s, count(1), 0, u"manual"_s),
                                                     stage(u"rest"_s, percent(100))},
                                       m_release),
                                  m_olga);
        OTA_EXPECT_STATUS(act(id, u"start"_s, m_olga), 200);
        checkIn(devices[0], u"manual"_s);
        QVERIFY(installs(devices[0], id, u"2.0.0"_s));
        QTRY_COMPARE_WITH_TIMEOUT(rollout(id)[u"pauseReason"_s].toString(), u"gate"_s, Wait);
        QCOMPARE(stateOf(id), u"PAUSED"_s);
        QCOMPARE(checkIn(devices[1], u"manual"_s)[u"kind"_s].toString(), u"nothing"_s);
        OTA_EXPECT_STATUS(act(id, u"advance"_s, m_otto, {{u"reason"_s, u"canary looks fine"_s}}), 200);
        QCOMPARE(stateOf(id), u"RUNNING"_s);
        QCOMPARE(checkIn(devices[1], u"manual"_s)[u"kind"_s].toString(), u"install"_s);
    }

    void pauseAndResumeFollowTheirGuards()
    {
        QList<Device> devices = fleet(u"guards"_s, 2);
        const QString id = create(spec(u"guards"_s, {stage(u"all"_s, percent(100))}, m_release), m_olga);
        const ApiReply notRunning = act(id, u"pause"_s, m_olga);
        OTA_EXPECT_STATUS(notRunning, 409);
        QCOMPARE(notRunning.errorCode(), u"illegal-transition"_s);
        OTA_EXPECT_STATUS(act(id, u"start"_s, m_olga), 200);
        OTA_EXPECT_STATUS(act(id, u"resume"_s, m_olga), 409);
        OTA_EXPECT_STATUS(act(id, u"pause"_s, m_olga, {{u"reason"_s, u"lunch"_s}}), 200);
        QCOMPARE(rollout(id)[u"pauseReason"_s].toString(), u"operator"_s);
        QCOMPARE(checkIn(devices[0], u"guards"_s)[u"kind"_s].toString(), u"nothing"_s);
        OTA_EXPECT_STATUS(act(id, u"resume"_s, m_olga), 200);
        QCOMPARE(checkIn(devices[0], u"guards"_s)[u"kind"_s].toString(), u"install"_s);
        OTA_EXPECT_STATUS(act(id, u"dance"_s, m_olga), 404);
        OTA_EXPECT_STATUS(as(m_olga).postRaw(u"/api/v1/rollouts/%1/pause"_s.arg(id), "not json"), 400);
    }

    void stopKeepsWhatIsDoneAndCancelsWhatHasNotStarted()
    {
        QList<Device> devices = fleet(u"stop"_s, 4);
        const QString id = create(spec(u"stop"_s, {stage(u"all"_s, percent(100))}, m_release), m_olga);
        OTA_EXPECT_STATUS(act(id, u"start"_s, m_olga), 200);
        checkIn(devices[0], u"stop"_s);
        QVERIFY(installs(devices[0], id, u"2.0.0"_s));
        checkIn(devices[1], u"stop"_s);
        OTA_EXPECT_STATUS(report(devices[1], id, u"DOWNLOADING"_s, u"1.0.0"_s), 200);
        OTA_EXPECT_STATUS(act(id, u"stop"_s, m_olga), 400); // a stop needs a reason
        OTA_EXPECT_STATUS(act(id, u"stop"_s, m_olga, {{u"reason"_s, u"wrong build"_s}}), 200);
        QCOMPARE(stateOf(id), u"STOPPED"_s);
        QCOMPARE(deviceState(id, devices[0].id), u"SUCCEEDED"_s);
        // In flight: told to cancel where it can.
        const QJsonObject cancel = checkIn(devices[1], u"stop"_s);
        QCOMPARE(cancel[u"kind"_s].toString(), u"cancel"_s);
        OTA_EXPECT_STATUS(report(devices[1], id, u"CANCELED"_s, u"1.0.0"_s), 200);
        QCOMPARE(deviceState(id, devices[1].id), u"CANCELED"_s);
        // Not started: never starts.
        QCOMPARE(checkIn(devices[2], u"stop"_s)[u"kind"_s].toString(), u"nothing"_s);
        QCOMPARE(deviceState(id, devices[2].id), u"CANCELED"_s);
        QVERIFY(audited(u"rollout.stop"_s, u"olga"_s));
    }

    void breakGlassBringsEveryUpdatedDeviceBackToItsPreviousVersion()
    {
        QList<Device> devices = fleet(u"glass"_s, 3);
        const QString id = create(spec(u"glass"_s, {stage(u"all"_s, percent(100))}, m_release), m_olga);
        OTA_EXPECT_STATUS(act(id, u"start"_s, m_olga), 200);
        for (Device &device : devices) {
            checkIn(device, u"glass"_s);
            QVERIFY(installs(device, id, u"2.0.0"_s));
        }
        const ApiReply withoutTheRight = act(id, u"rollback"_s, m_olga, {{u"reason"_s, u"bad"_s}});
        OTA_EXPECT_STATUS(withoutTheRight, 403);
        QVERIFY(withoutTheRight.errorMessage().contains(u"break-glass"_s));
        QVERIFY(audited(u"rollout.break-glass"_s, u"olga"_s)); // the refusal is audited too
        OTA_EXPECT_STATUS(act(id, u"rollback"_s, m_bob), 400);
        OTA_EXPECT_STATUS(act(id, u"rollback"_s, m_bob, {{u"reason"_s, u"MQTT reconnect loop drains batteries"_s}}), 200);
        QCOMPARE(stateOf(id), u"ROLLING_BACK"_s);
        for (Device &device : devices) {
            const QJsonObject order = checkIn(device, u"glass"_s);
            QCOMPARE(order[u"kind"_s].toString(), u"rollback"_s);
            QCOMPARE(order[u"version"_s].toString(), u"1.0.0"_s);
            QCOMPARE(order[u"release"_s][u"sha256"_s].toString(), m_previous.sha256);
            device.version = u"1.0.0"_s;
            OTA_EXPECT_STATUS(report(device, id, u"ROLLED_BACK"_s, u"1.0.0"_s), 200);
        }
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"ROLLED_BACK"_s, Wait);
        const QJsonObject done = rollout(id);
        QCOMPARE(done[u"breakGlass"_s][u"actor"_s].toString(), u"bob"_s);
        QCOMPARE(done[u"breakGlass"_s][u"devicesOrdered"_s].toInt(), 3);
        bool seen = false;
        for (const QJsonValue &entry : auditEntries()) {
            if (entry[u"action"_s] == u"rollout.break-glass"_s && !entry[u"result"_s].toString().startsWith(u"refused"_s)) {
                seen = true;
                QCOMPARE(entry[u"actor"_s].toString(), u"bob"_s);
                QCOMPARE(entry[u"reason"_s].toString(), u"MQTT reconnect loop drains batteries"_s);
            }
        }
        QVERIFY(seen);
    }

    void aLowBatteryDefersADeviceWithoutFailingIt()
    {
        QList<Device> devices = fleet(u"battery"_s, 1);
        const QString id = create(spec(u"battery"_s, {stage(u"all"_s, percent(100))}, m_release), m_olga);
        OTA_EXPECT_STATUS(act(id, u"start"_s, m_olga), 200);
        devices[0].battery = 20;
        QCOMPARE(checkIn(devices[0], u"battery"_s)[u"kind"_s].toString(), u"nothing"_s);
        QCOMPARE(deviceState(id, devices[0].id), u"DEFERRED"_s);
        const QJsonObject total = rollout(id)[u"counts"_s][u"total"_s].toObject();
        QCOMPARE(total[u"FAILED"_s].toInt(), 0);
        devices[0].battery = 85;
        QCOMPARE(checkIn(devices[0], u"battery"_s)[u"kind"_s].toString(), u"install"_s);
    }

    void aDeviceThatNeverReportsTimesOut()
    {
        QList<Device> devices = fleet(u"silent"_s, 1);
        QJsonObject s = spec(u"silent"_s, {stage(u"all"_s, percent(100))}, m_release);
        s.insert(u"perDeviceTimeoutSeconds"_s, 1800); // half a second here
        const QString id = create(s, m_olga);
        OTA_EXPECT_STATUS(act(id, u"start"_s, m_olga), 200);
        checkIn(devices[0], u"silent"_s);
        OTA_EXPECT_STATUS(report(devices[0], id, u"DOWNLOADING"_s, u"1.0.0"_s), 200);
        QTRY_COMPARE_WITH_TIMEOUT(deviceState(id, devices[0].id), u"TIMED_OUT"_s, Wait);
    }

    void aBadRolloutIsRefusedWithEveryProblem()
    {
        fleet(u"refused"_s, 1);
        QJsonObject bad = spec(u"refused"_s, {stage(u"all"_s, percent(100), 0, u"auto"_s, 1.5)}, m_release);
        const ApiReply invalid = as(m_olga).post(u"/api/v1/rollouts"_s, bad);
        OTA_EXPECT_STATUS(invalid, 400);
        QVERIFY2(invalid.errorMessage().contains(u"minSuccessRate 1.5"_s), qPrintable(invalid.errorMessage()));
        QJsonObject unknown = spec(u"refused"_s, {stage(u"all"_s, percent(100))}, m_release);
        unknown.insert(u"release"_s, QJsonObject{{u"sha256"_s, QString(64, u'a')}});
        OTA_EXPECT_STATUS(as(m_olga).post(u"/api/v1/rollouts"_s, unknown), 404);
        const ApiReply nobody = as(m_olga).post(u"/api/v1/rollouts"_s,
                                                spec(u"nobody-has-this"_s, {stage(u"all"_s, percent(100))}, m_release));
        OTA_EXPECT_STATUS(nobody, 400);
        QVERIFY(nobody.errorMessage().contains(u"no device matches"_s));
        const QString first = create(spec(u"refused"_s, {stage(u"all"_s, percent(100))}, m_release), m_olga);
        QVERIFY(!first.isEmpty());
        const ApiReply busy = as(m_olga).post(u"/api/v1/rollouts"_s, spec(u"refused"_s, {stage(u"all"_s, percent(100))}, m_release));
        OTA_EXPECT_STATUS(busy, 409);
        QVERIFY(busy.errorMessage().contains(u"one live rollout at a time"_s));
        OTA_EXPECT_STATUS(as(m_olga).get(u"/api/v1/rollouts/nope"_s), 404);
    }

    void theEventStreamStartsWithASnapshotOfTheRollouts()
    {
        QWebSocket socket;
        QUrl url = m_server.base();
        url.setScheme(u"ws"_s);
        url.setPath(u"/api/v1/events"_s);
        url.setQuery(u"token="_s + m_olga);
        QList<QJsonObject> frames;
        connect(&socket, &QWebSocket::textMessageReceived, this,
                [&frames](const QString &text) { frames.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
        socket.open(url);
        QTRY_VERIFY_WITH_TIMEOUT(!frames.isEmpty(), Wait);
        QCOMPARE(frames.constFirst()[u"type"_s].toString(), u"snapshot"_s);
        const QJsonObject state = frames.constFirst()[u"state"_s].toObject();
        QVERIFY(state[u"rollouts"_s].toArray().size() >= 8);
        QVERIFY(state[u"fleet"_s][u"devices"_s].toInt() >= 20);
        QCOMPARE(state[u"releases"_s].toInt(), 2);
        // A change arrives as a delta.
        fleet(u"stream"_s, 1);
        QTRY_VERIFY_WITH_TIMEOUT(frames.size() > 1 && frames.constLast()[u"type"_s] == u"events"_s, Wait);
    }

    void aRolloutSurvivesTheServerBeingKilled()
    {
        QList<Device> devices = fleet(u"crash"_s, 3);
        const QString id = create(spec(u"crash"_s, {stage(u"all"_s, percent(100))}, m_release), m_olga);
        OTA_EXPECT_STATUS(act(id, u"start"_s, m_olga), 200);
        checkIn(devices[0], u"crash"_s);
        QVERIFY(installs(devices[0], id, u"2.0.0"_s));
        checkIn(devices[1], u"crash"_s);
        OTA_EXPECT_STATUS(report(devices[1], id, u"DOWNLOADING"_s, u"1.0.0"_s), 200);
        const QJsonObject before = rollout(id);

        m_server.kill();
        QString error;
        QVERIFY2(m_server.start({u"--time-scale"_s, u"3600"_s, u"--tick-ms"_s, u"50"_s, u"--deployment-window"_s,
                                 u"always"_s},
                                &error),
                 qPrintable(error));
        m_api = std::make_unique<ApiClient>(m_server.base());
        const QJsonObject after = rollout(id);
        QCOMPARE(after[u"state"_s], before[u"state"_s]);
        QCOMPARE(after[u"counts"_s], before[u"counts"_s]);
        QCOMPARE(deviceState(id, devices[0].id), u"SUCCEEDED"_s);
        QCOMPARE(deviceState(id, devices[1].id), u"DOWNLOADING"_s);
        OTA_EXPECT_STATUS(report(devices[1], id, u"DOWNLOADED"_s, u"1.0.0"_s), 200);
        QVERIFY(as(m_olga).get(u"/api/v1/audit/verify"_s).json[u"ok"_s].toBool());
    }

    void outsideTheDeploymentWindowAStartNeedsAnOverrideReason()
    {
        // A window open one minute a week: closed whenever this test runs.
        ServerProcess closed{QStringLiteral(OTA_SERVER_PATH)};
        QString error;
        closed.useDatabase(m_database.freshLocation(&error));
        QVERIFY2(closed.init(&error), qPrintable(error));
        const QString policy = closed.dataDir() + u"/window.json"_s;
        QFile file(policy);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonObject{{u"timeZone"_s, u"UTC"_s},
                                             {u"intervals"_s, QJsonArray{QJsonObject{{u"days"_s, QJsonArray{u"sunday"_s}},
                                                                                      {u"from"_s, u"03:00"_s},
                                                                                      {u"to"_s, u"03:01"_s}}}}})
                       .toJson());
        file.close();
        QVERIFY2(closed.start({u"--deployment-window"_s, policy}, &error), qPrintable(error));
        ApiClient api(closed.base());
        api.useToken(closed.adminToken());
        OTA_EXPECT_STATUS(api.post(u"/api/v1/keys"_s, {{u"name"_s, u"k"_s}, {u"pem"_s, QString::fromLatin1(m_release.publicKeyPem)}}),
                          201);
        OTA_EXPECT_STATUS(api.post(u"/api/v1/releases"_s, m_release.uploadBody()), 201);
        const ApiReply enrolled = api.post(u"/api/v1/devices"_s, {{u"devices"_s, QJsonArray{QJsonObject{{u"id"_s, u"w-1"_s}}}}});
        Device device{u"w-1"_s, enrolled.json[u"devices"_s][0][u"secret"_s].toString(), u"1.0.0"_s};
        api.useDevice(device.id, device.secret);
        OTA_EXPECT_STATUS(api.post(u"/api/v1/device/checkin"_s, checkInBody(device, u"window"_s)), 200);
        api.useToken(closed.adminToken());
        const ApiReply window = api.get(u"/api/v1/policy/window"_s);
        QCOMPARE(window.json[u"open"_s].toBool(), false);
        QVERIFY(window.json[u"describe"_s].toString().contains(u"Sunday 03:00-03:01"_s));
        const ApiReply created = api.post(u"/api/v1/rollouts"_s, spec(u"window"_s, {stage(u"all"_s, percent(100))}, m_release));
        OTA_EXPECT_STATUS(created, 201);
        const QString id = created.json[u"id"_s].toString();
        const ApiReply refused = api.post(u"/api/v1/rollouts/%1/start"_s.arg(id));
        OTA_EXPECT_STATUS(refused, 409);
        QCOMPARE(refused.errorCode(), u"window-closed"_s);
        const ApiReply overridden = api.post(u"/api/v1/rollouts/%1/start"_s.arg(id),
                                             {{u"windowOverrideReason"_s, u"hotfix for the battery drain"_s}});
        OTA_EXPECT_STATUS(overridden, 200);
        bool audited = false;
        for (const QJsonValue &entry : api.get(u"/api/v1/audit"_s).json[u"entries"_s].toArray())
            audited |= entry[u"action"_s] == u"rollout.window-override"_s
                       && entry[u"reason"_s] == u"hotfix for the battery drain"_s;
        QVERIFY(audited);
    }
};

QTEST_GUILESS_MAIN(TestServerRollouts)
#include "tst_serverrollouts.moc"
