// Certificate pins: the fingerprint as openssl prints it, a match, and the
// message a changed certificate gets; the pin kept in ConsoleSettings.
#include <QTemporaryDir>
#include <QTest>

#include "models/consolesettings.h"
#include "rollout/certificatepin.h"
#include "rollout/serverendpoint.h"
#include "selfsignedcert.h"

using namespace Qt::Literals::StringLiterals;
using Rollout::CertificatePin;

class TestCertificatePin : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QSslCertificate m_first;
    QSslCertificate m_second;

private Q_SLOTS:
    void initTestCase()
    {
        if (!TestSupport::OpenSslCli::available())
            QSKIP("the openssl command-line tool is not installed");
        QVERIFY(m_dir.isValid());
        QString error;
        m_first = TestSupport::makeSelfSignedCertificate(m_dir.path(), u"first"_s, &error);
        QVERIFY2(!m_first.isNull(), qPrintable(error));
        m_second = TestSupport::makeSelfSignedCertificate(m_dir.path(), u"second"_s, &error);
        QVERIFY2(!m_second.isNull(), qPrintable(error));
    }

    void fingerprintIsOpensslsSha256()
    {
        const auto run = TestSupport::OpenSslCli::run(m_dir.path(), {u"x509"_s, u"-noout"_s, u"-fingerprint"_s,
                                                                     u"-sha256"_s, u"-in"_s, u"first.pem"_s});
        QVERIFY(run.succeeded());
        // "sha256 Fingerprint=AB:CD:..." (the prefix's spelling varies between versions)
        const QString expected = QString::fromLatin1(run.output.trimmed()).section(u'=', 1);
        QCOMPARE(CertificatePin::fingerprint(m_first), expected);
        QCOMPARE(expected.size(), 32 * 3 - 1);
    }

    void samePeerMatches()
    {
        const CertificatePin pin{m_first, QDateTime::currentDateTimeUtc()};
        QVERIFY(pin.matches(m_first));
        QVERIFY(pin.mismatch(m_first, u"https://127.0.0.1:8443"_s).isEmpty());
        // The same certificate read again (another object, same DER) still matches.
        QVERIFY(pin.matches(QSslCertificate(m_first.toPem(), QSsl::Pem)));
    }

    void changedPeerIsRefusedWithBothFingerprints()
    {
        const CertificatePin pin{m_first, QDateTime(QDate(2026, 11, 3), QTime(9, 15), Qt::UTC)};
        QVERIFY(!pin.matches(m_second));
        const QString message = pin.mismatch(m_second, u"https://127.0.0.1:8443"_s);
        QVERIFY2(message.contains(u"the certificate of https://127.0.0.1:8443 changed since you accepted it on 2026-11-03 09:15 UTC"_s),
                 qPrintable(message));
        QVERIFY(message.contains(u"pinned SHA-256 "_s + CertificatePin::fingerprint(m_first)));
        QVERIFY(message.contains(u"now "_s + CertificatePin::fingerprint(m_second)));
        QVERIFY(message.contains(u"remove the pin in Settings"_s));
    }

    void noPeerCertificateIsRefused()
    {
        const CertificatePin pin{m_first, QDateTime::currentDateTimeUtc()};
        QVERIFY(!pin.matches(QSslCertificate()));
        QVERIFY(pin.mismatch(QSslCertificate(), u"https://h:1"_s).contains(u"no certificate at all"_s));
        QVERIFY(!CertificatePin().matches(m_first)); // no pin matches nothing
    }

    void pinningTrustsTheCertificateOnce()
    {
        Rollout::ServerEndpoint endpoint;
        const CertificatePin pin{m_first, QDateTime::currentDateTimeUtc()};
        endpoint.pinCertificate(pin);
        endpoint.pinCertificate(pin);
        QCOMPARE(endpoint.caCertificates, QList<QSslCertificate>{m_first});
        QVERIFY(endpoint.pin.matches(m_first));
    }

    void settingsKeepThePinPerServer()
    {
        const QString file = m_dir.filePath(u"settings.ini"_s);
        const QUrl server(u"https://127.0.0.1:8443"_s);
        const QDateTime acceptedAt(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC);
        {
            Models::ConsoleSettings settings(file);
            QVERIFY(settings.pinnedCertificate(server).isNull());
            settings.setPinnedCertificate(server, {m_first, acceptedAt});
            settings.addRecentServer(server);
            settings.addRecentServer(QUrl(u"http://127.0.0.1:8080"_s));
            settings.addRecentServer(server); // moves to the front, once
        }
        Models::ConsoleSettings settings(file);
        const CertificatePin pin = settings.pinnedCertificate(server);
        QVERIFY(pin.matches(m_first));
        QCOMPARE(pin.acceptedAt, acceptedAt);
        QVERIFY(settings.pinnedCertificate(QUrl(u"https://127.0.0.1:9443"_s)).isNull());
        QCOMPARE(settings.recentServers(), (QList<QUrl>{server, QUrl(u"http://127.0.0.1:8080"_s)}));
        settings.removePinnedCertificate(server);
        QVERIFY(settings.pinnedCertificate(server).isNull());
    }
};

QTEST_GUILESS_MAIN(TestCertificatePin)
#include "tst_certificatepin.moc"
