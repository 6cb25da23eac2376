#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include "rollout/serverclient.h"
#include "serverprocess.h"

using namespace Qt::Literals::StringLiterals;
using namespace Rollout;
using TestSupport::ApiClient;
using TestSupport::ServerProcess;
using TestSupport::SignedRelease;

#define OTA_VERIFY_RESULT(result) QVERIFY2((result).hasValue(), qPrintable((result) ? QString() : (result).error().text()))

namespace
{
    constexpr int Wait = 30000;

    // Runs one call of the client and waits for its callback, pumping events.
    template<typename T, typename Start>
    Result<T, ApiError> call(Start &&start)
    {
        std::optional<Result<T, ApiError>> result;
        QObject context;
        start(&context, Done<T>([&result](const Result<T, ApiError> &answer) { result = answer; }));
        if (!QTest::qWaitFor([&] { return result.has_value(); }, Wait))
            return ApiError::noAnswer(ApiError::Kind::Timeout, u"the test waited in vain"_s);
        return std::move(*result);
    }

    // A port that answers anything with a web page: not the ota-server API.
    class NotAnApi final : public QTcpServer
    {
    public:
        NotAnApi()
        {
            connect(this, &QTcpServer::newConnection, this, [this] {
                while (QTcpSocket *socket = nextPendingConnection()) {
                    connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                        socket->readAll();
                        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>");
                        socket->disconnectFromHost();
                    });
                }
            });
        }
    };
} // namespace

// Rollout::ServerClient against the real ota-server: every route group,
// typed results, the server's refusals passed through, failures without an
// answer that name the server, the queue, cancelling, and contexts.
class TestServerClient final : public QObject
{
    Q_OBJECT

    ServerProcess m_server{QStringLiteral(OTA_SERVER_PATH)};
    QString m_operator;
    QString m_approver;
    std::unique_ptr<ServerClient> m_admin;
    std::unique_ptr<ServerClient> m_olga;
    std::unique_ptr<ServerClient> m_otto;
    SignedRelease m_release;

    std::unique_ptr<ServerClient> clientWith(const QString &token, const QUrl &base = {})
    {
        ServerEndpoint endpoint;
        endpoint.base = base.isEmpty() ? m_server.base() : base;
        endpoint.token = token.toUtf8();
        endpoint.timeoutMs = 10000;
        return std::make_unique<ServerClient>(endpoint);
    }

    // Enrols devices and checks each in once, so rollouts can target them.
    QList<EnrolledDevice> fleet(const QString &prefix, int n)
    {
        QList<Enrolment> devices;
        for (int i = 0; i < n; ++i)
            devices.append({u"%1-%2"_s.arg(prefix).arg(i), {prefix}});
        const auto enrolled = call<QList<EnrolledDevice>>([&](QObject *c, auto done) { m_admin->devices().enrol(devices, c, done); });
        if (!enrolled)
            return {};
        ApiClient device(m_server.base());
        for (const EnrolledDevice &d : enrolled.value()) {
            device.useDevice(d.id, d.secret);
            device.post(u"/api/v1/device/checkin"_s, {{u"chip"_s, u"esp32"_s}, {u"project"_s, u"fleet"_s},
                                                       {u"version"_s, u"1.0.0"_s}, {u"batteryPercent"_s, 80},
                                                       {u"rssi"_s, -60}, {u"nextCheckInSeconds"_s, 3600}});
        }
        return enrolled.value();
    }

    QJsonObject spec(const QString &tag, bool approval) const
    {
        return {{u"name"_s, QString(u"client "_s + tag)},
                {u"release"_s, QJsonObject{{u"sha256"_s, m_release.sha256}}},
                {u"targets"_s, QJsonObject{{u"tags"_s, QJsonArray{tag}}}},
                {u"stages"_s, QJsonArray{QJsonObject{{u"name"_s, u"canary"_s}, {u"size"_s, QJsonObject{{u"count"_s, 1}}}, {u"minSuccessRate"_s, 1.0}},
                                         QJsonObject{{u"name"_s, u"full"_s}, {u"size"_s, QJsonObject{{u"percent"_s, 100}}}, {u"minSuccessRate"_s, 1.0}}}},
                {u"requiresApproval"_s, approval}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.init(&error), qPrintable(error));
        m_operator = m_server.createToken(u"olga"_s, u"operator"_s, false, &error);
        m_approver = m_server.createToken(u"otto"_s, u"operator"_s, false, &error);
        QVERIFY2(!m_approver.isEmpty(), qPrintable(error));
        QVERIFY2(m_server.start({u"--deployment-window"_s, u"always"_s}, &error), qPrintable(error));
        m_admin = clientWith(m_server.adminToken());
        m_olga = clientWith(m_operator);
        m_otto = clientWith(m_approver);
        m_release = SignedRelease::make(u"2.0.0"_s, u"fleet"_s);
    }

    void healthNeedsNoToken()
    {
        auto anonymous = clientWith({});
        const auto health = call<ServerHealth>([&](QObject *c, auto done) { anonymous->health(c, done); });
        OTA_VERIFY_RESULT(health);
        QCOMPARE(health->status, u"ok"_s);
        QCOMPARE(health->apiVersion, 1);
        QVERIFY(!health->tls);
    }

    void anUnreachableServerIsNamedWithWhatToCheck()
    {
        QTcpServer closed; // a port that was free a moment ago and is closed now
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        auto client = clientWith(m_operator, QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
        const auto keys = call<QList<TrustedKey>>([&](QObject *c, auto done) { client->keys().list(c, done); });
        QVERIFY(!keys);
        QCOMPARE(keys.error().kind, ApiError::Kind::Unreachable);
        QCOMPARE(keys.error().status, 0);
        QCOMPARE(keys.error().code, u"unreachable"_s);
        QVERIFY2(keys.error().message.startsWith(u"cannot reach http://127.0.0.1:%1: connection refused; is ota-server running"_s.arg(port)),
                 qPrintable(keys.error().message));
    }

    void somethingElseOnThePortIsABadAnswer()
    {
        NotAnApi web;
        QVERIFY(web.listen(QHostAddress::LocalHost));
        auto client = clientWith(m_operator, QUrl(u"http://127.0.0.1:%1"_s.arg(web.serverPort())));
        const auto keys = call<QList<TrustedKey>>([&](QObject *c, auto done) { client->keys().list(c, done); });
        QVERIFY(!keys);
        QCOMPARE(keys.error().kind, ApiError::Kind::BadAnswer);
        QVERIFY2(keys.error().message.contains(u"GET /api/v1/keys"_s), qPrintable(keys.error().message));
    }

    void theServersRefusalPassesThrough()
    {
        auto stranger = clientWith(u"not-a-token"_s);
        const auto keys = call<QList<TrustedKey>>([&](QObject *c, auto done) { stranger->keys().list(c, done); });
        QVERIFY(!keys);
        QCOMPARE(keys.error().kind, ApiError::Kind::Refused);
        QCOMPARE(keys.error().status, 401);
        QCOMPARE(keys.error().code, u"unauthorized"_s);
        QVERIFY(keys.error().text().endsWith(u"(HTTP 401 unauthorized)"_s));
        // An operator may not add keys: 403, and the message names the role.
        const auto added = call<TrustedKey>([&](QObject *c, auto done) { m_olga->keys().add(u"k"_s, m_release.publicKeyPem, c, done); });
        QVERIFY(!added);
        QCOMPARE(added.error().code, u"forbidden"_s);
        QVERIFY2(added.error().message.contains(u"admin"_s), qPrintable(added.error().message));
    }

    void keysAreAddedListedAndRevoked()
    {
        const SignedRelease other = SignedRelease::make(u"9.9.9"_s, u"fleet"_s, 7);
        const auto added = call<TrustedKey>([&](QObject *c, auto done) { m_admin->keys().add(u"release key"_s, m_release.publicKeyPem, c, done); });
        OTA_VERIFY_RESULT(added);
        QCOMPARE(added->name, u"release key"_s);
        QCOMPARE(added->keyId.size(), 64);
        QVERIFY(!added->revoked);
        QVERIFY(added->addedAt.isValid());
        const auto second = call<TrustedKey>([&](QObject *c, auto done) { m_admin->keys().add(u"old key"_s, other.publicKeyPem, c, done); });
        OTA_VERIFY_RESULT(second);
        const auto revoked = call<TrustedKey>([&](QObject *c, auto done) { m_admin->keys().revoke(second->keyId, u"leaked"_s, c, done); });
        OTA_VERIFY_RESULT(revoked);
        QVERIFY(revoked->revoked);
        QCOMPARE(revoked->revokedBy, u"admin"_s);
        const auto keys = call<QList<TrustedKey>>([&](QObject *c, auto done) { m_olga->keys().list(c, done); });
        OTA_VERIFY_RESULT(keys);
        QCOMPARE(keys->size(), 2);
        QCOMPARE(keys->at(0).keyId, added->keyId);
        QVERIFY(keys->at(1).revoked);
        // A release signed by the revoked key is refused, and the server says which check failed.
        const auto refused = call<Release>([&](QObject *c, auto done) {
            m_olga->releases().upload(other.image, other.manifest, other.signatureBase64, c, done);
        });
        QVERIFY(!refused);
        QCOMPARE(refused.error().status, 422);
        QCOMPARE(refused.error().code, u"signature-invalid"_s);
        QVERIFY2(refused.error().message.startsWith(u"upload refused, nothing kept"_s), qPrintable(refused.error().message));
    }

    void aReleaseIsUploadedAndListed()
    {
        const auto release = call<Release>([&](QObject *c, auto done) {
            m_olga->releases().upload(m_release.image, m_release.manifest, m_release.signatureBase64, c, done);
        });
        OTA_VERIFY_RESULT(release);
        QCOMPARE(release->sha256, m_release.sha256);
        QCOMPARE(release->version, u"2.0.0"_s);
        QCOMPARE(release->chip, u"esp32"_s);
        QCOMPARE(release->size, m_release.image.size());
        QCOMPARE(release->manifest, m_release.manifest);
        QCOMPARE(release->uploadedBy, u"olga"_s);
        QVERIFY(release->startable);
        const auto releases = call<QList<Release>>([&](QObject *c, auto done) { m_olga->releases().list(c, done); });
        OTA_VERIFY_RESULT(releases);
        QCOMPARE(releases->size(), 1);
        const auto image = call<QByteArray>([&](QObject *c, auto done) { m_olga->releases().image(m_release.sha256, c, done); });
        OTA_VERIFY_RESULT(image);
        QCOMPARE(image.value(), m_release.image);
    }

    void devicesAreEnrolledAndListedWithTheServersClock()
    {
        const QList<EnrolledDevice> devices = fleet(u"listed"_s, 2);
        QCOMPARE(devices.size(), 2);
        QVERIFY(devices.at(0).secret.startsWith(u"dev_"_s));
        const auto listing = call<DeviceList>([&](QObject *c, auto done) {
            m_olga->devices().list(DeviceQuery{u"1.0.0"_s, {}, false, 0}, c, done);
        });
        OTA_VERIFY_RESULT(listing);
        QVERIFY(listing->serverTime.isValid());
        QVERIFY(listing->devices.size() >= 2);
        const Device &first = listing->devices.constFirst();
        QCOMPARE(first.id, u"listed-0"_s);
        QCOMPARE(first.version, u"1.0.0"_s);
        QCOMPARE(first.batteryPercent, std::optional<int>(80));
        QCOMPARE(first.rssi, std::optional<int>(-60));
        QCOMPARE(first.tags, QStringList{u"listed"_s});
        QVERIFY(first.lastSeen.isValid() && first.lastSeen <= listing->serverTime);
        QVERIFY(!first.overdue);
        const auto overdue = call<DeviceList>([&](QObject *c, auto done) { m_olga->devices().list(DeviceQuery{{}, {}, true, 0}, c, done); });
        OTA_VERIFY_RESULT(overdue);
        QVERIFY(overdue->devices.isEmpty());
        const auto duplicate = call<QList<EnrolledDevice>>([&](QObject *c, auto done) {
            m_admin->devices().enrol({{u"listed-0"_s, {}}}, c, done);
        });
        QVERIFY(!duplicate);
        QCOMPARE(duplicate.error().code, u"duplicate"_s);
    }

    void aRolloutIsPreviewedCreatedApprovedAndStarted()
    {
        fleet(u"staged"_s, 3);
        const auto preview = call<RolloutPreview>([&](QObject *c, auto done) { m_olga->rollouts().preview(spec(u"staged"_s, true), c, done); });
        OTA_VERIFY_RESULT(preview);
        QCOMPARE(preview->matching, 3);
        QVERIFY(preview->window.open);
        const auto created = call<RolloutSummary>([&](QObject *c, auto done) { m_olga->rollouts().create(spec(u"staged"_s, true), c, done); });
        OTA_VERIFY_RESULT(created);
        QCOMPARE(created->state, u"WAITING_FOR_APPROVAL"_s);
        QCOMPARE(created->createdBy, u"olga"_s);
        QCOMPARE(created->releaseVersion, u"2.0.0"_s);
        QCOMPARE(created->total.total, 3);
        QCOMPARE(created->total.of(u"SCHEDULED"_s), 3);
        QCOMPARE(created->stages.size(), 2);
        QCOMPARE(created->stages.at(0).counts.total, 1);
        QCOMPARE(created->stages.at(1).status, u"PENDING"_s);
        const QString id = created->id;

        const auto own = call<RolloutSummary>([&](QObject *c, auto done) { m_olga->rollouts().act(id, RolloutAction::Approve, {}, c, done); });
        QVERIFY(!own);
        QCOMPARE(own.error().code, u"forbidden"_s);
        const auto approved = call<RolloutSummary>([&](QObject *c, auto done) {
            m_otto->rollouts().act(id, RolloutAction::Approve, {{}, u"plan checked"_s, {}}, c, done);
        });
        OTA_VERIFY_RESULT(approved);
        QCOMPARE(approved->state, u"READY"_s);
        const auto started = call<RolloutSummary>([&](QObject *c, auto done) { m_olga->rollouts().act(id, RolloutAction::Start, {}, c, done); });
        OTA_VERIFY_RESULT(started);
        QCOMPARE(started->state, u"RUNNING"_s);
        QCOMPARE(started->currentStage, 0);
        const auto paused = call<RolloutSummary>([&](QObject *c, auto done) {
            m_olga->rollouts().act(id, RolloutAction::Pause, {u"broker maintenance"_s, {}, {}}, c, done);
        });
        OTA_VERIFY_RESULT(paused);
        QCOMPARE(paused->stateText(), u"PAUSED (operator)"_s);
        const auto again = call<RolloutSummary>([&](QObject *c, auto done) { m_olga->rollouts().act(id, RolloutAction::Pause, {}, c, done); });
        QVERIFY(!again);
        QCOMPARE(again.error().code, u"illegal-transition"_s);

        const auto detail = call<RolloutDetail>([&](QObject *c, auto done) { m_olga->rollouts().show(id, c, done); });
        OTA_VERIFY_RESULT(detail);
        QCOMPARE(detail->summary.name, u"client staged"_s);
        QCOMPARE(detail->summary.pauseReason, u"operator"_s);
        QCOMPARE(detail->summary.stateReason, u"broker maintenance"_s);
        QCOMPARE(detail->stages.size(), 2);
        QCOMPARE(detail->stages.at(0).status, u"ACTIVE"_s);
        QCOMPARE(detail->approvals.size(), 1);
        QCOMPARE(detail->approvals.at(0).actor, u"otto"_s);
        QVERIFY(detail->history.size() >= 4);
        const auto canary = call<QList<RolloutDevice>>([&](QObject *c, auto done) { m_olga->rollouts().devices(id, {}, 0, c, done); });
        OTA_VERIFY_RESULT(canary);
        QCOMPARE(canary->size(), 1);
        QCOMPARE(canary->at(0).previousVersion, u"1.0.0"_s);
        const auto list = call<QList<RolloutSummary>>([&](QObject *c, auto done) { m_olga->rollouts().list(c, done); });
        OTA_VERIFY_RESULT(list);
        QVERIFY(std::any_of(list->cbegin(), list->cend(), [&](const RolloutSummary &s) { return s.id == id; }));
        const auto stopped = call<RolloutSummary>([&](QObject *c, auto done) {
            m_olga->rollouts().act(id, RolloutAction::Stop, {u"test over"_s, {}, {}}, c, done);
        });
        OTA_VERIFY_RESULT(stopped);
        QVERIFY(isFinalRolloutState(stopped->state));
        const auto window = call<DeploymentWindow>([&](QObject *c, auto done) { m_olga->rollouts().window(c, done); });
        OTA_VERIFY_RESULT(window);
        QVERIFY(window->open);
    }

    void theAuditLogIsReadVerifiedAndExported()
    {
        const auto entries = call<QList<AuditEntry>>([&](QObject *c, auto done) { m_olga->audit().entries(0, 100, c, done); });
        OTA_VERIFY_RESULT(entries);
        QVERIFY(entries->size() > 5);
        QCOMPARE(entries->at(0).seq, 1);
        QCOMPARE(entries->at(1).prevHash, entries->at(0).hash);
        QVERIFY(std::any_of(entries->cbegin(), entries->cend(), [](const AuditEntry &e) { return e.action == u"release.upload"_s; }));
        const auto page = call<QList<AuditEntry>>([&](QObject *c, auto done) { m_olga->audit().entries(2, 1, c, done); });
        OTA_VERIFY_RESULT(page);
        QCOMPARE(page->size(), 1);
        QCOMPARE(page->at(0).seq, 3);
        const auto verified = call<AuditVerification>([&](QObject *c, auto done) { m_olga->audit().verify(c, done); });
        OTA_VERIFY_RESULT(verified);
        QVERIFY(verified->ok);
        QVERIFY(verified->entries >= entries->size());
        const auto csv = call<QByteArray>([&](QObject *c, auto done) { m_olga->audit().exportLog(AuditApi::ExportFormat::Csv, c, done); });
        OTA_VERIFY_RESULT(csv);
        QVERIFY(csv->startsWith("seq,at,actor,action"));
        const auto json = call<QByteArray>([&](QObject *c, auto done) { m_olga->audit().exportLog(AuditApi::ExportFormat::Json, c, done); });
        OTA_VERIFY_RESULT(json);
        QVERIFY(QJsonDocument::fromJson(json.value()).isArray());
    }

    void callsBeyondTheLimitWaitTheirTurn()
    {
        m_olga->setMaxConcurrent(2);
        int done = 0;
        int mostUnderWay = 0;
        QObject context;
        for (int i = 0; i < 10; ++i) {
            m_olga->keys().list(&context, [&](const Result<QList<TrustedKey>, ApiError> &keys) {
                QVERIFY(keys.hasValue());
                ++done;
            });
            mostUnderWay = qMax(mostUnderWay, m_olga->callsUnderWay());
        }
        QCOMPARE(m_olga->callsUnderWay(), 2);
        QCOMPARE(m_olga->callsWaiting(), 8);
        QTRY_COMPARE_WITH_TIMEOUT(done, 10, Wait);
        QCOMPARE(mostUnderWay, 2);
        QCOMPARE(m_olga->callsUnderWay(), 0);
        m_olga->setMaxConcurrent(ServerClient::DefaultMaxConcurrent);
    }

    void anAbortedCallSaysSoAndAGoneContextHearsNothing()
    {
        m_olga->setMaxConcurrent(1);
        QObject context;
        std::optional<ApiError> first;
        std::optional<ApiError> second;
        ApiCall *running = m_olga->keys().list(&context, [&](const auto &r) { first = r ? ApiError{} : r.error(); });
        ApiCall *queued = m_olga->keys().list(&context, [&](const auto &r) { second = r ? ApiError{} : r.error(); });
        queued->abort();
        running->abort();
        QTRY_VERIFY_WITH_TIMEOUT(first && second, Wait);
        QCOMPARE(first->kind, ApiError::Kind::Aborted);
        QCOMPARE(second->kind, ApiError::Kind::Aborted);

        bool heard = false;
        {
            QObject shortLived;
            m_olga->keys().list(&shortLived, [&](const auto &) { heard = true; });
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_olga->callsUnderWay(), 0, Wait);
        QTest::qWait(50);
        QVERIFY(!heard);
        m_olga->setMaxConcurrent(ServerClient::DefaultMaxConcurrent);
    }

    void aServerUrlIsCheckedBeforeUse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("http") << u"http://127.0.0.1:8080"_s << true;
        QTest::newRow("https with a prefix") << u"https://ota.example:8443/ota/"_s << true;
        QTest::newRow("no scheme") << u"127.0.0.1:8080"_s << false;
        QTest::newRow("ftp") << u"ftp://127.0.0.1"_s << false;
        QTest::newRow("a token in it") << u"http://user:secret@127.0.0.1"_s << false;
        QTest::newRow("a query") << u"http://127.0.0.1/?token=x"_s << false;
    }
    void aServerUrlIsCheckedBeforeUse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto base = ServerEndpoint::parseBase(text);
        QCOMPARE(base.hasValue(), valid);
        if (!valid)
            QVERIFY(base.error().contains(text));
        else
            QVERIFY(!base->path().endsWith(u'/'));
    }
};

QTEST_GUILESS_MAIN(TestServerClient)
#include "tst_serverclient.moc"
