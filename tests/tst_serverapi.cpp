#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

#include "serverprocess.h"

using namespace Qt::Literals::StringLiterals;
using TestSupport::ApiClient;
using TestSupport::ApiReply;
using TestSupport::ServerProcess;
using TestSupport::SignedRelease;

#define OTA_EXPECT_STATUS(reply, expected) QVERIFY2((reply).status == (expected), qPrintable((reply).describe()))

namespace
{
    // Files the server keeps besides its database: an upload refused must add none.
    int storedFiles(const QString &dataDir)
    {
        int count = 0;
        QDirIterator it(dataDir, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (!QFileInfo(path).fileName().startsWith(u"ota.db"_s))
                ++count;
        }
        return count;
    }
} // namespace

// ota-server's firmware registry, devices and access, through its API as a
// console, a CI job and a device use it (docs/server-api.md, docs/device-api.md).
class TestServerApi final : public QObject
{
    Q_OBJECT

    TestSupport::TestDatabase m_database; // outlives the server that uses it
    ServerProcess m_server{QStringLiteral(OTA_SERVER_PATH)};
    std::unique_ptr<ApiClient> m_api;
    QString m_operator;
    QString m_viewer;
    QString m_plainAdmin; // admin without the break-glass right
    QString m_breakGlass; // operator with the break-glass right
    QString m_viewerBreakGlass; // the right without the operator role
    SignedRelease m_release;

    ApiClient &as(const QString &token)
    {
        m_api->useToken(token);
        return *m_api;
    }

    ApiClient &asDevice(const QString &id, const QString &secret)
    {
        m_api->useDevice(id, secret);
        return *m_api;
    }

    QString enrol(const QString &id)
    {
        const ApiReply reply = as(m_server.adminToken()).post(u"/api/v1/devices"_s,
                                                              {{u"devices"_s, QJsonArray{QJsonObject{{u"id"_s, id}}}}});
        return reply.json.value(u"devices"_s).toArray().at(0).toObject().value(u"secret"_s).toString();
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
        m_operator = m_server.createToken(u"olga"_s, u"operator"_s, false, &error);
        m_viewer = m_server.createToken(u"vera"_s, u"viewer"_s, false, &error);
        m_plainAdmin = m_server.createToken(u"ada"_s, u"admin"_s, false, &error);
        m_breakGlass = m_server.createToken(u"bob"_s, u"operator"_s, true, &error);
        m_viewerBreakGlass = m_server.createToken(u"vic"_s, u"viewer"_s, true, &error);
        QVERIFY2(!m_breakGlass.isEmpty(), qPrintable(error));
        QVERIFY2(m_server.start({u"--time-scale"_s, u"3600"_s, u"--deployment-window"_s, u"always"_s}, &error),
                 qPrintable(error));
        m_api = std::make_unique<ApiClient>(m_server.base());
        m_release = SignedRelease::make(u"2.0.0"_s, u"api-test"_s);
    }

    // Who a token is

    void aTokenSaysWhoItIsSoAConsoleEnablesOnlyWhatIsAllowed()
    {
        const ApiReply viewer = as(m_viewer).get(u"/api/v1/token"_s);
        OTA_EXPECT_STATUS(viewer, 200);
        QCOMPARE(viewer.json, (QJsonObject{{u"name"_s, u"vera"_s}, {u"role"_s, u"viewer"_s}, {u"breakGlass"_s, false}}));
        const ApiReply breakGlass = as(m_breakGlass).get(u"/api/v1/token"_s);
        QCOMPARE(breakGlass.json.value(u"role"_s).toString(), u"operator"_s);
        QCOMPARE(breakGlass.json.value(u"breakGlass"_s).toBool(), true);
        OTA_EXPECT_STATUS(as(u"not-a-token"_s).get(u"/api/v1/token"_s), 401);
    }

    // Keys

    void onlyAnAdminAddsATrustedKey()
    {
        const QJsonObject key{{u"name"_s, u"release signing"_s}, {u"pem"_s, QString::fromLatin1(m_release.publicKeyPem)}};
        OTA_EXPECT_STATUS(as(m_operator).post(u"/api/v1/keys"_s, key), 403);
        const ApiReply added = as(m_server.adminToken()).post(u"/api/v1/keys"_s, key);
        OTA_EXPECT_STATUS(added, 201);
        QCOMPARE(added.json.value(u"revoked"_s).toBool(), false);
        QCOMPARE(added.json.value(u"addedBy"_s).toString(), u"admin"_s);
        const ApiReply again = as(m_server.adminToken()).post(u"/api/v1/keys"_s, key);
        OTA_EXPECT_STATUS(again, 409);
        const ApiReply listed = as(m_viewer).get(u"/api/v1/keys"_s);
        OTA_EXPECT_STATUS(listed, 200);
        QCOMPARE(listed.json.value(u"keys"_s).toArray().size(), 1);
    }

    void aKeyThatIsNotAPublicKeyIsRefused()
    {
        const ApiReply refused = as(m_server.adminToken())
                                     .post(u"/api/v1/keys"_s, {{u"name"_s, u"junk"_s}, {u"pem"_s, u"not a key"_s}});
        OTA_EXPECT_STATUS(refused, 400);
        QVERIFY(!refused.errorMessage().isEmpty());
        OTA_EXPECT_STATUS(as(m_server.adminToken()).post(u"/api/v1/keys"_s, {{u"pem"_s, u"x"_s}}), 400);
    }

    // Releases

    void aSignedReleaseIsKeptAndUploadingItAgainChangesNothing()
    {
        const ApiReply uploaded = as(m_operator).post(u"/api/v1/releases"_s, m_release.uploadBody());
        OTA_EXPECT_STATUS(uploaded, 201);
        QCOMPARE(uploaded.json.value(u"sha256"_s).toString(), m_release.sha256);
        QCOMPARE(uploaded.json.value(u"version"_s).toString(), u"2.0.0"_s);
        QCOMPARE(uploaded.json.value(u"uploadedBy"_s).toString(), u"olga"_s);
        const int files = storedFiles(m_server.dataDir());
        const ApiReply again = as(m_operator).post(u"/api/v1/releases"_s, m_release.uploadBody());
        OTA_EXPECT_STATUS(again, 201);
        QCOMPARE(again.json.value(u"uploadedBy"_s).toString(), u"olga"_s);
        QCOMPARE(storedFiles(m_server.dataDir()), files);
        const ApiReply listed = as(m_viewer).get(u"/api/v1/releases"_s);
        QCOMPARE(listed.json.value(u"releases"_s).toArray().size(), 1);
        QCOMPARE(listed.json.value(u"releases"_s).toArray().at(0).toObject().value(u"startable"_s).toBool(), true);
    }

    void aBadUploadIsRefusedSayingWhichCheckFailedAndLeavesNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("saying");

        const SignedRelease good = SignedRelease::make(u"2.1.0"_s, u"api-test"_s);
        const SignedRelease strangerSigned = SignedRelease::make(u"2.1.0"_s, u"api-test"_s, 7);
        const auto body = [](QJsonObject object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); };
        QJsonObject badManifest = good.uploadBody();
        badManifest.insert(u"manifest"_s, u"{\"version\": 1}"_s);
        QJsonObject notAnImage = good.uploadBody();
        notAnImage.insert(u"image"_s, QString::fromLatin1(QByteArray(4096, 'x').toBase64()));
        QByteArray changed = good.image;
        changed[changed.size() / 2] = char(changed[changed.size() / 2] ^ 1);
        QJsonObject tampered = good.uploadBody();
        tampered.insert(u"image"_s, QString::fromLatin1(changed.toBase64()));
        QJsonObject garbledSignature = good.uploadBody();
        garbledSignature.insert(u"signature"_s, u"not-a-signature"_s);
        QJsonObject notBase64 = good.uploadBody();
        notBase64.insert(u"image"_s, u"***"_s);
        QJsonObject noSignature = good.uploadBody();
        noSignature.remove(u"signature"_s);

        QTest::newRow("manifest breaks its schema") << body(badManifest) << 422 << u"manifest-invalid"_s << u"manifest"_s;
        QTest::newRow("not an ESP image") << body(notAnImage) << 422 << u"image-invalid"_s << u"image"_s;
        QJsonObject otherImage = good.uploadBody();
        otherImage.insert(u"image"_s, QString::fromLatin1(SignedRelease::make(u"2.1.0"_s, u"api-test"_s, 0, 8192).image.toBase64()));
        QTest::newRow("manifest of another image") << body(otherImage) << 422 << u"image-mismatch"_s << u"bytes"_s;
        QTest::newRow("image changed after signing") << body(tampered) << 422 << u"image-invalid"_s << u"image"_s;
        QTest::newRow("signed by a key nobody trusts") << body(strangerSigned.uploadBody()) << 422
                                                       << u"signature-invalid"_s << u"no trusted key"_s;
        QTest::newRow("signature garbled") << body(garbledSignature) << 422 << u"signature-invalid"_s << u"signature"_s;
        QTest::newRow("image not base64") << body(notBase64) << 400 << u"bad-request"_s << u"base64"_s;
        QTest::newRow("signature missing") << body(noSignature) << 400 << u"bad-request"_s << u"signature is missing"_s;
        QTest::newRow("not JSON") << QByteArray("{\"image\": ") << 400 << u"malformed-json"_s << u"JSON"_s;
    }

    void aBadUploadIsRefusedSayingWhichCheckFailedAndLeavesNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, saying);
        const int files = storedFiles(m_server.dataDir());
        const ApiReply refused = as(m_operator).postRaw(u"/api/v1/releases"_s, body);
        OTA_EXPECT_STATUS(refused, status);
        QCOMPARE(refused.errorCode(), code);
        QVERIFY2(refused.errorMessage().contains(saying), qPrintable(refused.errorMessage()));
        QCOMPARE(storedFiles(m_server.dataDir()), files);
        QCOMPARE(as(m_viewer).get(u"/api/v1/releases"_s).json.value(u"releases"_s).toArray().size(), 1);
    }

    void aRefusedUploadIsAudited()
    {
        const ApiReply audit = as(m_operator).get(u"/api/v1/audit"_s);
        bool refusedSeen = false;
        for (const QJsonValue &entry : audit.json.value(u"entries"_s).toArray()) {
            const QJsonObject e = entry.toObject();
            refusedSeen |= e.value(u"action"_s) == u"release.upload"_s
                           && e.value(u"result"_s).toString().startsWith(u"refused: signature-invalid"_s);
        }
        QVERIFY(refusedSeen);
    }

    void theImageDownloadsWholeOrByRange_data()
    {
        QTest::addColumn<QByteArray>("range");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<qint64>("length");

        const qint64 size = m_release.image.size();
        QTest::newRow("whole") << QByteArray() << 200 << qint64(0) << size;
        QTest::newRow("resume from 100") << QByteArray("bytes=100-") << 206 << qint64(100) << size - 100;
        QTest::newRow("first 10") << QByteArray("bytes=0-9") << 206 << qint64(0) << qint64(10);
        QTest::newRow("last 5") << QByteArray("bytes=-5") << 206 << size - 5 << qint64(5);
        QTest::newRow("end beyond the image") << QByteArray("bytes=10-99999999") << 206 << qint64(10) << size - 10;
        QTest::newRow("starts past the end") << "bytes=" + QByteArray::number(size) + '-' << 416 << qint64(0) << qint64(0);
        QTest::newRow("two ranges") << QByteArray("bytes=0-1,4-5") << 400 << qint64(0) << qint64(0);
        QTest::newRow("not bytes") << QByteArray("pages=1-2") << 400 << qint64(0) << qint64(0);
    }

    void theImageDownloadsWholeOrByRange()
    {
        QFETCH(QByteArray, range);
        QFETCH(int, status);
        QFETCH(qint64, offset);
        QFETCH(qint64, length);
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!range.isEmpty())
            headers.append({"Range", range});
        const ApiReply reply = as(m_viewer).get(u"/api/v1/releases/%1/image"_s.arg(m_release.sha256), headers);
        OTA_EXPECT_STATUS(reply, status);
        const QByteArray size = QByteArray::number(m_release.image.size());
        if (status == 416)
            QCOMPARE(reply.header("Content-Range"), "bytes */" + size);
        if (status >= 400)
            return;
        QCOMPARE(reply.body, m_release.image.mid(offset, length));
        QCOMPARE(reply.header("ETag"), '"' + m_release.sha256.toLatin1() + '"');
        if (status == 206) {
            QCOMPARE(reply.header("Content-Range"), "bytes " + QByteArray::number(offset) + '-'
                                                        + QByteArray::number(offset + length - 1) + '/' + size);
        }
    }

    // Devices

    void enrolmentIsAllOrNothing()
    {
        QVERIFY(!enrol(u"enrolled-1"_s).isEmpty());
        const auto devices = [](const QStringList &ids) {
            QJsonArray list;
            for (const QString &id : ids)
                list.append(QJsonObject{{u"id"_s, id}});
            return QJsonObject{{u"devices"_s, list}};
        };
        const ApiReply taken = as(m_server.adminToken()).post(u"/api/v1/devices"_s, devices({u"fresh-1"_s, u"enrolled-1"_s}));
        OTA_EXPECT_STATUS(taken, 409);
        QVERIFY(taken.errorMessage().contains(u"enrolled-1"_s));
        OTA_EXPECT_STATUS(as(m_viewer).get(u"/api/v1/devices/fresh-1"_s), 404);
        const ApiReply twice = as(m_server.adminToken()).post(u"/api/v1/devices"_s, devices({u"fresh-2"_s, u"fresh-2"_s}));
        OTA_EXPECT_STATUS(twice, 400);
        QVERIFY(twice.errorMessage().contains(u"listed twice"_s));
        const ApiReply malformed = as(m_server.adminToken()).post(u"/api/v1/devices"_s, devices({u"fresh-3"_s, u"has space"_s}));
        OTA_EXPECT_STATUS(malformed, 400);
        QVERIFY(malformed.errorMessage().contains(u"has space"_s));
        OTA_EXPECT_STATUS(as(m_viewer).get(u"/api/v1/devices/fresh-3"_s), 404);
        OTA_EXPECT_STATUS(as(m_operator).post(u"/api/v1/devices"_s, devices({u"fresh-4"_s})), 403);
    }

    void aDeviceRouteNeedsThatDevicesOwnSecret()
    {
        const QString secret = enrol(u"cred-1"_s);
        const QJsonObject checkIn{{u"version"_s, u"1.0.0"_s}};
        OTA_EXPECT_STATUS(asDevice(u"cred-1"_s, secret).post(u"/api/v1/device/checkin"_s, checkIn), 200);
        const ApiReply wrong = asDevice(u"cred-1"_s, secret + u'x').post(u"/api/v1/device/checkin"_s, checkIn);
        OTA_EXPECT_STATUS(wrong, 401);
        QCOMPARE(wrong.errorCode(), u"device-unauthorized"_s);
        const ApiReply otherDevice = asDevice(u"enrolled-1"_s, secret).post(u"/api/v1/device/checkin"_s, checkIn);
        OTA_EXPECT_STATUS(otherDevice, 401);
        OTA_EXPECT_STATUS(as(m_server.adminToken()).post(u"/api/v1/device/checkin"_s, checkIn), 401);
        m_api->useNoCredential();
        OTA_EXPECT_STATUS(m_api->post(u"/api/v1/device/checkin"_s, checkIn), 401);

        const QJsonArray entries = as(m_operator).get(u"/api/v1/audit"_s).json.value(u"entries"_s).toArray();
        bool audited = false;
        for (const QJsonValue &entry : entries)
            audited |= entry.toObject().value(u"action"_s) == u"login.failed"_s
                       && entry.toObject().value(u"actor"_s) == u"device cred-1"_s;
        QVERIFY(audited);
    }

    void aCheckInRecordsLivenessAndHistory()
    {
        const QString secret = enrol(u"live-1"_s);
        const QJsonObject checkIn{{u"chip"_s, u"esp32"_s},       {u"board"_s, u"esp32dev"_s},
                                  {u"project"_s, u"api-test"_s}, {u"version"_s, u"1.0.0"_s},
                                  {u"slot"_s, u"ota_0"_s},       {u"batteryPercent"_s, 77},
                                  {u"rssi"_s, -61},              {u"uptimeSeconds"_s, 100},
                                  {u"bootCount"_s, 3},           {u"health"_s, QJsonObject{{u"mqtt"_s, true}}},
                                  {u"otaSlotBytes"_s, 0x1E0000}, {u"nextCheckInSeconds"_s, 1800}};
        const ApiReply reply = asDevice(u"live-1"_s, secret).post(u"/api/v1/device/checkin"_s, checkIn);
        OTA_EXPECT_STATUS(reply, 200);
        QCOMPARE(reply.json.value(u"instruction"_s).toObject().value(u"kind"_s).toString(), u"nothing"_s);
        const ApiReply device = as(m_viewer).get(u"/api/v1/devices/live-1"_s);
        QCOMPARE(device.json.value(u"version"_s).toString(), u"1.0.0"_s);
        QCOMPARE(device.json.value(u"batteryPercent"_s).toInt(), 77);
        QCOMPARE(device.json.value(u"otaSlotBytes"_s).toInteger(), 0x1E0000);
        QCOMPARE(device.json.value(u"overdue"_s).toBool(), false);
        QVERIFY(!device.json.value(u"lastSeen"_s).toString().isEmpty());
        // 1800 s at --time-scale 3600 is half a second.
        QTRY_VERIFY_WITH_TIMEOUT(as(m_viewer).get(u"/api/v1/devices/live-1"_s).json.value(u"overdue"_s).toBool(), 5000);
        QVERIFY(as(m_viewer).get(u"/api/v1/devices/live-1"_s).json.value(u"overdueSeconds"_s).toDouble() > 0);
        const ApiReply overdue = as(m_viewer).get(u"/api/v1/devices?overdue=true"_s);
        bool listed = false;
        for (const QJsonValue &d : overdue.json.value(u"devices"_s).toArray())
            listed |= d.toObject().value(u"id"_s) == u"live-1"_s;
        QVERIFY(listed);
        const ApiReply history = as(m_viewer).get(u"/api/v1/devices/live-1/history"_s);
        QCOMPARE(history.json.value(u"checkIns"_s).toArray().size(), 1);
        QCOMPARE(history.json.value(u"checkIns"_s).toArray().at(0).toObject().value(u"rssi"_s).toInt(), -61);
    }

    void aBadCheckInIsRefusedAndChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("saying");
        QTest::newRow("unknown field") << QByteArray("{\"version\":\"1\",\"colour\":\"red\"}") << u"bad-request"_s << u"colour"_s;
        QTest::newRow("battery over 100") << QByteArray("{\"version\":\"1\",\"batteryPercent\":150}") << u"bad-request"_s
                                          << u"batteryPercent is 150"_s;
        QTest::newRow("health not true/false") << QByteArray("{\"version\":\"1\",\"health\":{\"mqtt\":\"ok\"}}")
                                               << u"bad-request"_s << u"health.mqtt"_s;
        QTest::newRow("OTA slot smaller than a flash sector") << QByteArray("{\"version\":\"1\",\"otaSlotBytes\":12}")
                                                             << u"bad-request"_s << u"otaSlotBytes is 12; it must be from 4096"_s;
        QTest::newRow("no version") << QByteArray("{\"batteryPercent\":50}") << u"bad-request"_s << u"version is missing"_s;
        QTest::newRow("a list") << QByteArray("[]") << u"malformed-json"_s << u"one JSON object"_s;
        QTest::newRow("not JSON") << QByteArray("version=1") << u"malformed-json"_s << u"not valid JSON"_s;
        QTest::newRow("next check-in of a year") << QByteArray("{\"version\":\"1\",\"nextCheckInSeconds\":31536000}")
                                                 << u"bad-request"_s << u"nextCheckInSeconds"_s;
    }

    void aBadCheckInIsRefusedAndChangesNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, saying);
        static const QString secret = enrol(u"bad-input-1"_s);
        const ApiReply refused = asDevice(u"bad-input-1"_s, secret).postRaw(u"/api/v1/device/checkin"_s, body);
        OTA_EXPECT_STATUS(refused, 400);
        QCOMPARE(refused.errorCode(), code);
        QVERIFY2(refused.errorMessage().contains(saying), qPrintable(refused.errorMessage()));
        QVERIFY(as(m_viewer).get(u"/api/v1/devices/bad-input-1"_s).json.value(u"lastSeen"_s).isNull());
    }

    void anOversizedReportIsRefused()
    {
        const QString secret = enrol(u"big-1"_s);
        const QByteArray body = "{\"version\":\"1\",\"slot\":\"" + QByteArray(70 * 1024, 'a') + "\"}";
        const ApiReply refused = asDevice(u"big-1"_s, secret).postRaw(u"/api/v1/device/checkin"_s, body);
        OTA_EXPECT_STATUS(refused, 413);
        QCOMPARE(refused.errorCode(), u"payload-too-large"_s);
    }

    void aDeviceDownloadsOnlyWhatARolloutGaveIt()
    {
        const QString secret = enrol(u"dl-1"_s);
        const ApiReply refused = asDevice(u"dl-1"_s, secret).get(u"/api/v1/device/releases/%1/image"_s.arg(m_release.sha256));
        OTA_EXPECT_STATUS(refused, 404);
        QVERIFY(refused.errorMessage().contains(u"told it to install"_s));
    }

    // Access: every mutating route with every kind of token.

    void everyMutatingRouteChecksTheRole_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("needs"); // operator, admin, break-glass

        QTest::newRow("add key") << u"/api/v1/keys"_s << u"admin"_s;
        QTest::newRow("revoke key") << u"/api/v1/keys/0000/revoke"_s << u"admin"_s;
        QTest::newRow("enrol devices") << u"/api/v1/devices"_s << u"admin"_s;
        QTest::newRow("upload release") << u"/api/v1/releases"_s << u"operator"_s;
        QTest::newRow("create rollout") << u"/api/v1/rollouts"_s << u"operator"_s;
        for (const QString &action : {u"approve"_s, u"deny"_s, u"start"_s, u"pause"_s, u"resume"_s, u"advance"_s, u"stop"_s})
            QTest::newRow(qPrintable(action + u" rollout"_s)) << u"/api/v1/rollouts/nope/"_s + action << u"operator"_s;
        QTest::newRow("break-glass rollback") << u"/api/v1/rollouts/nope/rollback"_s << u"break-glass"_s;
    }

    void everyMutatingRouteChecksTheRole()
    {
        QFETCH(QString, path);
        QFETCH(QString, needs);
        struct Caller
        {
            QString name;
            QString token;
            bool isOperator;
            bool isAdmin;
            bool hasBreakGlass;
        };
        const QList<Caller> callers{
            {u"no token"_s, {}, false, false, false},
            {u"viewer"_s, m_viewer, false, false, false},
            {u"viewer with break-glass"_s, m_viewerBreakGlass, false, false, true},
            {u"operator"_s, m_operator, true, false, false},
            {u"operator with break-glass"_s, m_breakGlass, true, false, true},
            {u"admin without break-glass"_s, m_plainAdmin, true, true, false},
            {u"admin with break-glass"_s, m_server.adminToken(), true, true, true},
        };
        for (const Caller &caller : callers) {
            if (caller.token.isEmpty())
                m_api->useNoCredential();
            else
                m_api->useToken(caller.token);
            const ApiReply reply = m_api->post(path, {});
            // Break-glass is an operator's act that also needs the right.
            const bool allowed = needs == u"admin"_s ? caller.isAdmin
                                 : needs == u"operator"_s ? caller.isOperator
                                                          : caller.isOperator && caller.hasBreakGlass;
            const int refusal = caller.token.isEmpty() ? 401 : 403;
            if (allowed)
                QVERIFY2(reply.status != 401 && reply.status != 403 && reply.status != 0,
                         qPrintable(caller.name + u": "_s + reply.describe()));
            else
                QVERIFY2(reply.status == refusal, qPrintable(caller.name + u": "_s + reply.describe()));
        }
    }

    void aKeyRevokedStopsItsReleasesFromStartingRollouts()
    {
        const SignedRelease release = SignedRelease::make(u"3.0.0"_s, u"api-test"_s, 3);
        ApiClient &admin = as(m_server.adminToken());
        const ApiReply key = admin.post(u"/api/v1/keys"_s, {{u"name"_s, u"short-lived"_s},
                                                            {u"pem"_s, QString::fromLatin1(release.publicKeyPem)}});
        OTA_EXPECT_STATUS(key, 201);
        OTA_EXPECT_STATUS(as(m_operator).post(u"/api/v1/releases"_s, release.uploadBody()), 201);
        const QString keyId = key.json.value(u"keyId"_s).toString();
        OTA_EXPECT_STATUS(as(m_server.adminToken()).post(u"/api/v1/keys/%1/revoke"_s.arg(keyId), {}), 400);
        const ApiReply revoked = as(m_server.adminToken())
                                     .post(u"/api/v1/keys/%1/revoke"_s.arg(keyId), {{u"reason"_s, u"laptop stolen"_s}});
        OTA_EXPECT_STATUS(revoked, 200);
        QCOMPARE(revoked.json.value(u"revoked"_s).toBool(), true);
        QCOMPARE(as(m_viewer).get(u"/api/v1/releases/"_s + release.sha256).json.value(u"startable"_s).toBool(), false);
        const ApiReply refused = as(m_operator).post(
            u"/api/v1/rollouts"_s,
            {{u"name"_s, u"with a revoked key"_s},
             {u"release"_s, QJsonObject{{u"sha256"_s, release.sha256}}},
             {u"targets"_s, QJsonObject{}},
             {u"stages"_s, QJsonArray{QJsonObject{{u"name"_s, u"all"_s},
                                                  {u"size"_s, QJsonObject{{u"percent"_s, 100}}},
                                                  {u"minSuccessRate"_s, 1.0}}}}});
        OTA_EXPECT_STATUS(refused, 409);
        QCOMPARE(refused.errorCode(), u"release-key-revoked"_s);
        // Uploads signed by it are refused from now on.
        const SignedRelease later = SignedRelease::make(u"3.0.1"_s, u"api-test"_s, 3);
        const ApiReply upload = as(m_operator).post(u"/api/v1/releases"_s, later.uploadBody());
        OTA_EXPECT_STATUS(upload, 422);
        QCOMPARE(upload.errorCode(), u"signature-invalid"_s);
        const ApiReply twice = as(m_server.adminToken())
                                   .post(u"/api/v1/keys/%1/revoke"_s.arg(keyId), {{u"reason"_s, u"again"_s}});
        OTA_EXPECT_STATUS(twice, 409);

        // The same image signed again with a trusted key can start rollouts again.
        const SignedRelease resigned = SignedRelease::make(u"3.0.0"_s, u"api-test"_s, 0);
        QCOMPARE(resigned.sha256, release.sha256);
        const ApiReply again = as(m_operator).post(u"/api/v1/releases"_s, resigned.uploadBody());
        OTA_EXPECT_STATUS(again, 201);
        QCOMPARE(again.json.value(u"startable"_s).toBool(), true);
        QCOMPARE(again.json.value(u"signature"_s).toString().toLatin1(), resigned.signatureBase64);
        QCOMPARE(as(m_viewer).get(u"/api/v1/releases/"_s + release.sha256).json.value(u"startable"_s).toBool(), true);
    }

    void aPlainRequestToTheEventStreamIsToldToUpgrade()
    {
        const ApiReply reply = as(m_viewer).get(u"/api/v1/events"_s);
        OTA_EXPECT_STATUS(reply, 426);
        QCOMPARE(reply.errorCode(), u"upgrade-required"_s);
    }

    // Request size: refused from the head, before any of the body is kept.

    void aBodyOverTheLimitIsRefusedBeforeItIsRead()
    {
        QTcpSocket socket;
        socket.connectToHost(m_server.base().host(), quint16(m_server.base().port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /api/v1/releases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + m_operator.toLatin1()
                     + "\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n{\"image\": \"");
        socket.write(QByteArray(64 * 1024, 'A'));
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\r\n\r\n{"), 10000);
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
        QVERIFY(answer.contains("payload-too-large"));
        QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState, 10000);
        OTA_EXPECT_STATUS(as(m_viewer).get(u"/api/v1/releases"_s), 200);
    }

    void aHeadSentInPiecesIsCheckedAllTheSame()
    {
        QTcpSocket socket;
        socket.connectToHost(m_server.base().host(), quint16(m_server.base().port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /api/v1/device/checkin HTTP/1.1\r\nHost: x\r\n");
        socket.flush();
        QTest::qWait(200);
        socket.write("Content-Len");
        socket.flush();
        QTest::qWait(200);
        socket.write("gth: 999999999999\r\n\r\n{");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("payload-too-large"), 10000);
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
    }

    void aChunkedBodyIsRefusedAskingForALength()
    {
        QTcpSocket socket;
        socket.connectToHost(m_server.base().host(), quint16(m_server.base().port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /api/v1/device/checkin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("length-required"), 10000);
        QVERIFY2(answer.startsWith("HTTP/1.1 411"), answer.constData());
    }

    void otherClientsAreServedWhileALargeUploadIsInFlight()
    {
        QTcpSocket upload;
        upload.connectToHost(m_server.base().host(), quint16(m_server.base().port()));
        QVERIFY(upload.waitForConnected(5000));
        const qint64 length = 20 * 1024 * 1024;
        upload.write("POST /api/v1/releases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + m_operator.toLatin1()
                     + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(length)
                     + "\r\n\r\n");
        qint64 sent = 0;
        for (int i = 0; i < 8; ++i) { // 8 MiB of 20: the rest never comes while we ask
            sent += upload.write(QByteArray(1024 * 1024, 'A'));
            QTest::qWait(20);
        }
        QVERIFY(upload.state() == QAbstractSocket::ConnectedState);
        for (int i = 0; i < 5; ++i)
            OTA_EXPECT_STATUS(as(m_viewer).get(u"/api/v1/releases"_s), 200);
        QVERIFY(sent < length);
        upload.abort();
        OTA_EXPECT_STATUS(as(m_viewer).get(u"/api/v1/releases"_s), 200);
    }

    void theAuditChainVerifies()
    {
        const ApiReply verified = as(m_operator).get(u"/api/v1/audit/verify"_s);
        OTA_EXPECT_STATUS(verified, 200);
        QVERIFY(verified.json.value(u"ok"_s).toBool());
        QVERIFY(verified.json.value(u"entries"_s).toInt() > 10);
    }
};

QTEST_GUILESS_MAIN(TestServerApi)
#include "tst_serverapi.moc"
