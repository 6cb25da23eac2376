// Models::ConsoleSettings: every key's default, a round trip through the
// INI file, and the values each check refuses (nothing is stored then).
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "models/consolesettings.h"

using namespace Qt::Literals::StringLiterals;
using Models::ConsoleLanguage;
using Models::ConsoleSettings;
using Models::RememberedServer;

class TestConsoleSettings : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_serial = 0;

    QString freshFile() { return m_dir.filePath(u"settings-%1.ini"_s.arg(++m_serial)); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void everyKeyHasItsDefault()
    {
        const ConsoleSettings settings(freshFile());
        QCOMPARE(settings.fleetColumnSet(), Models::FleetColumnSet::Health);
        QCOMPARE(settings.refreshSeconds(), 5);
        QVERIFY(settings.rememberedServers().isEmpty());
        QCOMPARE(settings.signingKeyDir(), ConsoleSettings::defaultSigningKeyDir());
        QCOMPARE(settings.publicKeyDir(), ConsoleSettings::defaultPublicKeyDir());
        QVERIFY(QDir::isAbsolutePath(settings.signingKeyDir()));
        QVERIFY(settings.signingKeyDir() != settings.publicKeyDir());
        QCOMPARE(settings.espotaPort(), 3232);
        QCOMPARE(settings.pushConcurrency(), 4);
        QCOMPARE(settings.discoveryInterfaces(), QStringList{u"lo"_s});
        QCOMPARE(settings.language(), ConsoleLanguage::English);
        QVERIFY(settings.windowGeometry().isEmpty());
        QVERIFY(settings.windowState().isEmpty());
        QVERIFY(settings.splitterState(u"audit"_s).isEmpty());
    }

    void valuesSurviveARoundTrip()
    {
        const QString file = freshFile();
        const QString ca = m_dir.filePath(u"ca.pem"_s);
        QFile caFile(ca);
        QVERIFY(caFile.open(QIODevice::WriteOnly));
        caFile.write("-----BEGIN CERTIFICATE-----\n");
        caFile.close();
        const QList<RememberedServer> servers{{QUrl(u"https://ota.example.net:8443"_s), ca},
                                              {QUrl(u"http://127.0.0.1:8080"_s), QString()}};
        {
            ConsoleSettings settings(file);
            settings.setFleetColumnSet(Models::FleetColumnSet::Network);
            settings.setRefreshSeconds(12);
            QVERIFY(settings.setRememberedServers(servers));
            QVERIFY(settings.setSigningKeyDir(u"/srv/keys/signing"_s));
            // The Connect dialog's list is the same one.
            QCOMPARE(settings.recentServers(), (QList<QUrl>{servers.at(0).url, servers.at(1).url}));
            QCOMPARE(settings.serverCaFile(servers.at(0).url), ca);
            QVERIFY(settings.setPublicKeyDir(u"/srv/keys/public/"_s));
            QVERIFY(settings.setEspotaPort(40000));
            QVERIFY(settings.setPushConcurrency(16));
            QVERIFY(settings.setDiscoveryInterfaces({u"eth0"_s, u"wlan0"_s}));
            settings.setLanguage(ConsoleLanguage::German);
            settings.setWindowGeometry("geometry-bytes");
            settings.setWindowState("state-bytes");
            settings.setSplitterState(u"audit"_s, "audit-splitter");
            settings.setSplitterState(u"fleet"_s, "fleet-splitter");
            QVERIFY(settings.sync());
        }
        const ConsoleSettings settings(file);
        QCOMPARE(settings.fleetColumnSet(), Models::FleetColumnSet::Network);
        QCOMPARE(settings.refreshSeconds(), 12);
        QCOMPARE(settings.rememberedServers(), servers);
        QCOMPARE(settings.signingKeyDir(), u"/srv/keys/signing"_s);
        QCOMPARE(settings.publicKeyDir(), u"/srv/keys/public"_s);
        QCOMPARE(settings.espotaPort(), 40000);
        QCOMPARE(settings.pushConcurrency(), 16);
        QCOMPARE(settings.discoveryInterfaces(), (QStringList{u"eth0"_s, u"wlan0"_s}));
        QCOMPARE(settings.language(), ConsoleLanguage::German);
        QCOMPARE(ConsoleSettings::localeName(settings.language()), u"de"_s);
        QCOMPARE(settings.windowGeometry(), QByteArray("geometry-bytes"));
        QCOMPARE(settings.windowState(), QByteArray("state-bytes"));
        QCOMPARE(settings.splitterState(u"audit"_s), QByteArray("audit-splitter"));
        QCOMPARE(settings.splitterState(u"fleet"_s), QByteArray("fleet-splitter"));
    }

    void restoreDefaultsKeepsTheWindowLayout()
    {
        ConsoleSettings settings(freshFile());
        QVERIFY(settings.setEspotaPort(40000));
        QVERIFY(settings.setDiscoveryInterfaces({u"eth0"_s}));
        settings.setLanguage(ConsoleLanguage::German);
        settings.setRefreshSeconds(30);
        settings.setWindowGeometry("geometry-bytes");
        settings.setFleetColumnSet(Models::FleetColumnSet::Firmware);
        settings.restoreDefaults();
        QCOMPARE(settings.espotaPort(), 3232);
        QCOMPARE(settings.discoveryInterfaces(), QStringList{u"lo"_s});
        QCOMPARE(settings.language(), ConsoleLanguage::English);
        QCOMPARE(settings.refreshSeconds(), 5);
        QCOMPARE(settings.windowGeometry(), QByteArray("geometry-bytes"));
        QCOMPARE(settings.fleetColumnSet(), Models::FleetColumnSet::Firmware);
    }

    void badValuesAreRefusedAndNotStored_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("messagePart");
        QTest::addRow("port 0") << u"port"_s << QVariant(0) << u"from 1024 to 65535"_s;
        QTest::addRow("port 80 (root only)") << u"port"_s << QVariant(80) << u"from 1024 to 65535"_s;
        QTest::addRow("port 70000") << u"port"_s << QVariant(70000) << u"(not 70000)"_s;
        QTest::addRow("no concurrency") << u"concurrency"_s << QVariant(0) << u"from 1 to 64"_s;
        QTest::addRow("too much concurrency") << u"concurrency"_s << QVariant(500) << u"from 1 to 64"_s;
        QTest::addRow("no interface") << u"interfaces"_s << QVariant(QStringList{}) << u"at least one"_s;
        QTest::addRow("interface with a space") << u"interfaces"_s << QVariant(QStringList{u"eth 0"_s})
                                                << u"\"eth 0\" is not an interface name"_s;
        QTest::addRow("interface name too long") << u"interfaces"_s << QVariant(QStringList{u"abcdefghijklmnop"_s})
                                                 << u"is not an interface name"_s;
        QTest::addRow("relative key folder") << u"signingDir"_s << QVariant(u"keys"_s) << u"full path"_s;
        QTest::addRow("empty key folder") << u"publicDir"_s << QVariant(u" "_s) << u"Enter a folder"_s;
        QTest::addRow("key folder is a file") << u"publicDir"_s << QVariant(u"/etc/hostname"_s) << u"is a file"_s;
        QTest::addRow("server without host") << u"server"_s << QVariant(u"https://"_s) << u"not a server address"_s;
        QTest::addRow("server with ftp") << u"server"_s << QVariant(u"ftp://ota.example.net"_s) << u"https://"_s;
        QTest::addRow("server with a missing CA") << u"serverCa"_s << QVariant(u"/nonexistent/ca.pem"_s)
                                                  << u"cannot be read"_s;
        QTest::addRow("nine servers") << u"servers"_s << QVariant(9) << u"At most 8 servers"_s;
        QTest::addRow("refresh 0") << u"refresh"_s << QVariant(0) << u"from 1 to 3600"_s;
    }

    void badValuesAreRefusedAndNotStored()
    {
        QFETCH(QString, key);
        QFETCH(QVariant, value);
        QFETCH(QString, messagePart);
        const QString file = freshFile();
        ConsoleSettings settings(file);
        Models::SettingCheck check = Models::Accepted{};
        if (key == u"port")
            check = settings.setEspotaPort(value.toInt());
        else if (key == u"concurrency")
            check = settings.setPushConcurrency(value.toInt());
        else if (key == u"interfaces")
            check = settings.setDiscoveryInterfaces(value.toStringList());
        else if (key == u"signingDir")
            check = settings.setSigningKeyDir(value.toString());
        else if (key == u"publicDir")
            check = settings.setPublicKeyDir(value.toString());
        else if (key == u"server")
            check = settings.setRememberedServers({{QUrl(value.toString()), QString()}});
        else if (key == u"serverCa")
            check = settings.setRememberedServers({{QUrl(u"https://ota.example.net"_s), value.toString()}});
        else if (key == u"servers") {
            QList<RememberedServer> many;
            for (int i = 0; i < value.toInt(); ++i)
                many.append({QUrl(u"https://ota-%1.example.net"_s.arg(i)), QString()});
            check = settings.setRememberedServers(many);
        } else if (key == u"refresh")
            check = ConsoleSettings::checkRefreshSeconds(value.toInt());
        QVERIFY(!check);
        QVERIFY2(check.error().contains(messagePart), qPrintable(check.error()));
        QVERIFY(settings.sync());
        // Refused means nothing was written: the file holds no key at all.
        const ConsoleSettings reread(file);
        QCOMPARE(reread.espotaPort(), 3232);
        QCOMPARE(reread.pushConcurrency(), 4);
        QCOMPARE(reread.discoveryInterfaces(), QStringList{u"lo"_s});
        QCOMPARE(reread.signingKeyDir(), ConsoleSettings::defaultSigningKeyDir());
        QCOMPARE(reread.publicKeyDir(), ConsoleSettings::defaultPublicKeyDir());
        QVERIFY(reread.rememberedServers().isEmpty());
    }

    void valuesEditedByHandFallBackToDefaults()
    {
        const QString file = freshFile();
        {
            QSettings raw(file, QSettings::IniFormat);
            raw.setValue(u"lan/espotaPort"_s, 12);
            raw.setValue(u"lan/pushConcurrency"_s, u"many"_s);
            raw.setValue(u"lan/discoveryInterfaces"_s, QStringList{u"not an interface"_s});
            raw.setValue(u"ui/language"_s, u"fr"_s);
            raw.setValue(u"connection/refreshSeconds"_s, -4);
        }
        const ConsoleSettings settings(file);
        QCOMPARE(settings.espotaPort(), 3232);
        QCOMPARE(settings.pushConcurrency(), 4);
        QCOMPARE(settings.discoveryInterfaces(), QStringList{u"lo"_s});
        QCOMPARE(settings.language(), ConsoleLanguage::English);
        QCOMPARE(settings.refreshSeconds(), 1);
    }
};

QTEST_GUILESS_MAIN(TestConsoleSettings)
#include "tst_consolesettings.moc"
