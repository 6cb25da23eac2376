// The "agents" section of an ota-fleet-sim scenario: what a file and a seed
// make of a fleet (ids, tags, failure mix, batteries), that the same seed
// always makes the same fleet, the shipped case study, and a clear message
// for every kind of bad input.
#include <algorithm>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include "agentscenario.h"

using namespace Simulator;
using namespace Qt::Literals::StringLiterals;

namespace
{
    Result<QList<AgentConfig>, QString> parse(const QByteArray &json, const AgentBase &base = {})
    {
        return AgentScenario::parse(QJsonDocument::fromJson(json).object().value(u"agents"_s), u"fleet.json"_s, base);
    }

    int countOf(const QList<AgentConfig> &agents, AgentFailure failure, const QString &tag = {})
    {
        return int(std::count_if(agents.cbegin(), agents.cend(), [&](const AgentConfig &c) {
            return c.failure == failure && (tag.isEmpty() || c.tags.contains(tag));
        }));
    }

    QStringList failing(const QList<AgentConfig> &agents)
    {
        QStringList ids;
        for (const AgentConfig &c : agents)
            if (c.failure != AgentFailure::None)
                ids.append(c.id + u'=' + agentFailureName(c.failure));
        return ids;
    }
} // namespace

class TestAgentScenario final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generatedAgentsTakeTheBaseAndNumberedIds()
    {
        AgentBase base;
        base.fields.insert(u"version"_s, u"2.3.1"_s);
        base.fields.insert(u"checkInSeconds"_s, 60);
        const auto agents = AgentScenario::generate(base, 3);
        QVERIFY2(agents, agents ? "" : qPrintable(agents.error()));
        QCOMPARE(agents->size(), 3);
        QCOMPARE(agents->at(0).id, u"agent-0001"_s);
        QCOMPARE(agents->at(2).id, u"agent-0003"_s);
        QCOMPARE(agents->at(1).version, u"2.3.1"_s);
        QCOMPARE(agents->at(1).checkInSeconds, 60);
        QCOMPARE(agents->at(1).chip, u"esp32"_s);
        QCOMPARE(agents->at(1).deferBelowPercent, 40);
        QCOMPARE(agents->at(1).failure, AgentFailure::None);
    }

    void aBadCommandLineValueNamesTheOption()
    {
        AgentBase base;
        base.fields.insert(u"checkInSeconds"_s, u"soon"_s);
        base.sources.insert(u"checkInSeconds"_s, u"--check-in-seconds"_s);
        const auto agents = AgentScenario::generate(base, 3);
        QVERIFY(!agents);
        QCOMPARE(agents.error(), u"--check-in-seconds: expected a whole number"_s);
    }

    void groupsExpandIdsTagsAndSpread()
    {
        const auto agents = parse(R"({"agents": {"defaults": {"version": "2.3.1"}, "groups": [
            {"count": 4, "idFormat": "sb-b{spread}-{n}", "spreadOver": 2, "tags": ["building-{spread}", "co2"]},
            {"count": 1, "idFormat": "spare-{n}", "firstIndex": 7, "chip": "ESP32-C3", "battery": 55}]}})");
        QVERIFY2(agents, agents ? "" : qPrintable(agents.error()));
        QCOMPARE(agents->size(), 5);
        QCOMPARE(agents->at(0).id, u"sb-b01-0001"_s);
        QCOMPARE(agents->at(1).id, u"sb-b02-0002"_s);
        QCOMPARE(agents->at(2).id, u"sb-b01-0003"_s);
        QCOMPARE(agents->at(1).tags, QStringList({u"building-02"_s, u"co2"_s}));
        QCOMPARE(agents->at(4).id, u"spare-0007"_s);
        QCOMPARE(agents->at(4).chip, u"esp32c3"_s);
        QCOMPARE(agents->at(4).batteryPercent, 55.0);
    }

    void failureRatesBecomeExactCountsPlacedBySeed()
    {
        const QByteArray json = R"({"agents": {"seed": 7, "groups": [{"count": 1000,
            "failures": {"downloadTimeout": 0.01, "healthCheck": 0.005, "bootLoop": 0.002, "batteryDies": 0.001,
                         "neverComesBack": 0.003}}]}})";
        const auto a = parse(json);
        QVERIFY2(a, a ? "" : qPrintable(a.error()));
        QCOMPARE(countOf(*a, AgentFailure::DownloadTimeout), 10);
        QCOMPARE(countOf(*a, AgentFailure::HealthCheck), 5);
        QCOMPARE(countOf(*a, AgentFailure::BootLoop), 2);
        QCOMPARE(countOf(*a, AgentFailure::BatteryDies), 1);
        QCOMPARE(countOf(*a, AgentFailure::NeverComesBack), 3);

        // Reproducible: the same file and seed put every failure on the same device.
        const auto again = parse(json);
        QCOMPARE(failing(*again), failing(*a));
        for (qsizetype i = 0; i < a->size(); ++i) {
            QCOMPARE(again->at(i).batteryPercent, a->at(i).batteryPercent);
            QCOMPARE(again->at(i).rssi, a->at(i).rssi);
        }
        // --seed beats the file's seed and moves them.
        AgentBase other;
        other.seed = 8;
        other.seedGiven = true;
        const auto moved = parse(json, other);
        QCOMPARE(countOf(*moved, AgentFailure::DownloadTimeout), 10);
        QVERIFY(failing(*moved) != failing(*a));
    }

    void aDeviceWhoseBatteryWillDieStillPassesTheDeferCheckAtFirst()
    {
        const auto agents = parse(R"({"agents": {"groups": [{"count": 10, "battery": {"min": 5, "max": 15},
            "failures": {"batteryDies": 0.5}}]}})");
        QVERIFY2(agents, agents ? "" : qPrintable(agents.error()));
        for (const AgentConfig &c : *agents) {
            if (c.failure == AgentFailure::BatteryDies)
                QVERIFY(c.batteryPercent >= c.deferBelowPercent);
            else
                QVERIFY(c.batteryPercent >= 5 && c.batteryPercent <= 15);
        }
    }

    void theShippedCaseStudyIsTheStoryOfRollouts()
    {
        QFile file(QStringLiteral(OTA_SOURCE_DIR "/simulator/scenarios/case-study.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto agents = parse(file.readAll());
        QVERIFY2(agents, agents ? "" : qPrintable(agents.error()));
        QCOMPARE(agents->size(), 5000);
        QCOMPARE(agents->constFirst().id, u"sb-0001-b01"_s);
        QCOMPARE(agents->at(41).id, u"sb-0042-b06"_s);
        QCOMPARE(agents->at(41).version, u"2.3.1"_s);
        // The server gives stages their devices in id order: sorted ids are
        // the canary ring, then the pilot, then the full ring.
        QList<AgentConfig> byId = *agents;
        std::sort(byId.begin(), byId.end(), [](const AgentConfig &a, const AgentConfig &b) { return a.id < b.id; });
        for (qsizetype i = 0; i < byId.size(); ++i) {
            const QString ring = i < 50 ? u"ring-canary"_s : i < 550 ? u"ring-pilot"_s : u"ring-full"_s;
            QVERIFY2(byId.at(i).tags.contains(ring), qPrintable(byId.at(i).id));
        }
        QSet<QString> buildings;
        for (const AgentConfig &c : *agents)
            buildings.insert(c.tags.constFirst());
        QCOMPARE(buildings.size(), 12);
        // 18 download timeouts, 12 health-check failures, 4 boot loops, 2 dead batteries overall ...
        QCOMPARE(countOf(*agents, AgentFailure::DownloadTimeout), 18);
        QCOMPARE(countOf(*agents, AgentFailure::HealthCheck), 12);
        QCOMPARE(countOf(*agents, AgentFailure::BootLoop), 4);
        QCOMPARE(countOf(*agents, AgentFailure::BatteryDies), 2);
        QCOMPARE(countOf(*agents, AgentFailure::NeverComesBack), 0);
        // ... 8 rollbacks in the 500-device pilot (1.6%, under its 2%), none in the canary ...
        QCOMPARE(countOf(*agents, AgentFailure::HealthCheck, u"ring-pilot"_s)
                     + countOf(*agents, AgentFailure::BootLoop, u"ring-pilot"_s),
                 8);
        QCOMPARE(int(std::count_if(agents->cbegin(), agents->cend(),
                                   [](const AgentConfig &c) { return c.tags.contains(u"ring-pilot"_s); })),
                 500);
        QCOMPARE(countOf(*agents, AgentFailure::None, u"ring-canary"_s), 50);
        // ... and some low batteries that defer.
        const auto low = std::count_if(agents->cbegin(), agents->cend(),
                                       [](const AgentConfig &c) { return c.batteryPercent < c.deferBelowPercent; });
        QCOMPARE(int(low), 40);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::addRow("section not an object") << QByteArray(R"({"agents": []})")
                                               << u"fleet.json: agents: expected an object with \"seed\", \"defaults\" and \"groups\""_s;
        QTest::addRow("unknown section key") << QByteArray(R"({"agents": {"group": []}})")
                                             << u"fleet.json: agents.group: unknown key; the agents section has \"seed\", \"defaults\" and \"groups\""_s;
        QTest::addRow("no groups") << QByteArray(R"({"agents": {"defaults": {}}})")
                                   << u"fleet.json: agents.groups: expected a non-empty array of groups ({\"count\": N, ...})"_s;
        QTest::addRow("empty groups") << QByteArray(R"({"agents": {"groups": []}})")
                                      << u"fleet.json: agents.groups: expected a non-empty array of groups ({\"count\": N, ...})"_s;
        QTest::addRow("group not an object") << QByteArray(R"({"agents": {"groups": [3]}})")
                                             << u"fleet.json: agents.groups[0]: expected an object of agent fields"_s;
        QTest::addRow("defaults not an object") << QByteArray(R"({"agents": {"defaults": 1, "groups": [{}]}})")
                                                << u"fleet.json: agents.defaults: expected an object of agent fields"_s;
        QTest::addRow("bad seed") << QByteArray(R"({"agents": {"seed": -1, "groups": [{}]}})")
                                  << u"fleet.json: agents.seed: -1 is out of range; use 0 to 9007199254740991"_s;
        QTest::addRow("unknown field") << QByteArray(R"({"agents": {"groups": [{"colour": "red"}]}})")
                                       << u"fleet.json: agents.groups[0].colour: unknown field; known fields are "_s;
        QTest::addRow("count in defaults") << QByteArray(R"({"agents": {"defaults": {"count": 3}, "groups": [{}]}})")
                                           << u"fleet.json: agents.defaults.count: unknown field"_s;
        QTest::addRow("count zero") << QByteArray(R"({"agents": {"groups": [{"count": 0}]}})")
                                    << u"fleet.json: agents.groups[0].count: 0 is out of range; use 1 to 20000"_s;
        QTest::addRow("count fraction") << QByteArray(R"({"agents": {"groups": [{"count": 2.5}]}})")
                                        << u"fleet.json: agents.groups[0].count: expected a whole number"_s;
        QTest::addRow("count text") << QByteArray(R"({"agents": {"groups": [{"count": "5"}]}})")
                                    << u"fleet.json: agents.groups[0].count: expected a whole number"_s;
        QTest::addRow("idFormat without n") << QByteArray(R"({"agents": {"groups": [{"idFormat": "sb"}]}})")
                                            << u"fleet.json: agents.groups[0].idFormat: 'sb' has no {n}; every device needs its own id"_s;
        QTest::addRow("bad id characters") << QByteArray(R"({"agents": {"groups": [{"idFormat": "sb b{n}"}]}})")
                                           << u"fleet.json: agents: device id 'sb b0001' is not 1 to 64 characters"_s;
        QTest::addRow("duplicate ids") << QByteArray(R"({"agents": {"groups": [{"count": 2}, {"count": 1, "firstIndex": 2}]}})")
                                       << u"fleet.json: agents: device id agent-0002 is used twice"_s;
        QTest::addRow("unknown chip") << QByteArray(R"({"agents": {"groups": [{"chip": "esp64"}]}})")
                                      << u"fleet.json: agents.groups[0].chip: 'esp64' is not a chip"_s;
        QTest::addRow("empty version") << QByteArray(R"({"agents": {"groups": [{"version": " "}]}})")
                                       << u"fleet.json: agents.groups[0].version: must not be empty"_s;
        QTest::addRow("tags not a list") << QByteArray(R"({"agents": {"groups": [{"tags": "co2"}]}})")
                                         << u"fleet.json: agents.groups[0].tags: expected an array of tag"_s;
        QTest::addRow("empty tag") << QByteArray(R"({"agents": {"groups": [{"tags": [""]}]}})")
                                   << u"fleet.json: agents.groups[0].tags: every tag must be a string of 1 to 64 characters"_s;
        QTest::addRow("battery over 100") << QByteArray(R"({"agents": {"groups": [{"battery": 120}]}})")
                                          << u"fleet.json: agents.groups[0].battery: 120 is out of range; use 0 to 100"_s;
        QTest::addRow("battery min above max") << QByteArray(R"({"agents": {"groups": [{"battery": {"min": 80, "max": 20}}]}})")
                                               << u"fleet.json: agents.groups[0].battery: min 80 is above max 20"_s;
        QTest::addRow("battery unknown key") << QByteArray(R"({"agents": {"groups": [{"battery": {"median": 50}}]}})")
                                             << u"fleet.json: agents.groups[0].battery: median: unknown key; use min, max, mean and stddev"_s;
        QTest::addRow("stddev without mean") << QByteArray(R"({"agents": {"groups": [{"battery": {"stddev": 5}}]}})")
                                             << u"fleet.json: agents.groups[0].battery: stddev needs a mean"_s;
        QTest::addRow("battery text") << QByteArray(R"({"agents": {"groups": [{"battery": "full"}]}})")
                                      << u"fleet.json: agents.groups[0].battery: expected {\"min\": A, \"max\": B}"_s;
        QTest::addRow("unknown failure") << QByteArray(R"({"agents": {"groups": [{"failures": {"meltdown": 0.1}}]}})")
                                         << u"fleet.json: agents.groups[0].failures: meltdown: unknown failure; known failures are downloadTimeout, healthCheck, bootLoop, batteryDies, neverComesBack"_s;
        QTest::addRow("rate above 1") << QByteArray(R"({"agents": {"groups": [{"failures": {"bootLoop": 2}}]}})")
                                      << u"fleet.json: agents.groups[0].failures: bootLoop: 2 is out of range; use 0 to 1 (a fraction of the devices, 0 to 1)"_s;
        QTest::addRow("rates add up above 1") << QByteArray(R"({"agents": {"groups": [{"failures": {"bootLoop": 0.6, "healthCheck": 0.6}}]}})")
                                              << u"fleet.json: agents.groups[0]: failures add up to 1.2 of the devices; at most 1"_s;
        QTest::addRow("failing check not a check") << QByteArray(R"({"agents": {"groups": [{"failingCheck": "zigbee", "failures": {"healthCheck": 0.5}}]}})")
                                                   << u"fleet.json: agents.groups[0]: failingCheck 'zigbee' is not one of healthChecks (sensors, wifi, mqtt)"_s;
        QTest::addRow("no health checks") << QByteArray(R"({"agents": {"groups": [{"healthChecks": []}]}})")
                                          << u"fleet.json: agents.groups[0].healthChecks: give at least one health check"_s;
        QTest::addRow("check-in zero") << QByteArray(R"({"agents": {"groups": [{"checkInSeconds": 0}]}})")
                                       << u"fleet.json: agents.groups[0].checkInSeconds: 0 is out of range; use 1 to 604800"_s;
        QTest::addRow("download rate zero") << QByteArray(R"({"agents": {"groups": [{"downloadBytesPerSecond": 0}]}})")
                                            << u"fleet.json: agents.groups[0].downloadBytesPerSecond: 0 is out of range"_s;
        QTest::addRow("defer threshold") << QByteArray(R"({"agents": {"defaults": {"deferBelowPercent": 101}, "groups": [{}]}})")
                                         << u"fleet.json: agents.defaults.deferBelowPercent: 101 is out of range; use 0 to 100"_s;
        QTest::addRow("lan not bool") << QByteArray(R"({"agents": {"groups": [{"lan": "yes"}]}})")
                                      << u"fleet.json: agents.groups[0].lan: expected true or false"_s;
        QTest::addRow("too many agents") << QByteArray(R"({"agents": {"groups": [{"count": 20000}, {"count": 1, "idFormat": "x-{n}"}]}})")
                                         << u"fleet.json: agents: more than 20000 agents"_s;
    }

    void badInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const auto agents = parse(json);
        QVERIFY2(!agents, "accepted");
        QVERIFY2(agents.error().startsWith(message), qPrintable(agents.error()));
    }
};

QTEST_GUILESS_MAIN(TestAgentScenario)
#include "tst_agentscenario.moc"
