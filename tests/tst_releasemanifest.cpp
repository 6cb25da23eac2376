#include <QCryptographicHash>
#include <QMap>
#include <QTest>

#include "firmware/releasemanifest.h"

Q_DECLARE_METATYPE(Firmware::ReleaseManifest)
Q_DECLARE_METATYPE(Firmware::FirmwareImage)

using namespace Firmware;
using namespace Qt::Literals::StringLiterals;

namespace
{
    using Kind = ManifestError::Kind;

    const QString Sha = u"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"_s;

    // An ESP-IDF application as the image reader describes it, made by hand.
    FirmwareImage idfImage()
    {
        FirmwareImage image;
        image.chip = *chipByName(u"esp32c3");
        image.fileSize = 123'456;
        image.fileSha256 = QByteArray::fromHex(Sha.toLatin1());
        AppDescriptor descriptor;
        descriptor.version = u"2.3.2"_s;
        descriptor.projectName = u"smart_sensor"_s;
        descriptor.compileDate = u"Jul 25 2024"_s;
        descriptor.compileTime = u"16:23:40"_s;
        descriptor.secureVersion = 2;
        image.appDescriptor = descriptor;
        return image;
    }

    // An Arduino-ESP8266 file: no esp_app_desc_t, so no version or project.
    FirmwareImage esp8266Image()
    {
        FirmwareImage image;
        image.chip = esp8266Chip();
        image.fileSize = 300'000;
        image.fileSha256 = QCryptographicHash::hash("esp8266", QCryptographicHash::Sha256);
        return image;
    }

    ReleaseManifest fullManifest()
    {
        ReleaseManifest manifest;
        manifest.version = u"2.3.2"_s;
        manifest.project = u"smart_sensor"_s;
        manifest.chip = u"esp32c3"_s;
        manifest.size = 123'456;
        manifest.sha256 = Sha;
        manifest.buildDate = u"2024-07-25T16:23:40"_s;
        manifest.gitCommit = u"0296947"_s;
        manifest.minPreviousVersion = u"2.0.0"_s;
        manifest.secureVersion = 2;
        manifest.notes = u"Fixes the MQTT reconnect loop."_s;
        return manifest;
    }

    // The raw JSON value text of each key of a valid manifest; tests replace
    // or remove one to make the bad cases.
    QMap<QByteArray, QByteArray> validFields()
    {
        return {
            {"schema_version", "1"},
            {"version", "\"2.3.2\""},
            {"project", "\"smart_sensor\""},
            {"chip", "\"esp32c3\""},
            {"size_bytes", "123456"},
            {"sha256", '"' + Sha.toLatin1() + '"'},
            {"secure_version", "2"},
            {"build_date", "\"2024-07-25T16:23:40\""},
            {"git_commit", "\"0296947\""},
            {"min_previous_version", "\"2.0.0\""},
            {"notes", "\"Fixes the MQTT reconnect loop.\""},
        };
    }

    QByteArray objectText(const QMap<QByteArray, QByteArray> &fields)
    {
        QByteArrayList members;
        for (auto it = fields.cbegin(); it != fields.cend(); ++it)
            members << '"' + it.key() + "\": " + it.value();
        return "{" + members.join(", ") + "}";
    }

    QByteArray with(const QByteArray &key, const QByteArray &rawValue)
    {
        auto fields = validFields();
        fields[key] = rawValue;
        return objectText(fields);
    }

    QByteArray without(const QByteArray &key)
    {
        auto fields = validFields();
        fields.remove(key);
        return objectText(fields);
    }

    QByteArray quotedText(const QString &text)
    {
        return '"' + text.toUtf8() + '"';
    }
} // namespace

class TestReleaseManifest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromImageTakesChipSizeHashAndDescriptorFields()
    {
        const ReleaseManifest manifest = ReleaseManifest::fromImage(idfImage());
        QCOMPARE(manifest.schemaVersion, 1);
        QCOMPARE(manifest.chip, u"esp32c3"_s);
        QCOMPARE(manifest.size, 123'456);
        QCOMPARE(manifest.sha256, Sha);
        QCOMPARE(manifest.version, u"2.3.2"_s);
        QCOMPARE(manifest.project, u"smart_sensor"_s);
        QCOMPARE(manifest.secureVersion, 2u);
        QCOMPARE(manifest.buildDate, u"2024-07-25T16:23:40"_s);
        QVERIFY(manifest.gitCommit.isEmpty());
        QVERIFY(manifest.minPreviousVersion.isEmpty());
        QVERIFY(manifest.notes.isEmpty());
        QVERIFY(manifest.validate());
    }

    void fromImageLetsOverridesReplaceWhatArduinoBuildsGetWrong()
    {
        FirmwareImage image = idfImage();
        image.appDescriptor->version = u"769c168"_s;           // the core's git id
        image.appDescriptor->projectName = u"arduino-lib-builder"_s;
        ManifestOverrides overrides;
        overrides.version = u"1.4.0"_s;
        overrides.project = u"ld2410c_sensor"_s;
        overrides.buildDate = QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5), Qt::UTC);
        const ReleaseManifest manifest = ReleaseManifest::fromImage(image, overrides);
        QCOMPARE(manifest.version, u"1.4.0"_s);
        QCOMPARE(manifest.project, u"ld2410c_sensor"_s);
        QCOMPARE(manifest.buildDate, u"2025-01-02T03:04:05Z"_s);
        QCOMPARE(manifest.sha256, Sha); // never from overrides
    }

    void fromImageTakesTheFieldsOnlyArgumentsKnow()
    {
        ManifestOverrides overrides;
        overrides.gitCommit = u"0296947ABC"_s;
        overrides.minPreviousVersion = u"2.0.0"_s;
        overrides.notes = u"line one\nline two"_s;
        const ReleaseManifest manifest = ReleaseManifest::fromImage(idfImage(), overrides);
        QCOMPARE(manifest.gitCommit, u"0296947abc"_s);
        QCOMPARE(manifest.minPreviousVersion, u"2.0.0"_s);
        QCOMPARE(manifest.notes, u"line one\nline two"_s);
        QVERIFY(manifest.validate());
    }

    void anEsp8266ImageNeedsVersionAndProjectFromTheCaller()
    {
        const ReleaseManifest bare = ReleaseManifest::fromImage(esp8266Image());
        QCOMPARE(bare.chip, u"esp8266"_s);
        QCOMPARE(bare.secureVersion, 0u);
        QVERIFY(bare.buildDate.isEmpty());
        const auto invalid = bare.validate();
        QVERIFY(!invalid);
        QCOMPARE(invalid.error().kind, Kind::EmptyText);
        QCOMPARE(invalid.error().field, u"version"_s);

        ManifestOverrides overrides;
        overrides.version = u"3.1.2"_s;
        overrides.project = u"deepsleep"_s;
        QVERIFY(ReleaseManifest::fromImage(esp8266Image(), overrides).validate());
    }

    void anUnreadableBuildDateIsLeftOut()
    {
        FirmwareImage image = idfImage();
        image.appDescriptor->compileDate = u"not a date"_s;
        const ReleaseManifest manifest = ReleaseManifest::fromImage(image);
        QVERIFY(manifest.buildDate.isEmpty());
        QVERIFY(!manifest.toJson().contains("build_date"));
    }

    void toJsonWritesCanonicalBytes()
    {
        const QByteArray expected =
            "{\n"
            "  \"build_date\": \"2024-07-25T16:23:40\",\n"
            "  \"chip\": \"esp32c3\",\n"
            "  \"git_commit\": \"0296947\",\n"
            "  \"min_previous_version\": \"2.0.0\",\n"
            "  \"notes\": \"Fixes the MQTT reconnect loop.\",\n"
            "  \"project\": \"smart_sensor\",\n"
            "  \"schema_version\": 1,\n"
            "  \"secure_version\": 2,\n"
            "  \"sha256\": \"" + Sha.toLatin1() + "\",\n"
            "  \"size_bytes\": 123456,\n"
            "  \"version\": \"2.3.2\"\n"
            "}\n";
        QCOMPARE(fullManifest().toJson(), expected);
    }

    void toJsonLeavesOutAbsentOptionalFields()
    {
        ReleaseManifest manifest = fullManifest();
        manifest.buildDate.clear();
        manifest.gitCommit.clear();
        manifest.minPreviousVersion.clear();
        manifest.notes.clear();
        const QByteArray json = manifest.toJson();
        for (const char *key : {"build_date", "git_commit", "min_previous_version", "notes"})
            QVERIFY2(!json.contains(key), key);
        QCOMPARE(json.count('\n'), 9);
    }

    void toJsonWritesHexInLowerCase()
    {
        ReleaseManifest manifest = fullManifest();
        manifest.sha256 = Sha.toUpper();
        manifest.gitCommit = u"ABCDEF0"_s;
        const QByteArray json = manifest.toJson();
        QVERIFY(json.contains(Sha.toLatin1()));
        QVERIFY(json.contains("\"abcdef0\""));
    }

    void parseReadsBackWhatToJsonWrote_data()
    {
        QTest::addColumn<ReleaseManifest>("manifest");
        QTest::newRow("full") << fullManifest();
        ReleaseManifest minimal = fullManifest();
        minimal.buildDate.clear();
        minimal.gitCommit.clear();
        minimal.minPreviousVersion.clear();
        minimal.notes.clear();
        QTest::newRow("required fields only") << minimal;
        ReleaseManifest escapes = fullManifest();
        escapes.notes = u"\"quoted\" back\\slash\ttab\r\nnew line, ünïcödé, ✓, 😀"_s;
        escapes.version = u"v1.4.1-2-g0296947-dirty"_s;
        QTest::newRow("escapes and unicode") << escapes;
        ReleaseManifest zoned = fullManifest();
        zoned.buildDate = u"2024-07-25T16:23:40.250+02:00"_s;
        zoned.gitCommit = u"0123456789abcdef0123456789abcdef01234567"_s;
        zoned.secureVersion = 4294967295u;
        zoned.size = qint64(1) << 53;
        zoned.chip = u"esp8266"_s;
        QTest::newRow("limits") << zoned;
    }
    void parseReadsBackWhatToJsonWrote()
    {
        QFETCH(ReleaseManifest, manifest);
        const QByteArray json = manifest.toJson();
        const auto parsed = ReleaseManifest::parse(json);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed.value(), manifest);
        QCOMPARE(parsed->toJson(), json);
    }

    void parseAcceptsAnyKeyOrderWhitespaceAndHexCase()
    {
        const QByteArray json =
            "\r\n\t{ \"size_bytes\":123456,\"version\" : \"2.3.2\", \"chip\":\"esp32c3\",\n"
            "\"sha256\":\"" + Sha.toUpper().toLatin1() + "\", \"project\":\"smart_sensor\","
            "\"secure_version\":2.0,\"schema_version\":1, \"git_commit\": \"029694F\"}  ";
        const auto parsed = ReleaseManifest::parse(json);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->sha256, Sha);
        QCOMPARE(parsed->gitCommit, u"029694f"_s);
        QCOMPARE(parsed->secureVersion, 2u);
        QCOMPARE(parsed->size, 123'456);
    }

    void buildDatesMayCarryAFractionAndAZone_data()
    {
        QTest::addColumn<QString>("buildDate");
        QTest::newRow("local, as __DATE__ and __TIME__ give") << u"2024-07-25T16:23:40"_s;
        QTest::newRow("UTC") << u"2024-07-25T16:23:40Z"_s;
        QTest::newRow("offset and milliseconds") << u"2024-07-25T16:23:40.250+02:00"_s;
        QTest::newRow("negative offset, nanoseconds") << u"2024-12-31T23:59:59.123456789-05:30"_s;
        QTest::newRow("leap day") << u"2024-02-29T00:00:00"_s;
    }
    void buildDatesMayCarryAFractionAndAZone()
    {
        QFETCH(QString, buildDate);
        const auto parsed = ReleaseManifest::parse(with("build_date", quotedText(buildDate)));
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->buildDate, buildDate);
    }

    void emptyNotesMeanNoNotes()
    {
        const auto parsed = ReleaseManifest::parse(with("notes", "\"\""));
        QVERIFY(parsed);
        QVERIFY(parsed->notes.isEmpty());
    }

    void parseRefusesBadManifests_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<ManifestError::Kind>("kind");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("inMessage");

        QTest::newRow("empty input") << QByteArray() << Kind::NotJson << QString() << u"not JSON"_s;
        QTest::newRow("plain text") << QByteArray("version=1.0") << Kind::NotJson << QString() << u"at byte"_s;
        QTest::newRow("cut short") << with("notes", "\"unterminated") << Kind::NotJson << QString() << u"not JSON"_s;
        QTest::newRow("trailing comma") << QByteArray("{\"version\": \"1\",}") << Kind::NotJson << QString() << u""_s;
        QTest::newRow("array") << QByteArray("[" + objectText(validFields()) + "]") << Kind::NotAnObject << QString()
                               << u"got an array"_s;
        QTest::newRow("duplicate key") << objectText(validFields()).replace("{", "{\"version\": \"9.9.9\", ")
                                       << Kind::DuplicateKey << u"version"_s << u"more than once"_s;
        QTest::newRow("duplicate key spelled with an escape")
            << objectText(validFields()).replace("{", "{\"vers\\u0069on\": \"9.9.9\", ")
            << Kind::DuplicateKey << u"version"_s << u"more than once"_s;
        QTest::newRow("typo in a key") << without("git_commit").replace("{", "{\"git_comit\": \"0296947\", ")
                                       << Kind::UnknownKey << u"git_comit"_s << u"did you mean \"git_commit\"?"_s;
        QTest::newRow("camelCase key") << without("min_previous_version").replace("{", "{\"minPreviousVersion\": \"1\", ")
                                       << Kind::UnknownKey << u"minPreviousVersion"_s
                                       << u"did you mean \"min_previous_version\"?"_s;
        QTest::newRow("size for size_bytes") << without("size_bytes").replace("{", "{\"size\": 5, ")
                                             << Kind::UnknownKey << u"size"_s << u"did you mean \"size_bytes\"?"_s;
        QTest::newRow("an extra field") << with("signature", "\"MEUCIQ\"") << Kind::UnknownKey << u"signature"_s
                                        << u"schema version 1 defines"_s;
        QTest::newRow("no schema_version") << without("schema_version") << Kind::MissingKey << u"schema_version"_s
                                           << u"missing required field \"schema_version\""_s;
        QTest::newRow("no sha256") << without("sha256") << Kind::MissingKey << u"sha256"_s << u"\"sha256\""_s;
        QTest::newRow("no chip") << without("chip") << Kind::MissingKey << u"chip"_s << u"\"chip\""_s;
        QTest::newRow("no secure_version") << without("secure_version") << Kind::MissingKey << u"secure_version"_s
                                           << u"\"secure_version\""_s;
        QTest::newRow("empty object") << QByteArray("{}") << Kind::MissingKey << u"schema_version"_s
                                      << u"missing required fields \"schema_version\", \"version\", \"project\""_s;
        QTest::newRow("schema 2") << with("schema_version", "2") << Kind::UnsupportedSchema << u"schema_version"_s
                                  << u"this build reads schema version 1"_s;
        QTest::newRow("schema 2 with fields we do not know")
            << with("schema_version", "2").replace("{", "{\"signer\": \"x\", ") << Kind::UnsupportedSchema
            << u"schema_version"_s << u"schema version 2 is not supported"_s;
        QTest::newRow("schema as text") << with("schema_version", "\"1\"") << Kind::WrongType << u"schema_version"_s
                                        << u"expected an integer, got a string"_s;
        QTest::newRow("schema 1.5") << with("schema_version", "1.5") << Kind::NotAnInteger << u"schema_version"_s
                                    << u"got 1.5"_s;
        QTest::newRow("version a number") << with("version", "2") << Kind::WrongType << u"version"_s
                                          << u"expected a string, got a number"_s;
        QTest::newRow("project null") << with("project", "null") << Kind::WrongType << u"project"_s << u"got null"_s;
        QTest::newRow("git_commit null") << with("git_commit", "null") << Kind::WrongType << u"git_commit"_s
                                         << u"leave the field out"_s;
        QTest::newRow("notes an array") << with("notes", "[\"a\"]") << Kind::WrongType << u"notes"_s
                                        << u"got an array"_s;
        QTest::newRow("chip an object") << with("chip", "{}") << Kind::WrongType << u"chip"_s << u"got an object"_s;
        QTest::newRow("size as text") << with("size_bytes", "\"123456\"") << Kind::WrongType << u"size_bytes"_s
                                      << u"got a string"_s;
        QTest::newRow("size negative") << with("size_bytes", "-1") << Kind::OutOfRange << u"size_bytes"_s
                                       << u"expected a positive number of bytes up to 2^53, got -1"_s;
        QTest::newRow("size zero") << with("size_bytes", "0") << Kind::OutOfRange << u"size_bytes"_s << u"got 0"_s;
        QTest::newRow("size fractional") << with("size_bytes", "1234.5") << Kind::NotAnInteger << u"size_bytes"_s
                                         << u"expected an integer, got 1234.5"_s;
        QTest::newRow("size beyond 2^53") << with("size_bytes", "9007199254740993") << Kind::OutOfRange
                                          << u"size_bytes"_s << u"got 9007199254740993"_s;
        QTest::newRow("size 1e300") << with("size_bytes", "1e300") << Kind::OutOfRange << u"size_bytes"_s
                                    << u"out of range"_s;
        QTest::newRow("secure_version 2^32") << with("secure_version", "4294967296") << Kind::OutOfRange
                                             << u"secure_version"_s << u"from 0 to 4294967295, got 4294967296"_s;
        QTest::newRow("secure_version negative") << with("secure_version", "-1") << Kind::OutOfRange
                                                 << u"secure_version"_s << u"got -1"_s;
        QTest::newRow("secure_version true") << with("secure_version", "true") << Kind::WrongType
                                             << u"secure_version"_s << u"got true"_s;
        QTest::newRow("sha256 63 characters") << with("sha256", quotedText(Sha.left(63))) << Kind::BadSha256
                                              << u"sha256"_s
                                              << u"field \"sha256\": expected 64 hexadecimal characters, got 63"_s;
        QTest::newRow("sha256 65 characters") << with("sha256", quotedText(Sha + u'0')) << Kind::BadSha256
                                              << u"sha256"_s << u"got 65"_s;
        QTest::newRow("sha256 not hex") << with("sha256", quotedText(u'g' + Sha.mid(1))) << Kind::BadSha256
                                        << u"sha256"_s << u"found 'g' at position 1"_s;
        QTest::newRow("sha256 empty") << with("sha256", "\"\"") << Kind::BadSha256 << u"sha256"_s << u"got 0"_s;
        QTest::newRow("unknown chip") << with("chip", "\"esp33\"") << Kind::UnknownChip << u"chip"_s
                                      << u"\"esp33\" is not a known chip; known: esp32, "_s;
        QTest::newRow("chip name, not key") << with("chip", "\"ESP32-C3\"") << Kind::UnknownChip << u"chip"_s
                                            << u"write its key, \"esp32c3\""_s;
        QTest::newRow("version empty") << with("version", "\"\"") << Kind::EmptyText << u"version"_s
                                       << u"must not be empty"_s;
        QTest::newRow("project blank") << with("project", "\"   \"") << Kind::EmptyText << u"project"_s
                                       << u"must not be empty"_s;
        QTest::newRow("min_previous_version empty") << with("min_previous_version", "\"\"") << Kind::EmptyText
                                                    << u"min_previous_version"_s << u"must not be empty"_s;
        QTest::newRow("version with a line break") << with("version", "\"1.0\\n2.0\"") << Kind::BadCharacter
                                                   << u"version"_s << u"control character U+000A at position 4"_s;
        QTest::newRow("notes with a NUL") << with("notes", "\"a\\u0000b\"") << Kind::BadCharacter << u"notes"_s
                                          << u"U+0000"_s;
        QTest::newRow("version 129 characters") << with("version", quotedText(QString(129, u'v')))
                                                << Kind::TextTooLong << u"version"_s
                                                << u"at most 128 characters, got 129"_s;
        QTest::newRow("notes too long") << with("notes", quotedText(QString(16385, u'n'))) << Kind::TextTooLong
                                        << u"notes"_s << u"at most 16384 characters"_s;
        QTest::newRow("build date as __DATE__") << with("build_date", "\"Jul 25 2024\"") << Kind::BadBuildDate
                                                << u"build_date"_s
                                                << u"expected an ISO 8601 date and time such as"_s;
        QTest::newRow("build date 30 February") << with("build_date", "\"2024-02-30T10:00:00\"")
                                                << Kind::BadBuildDate << u"build_date"_s << u"2024-02-30"_s;
        QTest::newRow("build date without time") << with("build_date", "\"2024-07-25\"") << Kind::BadBuildDate
                                                 << u"build_date"_s << u"got \"2024-07-25\""_s;
        QTest::newRow("build date hour 24") << with("build_date", "\"2024-07-25T24:00:00\"") << Kind::BadBuildDate
                                            << u"build_date"_s << u"T24"_s;
        QTest::newRow("build date with a space") << with("build_date", "\"2024-07-25 16:23:40\"")
                                                 << Kind::BadBuildDate << u"build_date"_s << u"ISO 8601"_s;
        QTest::newRow("build date bad zone") << with("build_date", "\"2024-07-25T16:23:40+25:00\"")
                                             << Kind::BadBuildDate << u"build_date"_s << u"+25:00"_s;
        QTest::newRow("build date fraction without digits") << with("build_date", "\"2024-07-25T16:23:40.\"")
                                                            << Kind::BadBuildDate << u"build_date"_s << u"ISO 8601"_s;
        QTest::newRow("build date fraction of 10 digits") << with("build_date", "\"2024-07-25T16:23:40.1234567890\"")
                                                          << Kind::BadBuildDate << u"build_date"_s << u"ISO 8601"_s;
        QTest::newRow("build date short offset") << with("build_date", "\"2024-07-25T16:23:40+02:0\"")
                                                 << Kind::BadBuildDate << u"build_date"_s << u"ISO 8601"_s;
        QTest::newRow("build date with text after it") << with("build_date", "\"2024-07-25T16:23:40Z UTC\"")
                                                       << Kind::BadBuildDate << u"build_date"_s << u"ISO 8601"_s;
        QTest::newRow("build date with letters for the year") << with("build_date", "\"abcd-07-25T16:23:40\"")
                                                               << Kind::BadBuildDate << u"build_date"_s << u"ISO 8601"_s;
        QTest::newRow("git_commit 6 characters") << with("git_commit", "\"029694\"") << Kind::BadGitCommit
                                                 << u"git_commit"_s
                                                 << u"expected 7 to 40 hexadecimal characters, got 6"_s;
        QTest::newRow("git_commit 41 characters") << with("git_commit", quotedText(QString(41, u'a')))
                                                  << Kind::BadGitCommit << u"git_commit"_s << u"got 41"_s;
        QTest::newRow("git_commit a branch name") << with("git_commit", "\"release\"") << Kind::BadGitCommit
                                                  << u"git_commit"_s << u"found 'r' at position 1"_s;
        QTest::newRow("larger than 64 KiB") << with("notes", quotedText(QString(70'000, u'n'))) << Kind::TooLarge
                                            << QString() << u"at most 65536 are accepted"_s;
    }
    void parseRefusesBadManifests()
    {
        QFETCH(QByteArray, json);
        QFETCH(ManifestError::Kind, kind);
        QFETCH(QString, field);
        QFETCH(QString, inMessage);
        const auto parsed = ReleaseManifest::parse(json);
        QVERIFY(!parsed);
        const ManifestError &error = parsed.error();
        QCOMPARE(ManifestError::kindName(error.kind), ManifestError::kindName(kind));
        QCOMPARE(error.field, field);
        QVERIFY2(error.message.contains(inMessage), qPrintable(error.message));
        if (!field.isEmpty())
            QVERIFY2(error.message.startsWith(u"field \""_s + field + u'"') || kind == Kind::MissingKey
                         || kind == Kind::UnknownKey,
                     qPrintable(error.message));
    }

    void aJsonSyntaxErrorSaysWhere()
    {
        const QByteArray json = "{\"version\": \"1.0\", \"project\" \"x\"}";
        const auto parsed = ReleaseManifest::parse(json);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().kind, Kind::NotJson);
        QVERIFY(parsed.error().offset > 20 && parsed.error().offset <= 32);
        QVERIFY(parsed.error().message.contains(QString::number(parsed.error().offset)));
    }

    void unknownKeysAreAllNamed()
    {
        const QByteArray json = objectText(validFields()).replace("{", "{\"alpha\": 1, \"beta\": 2, ");
        const auto parsed = ReleaseManifest::parse(json);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().kind, Kind::UnknownKey);
        QCOMPARE(parsed.error().field, u"alpha"_s);
        QVERIFY(parsed.error().message.startsWith(u"unknown fields \"alpha\", \"beta\"; "_s));
    }

    void aFloodOfUnknownKeysGivesAShortMessage()
    {
        auto fields = validFields();
        for (int i = 0; i < 2000; ++i)
            fields.insert("extra_" + QByteArray::number(i), "0");
        const auto parsed = ReleaseManifest::parse(objectText(fields));
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().kind, Kind::UnknownKey);
        QVERIFY2(parsed.error().message.contains(u"and 1995 more"_s), qPrintable(parsed.error().message));
        QVERIFY(parsed.error().message.size() < 500);
    }

    void validateAppliesTheParseRules_data()
    {
        QTest::addColumn<ReleaseManifest>("manifest");
        QTest::addColumn<ManifestError::Kind>("kind");
        QTest::addColumn<QString>("field");
        ReleaseManifest m = fullManifest();
        m.schemaVersion = 2;
        QTest::newRow("schema") << m << Kind::UnsupportedSchema << u"schema_version"_s;
        m = fullManifest();
        m.chip = u"ESP32"_s;
        QTest::newRow("chip") << m << Kind::UnknownChip << u"chip"_s;
        m = fullManifest();
        m.size = 0;
        QTest::newRow("size") << m << Kind::OutOfRange << u"size_bytes"_s;
        m = fullManifest();
        m.sha256.clear();
        QTest::newRow("no hash") << m << Kind::BadSha256 << u"sha256"_s;
        m = fullManifest();
        m.gitCommit = u"HEAD"_s;
        QTest::newRow("git") << m << Kind::BadGitCommit << u"git_commit"_s;
        m = fullManifest();
        m.buildDate = u"yesterday"_s;
        QTest::newRow("date") << m << Kind::BadBuildDate << u"build_date"_s;
        m = fullManifest();
        m.project = QString(1, QChar(0xD800));
        QTest::newRow("unpaired surrogate") << m << Kind::BadCharacter << u"project"_s;
        m = fullManifest();
        m.notes = u"bell \a"_s;
        QTest::newRow("notes control") << m << Kind::BadCharacter << u"notes"_s;
    }
    void validateAppliesTheParseRules()
    {
        QFETCH(ReleaseManifest, manifest);
        QFETCH(ManifestError::Kind, kind);
        QFETCH(QString, field);
        const auto result = manifest.validate();
        QVERIFY(!result);
        QCOMPARE(ManifestError::kindName(result.error().kind), ManifestError::kindName(kind));
        QCOMPARE(result.error().field, field);
    }

    void aManifestMatchesItsImageEvenWithOverriddenVersionAndProject()
    {
        ManifestOverrides overrides;
        overrides.version = u"9.9.9"_s;
        overrides.project = u"other"_s;
        const ReleaseManifest manifest = ReleaseManifest::fromImage(idfImage(), overrides);
        QVERIFY(manifest.checkMatchesImage(idfImage()));
        QVERIFY(ReleaseManifest::fromImage(esp8266Image()).checkMatchesImage(esp8266Image()));
    }

    void aManifestForAnotherImageIsRefused_data()
    {
        QTest::addColumn<FirmwareImage>("image");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("inMessage");
        FirmwareImage image = idfImage();
        image.chip = *chipByName(u"esp32s3");
        QTest::newRow("chip") << image << u"chip"_s << u"the manifest is for chip \"esp32c3\", the image for \"esp32s3\""_s;
        image = idfImage();
        image.fileSize += 1;
        QTest::newRow("size") << image << u"size_bytes"_s << u"the manifest says 123456 bytes, the image has 123457"_s;
        image = idfImage();
        image.fileSha256[0] = char(image.fileSha256[0] ^ 1);
        QTest::newRow("sha256") << image << u"sha256"_s << u"the image hashes to 9e86d0"_s;
        image = idfImage();
        image.appDescriptor->secureVersion = 3;
        QTest::newRow("secure version") << image << u"secure_version"_s
                                        << u"the manifest says secure version 2, the image carries 3"_s;
        image = idfImage();
        image.appDescriptor.reset();
        QTest::newRow("no descriptor: secure version 0") << image << u"secure_version"_s << u"carries 0"_s;
    }
    void aManifestForAnotherImageIsRefused()
    {
        QFETCH(FirmwareImage, image);
        QFETCH(QString, field);
        QFETCH(QString, inMessage);
        const auto result = ReleaseManifest::fromImage(idfImage()).checkMatchesImage(image);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Kind::ImageMismatch);
        QCOMPARE(result.error().field, field);
        QVERIFY2(result.error().message.contains(inMessage), qPrintable(result.error().message));
    }

    void everyMismatchIsListed()
    {
        FirmwareImage image = esp8266Image();
        const auto result = fullManifest().checkMatchesImage(image);
        QVERIFY(!result);
        QCOMPARE(result.error().field, u"chip"_s);
        const QString message = result.error().message;
        QVERIFY(message.contains(u"chip"_s));
        QVERIFY(message.contains(u"bytes"_s));
        QVERIFY(message.contains(u"SHA-256"_s));
        QVERIFY(message.contains(u"secure version"_s));
    }

    void everyErrorKindHasItsOwnName()
    {
        QStringList names;
        for (int k = int(Kind::TooLarge); k <= int(Kind::ImageMismatch); ++k) {
            const QString name = ManifestError::kindName(Kind(k));
            QVERIFY(name != u"unknown"_s);
            QVERIFY2(!names.contains(name), qPrintable(name));
            names << name;
        }
    }
};

QTEST_GUILESS_MAIN(TestReleaseManifest)
#include "tst_releasemanifest.moc"
