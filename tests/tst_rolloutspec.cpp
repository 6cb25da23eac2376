// RolloutSpec: the case study's defaults, JSON round trips, and validation
// that names every problem with where it is and what to change.

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "engine/rolloutspec.h"

using namespace Qt::Literals::StringLiterals;
using namespace Engine;

class TestRolloutSpec final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void caseStudyDefaults();
    void caseStudyIsValid();
    void jsonRoundTrip();
    void validationNamesEachProblem_data();
    void validationNamesEachProblem();
    void everyProblemIsReportedAtOnce();
    void fromJsonRefusesBadShapes_data();
    void fromJsonRefusesBadShapes();
    void stageSizeResolvesAgainstTheRest();

private:
    static ReleaseRef release() { return {u"2.3.2"_s, QString(64, u'b')}; }
};

void TestRolloutSpec::caseStudyDefaults()
{
    const RolloutSpec spec = RolloutSpec::caseStudy(release());
    QCOMPARE(spec.stages.size(), 3);
    QCOMPARE(spec.stages[0].name, u"canary"_s);
    QCOMPARE(spec.stages[0].size.kind, StageSize::Kind::Count);
    QCOMPARE(spec.stages[0].size.value, 50.0);
    QCOMPARE(spec.stages[0].minSuccessRate, 0.95);
    QCOMPARE(spec.stages[0].maxRollbackRate, std::optional<double>(0.05));
    QCOMPARE(spec.stages[0].soakSeconds, 24 * 3600);
    QCOMPARE(spec.stages[1].size.value, 500.0);
    QCOMPARE(spec.stages[1].minSuccessRate, 0.98);
    QCOMPARE(spec.stages[1].maxRollbackRate, std::optional<double>(0.02));
    QCOMPARE(spec.stages[1].soakSeconds, 48 * 3600);
    QCOMPARE(spec.stages[2].size.kind, StageSize::Kind::Percent);
    QCOMPARE(spec.stages[2].size.value, 100.0);
    QCOMPARE(spec.stages[2].minSuccessRate, 0.99);
    QVERIFY(!spec.stages[2].maxRollbackRate);
    QCOMPARE(spec.stages[2].soakSeconds, 168 * 3600);
    QCOMPARE(spec.batteryDeferBelow, 40);
    QVERIFY(spec.requiresApproval);
    QCOMPARE(spec.abortRules.size(), 3);
    QCOMPARE(spec.abortRules[0].describe(), u"boot failures reach 1.0% of at least 50 executed devices: stop"_s);
    QCOMPARE(spec.abortRules[1].failureTypes, QList<FailureType>{FailureType::HealthCheck});
    QCOMPARE(spec.abortRules[2].failureTypes, QList<FailureType>{FailureType::Connectivity});
    QCOMPARE(spec.retriesFor(FailureType::Download), 3);
    QCOMPARE(spec.retriesFor(FailureType::Boot), 0);
}

void TestRolloutSpec::caseStudyIsValid()
{
    QCOMPARE(RolloutSpec::caseStudy(release()).validate(), QStringList());
}

void TestRolloutSpec::jsonRoundTrip()
{
    RolloutSpec spec = RolloutSpec::caseStudy(release());
    spec.targets.tags = {u"building-7"_s};
    spec.targets.deviceIds = {u"a"_s, u"b"_s};
    spec.stages[1].gateAction = GateAction::Manual;
    spec.stages[1].abortRules = {{{FailureType::Download, FailureType::Timeout}, {Threshold::Kind::Count, 7}, 20, AbortAction::Pause}};
    spec.maintenanceWindow = DeploymentWindowPolicy::defaultPolicy(QTimeZone("Europe/Berlin"));
    const QByteArray text = QJsonDocument(spec.toJson()).toJson();
    const auto back = RolloutSpec::fromJson(QJsonDocument::fromJson(text).object());
    QVERIFY2(back, qPrintable(back ? QString() : back.error().join(u'\n')));
    QCOMPARE(back.value(), spec);
    QCOMPARE(back->toJson(), spec.toJson());
}

void TestRolloutSpec::validationNamesEachProblem_data()
{
    QTest::addColumn<QString>("json");    // the case study with this change merged in (stage 2 = pilot)
    QTest::addColumn<QString>("problem");

    QTest::addRow("empty name") << uR"({"name": " "})"_s << u"name is empty: give the rollout a name a person recognises"_s;
    QTest::addRow("bad sha256") << uR"({"release": {"version": "2.3.2", "sha256": "xyz"}})"_s
                                << u"release: sha256 \"xyz\" is not 64 lower-case hexadecimal characters"_s;
    QTest::addRow("no stages") << uR"({"stages": []})"_s << u"stages: a rollout needs at least one stage"_s;
    QTest::addRow("success rate above 1") << uR"({"pilot": {"minSuccessRate": 1.5}})"_s
                                          << u"stage 2 (pilot): minSuccessRate 1.5 is not between 0 and 1"_s;
    QTest::addRow("negative rollback rate") << uR"({"pilot": {"maxRollbackRate": -0.1}})"_s
                                            << u"stage 2 (pilot): maxRollbackRate -0.1 is not between 0 and 1"_s;
    QTest::addRow("zero count") << uR"({"pilot": {"size": {"count": 0}}})"_s
                                << u"stage 2 (pilot): size count 0 is not a whole number of at least 1"_s;
    QTest::addRow("fractional count") << uR"({"pilot": {"size": {"count": 2.5}}})"_s
                                      << u"stage 2 (pilot): size count 2.5 is not a whole number of at least 1"_s;
    QTest::addRow("percent over 100") << uR"({"pilot": {"size": {"percent": 150}}})"_s
                                      << u"stage 2 (pilot): size percent 150 is not above 0 and at most 100"_s;
    QTest::addRow("size with both") << uR"({"pilot": {"size": {"count": 5, "percent": 5}}})"_s
                                    << u"stage 2 (pilot): size must be an object with exactly one of \"count\" or \"percent\", e.g. {\"count\": 10}"_s;
    QTest::addRow("negative soak") << uR"({"pilot": {"soakSeconds": -5}})"_s
                                   << u"stage 2 (pilot): soakSeconds -5 is negative"_s;
    QTest::addRow("unknown gate action") << uR"({"pilot": {"gateAction": "maybe"}})"_s
                                         << u"stage 2 (pilot): gateAction \"maybe\" is not one of auto, manual"_s;
    QTest::addRow("duplicate stage name") << uR"({"pilot": {"name": "canary"}})"_s
                                          << u"stage 2 (canary): name is the same as stage 1's"_s;
    QTest::addRow("threshold rate over 1") << uR"({"abortRules": [{"threshold": {"rate": 2}, "action": "stop"}]})"_s
                                           << u"abort rule 1: threshold rate 2 is not above 0 and at most 1"_s;
    QTest::addRow("unknown failure type") << uR"({"abortRules": [{"failureTypes": ["gremlins"], "threshold": {"count": 1}, "action": "stop"}]})"_s
                                          << u"abort rule 1: failure type \"gremlins\" is not one of none, download, verification, install, boot, health_check, connectivity, battery, timeout, rejected, other"_s;
    QTest::addRow("rule without action") << uR"({"abortRules": [{"threshold": {"count": 1}}]})"_s
                                         << u"abort rule 1: action is missing"_s;
    QTest::addRow("short timeout") << uR"({"perDeviceTimeoutSeconds": 5})"_s
                                   << u"perDeviceTimeoutSeconds 5 is under a minute; a device needs time to download, install and reboot"_s;
    QTest::addRow("too many retries") << uR"({"retries": {"download": 50}})"_s
                                      << u"retries: download 50 is not between 0 and 10"_s;
    QTest::addRow("battery over 100") << uR"({"batteryDeferBelow": 140})"_s
                                      << u"batteryDeferBelow 140 is not a percentage between 0 and 100"_s;
    QTest::addRow("bad version range") << uR"({"targets": {"minVersion": "3.0.0", "maxVersion": "2.0.0"}})"_s
                                       << u"targets: minVersion 3.0.0 is above maxVersion 2.0.0"_s;
    QTest::addRow("window ends before it starts") << uR"({"maintenanceWindow": {"timeZone": "UTC", "intervals": [{"days": ["monday"], "from": "10:00", "to": "09:00"}]}})"_s
                                                  << u"maintenanceWindow: interval 1 runs from 10:00 to 09:00; it must end after it starts, within one day"_s;
    QTest::addRow("unknown key") << uR"({"colour": "red"})"_s
                                 << u"unknown key \"colour\" (known keys: name, release, targets, stages, abortRules, perDeviceTimeoutSeconds, retries, batteryDeferBelow, requiresApproval, maintenanceWindow)"_s;
    QTest::addRow("wrong type") << uR"({"requiresApproval": "yes"})"_s
                                << u"requiresApproval must be true or false, not a string"_s;
}

void TestRolloutSpec::validationNamesEachProblem()
{
    QFETCH(QString, json);
    QFETCH(QString, problem);
    QJsonObject object = RolloutSpec::caseStudy(release()).toJson();
    const QJsonObject change = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = change.begin(); it != change.end(); ++it) {
        if (it.key() != u"pilot"_s) {
            object.insert(it.key(), it.value());
            continue;
        }
        QJsonArray stages = object.value(u"stages"_s).toArray();
        QJsonObject pilot = stages[1].toObject();
        const QJsonObject fields = it.value().toObject();
        for (auto field = fields.begin(); field != fields.end(); ++field)
            pilot.insert(field.key(), field.value());
        stages[1] = pilot;
        object.insert(u"stages"_s, stages);
    }
    const auto spec = RolloutSpec::fromJson(object);
    QVERIFY(!spec);
    QVERIFY2(spec.error().contains(problem), qPrintable(spec.error().join(u'\n')));
}

void TestRolloutSpec::everyProblemIsReportedAtOnce()
{
    RolloutSpec spec = RolloutSpec::caseStudy(release());
    spec.name.clear();
    spec.stages[0].minSuccessRate = -1;
    spec.stages[2].size = {StageSize::Kind::Percent, 0};
    spec.batteryDeferBelow = 101;
    const QStringList problems = spec.validate();
    QCOMPARE(problems.size(), 4);
    QCOMPARE(problems[1], u"stage 1 (canary): minSuccessRate -1 is not between 0 and 1"_s);
    QCOMPARE(problems[2], u"stage 3 (full): size percent 0 is not above 0 and at most 100"_s);
}

void TestRolloutSpec::fromJsonRefusesBadShapes_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("problem");
    QTest::addRow("nothing") << u"{}"_s << u"name is missing"_s;
    QTest::addRow("stages not an array") << uR"({"name": "x", "stages": 3})"_s << u"stages must be an array, not a number"_s;
    QTest::addRow("stage without size") << uR"({"name": "x", "stages": [{"name": "a", "minSuccessRate": 1}]})"_s
                                        << u"stage 1 (a): size is missing"_s;
    QTest::addRow("null name") << uR"({"name": null})"_s << u"name must be a string, not null"_s;
}

void TestRolloutSpec::fromJsonRefusesBadShapes()
{
    QFETCH(QString, json);
    QFETCH(QString, problem);
    const auto spec = RolloutSpec::fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
    QVERIFY(!spec);
    QVERIFY2(spec.error().contains(problem), qPrintable(spec.error().join(u'\n')));
}

void TestRolloutSpec::stageSizeResolvesAgainstTheRest()
{
    QCOMPARE((StageSize{StageSize::Kind::Count, 50}.resolve(5000)), 50);
    QCOMPARE((StageSize{StageSize::Kind::Count, 50}.resolve(20)), 20);
    QCOMPARE((StageSize{StageSize::Kind::Percent, 10}.resolve(95)), 10);
    QCOMPARE((StageSize{StageSize::Kind::Percent, 10}.resolve(5)), 1);
    QCOMPARE((StageSize{StageSize::Kind::Percent, 100}.resolve(4450)), 4450);
    QCOMPARE((StageSize{StageSize::Kind::Percent, 33.3}.resolve(0)), 0);
}

QTEST_GUILESS_MAIN(TestRolloutSpec)
#include "tst_rolloutspec.moc"
