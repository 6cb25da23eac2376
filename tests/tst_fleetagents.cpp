// ota-fleet-sim's rollout agents against the real ota-server, both started
// as programs: the agents enrol with an admin token, keep their secrets in
// the state directory (mode 0600), check in, and after a restart come back
// with the same secrets and no token. Rollouts end to end are in
// tst_rolloutendtoend.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "firmware/signingkey.h"
#include "serverprocess.h"

using namespace Qt::Literals::StringLiterals;

namespace
{
    struct Command
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Command run(const QString &program, const QStringList &arguments, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(program, arguments);
        if (!p.waitForFinished(20000)) {
            p.kill();
            p.waitForFinished();
        }
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    // Waits for a line in a running program's stdout (kept in `seen`).
    bool waitFor(QProcess &process, QByteArray &seen, const QByteArray &text, int ms)
    {
        return QTest::qWaitFor([&] {
            seen += process.readAllStandardOutput();
            return seen.contains(text) || process.state() == QProcess::NotRunning;
        }, ms) && seen.contains(text);
    }

    void stop(QProcess &process)
    {
        if (process.state() == QProcess::NotRunning)
            return;
        process.terminate();
        if (!process.waitForFinished(5000)) {
            process.kill();
            process.waitForFinished();
        }
    }
} // namespace

class TestFleetAgents final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestSupport::ServerProcess m_server{QStringLiteral(OTA_SERVER_PATH)};
    std::unique_ptr<TestSupport::ApiClient> m_api;
    QString m_url;
    QString m_token;
    QString m_publicKey;

    QJsonArray devices()
    {
        return m_api->get(u"/api/v1/devices"_s).json.value(u"devices"_s).toArray();
    }

    int checkedIn(const QJsonArray &list, const QString &version)
    {
        int n = 0;
        for (const QJsonValue &v : list)
            if (!v.toObject().value(u"lastSeen"_s).toString().isEmpty() && v.toObject().value(u"version"_s).toString() == version)
                ++n;
        return n;
    }

    QStringList simArguments(const QString &stateDir) const
    {
        return {u"--agents"_s, u"3"_s, u"--version"_s, u"2.3.1"_s, u"--server"_s, m_url, u"--trusted-key"_s, m_publicKey,
                u"--check-in-seconds"_s, u"60"_s, u"--time-scale"_s, u"60"_s, u"--state-dir"_s, stateDir,
                u"--no-mdns"_s, u"--summary-seconds"_s, u"1"_s};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_server.init(&error), qPrintable(error));
        QVERIFY2(m_server.start({}, &error), qPrintable(error));
        m_token = m_server.adminToken();
        m_url = m_server.base().toString();
        QVERIFY(m_url.startsWith(u"http://127.0.0.1:"_s));
        m_api = std::make_unique<TestSupport::ApiClient>(m_server.base());
        m_api->useToken(m_token);

        const auto key = Firmware::SigningKey::generate();
        QVERIFY(key);
        m_publicKey = m_dir.filePath(u"release-key.pub.pem"_s);
        QFile pem(m_publicKey);
        QVERIFY(pem.open(QIODevice::WriteOnly));
        pem.write(key->publicKey().toPem());
    }

    void cleanupTestCase()
    {
        m_server.terminate();
    }

    void agentsEnrolKeepTheirSecretsAndCheckIn()
    {
        const QString state = m_dir.filePath(u"fleet"_s);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"FLEET_ADMIN_TOKEN"_s, m_token);
        QProcess sim;
        sim.setProcessEnvironment(env);
        sim.start(QStringLiteral(FLEETSIM_PATH), simArguments(state) << u"--enrol-token-env"_s << u"FLEET_ADMIN_TOKEN"_s);
        QByteArray out;
        QVERIFY2(waitFor(sim, out, "agents ready: 3 agents (3 enrolled now)", 10000),
                 QByteArray(out + sim.readAllStandardError()).constData());
        // First check-ins come within a simulated minute: one real second here.
        QTRY_COMPARE_WITH_TIMEOUT(checkedIn(devices(), u"2.3.1"_s), 3, 10000);
        const QJsonObject first = devices().at(0).toObject();
        QCOMPARE(first.value(u"id"_s).toString(), u"agent-0001"_s);
        QCOMPARE(first.value(u"chip"_s).toString(), u"esp32"_s);
        QCOMPARE(first.value(u"slot"_s).toString(), u"ota_0"_s);
        QCOMPARE(first.value(u"health"_s).toObject().value(u"mqtt"_s).toBool(), true);
        QVERIFY(waitFor(sim, out, "agents: 3 (idle 3)", 5000));
        stop(sim);
        QVERIFY(!out.contains(m_token.toUtf8()));

        const QString secrets = state + u"/agents/credentials.json"_s;
        QCOMPARE(QFile::permissions(secrets) & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                                                 | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
        QVERIFY(QFile::exists(state + u"/agents/agent-0002/agent.json"_s));

        // A restart resumes from the state directory: same secrets, no token needed.
        QProcess again;
        again.start(QStringLiteral(FLEETSIM_PATH), simArguments(state));
        QByteArray againOut;
        QVERIFY2(waitFor(again, againOut, "agents ready: 3 agents (0 enrolled now)", 10000),
                 QByteArray(againOut + again.readAllStandardError()).constData());
        const QString before = devices().at(2).toObject().value(u"lastSeen"_s).toString();
        QTRY_VERIFY_WITH_TIMEOUT(devices().at(2).toObject().value(u"lastSeen"_s).toString() != before, 10000);
        QVERIFY(!againOut.contains("refused"));
        stop(again);
    }

    void agentsWithoutSecretsNeedAToken()
    {
        const Command c = run(QStringLiteral(FLEETSIM_PATH), simArguments(m_dir.filePath(u"fresh"_s)));
        QCOMPARE(c.exitCode, 1);
        QVERIFY2(c.err.contains(u"3 agents (first agent-0001) have no secret in"_s), qPrintable(c.err));
        QVERIFY(c.err.contains(u"give --enrol-token-env VAR"_s));
    }

    void badCommandLines_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::addRow("no server") << QStringList{u"--agents"_s, u"2"_s} << u"2 agents but no --server"_s;
        QTest::addRow("server not loopback") << QStringList{u"--agents"_s, u"2"_s, u"--server"_s, u"http://10.0.0.1:80"_s}
                                             << u"--server: 'http://10.0.0.1:80' is not http://127.x.y.z:PORT"_s;
        QTest::addRow("no trusted key") << QStringList{u"--agents"_s, u"2"_s, u"--server"_s, u"http://127.0.0.1:9"_s}
                                        << u"2 agents but no --trusted-key"_s;
        QTest::addRow("trusted key unreadable") << QStringList{u"--agents"_s, u"2"_s, u"--trusted-key"_s, u"/nonexistent.pem"_s}
                                                << u"--trusted-key: cannot read /nonexistent.pem"_s;
        QTest::addRow("token variable unset") << QStringList{u"--agents"_s, u"2"_s, u"--enrol-token-env"_s, u"NO_SUCH_VARIABLE_X"_s}
                                              << u"--enrol-token-env: the environment variable NO_SUCH_VARIABLE_X is not set"_s;
        QTest::addRow("agents with scenario") << QStringList{u"--agents"_s, u"2"_s, u"--scenario"_s, u"x.json"_s}
                                              << u"--agents and --scenario: give one"_s;
        QTest::addRow("bad time scale") << QStringList{u"--time-scale"_s, u"fast"_s} << u"--time-scale: 'fast' is not a factor"_s;
        QTest::addRow("bad check-in") << QStringList{u"--agents"_s, u"1"_s, u"--check-in-seconds"_s, u"0"_s}
                                      << u"--check-in-seconds: 0 is out of range; use 1 to 604800"_s;
        QTest::addRow("bad seed") << QStringList{u"--seed"_s, u"-3"_s} << u"--seed: '-3' is not a whole number"_s;
    }

    void badCommandLines()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Command c = run(QStringLiteral(FLEETSIM_PATH), arguments << u"--no-mdns"_s);
        QCOMPARE(c.exitCode, 2);
        QVERIFY2(c.err.contains(message), qPrintable(c.err));
    }
};

QTEST_GUILESS_MAIN(TestFleetAgents)
#include "tst_fleetagents.moc"
