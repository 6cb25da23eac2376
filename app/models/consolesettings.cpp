#include "models/consolesettings.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace Models
{
    namespace
    {
        const QString FleetColumnsKey = QStringLiteral("fleet/columnSet");
        const QString RefreshKey = QStringLiteral("connection/refreshSeconds");
        // Shared with the Connect dialog: the Settings page edits the list it offers.
        const QString RecentServersKey = QStringLiteral("connect/recentServers");
        const QString SigningKeyDirKey = QStringLiteral("keys/signingDir");
        const QString PublicKeyDirKey = QStringLiteral("keys/publicDir");
        const QString EspotaPortKey = QStringLiteral("lan/espotaPort");
        const QString PushConcurrencyKey = QStringLiteral("lan/pushConcurrency");
        const QString InterfacesKey = QStringLiteral("lan/discoveryInterfaces");
        const QString LanguageKey = QStringLiteral("ui/language");
        const QString GeometryKey = QStringLiteral("window/geometry");
        const QString WindowStateKey = QStringLiteral("window/state");
        const QString SplitterGroup = QStringLiteral("window/splitters/");

        SettingCheck inRange(int value, int low, int high, const QString &what)
        {
            if (value < low || value > high)
                return ConsoleSettings::tr("%1 must be from %2 to %3 (not %4).").arg(what).arg(low).arg(high).arg(value);
            return Accepted{};
        }

        // The stored value when its check accepts it, else the default: a
        // file edited by hand never hands a widget an unusable value.
        template<typename T, typename Check>
        T acceptedOr(const QSettings &settings, const QString &key, const T &fallback, Check check)
        {
            const T value = settings.value(key, QVariant::fromValue(fallback)).template value<T>();
            return check(value) ? value : fallback;
        }

        template<typename T>
        SettingCheck storeIfAccepted(QSettings &settings, const QString &key, const T &value, SettingCheck check)
        {
            if (check)
                settings.setValue(key, QVariant::fromValue(value));
            return check;
        }

        QString keyLocation(const char *leaf)
        {
            return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QString::fromLatin1(leaf));
        }
    } // namespace

    ConsoleSettings::ConsoleSettings() = default;

    ConsoleSettings::ConsoleSettings(const QString &fileName) : m_settings(fileName, QSettings::IniFormat) {}

    FleetColumnSet ConsoleSettings::fleetColumnSet() const
    {
        const int value = m_settings.value(FleetColumnsKey, int(FleetColumnSet::Health)).toInt();
        // A value written by a newer console falls back to the default.
        if (value < int(FleetColumnSet::Health) || value > int(FleetColumnSet::Network))
            return FleetColumnSet::Health;
        return FleetColumnSet(value);
    }

    void ConsoleSettings::setFleetColumnSet(FleetColumnSet set)
    {
        m_settings.setValue(FleetColumnsKey, int(set));
    }

    int ConsoleSettings::refreshSeconds() const
    {
        return qBound(1, m_settings.value(RefreshKey, DefaultRefreshSeconds).toInt(), MaxRefreshSeconds);
    }

    void ConsoleSettings::setRefreshSeconds(int seconds)
    {
        m_settings.setValue(RefreshKey, qBound(1, seconds, MaxRefreshSeconds));
    }

    SettingCheck ConsoleSettings::checkRefreshSeconds(int seconds)
    {
        return inRange(seconds, 1, MaxRefreshSeconds, tr("The refresh interval in seconds"));
    }

    QList<RememberedServer> ConsoleSettings::rememberedServers() const
    {
        // The Connect dialog's list, each with the CA file last used with it.
        QList<RememberedServer> servers;
        for (const QUrl &url : recentServers())
            servers.append({url, serverCaFile(url)});
        return servers;
    }

    SettingCheck ConsoleSettings::setRememberedServers(const QList<RememberedServer> &servers)
    {
        if (servers.size() > MaxRecentServers)
            return tr("At most %1 servers are remembered; remove one first.").arg(MaxRecentServers);
        for (const RememberedServer &server : servers) {
            if (auto check = checkServer(server); !check)
                return check;
        }
        QStringList urls;
        for (const RememberedServer &server : servers) {
            urls.append(server.url.adjusted(QUrl::StripTrailingSlash).toString());
            setServerCaFile(server.url, server.caFile);
        }
        m_settings.setValue(RecentServersKey, urls);
        return Accepted{};
    }

    SettingCheck ConsoleSettings::checkServer(const RememberedServer &server)
    {
        const QUrl &url = server.url;
        if (!url.isValid() || url.host().isEmpty())
            return tr("\"%1\" is not a server address; enter one like https://ota.example.net:8443.")
                .arg(url.toString());
        if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
            return tr("\"%1\" must start with https:// (or http:// for a server on this machine).").arg(url.toString());
        if (!server.caFile.isEmpty()) {
            const QFileInfo ca(server.caFile);
            if (!ca.isFile() || !ca.isReadable())
                return tr("The CA file %1 cannot be read; choose a PEM file that exists.").arg(server.caFile);
        }
        return Accepted{};
    }

    QString ConsoleSettings::signingKeyDir() const
    {
        return m_settings.value(SigningKeyDirKey, defaultSigningKeyDir()).toString();
    }

    SettingCheck ConsoleSettings::setSigningKeyDir(const QString &dir)
    {
        return storeIfAccepted(m_settings, SigningKeyDirKey, QDir::cleanPath(dir), checkKeyDir(dir));
    }

    QString ConsoleSettings::publicKeyDir() const
    {
        return m_settings.value(PublicKeyDirKey, defaultPublicKeyDir()).toString();
    }

    SettingCheck ConsoleSettings::setPublicKeyDir(const QString &dir)
    {
        return storeIfAccepted(m_settings, PublicKeyDirKey, QDir::cleanPath(dir), checkKeyDir(dir));
    }

    QString ConsoleSettings::defaultSigningKeyDir()
    {
        return keyLocation("signing-keys");
    }

    QString ConsoleSettings::defaultPublicKeyDir()
    {
        return keyLocation("public-keys");
    }

    SettingCheck ConsoleSettings::checkKeyDir(const QString &dir)
    {
        if (dir.trimmed().isEmpty())
            return tr("Enter a folder.");
        // A relative folder would depend on where the console was started.
        if (QDir::isRelativePath(dir))
            return tr("Enter a full path (starting with /), not %1.").arg(dir);
        const QFileInfo info(dir);
        if (info.exists() && !info.isDir())
            return tr("%1 is a file, not a folder.").arg(dir);
        return Accepted{};
    }

    int ConsoleSettings::espotaPort() const
    {
        return acceptedOr(m_settings, EspotaPortKey, int(DefaultEspotaPort), &checkEspotaPort);
    }

    SettingCheck ConsoleSettings::setEspotaPort(int port)
    {
        return storeIfAccepted(m_settings, EspotaPortKey, port, checkEspotaPort(port));
    }

    SettingCheck ConsoleSettings::checkEspotaPort(int port)
    {
        // Below 1024 only root may listen; the console does not run as root.
        return inRange(port, 1024, 65535, tr("The espota port"));
    }

    int ConsoleSettings::pushConcurrency() const
    {
        return acceptedOr(m_settings, PushConcurrencyKey, int(DefaultPushConcurrency), &checkPushConcurrency);
    }

    SettingCheck ConsoleSettings::setPushConcurrency(int devices)
    {
        return storeIfAccepted(m_settings, PushConcurrencyKey, devices, checkPushConcurrency(devices));
    }

    SettingCheck ConsoleSettings::checkPushConcurrency(int devices)
    {
        return inRange(devices, 1, MaxPushConcurrency, tr("Devices pushed at once"));
    }

    QStringList ConsoleSettings::discoveryInterfaces() const
    {
        return acceptedOr(m_settings, InterfacesKey, defaultDiscoveryInterfaces(), &checkDiscoveryInterfaces);
    }

    SettingCheck ConsoleSettings::setDiscoveryInterfaces(const QStringList &interfaces)
    {
        return storeIfAccepted(m_settings, InterfacesKey, interfaces, checkDiscoveryInterfaces(interfaces));
    }

    QStringList ConsoleSettings::defaultDiscoveryInterfaces()
    {
        return {QStringLiteral("lo")};
    }

    SettingCheck ConsoleSettings::checkDiscoveryInterfaces(const QStringList &interfaces)
    {
        if (interfaces.isEmpty())
            return tr("Name at least one interface (lo keeps discovery on this machine).");
        // Linux interface names: at most 15 characters, no spaces or slashes.
        static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9_.:@-]{1,15}$"));
        for (const QString &interface : interfaces) {
            if (!name.match(interface).hasMatch())
                return tr("\"%1\" is not an interface name (like lo, eth0 or wlan0).").arg(interface);
        }
        return Accepted{};
    }

    ConsoleLanguage ConsoleSettings::language() const
    {
        const QString locale = m_settings.value(LanguageKey, localeName(ConsoleLanguage::English)).toString();
        return locale == localeName(ConsoleLanguage::German) ? ConsoleLanguage::German : ConsoleLanguage::English;
    }

    void ConsoleSettings::setLanguage(ConsoleLanguage language)
    {
        m_settings.setValue(LanguageKey, localeName(language));
    }

    QString ConsoleSettings::localeName(ConsoleLanguage language)
    {
        return language == ConsoleLanguage::German ? QStringLiteral("de") : QStringLiteral("en");
    }

    void ConsoleSettings::restoreDefaults()
    {
        for (const QString &key : {RefreshKey, RecentServersKey, SigningKeyDirKey, PublicKeyDirKey, EspotaPortKey,
                                   PushConcurrencyKey, InterfacesKey, LanguageKey})
            m_settings.remove(key);
    }

    QByteArray ConsoleSettings::windowGeometry() const
    {
        return m_settings.value(GeometryKey).toByteArray();
    }

    void ConsoleSettings::setWindowGeometry(const QByteArray &geometry)
    {
        m_settings.setValue(GeometryKey, geometry);
    }

    QByteArray ConsoleSettings::windowState() const
    {
        return m_settings.value(WindowStateKey).toByteArray();
    }

    void ConsoleSettings::setWindowState(const QByteArray &state)
    {
        m_settings.setValue(WindowStateKey, state);
    }

    QByteArray ConsoleSettings::splitterState(const QString &splitter) const
    {
        return m_settings.value(SplitterGroup + splitter).toByteArray();
    }

    void ConsoleSettings::setSplitterState(const QString &splitter, const QByteArray &state)
    {
        m_settings.setValue(SplitterGroup + splitter, state);
    }

    SettingCheck ConsoleSettings::sync()
    {
        m_settings.sync();
        // Also AccessError: a program that set no organisation name (QSettings' rule).
        if (m_settings.status() != QSettings::NoError)
            return tr("The settings could not be saved to %1; is the disk full or the file read-only?")
                .arg(m_settings.fileName());
        return Accepted{};
    }

    namespace
    {
        // One group per server; its URL percent-encoded, so no '/' splits the key.
        QString serverGroup(const QUrl &server)
        {
            return QStringLiteral("connect/servers/")
                   + QString::fromLatin1(QUrl::toPercentEncoding(server.adjusted(QUrl::StripTrailingSlash).toString()));
        }
    } // namespace

    QList<QUrl> ConsoleSettings::recentServers() const
    {
        QList<QUrl> servers;
        for (const QString &text : m_settings.value(RecentServersKey).toStringList()) {
            const QUrl url(text, QUrl::StrictMode);
            if (url.isValid() && !url.host().isEmpty()) // a hand-edited entry that is no URL is left out
                servers.append(url);
        }
        return servers;
    }

    void ConsoleSettings::addRecentServer(const QUrl &server)
    {
        const QString text = server.adjusted(QUrl::StripTrailingSlash).toString();
        QStringList servers = m_settings.value(RecentServersKey).toStringList();
        servers.removeAll(text);
        servers.prepend(text);
        m_settings.setValue(RecentServersKey, servers.mid(0, MaxRecentServers));
    }

    Rollout::CertificatePin ConsoleSettings::pinnedCertificate(const QUrl &server) const
    {
        const QString group = serverGroup(server);
        const QList<QSslCertificate> certificates =
            QSslCertificate::fromData(m_settings.value(group + QStringLiteral("/pinnedCertificate")).toByteArray(), QSsl::Pem);
        if (certificates.isEmpty())
            return Rollout::CertificatePin();
        return {certificates.constFirst(), m_settings.value(group + QStringLiteral("/pinnedAt")).toDateTime().toUTC()};
    }

    void ConsoleSettings::setPinnedCertificate(const QUrl &server, const Rollout::CertificatePin &pin)
    {
        const QString group = serverGroup(server);
        m_settings.setValue(group + QStringLiteral("/pinnedCertificate"), pin.certificate.toPem());
        m_settings.setValue(group + QStringLiteral("/pinnedAt"), pin.acceptedAt.toUTC());
    }

    void ConsoleSettings::removePinnedCertificate(const QUrl &server)
    {
        const QString group = serverGroup(server);
        m_settings.remove(group + QStringLiteral("/pinnedCertificate"));
        m_settings.remove(group + QStringLiteral("/pinnedAt"));
    }

    QString ConsoleSettings::serverCaFile(const QUrl &server) const
    {
        return m_settings.value(serverGroup(server) + QStringLiteral("/caFile")).toString();
    }

    void ConsoleSettings::setServerCaFile(const QUrl &server, const QString &caFile)
    {
        if (caFile.isEmpty())
            m_settings.remove(serverGroup(server) + QStringLiteral("/caFile"));
        else
            m_settings.setValue(serverGroup(server) + QStringLiteral("/caFile"), caFile);
    }

    namespace
    {
        const QString CellularPriceKey = QStringLiteral("rollouts/cellularPricePerMb");
    } // namespace

    double ConsoleSettings::cellularPricePerMb() const
    {
        bool ok = false;
        const double price = m_settings.value(CellularPriceKey, 0.0).toDouble(&ok);
        // An unreadable or out-of-range value is no price, not a credit.
        return ok && price >= 0 && price <= MaxCellularPricePerMb ? price : 0.0;
    }

    bool ConsoleSettings::setCellularPricePerMb(double price)
    {
        if (!(price >= 0 && price <= MaxCellularPricePerMb)) // NaN fails both
            return false;
        m_settings.setValue(CellularPriceKey, price);
        return true;
    }
} // namespace Models
