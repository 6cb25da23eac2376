// ESPHome wire helpers: the challenge digest against PROTOCOLS.md 2.4's vectors, gzip round trip.
#include <QTest>

#include "esphome/esphomegzip.h"
#include "esphome/esphomewire.h"

using namespace Esphome;
using namespace Qt::Literals::StringLiterals;

class TestEsphomeWire final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void authResponseVectors_data()
    {
        QTest::addColumn<AuthAlgorithm>("algorithm");
        QTest::addColumn<QByteArray>("nonce");
        QTest::addColumn<QByteArray>("cnonce");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("sha256") << AuthAlgorithm::Sha256 << QByteArray("ab").repeated(32) << QByteArray("cd").repeated(32)
                                << QByteArray("657f1e93e4a0be556ac553080570d10f6775d370d90afc99257cbb8a5067a4cb");
        QTest::newRow("md5") << AuthAlgorithm::Md5 << QByteArray("0123456789abcdef0123456789abcdef")
                             << QByteArray("fedcba9876543210fedcba9876543210")
                             << QByteArray("3e87f922714876a15d7d758b081c3dc8");
    }
    void authResponseVectors()
    {
        QFETCH(AuthAlgorithm, algorithm);
        QFETCH(QByteArray, nonce);
        QFETCH(QByteArray, cnonce);
        QFETCH(QByteArray, expected);
        QCOMPARE(authResponse(algorithm, "admin", nonce, cnonce), expected);
        QCOMPARE(nonce.size(), nonceLength(algorithm));
    }

    void gzipRoundTrip()
    {
        const QByteArray data = QByteArray("ESPHome firmware ").repeated(5000);
        const QByteArray packed = gzip(data);
        QVERIFY(packed.startsWith("\x1F\x8B")); // a gzip member, as the client's gzip.compress makes
        const auto unpacked = gunzip(packed, data.size());
        QVERIFY(unpacked.hasValue());
        QCOMPARE(*unpacked, data);
    }

    void gunzipRefuses_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<qint64>("maxSize");
        const QByteArray packed = gzip(QByteArray(100000, 'x'));
        QTest::newRow("cut short") << packed.left(packed.size() - 4) << qint64(200000);
        QTest::newRow("trailing bytes") << packed + "junk" << qint64(200000);
        QTest::newRow("too large") << packed << qint64(1000);
        QTest::newRow("zlib, not gzip") << qCompress(QByteArray(1000, 'x')).mid(4) << qint64(200000);
    }
    void gunzipRefuses()
    {
        QFETCH(QByteArray, stream);
        QFETCH(qint64, maxSize);
        const auto result = gunzip(stream, maxSize);
        QVERIFY(!result.hasValue());
        QVERIFY(!result.error().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEsphomeWire)
#include "tst_esphomewire.moc"
