// DeploymentWindowPolicy: ROLLOUTS.md's default (Monday-Thursday 08:00-16:00,
// Friday 08:00-12:00, never Friday afternoon or the weekend), next opening,
// description, custom policies and their JSON.

#include <QJsonDocument>
#include <QTest>

#include "engine/deploymentwindowpolicy.h"

using namespace Qt::Literals::StringLiterals;
using namespace Engine;

namespace
{
    const QTimeZone Berlin("Europe/Berlin");

    QDateTime berlin(int day, int hour, int minute = 0) // March 2024: the 11th is a Monday
    {
        return QDateTime(QDate(2024, 3, day), QTime(hour, minute), Berlin);
    }
} // namespace

class TestDeploymentWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultPolicyIsOpen_data();
    void defaultPolicyIsOpen();
    void nextOpening_data();
    void nextOpening();
    void describesItself();
    void usesItsOwnTimeZone();
    void customPolicyRoundTripsThroughJson();
    void badJsonNamesEachProblem();
    void alwaysOpenIsAlwaysOpen();
};

void TestDeploymentWindow::defaultPolicyIsOpen_data()
{
    QTest::addColumn<QDateTime>("at");
    QTest::addColumn<bool>("open");
    QTest::addRow("Monday 07:59") << berlin(11, 7, 59) << false;
    QTest::addRow("Monday 08:00") << berlin(11, 8) << true;
    QTest::addRow("Tuesday 12:30") << berlin(12, 12, 30) << true;
    QTest::addRow("Thursday 15:59") << berlin(14, 15, 59) << true;
    QTest::addRow("Thursday 16:00") << berlin(14, 16) << false;
    QTest::addRow("Friday 08:00") << berlin(15, 8) << true;
    QTest::addRow("Friday 11:59") << berlin(15, 11, 59) << true;
    QTest::addRow("Friday 12:00") << berlin(15, 12) << false;
    QTest::addRow("Friday 14:00") << berlin(15, 14) << false;
    QTest::addRow("Saturday 10:00") << berlin(16, 10) << false;
    QTest::addRow("Sunday 10:00") << berlin(17, 10) << false;
}

void TestDeploymentWindow::defaultPolicyIsOpen()
{
    QFETCH(QDateTime, at);
    QFETCH(bool, open);
    const DeploymentWindowPolicy policy = DeploymentWindowPolicy::defaultPolicy(Berlin);
    QCOMPARE(policy.isOpen(at), open);
    QCOMPARE(policy.isOpen(at.toUTC()), open); // the instant matters, not how it is written
}

void TestDeploymentWindow::nextOpening_data()
{
    QTest::addColumn<QDateTime>("at");
    QTest::addColumn<QDateTime>("next");
    QTest::addRow("open now") << berlin(12, 10) << berlin(12, 10);
    QTest::addRow("Monday early") << berlin(11, 6) << berlin(11, 8);
    QTest::addRow("Tuesday evening") << berlin(12, 18) << berlin(13, 8);
    QTest::addRow("Thursday evening") << berlin(14, 17) << berlin(15, 8);
    QTest::addRow("Friday afternoon") << berlin(15, 14) << berlin(18, 8);
    QTest::addRow("Sunday") << berlin(17, 23, 59) << berlin(18, 8);
}

void TestDeploymentWindow::nextOpening()
{
    QFETCH(QDateTime, at);
    QFETCH(QDateTime, next);
    const QDateTime found = DeploymentWindowPolicy::defaultPolicy(Berlin).nextOpening(at);
    QCOMPARE(found, next.toUTC());
    QCOMPARE(found.timeSpec(), Qt::UTC);
}

void TestDeploymentWindow::describesItself()
{
    QCOMPARE(DeploymentWindowPolicy::defaultPolicy(Berlin).describe(),
             u"Monday to Thursday 08:00-16:00, Friday 08:00-12:00 (Europe/Berlin); closed at all other times"_s);
    const DeploymentWindowPolicy nights({{{Qt::Tuesday, Qt::Thursday}, 22 * 60, 24 * 60}}, QTimeZone::utc());
    QCOMPARE(nights.describe(), u"Tuesday, Thursday 22:00-24:00 (UTC); closed at all other times"_s);
}

void TestDeploymentWindow::usesItsOwnTimeZone()
{
    // Monday 07:30 UTC is 08:30 in Berlin (CET, UTC+1): open there, closed in UTC.
    const QDateTime at(QDate(2024, 3, 11), QTime(7, 30), QTimeZone::utc());
    QVERIFY(DeploymentWindowPolicy::defaultPolicy(Berlin).isOpen(at));
    QVERIFY(!DeploymentWindowPolicy::defaultPolicy(QTimeZone::utc()).isOpen(at));
}

void TestDeploymentWindow::customPolicyRoundTripsThroughJson()
{
    const DeploymentWindowPolicy policy({{{Qt::Saturday, Qt::Sunday}, 1 * 60, 5 * 60 + 30}, {{Qt::Wednesday}, 0, 24 * 60}},
                                        Berlin);
    QCOMPARE(policy.validate(u"window"_s), QStringList());
    const QByteArray text = QJsonDocument(policy.toJson()).toJson(QJsonDocument::Compact);
    QCOMPARE(text, R"({"intervals":[{"days":["saturday","sunday"],"from":"01:00","to":"05:30"},{"days":["wednesday"],"from":"00:00","to":"24:00"}],"timeZone":"Europe/Berlin"})");
    const auto back = DeploymentWindowPolicy::fromJson(QJsonDocument::fromJson(text).object());
    QVERIFY(back);
    QCOMPARE(back.value(), policy);
    QVERIFY(back->isOpen(berlin(13, 23, 59)));
    QVERIFY(back->isOpen(berlin(16, 2)));
    QVERIFY(!back->isOpen(berlin(16, 6)));
}

void TestDeploymentWindow::badJsonNamesEachProblem()
{
    const auto policy = DeploymentWindowPolicy::fromJson(QJsonDocument::fromJson(
        R"({"timeZone": "Mars/Olympus", "intervals": [{"days": ["funday"], "from": "8:00", "to": "25:00"}], "x": 1})").object());
    QVERIFY(!policy);
    const QStringList expected{
        u"deployment window: unknown key \"x\" (known keys: timeZone, intervals)"_s,
        u"deployment window: timeZone \"Mars/Olympus\" is not a known IANA time zone such as Europe/Berlin"_s,
        u"deployment window: interval 1: day \"funday\" is not a day of the week (monday .. sunday)"_s,
        u"deployment window: interval 1: from \"8:00\" is not a time of day HH:MM (00:00 .. 24:00)"_s,
        u"deployment window: interval 1: to \"25:00\" is not a time of day HH:MM (00:00 .. 24:00)"_s,
    };
    QCOMPARE(policy.error(), expected);
}

void TestDeploymentWindow::alwaysOpenIsAlwaysOpen()
{
    const DeploymentWindowPolicy policy = DeploymentWindowPolicy::alwaysOpen(Berlin);
    for (int day = 11; day <= 17; ++day) {
        QVERIFY(policy.isOpen(berlin(day, 0)));
        QVERIFY(policy.isOpen(berlin(day, 23, 59)));
    }
}

QTEST_GUILESS_MAIN(TestDeploymentWindow)
#include "tst_deploymentwindow.moc"
