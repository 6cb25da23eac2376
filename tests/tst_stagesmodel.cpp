// The stages editor's model: the case study's defaults, editing through the
// text a person types, refusals with a message, add / remove / move, and
// the spec's stage objects; under QAbstractItemModelTester throughout.
#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include "models/durationtext.h"
#include "models/stagesmodel.h"

using namespace Qt::Literals::StringLiterals;
using Models::StageDraft;
using Models::StagesModel;

class TestStagesModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreTheCaseStudy()
    {
        StagesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.data(model.index(0, StagesModel::NameColumn)).toString(), u"canary"_s);
        QCOMPARE(model.data(model.index(0, StagesModel::SizeColumn)).toString(), u"50 devices"_s);
        QCOMPARE(model.data(model.index(1, StagesModel::SizeColumn), Qt::EditRole).toString(), u"500"_s);
        QCOMPARE(model.data(model.index(2, StagesModel::SizeColumn), Qt::EditRole).toString(), u"100%"_s);
        QCOMPARE(model.data(model.index(1, StagesModel::SuccessColumn), Qt::EditRole).toString(), u"98"_s);
        QCOMPARE(model.data(model.index(0, StagesModel::RollbackColumn)).toString(), u"≤ 5 %"_s);
        QCOMPARE(model.data(model.index(2, StagesModel::RollbackColumn)).toString(), u"no limit"_s);
        QCOMPARE(model.data(model.index(2, StagesModel::SoakColumn)).toString(), u"7 d"_s);
        QCOMPARE(model.data(model.index(1, StagesModel::SoakColumn)).toString(), u"2 d"_s);

        const QJsonArray stages = model.toJson();
        QCOMPARE(stages.size(), 3);
        const QJsonObject canary = stages.at(0).toObject();
        QCOMPARE(canary.value(u"size"_s).toObject().value(u"count"_s).toInt(), 50);
        QCOMPARE(canary.value(u"minSuccessRate"_s).toDouble(), 0.95);
        QCOMPARE(canary.value(u"maxRollbackRate"_s).toDouble(), 0.05);
        QCOMPARE(canary.value(u"soakSeconds"_s).toInteger(), 24 * 3600);
        const QJsonObject full = stages.at(2).toObject();
        QCOMPARE(full.value(u"size"_s).toObject().value(u"percent"_s).toDouble(), 100.0);
        QVERIFY(!full.contains(u"maxRollbackRate"_s)); // no limit: left out, as the server expects
        QCOMPARE(full.value(u"soakSeconds"_s).toInteger(), 168 * 3600);
    }

    void editsTakeWhatAPersonTypes_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("expected");
        QTest::addRow("name") << int(StagesModel::NameColumn) << u" early birds "_s << u"name"_s
                              << QJsonValue(u"early birds"_s);
        QTest::addRow("count") << int(StagesModel::SizeColumn) << u"7"_s << u"size"_s
                               << QJsonValue(QJsonObject{{u"count"_s, 7}});
        QTest::addRow("percent") << int(StagesModel::SizeColumn) << u"12.5 %"_s << u"size"_s
                                 << QJsonValue(QJsonObject{{u"percent"_s, 12.5}});
        QTest::addRow("success plain") << int(StagesModel::SuccessColumn) << u"90"_s << u"minSuccessRate"_s
                                       << QJsonValue(0.9);
        QTest::addRow("success with a percent sign") << int(StagesModel::SuccessColumn) << u"100%"_s << u"minSuccessRate"_s
                                        << QJsonValue(1.0);
        QTest::addRow("rollback") << int(StagesModel::RollbackColumn) << u"2"_s << u"maxRollbackRate"_s
                                  << QJsonValue(0.02);
        QTest::addRow("soak minutes") << int(StagesModel::SoakColumn) << u"15min"_s << u"soakSeconds"_s
                                      << QJsonValue(900);
        QTest::addRow("soak two units") << int(StagesModel::SoakColumn) << u"1h 30m"_s << u"soakSeconds"_s
                                        << QJsonValue(5400);
        QTest::addRow("soak none") << int(StagesModel::SoakColumn) << u"0s"_s << u"soakSeconds"_s << QJsonValue(0);
    }

    void editsTakeWhatAPersonTypes()
    {
        QFETCH(int, column);
        QFETCH(QString, typed);
        QFETCH(QString, key);
        QFETCH(QJsonValue, expected);
        StagesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY2(model.setData(model.index(0, column), typed), qPrintable(model.lastError()));
        QCOMPARE(changed.size(), 1);
        QVERIFY(model.lastError().isEmpty());
        QCOMPARE(model.toJson().at(0).toObject().value(key), expected);
    }

    void emptyRollbackMeansNoLimit()
    {
        StagesModel model;
        QVERIFY(model.setData(model.index(0, StagesModel::RollbackColumn), QString()));
        QVERIFY(!model.toJson().at(0).toObject().contains(u"maxRollbackRate"_s));
        QCOMPARE(model.data(model.index(0, StagesModel::RollbackColumn)).toString(), u"no limit"_s);
    }

    void badValuesAreRefusedWithAMessage_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("says");
        QTest::addRow("empty name") << int(StagesModel::NameColumn) << u"  "_s << u"needs a name"_s;
        QTest::addRow("long name") << int(StagesModel::NameColumn) << QString(65, u'x') << u"at most 64"_s;
        QTest::addRow("duplicate name") << int(StagesModel::NameColumn) << u"pilot"_s << u"already called \"pilot\""_s;
        QTest::addRow("zero devices") << int(StagesModel::SizeColumn) << u"0"_s << u"at least 1 device"_s;
        QTest::addRow("fraction of a device") << int(StagesModel::SizeColumn) << u"0.5"_s
                                              << u"neither a device count"_s;
        QTest::addRow("percent over 100") << int(StagesModel::SizeColumn) << u"150%"_s << u"at most 100"_s;
        QTest::addRow("percent zero") << int(StagesModel::SizeColumn) << u"0%"_s << u"above 0"_s;
        QTest::addRow("words") << int(StagesModel::SizeColumn) << u"lots"_s << u"neither a device count"_s;
        QTest::addRow("success over 100") << int(StagesModel::SuccessColumn) << u"150"_s << u"from 0 to 100"_s;
        QTest::addRow("negative success") << int(StagesModel::SuccessColumn) << u"-5"_s << u"from 0 to 100"_s;
        QTest::addRow("rollback text") << int(StagesModel::RollbackColumn) << u"some"_s << u"no limit"_s;
        QTest::addRow("soak without unit") << int(StagesModel::SoakColumn) << u"24"_s << u"with a unit"_s;
        QTest::addRow("soak unknown unit") << int(StagesModel::SoakColumn) << u"3 weeks"_s << u"with a unit"_s;
    }

    void badValuesAreRefusedWithAMessage()
    {
        QFETCH(int, column);
        QFETCH(QString, typed);
        QFETCH(QString, says);
        StagesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QJsonArray before = model.toJson();
        QSignalSpy refused(&model, &StagesModel::editRefused);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(!model.setData(model.index(0, column), typed));
        QCOMPARE(refused.size(), 1);
        QCOMPARE(changed.size(), 0);
        const QString message = refused.at(0).at(0).toString();
        QVERIFY2(message.contains(says), qPrintable(message));
        QVERIFY2(message.startsWith(u"Stage 1 (canary)"_s), qPrintable(message)); // says which stage
        QCOMPARE(model.lastError(), message);
        QCOMPARE(model.toJson(), before); // nothing changed
    }

    void gateIsACheckBox()
    {
        StagesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex gate = model.index(1, StagesModel::GateColumn);
        QVERIFY(model.flags(gate) & Qt::ItemIsUserCheckable);
        QVERIFY(!(model.flags(gate) & Qt::ItemIsEditable));
        QCOMPARE(model.data(gate, Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QVERIFY(model.setData(gate, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(model.toJson().at(1).toObject().value(u"gateAction"_s).toString(), u"manual"_s);
        QCOMPARE(model.data(gate).toString(), u"pause for an operator"_s);
    }

    void addRemoveAndMove()
    {
        StagesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int added = model.addStage(0); // after the canary
        QCOMPARE(added, 1);
        QCOMPARE(model.rowCount(), 4);
        const QString newName = model.data(model.index(1, StagesModel::NameColumn)).toString();
        QVERIFY(!newName.isEmpty());
        // A second new stage gets a name of its own.
        model.addStage(0);
        QVERIFY(model.data(model.index(1, StagesModel::NameColumn)).toString() != newName);
        QVERIFY(model.removeStage(1));
        QVERIFY(model.removeStage(1));
        QVERIFY(!model.removeStage(7));

        QVERIFY(model.moveStage(2, -1)); // full before pilot
        QCOMPARE(model.stages().at(1).name, u"full"_s);
        QCOMPARE(model.stages().at(2).name, u"pilot"_s);
        QVERIFY(model.moveStage(0, +1)); // canary after full
        QCOMPARE(model.stages().at(0).name, u"full"_s);
        QCOMPARE(model.stages().at(1).name, u"canary"_s);
        QVERIFY(!model.moveStage(0, -1)); // already first
        QVERIFY(!model.moveStage(2, +1)); // already last
        QCOMPARE(model.toJson().size(), 3);
    }

    void durations_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::addRow("zero") << qint64(0) << u"0 s"_s;
        QTest::addRow("seconds") << qint64(45) << u"45 s"_s;
        QTest::addRow("hour and a half") << qint64(5400) << u"1 h 30 min"_s;
        QTest::addRow("week") << qint64(7 * 86400) << u"7 d"_s;
        QTest::addRow("two largest units") << qint64(86400 + 7200 + 61) << u"1 d 2 h"_s;
    }

    void durations()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QCOMPARE(Models::DurationText::format(seconds), text);
        QCOMPARE(Models::DurationText::parseSeconds(text).value_or(-1), seconds - seconds % (seconds > 86400 ? 3600 : 1));
    }
};

QTEST_GUILESS_MAIN(TestStagesModel)
#include "tst_stagesmodel.moc"
