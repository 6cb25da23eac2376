// The release readiness card's rules, one check at a time.
#include <QTest>

#include "firmware/releasemanifest.h"
#include "models/releasereadiness.h"
#include "models/securebootfacts.h"
#include "sbv2testsigner.h"

using namespace Qt::Literals::StringLiterals;
using Models::ReleaseReadiness;
using Models::SecureBootFacts;
using Check = ReleaseReadiness::Check;
using Verdict = ReleaseReadiness::Verdict;

namespace
{
    Rollout::Release release(const QString &version, quint32 secureVersion, const QString &minPrevious = {},
                             const QString &chip = u"esp32"_s)
    {
        Firmware::ReleaseManifest manifest;
        manifest.version = version;
        manifest.project = u"smart-building"_s;
        manifest.chip = chip;
        manifest.size = 200 * 1024;
        manifest.sha256 = QString(64, u'a');
        manifest.secureVersion = secureVersion;
        manifest.minPreviousVersion = minPrevious;
        Rollout::Release r;
        r.sha256 = version.repeated(4);
        r.version = version;
        r.project = manifest.project;
        r.chip = chip;
        r.size = manifest.size;
        r.manifest = manifest.toJson();
        r.keyId = u"61110684aabbccdd"_s;
        r.startable = true;
        return r;
    }

    Rollout::Device device(const QString &id, const QString &version, std::optional<qint64> otaSlotBytes = {})
    {
        Rollout::Device d;
        d.id = id;
        d.chip = u"esp32"_s;
        d.project = u"smart-building"_s;
        d.version = version;
        d.otaSlotBytes = otaSlotBytes;
        return d;
    }

    ReleaseReadiness::Item itemOf(const QList<ReleaseReadiness::Item> &items, Check check)
    {
        for (const ReleaseReadiness::Item &item : items) {
            if (item.check == check)
                return item;
        }
        return {};
    }
} // namespace

class TestReleaseReadiness : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyItemSaysWhyItMatters()
    {
        const auto items = ReleaseReadiness::assess(release(u"2.0.0"_s, 1), {});
        QCOMPARE(items.size(), 5);
        for (const ReleaseReadiness::Item &item : items) {
            QVERIFY(!item.title.isEmpty());
            QVERIFY(!item.finding.isEmpty());
            QVERIFY2(!item.why.isEmpty(), qPrintable(item.title));
        }
    }

    void signedManifest_data()
    {
        QTest::addColumn<QString>("keyId");
        QTest::addColumn<bool>("startable");
        QTest::addColumn<QString>("keyName");
        QTest::addColumn<int>("verdict");
        QTest::addColumn<QString>("findingContains");
        QTest::addRow("trusted, named") << u"61110684aabb"_s << true << u"olga"_s << int(Verdict::Pass) << u"olga (61110684)"_s;
        QTest::addRow("trusted, unnamed") << u"61110684aabb"_s << true << QString() << int(Verdict::Pass) << u"61110684"_s;
        QTest::addRow("revoked") << u"61110684aabb"_s << false << u"olga"_s << int(Verdict::Fail) << u"revoked"_s;
        QTest::addRow("no key") << QString() << false << QString() << int(Verdict::Fail) << u"no key"_s;
    }
    void signedManifest()
    {
        QFETCH(QString, keyId);
        QFETCH(bool, startable);
        QFETCH(QString, keyName);
        QFETCH(int, verdict);
        QFETCH(QString, findingContains);
        Rollout::Release r = release(u"2.0.0"_s, 1);
        r.keyId = keyId;
        r.startable = startable;
        ReleaseReadiness::Facts facts;
        facts.keyName = keyName;
        const auto item = itemOf(ReleaseReadiness::assess(r, facts), Check::SignedManifest);
        QCOMPARE(int(item.verdict), verdict);
        QVERIFY2(item.finding.contains(findingContains), qPrintable(item.finding));
    }

    void secureBoot_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("chip");
        QTest::addColumn<int>("verdict");
        QTest::addColumn<QString>("findingContains");
        QTest::addRow("verifies") << int(SecureBootFacts::State::Verifies) << u"esp32"_s << int(Verdict::Pass) << u"ECDSA P-256"_s;
        QTest::addRow("absent") << int(SecureBootFacts::State::Absent) << u"esp32"_s << int(Verdict::Warn) << u"no signature sector"_s;
        QTest::addRow("broken") << int(SecureBootFacts::State::Broken) << u"esp32"_s << int(Verdict::Fail) << u"not verifying: bad CRC"_s;
        QTest::addRow("not read yet") << int(SecureBootFacts::State::NotLooked) << u"esp32"_s << int(Verdict::Warn) << u"not checked"_s;
        QTest::addRow("esp8266") << int(SecureBootFacts::State::Absent) << u"esp8266"_s << int(Verdict::Warn) << u"no Secure Boot"_s;
    }
    void secureBoot()
    {
        QFETCH(int, state);
        QFETCH(QString, chip);
        QFETCH(int, verdict);
        QFETCH(QString, findingContains);
        ReleaseReadiness::Facts facts;
        facts.secureBoot.state = SecureBootFacts::State(state);
        facts.secureBoot.scheme = u"ECDSA P-256"_s;
        facts.secureBoot.keyDigestHex = u"00112233445566778899"_s;
        facts.secureBoot.message = u"bad CRC"_s;
        const auto item = itemOf(ReleaseReadiness::assess(release(u"2.0.0"_s, 1, {}, chip), facts), Check::SecureBoot);
        QCOMPARE(int(item.verdict), verdict);
        QVERIFY2(item.finding.contains(findingContains), qPrintable(item.finding));
    }

    void antiRollback_data()
    {
        QTest::addColumn<int>("releaseSecureVersion");
        QTest::addColumn<int>("fleetSecureVersion"); // -1: not known
        QTest::addColumn<int>("verdict");
        QTest::addRow("raised") << 3 << 2 << int(Verdict::Pass);
        QTest::addRow("same") << 2 << 2 << int(Verdict::Warn);
        QTest::addRow("below") << 1 << 2 << int(Verdict::Fail);
        QTest::addRow("fleet unknown") << 2 << -1 << int(Verdict::Warn);
    }
    void antiRollback()
    {
        QFETCH(int, releaseSecureVersion);
        QFETCH(int, fleetSecureVersion);
        QFETCH(int, verdict);
        ReleaseReadiness::Facts facts;
        if (fleetSecureVersion >= 0)
            facts.fleetSecureVersion = quint32(fleetSecureVersion);
        const auto item = itemOf(ReleaseReadiness::assess(release(u"2.0.0"_s, quint32(releaseSecureVersion)), facts),
                                 Check::AntiRollback);
        QCOMPARE(int(item.verdict), verdict);
        QVERIFY2(item.finding.contains(QString::number(releaseSecureVersion)), qPrintable(item.finding));
    }

    void fitsSlot_data()
    {
        QTest::addColumn<qint64>("slotBytes"); // 0: not known
        QTest::addColumn<int>("verdict");
        QTest::addRow("fits") << qint64(1280 * 1024) << int(Verdict::Pass);
        QTest::addRow("exactly") << qint64(200 * 1024) << int(Verdict::Pass);
        QTest::addRow("too large") << qint64(100 * 1024) << int(Verdict::Fail);
        QTest::addRow("not known") << qint64(0) << int(Verdict::Warn);
    }
    void fitsSlot()
    {
        QFETCH(qint64, slotBytes);
        QFETCH(int, verdict);
        ReleaseReadiness::Facts facts;
        if (slotBytes > 0)
            facts.otaSlotBytes = slotBytes;
        const auto item = itemOf(ReleaseReadiness::assess(release(u"2.0.0"_s, 1), facts), Check::FitsSlot);
        QCOMPARE(int(item.verdict), verdict);
    }

    void minPreviousVersion()
    {
        const auto set = itemOf(ReleaseReadiness::assess(release(u"2.0.0"_s, 1, u"1.4.0"_s), {}), Check::MinPreviousVersion);
        QCOMPARE(set.verdict, Verdict::Pass);
        QVERIFY(set.finding.contains(u"1.4.0"_s));
        const auto unset = itemOf(ReleaseReadiness::assess(release(u"2.0.0"_s, 1), {}), Check::MinPreviousVersion);
        QCOMPARE(unset.verdict, Verdict::Warn);
        QVERIFY(unset.finding.contains(u"not set"_s));
    }

    void fleetSecureVersionIsTheHighestRunning()
    {
        const QList<Rollout::Release> releases{release(u"1.0.0"_s, 1), release(u"1.1.0"_s, 2), release(u"2.0.0"_s, 5)};
        const Rollout::Device a = device(u"a"_s, u"1.0.0"_s);
        const Rollout::Device b = device(u"b"_s, u"1.1.0"_s);
        const Rollout::Device unknown = device(u"c"_s, u"0.9.0"_s); // runs nothing the server holds
        Rollout::Device other = device(u"d"_s, u"2.0.0"_s);
        other.project = u"other"_s;
        QCOMPARE(ReleaseReadiness::fleetSecureVersion(u"smart-building"_s, releases, {&a, &b, &unknown, &other}),
                 std::optional<quint32>(2));
        QCOMPARE(ReleaseReadiness::fleetSecureVersion(u"smart-building"_s, releases, {&unknown, &other}),
                 std::optional<quint32>());
    }

    void smallestOtaSlotOfTheChip()
    {
        const Rollout::Device big = device(u"a"_s, u"1.0.0"_s, 1310720);
        const Rollout::Device small = device(u"b"_s, u"1.0.0"_s, 1048576);
        const Rollout::Device silent = device(u"c"_s, u"1.0.0"_s);
        QCOMPARE(ReleaseReadiness::smallestOtaSlot(u"esp32"_s, {&big, &small, &silent}), std::optional<qint64>(1048576));
        QCOMPARE(ReleaseReadiness::smallestOtaSlot(u"esp32c3"_s, {&big, &small}), std::optional<qint64>());
        QCOMPARE(ReleaseReadiness::smallestOtaSlot(u"esp32"_s, {&silent}), std::optional<qint64>());
    }

    void secureBootFactsFromImages()
    {
        using TestSupport::Sbv2TestKey;
        const QByteArray data(8192 + 100, '\x5a');
        const QByteArray signedImage =
            TestSupport::signSbv2(data, {Sbv2TestKey::shared(Firmware::SecureBootV2::Scheme::EcdsaP256)});
        const SecureBootFacts good = SecureBootFacts::inspect(signedImage);
        QCOMPARE(good.state, SecureBootFacts::State::Verifies);
        QCOMPARE(good.blocks, 1);
        QCOMPARE(good.scheme, u"ECDSA P-256"_s);
        QCOMPARE(good.keyDigestHex.size(), 64);

        QCOMPARE(SecureBootFacts::inspect(data).state, SecureBootFacts::State::Absent);

        QByteArray tampered = signedImage;
        tampered[10] = '\x00'; // the image changed after it was signed
        const SecureBootFacts broken = SecureBootFacts::inspect(tampered);
        QCOMPARE(broken.state, SecureBootFacts::State::Broken);
        QVERIFY2(broken.message.contains(u"digest"_s), qPrintable(broken.message));
    }
};

QTEST_GUILESS_MAIN(TestReleaseReadiness)
#include "tst_releasereadiness.moc"
