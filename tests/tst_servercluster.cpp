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
    constexpr int Wait = 30000;
    const QStringList ServeOptions{u"--time-scale"_s, u"3600"_s, u"--tick-ms"_s, u"50"_s, u"--deployment-window"_s,
                                   u"always"_s};
} // namespace

// Two ota-server instances on one PostgreSQL, as behind a load balancer:
// whatever a console or device asks of either, both answer the same; every
// instance's event stream carries every change; exactly one runs the
// engine's clock, and another takes over when it dies.
class TestServerCluster final : public QObject
{
    Q_OBJECT

    TestSupport::TestDatabase m_database{TestSupport::TestDatabase::Choice::Postgres};
    ServerProcess m_first{QStringLiteral(OTA_SERVER_PATH)};
    ServerProcess m_second{QStringLiteral(OTA_SERVER_PATH)};
    std::unique_ptr<ApiClient> m_atFirst;
    std::unique_ptr<ApiClient> m_atSecond;
    QString m_operator;
    QString m_approver;
    SignedRelease m_release;

    struct Device
    {
        QString id;
        QString secret;
    };
    QList<Device> m_devices;

    ApiReply checkIn(ApiClient &at, const Device &device, const QString &version = u"1.0.0"_s)
    {
        at.useDevice(device.id, device.secret);
        return at.post(u"/api/v1/device/checkin"_s, {{u"chip"_s, u"esp32"_s},
                                                     {u"project"_s, u"cluster"_s},
                                                     {u"version"_s, version},
                                                     {u"batteryPercent"_s, 90},
                                                     {u"nextCheckInSeconds"_s, 3600}});
    }

    ApiReply report(ApiClient &at, const Device &device, const QString &rolloutId, const QString &state,
                    const QString &version, bool healthPassed = false)
    {
        at.useDevice(device.id, device.secret);
        return at.post(u"/api/v1/device/report"_s, {{u"rolloutId"_s, rolloutId},
                                                    {u"state"_s, state},
                                                    {u"version"_s, version},
                                                    {u"healthPassed"_s, healthPassed}});
    }

    QString deviceState(ApiClient &at, const QString &rolloutId, const QString &deviceId)
    {
        at.useToken(m_operator);
        for (const QJsonValue &entry : at.get(u"/api/v1/rollouts/%1/devices"_s.arg(rolloutId)).json[u"devices"_s].toArray()) {
            if (entry[u"deviceId"_s] == deviceId)
                return entry[u"state"_s].toString();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        const QString location = m_database.freshLocation(&error);
        if (location.isEmpty())
            QSKIP(qPrintable(error));
        m_first.useDatabase(location);
        QVERIFY2(m_first.init(&error), qPrintable(error));
        m_operator = m_first.createToken(u"olga"_s, u"operator"_s, false, &error);
        m_approver = m_first.createToken(u"otto"_s, u"operator"_s, false, &error);
        QVERIFY2(!m_approver.isEmpty(), qPrintable(error));
        m_second.shareStoreWith(m_first);
        QVERIFY2(m_first.start(ServeOptions, &error), qPrintable(error));
        QVERIFY2(m_second.start(ServeOptions, &error), qPrintable(error));
        m_atFirst = std::make_unique<ApiClient>(m_first.base());
        m_atSecond = std::make_unique<ApiClient>(m_second.base());

        m_release = SignedRelease::make(u"2.0.0"_s, u"cluster"_s);
        m_atFirst->useToken(m_first.adminToken());
        OTA_EXPECT_STATUS(m_atFirst->post(u"/api/v1/keys"_s, {{u"name"_s, u"k"_s},
                                                              {u"pem"_s, QString::fromLatin1(m_release.publicKeyPem)}}),
                          201);
        QJsonArray ids;
        for (int i = 0; i < 4; ++i)
            ids.append(QJsonObject{{u"id"_s, u"c-%1"_s.arg(i)}});
        const ApiReply enrolled = m_atFirst->post(u"/api/v1/devices"_s, {{u"devices"_s, ids}});
        OTA_EXPECT_STATUS(enrolled, 201);
        for (const QJsonValue &device : enrolled.json[u"devices"_s].toArray())
            m_devices.append({device[u"id"_s].toString(), device[u"secret"_s].toString()});
    }

    void whatOneInstanceStoresTheOtherServes()
    {
        m_atSecond->useToken(m_operator);
        OTA_EXPECT_STATUS(m_atSecond->post(u"/api/v1/releases"_s, m_release.uploadBody()), 201);
        m_atFirst->useToken(m_operator);
        QCOMPARE(m_atFirst->get(u"/api/v1/releases"_s).json[u"releases"_s].toArray().size(), 1);
        OTA_EXPECT_STATUS(m_atFirst->get(u"/api/v1/releases/%1/image"_s.arg(m_release.sha256)), 200);
        for (const Device &device : m_devices)
            OTA_EXPECT_STATUS(checkIn(*m_atSecond, device), 200);
        m_atFirst->useToken(m_operator);
        QCOMPARE(m_atFirst->get(u"/api/v1/devices/c-3"_s).json[u"version"_s].toString(), u"1.0.0"_s);
    }

    void aRolloutIsSteeredAndReportedThroughEitherInstance()
    {
        // Created at one, approved and started at the other.
        m_atFirst->useToken(m_operator);
        const ApiReply created = m_atFirst->post(
            u"/api/v1/rollouts"_s,
            {{u"name"_s, u"cluster 2.0.0"_s},
             {u"release"_s, QJsonObject{{u"sha256"_s, m_release.sha256}}},
             {u"targets"_s, QJsonObject{{u"projects"_s, QJsonArray{u"cluster"_s}}}},
             {u"requiresApproval"_s, true},
             {u"perDeviceTimeoutSeconds"_s, 10 * 24 * 3600},
             {u"stages"_s, QJsonArray{QJsonObject{{u"name"_s, u"canary"_s}, {u"size"_s, QJsonObject{{u"count"_s, 1}}},
                                                  {u"minSuccessRate"_s, 1.0}, {u"soakSeconds"_s, 3 * 3600}},
                                      QJsonObject{{u"name"_s, u"rest"_s}, {u"size"_s, QJsonObject{{u"percent"_s, 100}}},
                                                  {u"minSuccessRate"_s, 1.0}}}}});
        OTA_EXPECT_STATUS(created, 201);
        const QString id = created.json[u"id"_s].toString();
        m_atSecond->useToken(m_operator);
        OTA_EXPECT_STATUS(m_atSecond->post(u"/api/v1/rollouts/%1/approve"_s.arg(id)), 403); // still the creator
        m_atSecond->useToken(m_approver);
        OTA_EXPECT_STATUS(m_atSecond->post(u"/api/v1/rollouts/%1/approve"_s.arg(id)), 200);
        OTA_EXPECT_STATUS(m_atSecond->post(u"/api/v1/rollouts/%1/start"_s.arg(id)), 200);
        m_atFirst->useToken(m_operator);
        QCOMPARE(m_atFirst->get(u"/api/v1/rollouts/"_s + id).json[u"state"_s].toString(), u"RUNNING"_s);

        // The first instance's event stream carries what the second does.
        QWebSocket socket;
        QUrl url = m_first.base();
        url.setScheme(u"ws"_s);
        url.setPath(u"/api/v1/events"_s);
        url.setQuery(u"token="_s + m_operator);
        QStringList seen;
        connect(&socket, &QWebSocket::textMessageReceived, this, [&seen](const QString &text) {
            const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
            for (const QJsonValue &event : frame[u"events"_s].toArray())
                seen.append(event[u"kind"_s].toString() + u' ' + event[u"payload"_s][u"deviceId"_s].toString() + u' '
                            + event[u"payload"_s][u"to"_s].toString());
        });
        socket.open(url);
        QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::ConnectedState, Wait);

        // The canary device alternates between instances as a load balancer would send it.
        const Device &canary = m_devices[0];
        const ApiReply instruction = checkIn(*m_atSecond, canary);
        QCOMPARE(instruction.json[u"instruction"_s][u"kind"_s].toString(), u"install"_s);
        OTA_EXPECT_STATUS(report(*m_atFirst, canary, id, u"DOWNLOADING"_s, u"1.0.0"_s), 200);
        OTA_EXPECT_STATUS(report(*m_atSecond, canary, id, u"DOWNLOADED"_s, u"1.0.0"_s), 200);
        OTA_EXPECT_STATUS(report(*m_atFirst, canary, id, u"INSTALLING"_s, u"1.0.0"_s), 200);
        OTA_EXPECT_STATUS(report(*m_atSecond, canary, id, u"REBOOTING"_s, u"1.0.0"_s), 200);
        // A report the other instance's copy would have allowed is refused: both see the latest state.
        OTA_EXPECT_STATUS(report(*m_atFirst, canary, id, u"DOWNLOADING"_s, u"1.0.0"_s), 409);
        OTA_EXPECT_STATUS(report(*m_atFirst, canary, id, u"VERIFYING"_s, u"2.0.0"_s), 200);
        OTA_EXPECT_STATUS(report(*m_atSecond, canary, id, u"SUCCEEDED"_s, u"2.0.0"_s, true), 200);
        QCOMPARE(deviceState(*m_atFirst, id, canary.id), u"SUCCEEDED"_s);
        QCOMPARE(deviceState(*m_atSecond, id, canary.id), u"SUCCEEDED"_s);
        QTRY_VERIFY_WITH_TIMEOUT(seen.contains(u"rollout-device.changed c-0 SUCCEEDED"_s), Wait);

        // The instance that runs the engine dies while the canary soaks (3 h:
        // 3 s here); the other takes over its clock and opens the next stage.
        const auto engineAt = [](ApiClient &at) { return at.get(u"/api/v1/health"_s).json[u"engine"_s].toString(); };
        QTRY_VERIFY_WITH_TIMEOUT(engineAt(*m_atFirst) == u"active"_s || engineAt(*m_atSecond) == u"active"_s, Wait);
        QVERIFY(engineAt(*m_atFirst) != engineAt(*m_atSecond));
        const bool firstRuns = engineAt(*m_atFirst) == u"active"_s;
        (firstRuns ? m_first : m_second).kill();
        ApiClient &survivor = firstRuns ? *m_atSecond : *m_atFirst;
        QTRY_COMPARE_WITH_TIMEOUT(engineAt(survivor), u"active"_s, Wait);
        QTRY_COMPARE_WITH_TIMEOUT(checkIn(survivor, m_devices[1]).json[u"instruction"_s][u"kind"_s].toString(),
                                  u"install"_s, Wait);
        survivor.useToken(m_operator);
        const QJsonArray entries = survivor.get(u"/api/v1/audit?limit=10000"_s).json[u"entries"_s].toArray();
        int soakEnds = 0;
        for (const QJsonValue &entry : entries)
            soakEnds += entry[u"action"_s].toString().startsWith(u"stage."_s)
                                && entry[u"result"_s].toString() == u"SOAKING -> PASSED"_s
                            ? 1
                            : 0;
        QCOMPARE(soakEnds, 1); // decided once, by one instance
        QVERIFY(survivor.get(u"/api/v1/audit/verify"_s).json[u"ok"_s].toBool());
    }
};

QTEST_GUILESS_MAIN(TestServerCluster)
#include "tst_servercluster.moc"
