// The case study of ROLLOUTS.md at full size: ota-server and ota-fleet-sim
// with simulator/scenarios/case-study.json (5,000 agents), one staged
// rollout canary 50 / pilot 500 / full 4,450 with the case study's gates.
// Prints the wall time from start to FINISHED (or to the pause or stop that
// ended it), the check-ins and reports per second the server answered, the
// server's peak RSS, and the final counts per stage beside the case study's.
//
//   casestudybench [--time-scale X] [--soak-divisor D] [--image-kib K]
//
// Both programs run X times faster than real time; the soaks (24 h / 48 h /
// 168 h) are divided by D on top, so a run fits in minutes. Run inside a
// private network namespace: cmake --build --preset default --target run-casestudy-bench
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include "serverprocess.h"

using namespace Qt::Literals::StringLiterals;
using TestSupport::ApiClient;
using TestSupport::ApiReply;
using TestSupport::ServerProcess;
using TestSupport::SignedRelease;

namespace
{
    constexpr int Agents = 5000;

    QTextStream &out()
    {
        static QTextStream stream(stdout);
        return stream;
    }

    // What fail() stops before it exits: nothing started here outlives the bench.
    ServerProcess *g_server = nullptr;
    QProcess *g_sim = nullptr;

    [[noreturn]] void fail(const QString &message)
    {
        out() << "casestudybench: " << message << Qt::endl;
        if (g_sim) {
            g_sim->kill();
            g_sim->waitForFinished(10000);
        }
        if (g_server)
            g_server->terminate();
        std::exit(1);
    }

    // VmHWM of a process: its peak resident set, in KiB.
    qint64 peakRssKib(qint64 pid)
    {
        QFile status(u"/proc/%1/status"_s.arg(pid));
        if (!status.open(QIODevice::ReadOnly))
            return -1;
        const QString text = QString::fromLatin1(status.readAll());
        const auto m = QRegularExpression(u"VmHWM:\\s+(\\d+) kB"_s).match(text);
        return m.hasMatch() ? m.captured(1).toLongLong() : -1;
    }

    QJsonObject stage(const QString &name, const QJsonObject &size, double minSuccess, double maxRollback, qint64 soak)
    {
        QJsonObject s{{u"name"_s, name}, {u"size"_s, size}, {u"minSuccessRate"_s, minSuccess}, {u"soakSeconds"_s, soak}};
        if (maxRollback >= 0)
            s.insert(u"maxRollbackRate"_s, maxRollback);
        return s;
    }

    QJsonObject rule(const QString &type, double rate, int minExecuted, const QString &action)
    {
        return {{u"failureTypes"_s, QJsonArray{type}},
                {u"threshold"_s, QJsonObject{{u"rate"_s, rate}}},
                {u"minExecuted"_s, minExecuted},
                {u"action"_s, action}};
    }

    // RolloutSpec::caseStudy, but for the scenario's project, with soaks
    // divided by `divisor`. The boot rule needs 500 executed devices (the
    // engine's own case study says 50): with 50, one of the pilot's two boot
    // loops among its first few finishers already makes 1% of ~100 and stops
    // the rollout that the story says went on.
    QJsonObject caseStudySpec(const QString &sha256, int divisor)
    {
        const qint64 hour = 3600;
        return {{u"name"_s, u"smart-building 2.3.2"_s},
                {u"release"_s, QJsonObject{{u"sha256"_s, sha256}}},
                {u"targets"_s, QJsonObject{{u"projects"_s, QJsonArray{u"smart-building"_s}},
                                           {u"chips"_s, QJsonArray{u"esp32"_s}},
                                           {u"minVersion"_s, u"2.0.0"_s}}},
                {u"stages"_s, QJsonArray{stage(u"canary"_s, {{u"count"_s, 50}}, 0.95, 0.05, 24 * hour / divisor),
                                         stage(u"pilot"_s, {{u"count"_s, 500}}, 0.98, 0.02, 48 * hour / divisor),
                                         stage(u"full"_s, {{u"percent"_s, 100}}, 0.99, -1, 168 * hour / divisor)}},
                {u"abortRules"_s, QJsonArray{rule(u"boot"_s, 0.01, 500, u"stop"_s), rule(u"health_check"_s, 0.05, 50, u"pause"_s),
                                             rule(u"connectivity"_s, 0.05, 50, u"pause"_s)}},
                {u"perDeviceTimeoutSeconds"_s, 2 * hour},
                {u"retries"_s, QJsonObject{{u"download"_s, 3}, {u"timeout"_s, 1}}},
                {u"batteryDeferBelow"_s, 40},
                {u"requiresApproval"_s, true}};
    }

    // The fleet's last summary line: "...; answered: N check-ins, M reports".
    struct Answered
    {
        qint64 checkIns = -1;
        qint64 reports = -1;
    };
    Answered lastAnswered(const QByteArray &output)
    {
        static const QRegularExpression pattern(u"answered: (\\d+) check-ins, (\\d+) reports"_s);
        Answered a;
        auto it = pattern.globalMatch(QString::fromUtf8(output.right(4096)));
        while (it.hasNext()) {
            const auto m = it.next();
            a.checkIns = m.captured(1).toLongLong();
            a.reports = m.captured(2).toLongLong();
        }
        return a;
    }
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption scaleOption(u"time-scale"_s, u"Simulated time runs X times faster (default 250)."_s, u"X"_s, u"250"_s);
    const QCommandLineOption soakOption(u"soak-divisor"_s, u"Soaks are the case study's divided by D (default 10)."_s,
                                        u"D"_s, u"10"_s);
    const QCommandLineOption imageOption(u"image-kib"_s, u"Image size in KiB (default 512, the case study's)."_s, u"K"_s,
                                         u"512"_s);
    const QCommandLineOption maxOption(u"max-seconds"_s, u"Give up after this many real seconds (default 10800)."_s, u"S"_s,
                                       u"10800"_s);
    parser.addOptions({scaleOption, soakOption, imageOption, maxOption});
    parser.addHelpOption();
    parser.process(app);
    const QString scale = parser.value(scaleOption);
    const int divisor = std::max(1, parser.value(soakOption).toInt());
    const int imageKib = std::max(8, parser.value(imageOption).toInt());
    const qint64 maxMs = std::max(60, parser.value(maxOption).toInt()) * qint64(1000);

    QTemporaryDir dir;
    if (!dir.isValid())
        fail(u"cannot make a temporary directory"_s);
    ServerProcess server(QStringLiteral(OTA_SERVER_PATH));
    g_server = &server;
    QString error;
    if (!server.init(&error))
        fail(error);
    const QString creator = server.createToken(u"olga"_s, u"operator"_s, false, &error);
    const QString approver = server.createToken(u"ada"_s, u"operator"_s, false, &error);
    if (approver.isEmpty())
        fail(error);
    if (!server.start({u"--time-scale"_s, scale, u"--deployment-window"_s, u"always"_s, u"--tick-ms"_s, u"500"_s}, &error))
        fail(error);
    ApiClient api(server.base());
    const SignedRelease release = SignedRelease::make(u"2.3.2"_s, u"smart-building"_s, 0, imageKib * 1024);
    api.useToken(server.adminToken());
    if (const ApiReply r = api.post(u"/api/v1/keys"_s, {{u"name"_s, u"release"_s}, {u"pem"_s, QString::fromLatin1(release.publicKeyPem)}});
        r.status != 201)
        fail(u"adding the key: "_s + r.describe());
    api.useToken(creator);
    if (const ApiReply r = api.post(u"/api/v1/releases"_s, release.uploadBody()); r.status != 201)
        fail(u"uploading the release: "_s + r.describe());
    const QString keyFile = dir.filePath(u"key.pem"_s);
    QFile pem(keyFile);
    if (!pem.open(QIODevice::WriteOnly) || pem.write(release.publicKeyPem) < 0)
        fail(u"cannot write "_s + keyFile);
    pem.close();

    out() << "case study: " << Agents << " agents, time scale " << scale << ", soaks / " << divisor << ", image "
          << imageKib << " KiB" << Qt::endl;
    QProcess sim;
    g_sim = &sim;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"OTA_BENCH_ADMIN_TOKEN"_s, server.adminToken());
    sim.setProcessEnvironment(env);
    sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sim.start(QStringLiteral(OTA_FLEET_SIM_PATH),
              {u"--scenario"_s, QStringLiteral(OTA_SOURCE_DIR "/simulator/scenarios/case-study.json"), u"--server"_s,
               server.base().toString(), u"--trusted-key"_s, keyFile, u"--enrol-token-env"_s, u"OTA_BENCH_ADMIN_TOKEN"_s,
               u"--time-scale"_s, scale, u"--state-dir"_s, dir.filePath(u"fleet"_s), u"--no-mdns"_s, u"--quiet-agents"_s,
               u"--summary-seconds"_s, u"2"_s});
    QByteArray simOut;
    const auto readSim = [&] { simOut += sim.readAllStandardOutput(); };
    QElapsedTimer clock;
    clock.start();
    if (!QTest::qWaitFor([&] { readSim(); return simOut.contains("agents ready:") || sim.state() == QProcess::NotRunning; }, 300000)
        || !simOut.contains("agents ready:"))
        fail(u"the fleet did not start:\n"_s + QString::fromUtf8(simOut.right(2000)));
    const auto checkedIn = [&] {
        int n = 0;
        for (const QJsonValue &v : api.get(u"/api/v1/devices"_s).json.value(u"devices"_s).toArray())
            n += v.toObject().value(u"lastSeen"_s).toString().isEmpty() ? 0 : 1;
        return n;
    };
    while (checkedIn() != Agents) {
        if (clock.elapsed() > 600000 || sim.state() == QProcess::NotRunning)
            fail(u"not every agent checked in:\n"_s + QString::fromUtf8(simOut.right(2000)));
        QTest::qWait(2000);
        readSim();
    }
    out() << "enrolled and checked in: " << Agents << " agents in " << clock.elapsed() / 1000.0 << " s" << Qt::endl;

    const ApiReply created = api.post(u"/api/v1/rollouts"_s, caseStudySpec(release.sha256, divisor));
    if (created.status != 201)
        fail(u"create: "_s + created.describe());
    const QString path = u"/api/v1/rollouts/"_s + created.json.value(u"id"_s).toString();
    api.useToken(approver);
    if (const ApiReply r = api.post(path + u"/approve"_s, {{u"remark"_s, u"bench"_s}}); r.status != 200)
        fail(u"approve: "_s + r.describe());
    api.useToken(creator);
    readSim();
    const Answered before = lastAnswered(simOut);
    if (const ApiReply r = api.post(path + u"/start"_s, {{u"reason"_s, u"bench"_s}}); r.status != 200)
        fail(u"start: "_s + r.describe());
    clock.restart();

    // Polled once a second: GET /api/v1/rollouts/<id> is not free for the
    // server (it builds the whole rollout), and the bench measures the server.
    QJsonObject rollout;
    qint64 nextProgressMs = 30000;
    bool ended = false;
    while (!ended && clock.elapsed() < maxMs) {
        QTest::qWait(1000);
        readSim();
        rollout = api.get(path).json;
        ended = rollout.value(u"state"_s).toString() != u"RUNNING"_s;
        if (clock.elapsed() >= nextProgressMs) {
            out() << clock.elapsed() / 1000 << " s: stage " << rollout.value(u"currentStage"_s).toInt() + 1 << ", "
                  << QJsonDocument(rollout.value(u"counts"_s).toObject().value(u"total"_s).toObject()).toJson(QJsonDocument::Compact)
                  << Qt::endl;
            nextProgressMs += 30000;
        }
    }
    const double wall = clock.elapsed() / 1000.0;
    // One more summary from the fleet, after the end.
    QTest::qWait(2500);
    readSim();
    const Answered after = lastAnswered(simOut);
    const qint64 rss = peakRssKib(server.processId());

    out() << "\nrollout " << rollout.value(u"state"_s).toString() << (ended ? "" : " (still running: gave up at --max-seconds)") << ": "
          << rollout.value(u"stateReason"_s).toString() << "\n";
    out() << "wall time start -> " << rollout.value(u"state"_s).toString() << ": " << wall << " s\n";
    out() << "server answered: " << double(after.checkIns - before.checkIns) / wall << " check-ins/s, "
          << double(after.reports - before.reports) / wall << " reports/s (" << after.checkIns - before.checkIns
          << " check-ins, " << after.reports - before.reports << " reports)\n";
    out() << "server peak RSS: " << rss / 1024 << " MiB\n";
    out() << "\nstage    succeeded/devices  (case study)  rolled back  timed out  failed  deferred\n";
    const QStringList story{u"50/50"_s, u"492/500"_s, u"4,410/4,450"_s};
    const QJsonArray stages = rollout.value(u"counts"_s).toObject().value(u"stages"_s).toArray();
    for (qsizetype i = 0; i < stages.size(); ++i) {
        const QJsonObject s = stages.at(i).toObject();
        const QJsonObject c = s.value(u"counts"_s).toObject();
        out() << qSetFieldWidth(9) << Qt::left << s.value(u"name"_s).toString() << qSetFieldWidth(0)
              << qSetFieldWidth(19) << u"%1/%2"_s.arg(c.value(u"SUCCEEDED"_s).toInt()).arg(c.value(u"total"_s).toInt())
              << qSetFieldWidth(14) << u"(%1)"_s.arg(story.value(i)) << qSetFieldWidth(13)
              << c.value(u"ROLLED_BACK"_s).toInt() << qSetFieldWidth(11) << c.value(u"TIMED_OUT"_s).toInt()
              << qSetFieldWidth(8) << c.value(u"FAILED"_s).toInt() << qSetFieldWidth(0) << c.value(u"DEFERRED"_s).toInt()
              << " (" << s.value(u"status"_s).toString() << ")\n";
    }
    out() << "fleet: " << QString::fromUtf8(simOut.mid(simOut.lastIndexOf("agents: ")).split('\n').constFirst()) << Qt::endl;
    sim.terminate();
    sim.waitForFinished(30000);
    server.terminate();
    return ended ? 0 : 1;
}
