#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "http/devicejson.h"
#include "http/jsontext.h"

using namespace Qt::Literals::StringLiterals;

// How the API writes a device (docs/server-api.md, GET /api/v1/devices). The
// fleet listing is written as text straight from the store's rows; what it
// says must be exactly what the documented fields mean.
class TestDeviceJson final : public QObject
{
    Q_OBJECT

    const QDateTime m_now = QDateTime(QDate(2026, 12, 3), QTime(13, 50, 46, 123), Qt::UTC);

    static Store::Device checkedIn()
    {
        Store::Device device;
        device.deviceId = u"boiler-7"_s;
        device.chip = u"esp32"_s;
        device.board = u"esp32dev"_s;
        device.project = u"heating"_s;
        device.version = u"3.1.0"_s;
        device.slot = u"ota_1"_s;
        device.battery = 87;
        device.rssi = -71;
        device.uptimeS = 86400;
        device.bootCount = 12;
        device.otaSlotBytes = 0x1E0000;
        device.health = QJsonObject{{u"mqtt"_s, true}, {u"wifi"_s, false}};
        device.tags = {u"site-a"_s, u"floor-2"_s};
        device.lastSeen = QDateTime(QDate(2026, 12, 3), QTime(13, 40, 0), Qt::UTC);
        device.nextExpected = QDateTime(QDate(2026, 12, 3), QTime(14, 40, 0, 5), Qt::UTC);
        device.enrolledAt = QDateTime(QDate(2026, 1, 31), QTime(23, 59, 59, 999), Qt::UTC);
        return device;
    }

    static QJsonObject listed(const QByteArray &body, QJsonParseError *error)
    {
        return QJsonDocument::fromJson(body, error).object();
    }

private Q_SLOTS:
    void aCheckedInDeviceIsListedWithEveryField()
    {
        QJsonParseError error;
        const QJsonObject listing = listed(Http::deviceListingJson({checkedIn()}, m_now), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(listing.value(u"serverTime"_s).toString(), u"2026-12-03T13:50:46.123Z"_s);
        const QJsonArray devices = listing.value(u"devices"_s).toArray();
        QCOMPARE(devices.size(), 1);
        const QJsonObject expected{{u"id"_s, u"boiler-7"_s},
                                   {u"chip"_s, u"esp32"_s},
                                   {u"board"_s, u"esp32dev"_s},
                                   {u"project"_s, u"heating"_s},
                                   {u"version"_s, u"3.1.0"_s},
                                   {u"slot"_s, u"ota_1"_s},
                                   {u"batteryPercent"_s, 87},
                                   {u"rssi"_s, -71},
                                   {u"uptimeSeconds"_s, 86400},
                                   {u"bootCount"_s, 12},
                                   {u"otaSlotBytes"_s, 1966080},
                                   {u"health"_s, QJsonObject{{u"mqtt"_s, true}, {u"wifi"_s, false}}},
                                   {u"tags"_s, QJsonArray{u"site-a"_s, u"floor-2"_s}},
                                   {u"lastSeen"_s, u"2026-12-03T13:40:00.000Z"_s},
                                   {u"nextExpected"_s, u"2026-12-03T14:40:00.005Z"_s},
                                   {u"overdue"_s, false},
                                   {u"overdueSeconds"_s, 0},
                                   {u"enrolledAt"_s, u"2026-01-31T23:59:59.999Z"_s}};
        QCOMPARE(devices.at(0).toObject(), expected);
        QCOMPARE(Http::deviceToJson(checkedIn(), m_now), expected);
    }

    void aDeviceNeverSeenHasNullsNotZeros()
    {
        Store::Device device;
        device.deviceId = u"new-1"_s;
        device.enrolledAt = m_now;
        const QJsonObject json = Http::deviceToJson(device, m_now);
        for (const QString &key : {u"batteryPercent"_s, u"rssi"_s, u"uptimeSeconds"_s, u"bootCount"_s,
                                   u"otaSlotBytes"_s, u"lastSeen"_s, u"nextExpected"_s})
            QVERIFY2(json.value(key).isNull(), qPrintable(key));
        QCOMPARE(json.value(u"chip"_s).toString(), QString());
        QCOMPARE(json.value(u"health"_s).toObject(), QJsonObject());
        QCOMPARE(json.value(u"tags"_s).toArray(), QJsonArray());
        QCOMPARE(json.value(u"overdue"_s).toBool(true), false);
    }

    void anOverdueDeviceSaysForHowLong()
    {
        Store::Device device = checkedIn();
        device.nextExpected = m_now.addSecs(-90);
        const QJsonObject json = Http::deviceToJson(device, m_now);
        QCOMPARE(json.value(u"overdue"_s).toBool(), true);
        QCOMPARE(json.value(u"overdueSeconds"_s).toInteger(), 90);
    }

    void textThatNeedsEscapingSurvivesTheRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("quote and backslash") << u"say \"hi\" \\ bye"_s;
        QTest::newRow("control characters") << u"tab\there\nnew\rline\bback\fform\x01\x1f"_s;
        QTest::newRow("umlaut and CJK") << u"Kesselraum ü 锅炉"_s;
        QTest::newRow("astral plane") << u"rocket \U0001F680 after"_s;
        QTest::newRow("non-ASCII then a quote") << u"é\"\\\n"_s;
        QTest::newRow("empty") << QString();
    }

    void textThatNeedsEscapingSurvivesTheRoundTrip()
    {
        QFETCH(QString, text);
        Store::Device device = checkedIn();
        device.board = text;
        device.version = text;
        device.tags = {text, u"plain"_s};
        device.health = QJsonObject{{text.isEmpty() ? u"x"_s : text, true}};
        QJsonParseError error;
        const QJsonObject listing = listed(Http::deviceListingJson({device, device}, m_now), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject json = listing.value(u"devices"_s).toArray().at(1).toObject();
        QCOMPARE(json.value(u"board"_s).toString(), text);
        QCOMPARE(json.value(u"version"_s).toString(), text);
        QCOMPARE(json.value(u"tags"_s).toArray(), (QJsonArray{text, u"plain"_s}));
        QCOMPARE(json.value(u"health"_s).toObject(), device.health);
    }

    void aLoneSurrogateIsReplacedSoTheListingStaysUtf8()
    {
        Store::Device device = checkedIn();
        device.board = u"half "_s + QChar(char16_t(0xD83D)) + u" pair"_s;
        QJsonParseError error;
        const QJsonObject listing = listed(Http::deviceListingJson({device}, m_now), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(listing.value(u"devices"_s).toArray().at(0).toObject().value(u"board"_s).toString(),
                 u"half ? pair"_s); // Qt's UTF-8 encoder writes '?' for it
    }

    void anyJsonValueIsWrittenAsItReadsBack()
    {
        // Health is true/false per check when the server wrote it; a store
        // edited by hand may hold anything, and the listing stays JSON.
        const QJsonObject value{{u"n"_s, QJsonValue::Null},   {u"whole"_s, -3},          {u"half"_s, 1.5},
                                {u"big"_s, 1e20},             {u"tiny"_s, 2.5e-9},       {u"zero"_s, 0},
                                {u"list"_s, QJsonArray{1, u"two"_s, QJsonArray{}, QJsonObject{}}},
                                {u"nested"_s, QJsonObject{{u"deep"_s, QJsonObject{{u"ok"_s, true}}}}}};
        QByteArray text;
        Http::JsonText::appendValue(text, value);
        QJsonParseError error;
        const QJsonObject back = QJsonDocument::fromJson(text, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(back, value);
        QVERIFY2(text.contains("\"whole\":-3"), text.constData());
        QVERIFY2(text.contains("\"half\":1.5"), text.constData());
    }

    void timesAreUtcWithMillisecondsAsQtWritesThem_data()
    {
        QTest::addColumn<QDateTime>("at");
        QTest::newRow("UTC") << QDateTime(QDate(2026, 12, 3), QTime(0, 0, 0, 1), Qt::UTC);
        QTest::newRow("leap day") << QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), Qt::UTC);
        QTest::newRow("before 1970") << QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 500), Qt::UTC);
        QTest::newRow("an offset, shown in UTC") << QDateTime(QDate(2026, 6, 1), QTime(1, 30), Qt::OffsetFromUTC, 7200);
        QTest::newRow("year 1") << QDateTime(QDate(1, 1, 1), QTime(12, 0), Qt::UTC);
    }

    void timesAreUtcWithMillisecondsAsQtWritesThem()
    {
        QFETCH(QDateTime, at);
        QByteArray text;
        Http::JsonText::appendTime(text, at);
        QCOMPARE(QString::fromUtf8(text), u"\"%1\""_s.arg(at.toUTC().toString(Qt::ISODateWithMs)));
    }

    void anInvalidTimeIsNull()
    {
        QByteArray text;
        Http::JsonText::appendTime(text, QDateTime());
        QCOMPARE(text, QByteArray("null"));
    }

    void anEmptyFleetIsAnEmptyList()
    {
        QJsonParseError error;
        const QJsonObject listing = listed(Http::deviceListingJson({}, m_now), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(listing.value(u"devices"_s).toArray(), QJsonArray());
        QVERIFY(listing.contains(u"serverTime"_s));
    }
};

QTEST_GUILESS_MAIN(TestDeviceJson)
#include "tst_devicejson.moc"
