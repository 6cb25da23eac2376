#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "result.h"
#include "rollout/certificatepin.h"

namespace Models
{
    // Which columns the Fleet page shows: one set per question an operator asks.
    enum class FleetColumnSet
    {
        Health,   // is it well: health, battery, last seen
        Firmware, // what runs: version, slot, chip, board, project
        Network,  // can we reach it: RSSI, last seen, tags
    };

    // The languages the console is translated into.
    enum class ConsoleLanguage
    {
        English,
        German,
    };

    // A server the console remembers, with the CA that signs its certificate
    // when it is a private one (empty: the system's CAs).
    struct RememberedServer
    {
        QUrl url;
        QString caFile;

        friend bool operator==(const RememberedServer &, const RememberedServer &) = default;
    };

    // A value was accepted; the error side of SettingCheck says why not.
    struct Accepted
    {
    };
    using SettingCheck = Result<Accepted, QString>;

    // The console's remembered choices, with typed keys and defaults, so no
    // widget spells a QSettings key or guesses a default itself. Each setter
    // that can refuse checks its value first and stores nothing when the
    // check fails; the check's message says what to enter instead.
    class ConsoleSettings
    {
        Q_DECLARE_TR_FUNCTIONS(Models::ConsoleSettings)

    public:
        static constexpr int DefaultRefreshSeconds = 5;
        static constexpr int MaxRefreshSeconds = 3600;
        static constexpr int DefaultEspotaPort = 3232;
        static constexpr int DefaultPushConcurrency = 4;
        static constexpr int MaxPushConcurrency = 64;

        ConsoleSettings(); // the user's settings (organisation/application names)
        explicit ConsoleSettings(const QString &fileName); // an INI file, for tests

        FleetColumnSet fleetColumnSet() const;
        void setFleetColumnSet(FleetColumnSet set);

        // Seconds between polls of the server; at least 1.
        int refreshSeconds() const;
        void setRefreshSeconds(int seconds); // clamps to 1..MaxRefreshSeconds
        static SettingCheck checkRefreshSeconds(int seconds);

        // The servers the Connect dialog offers (its recent servers, latest
        // first), each with its CA file; at most MaxRecentServers.
        QList<RememberedServer> rememberedServers() const;
        SettingCheck setRememberedServers(const QList<RememberedServer> &servers);
        static SettingCheck checkServer(const RememberedServer &server);

        // Where the signing keys (PEM, private) and the public keys to verify
        // images against are looked for first.
        QString signingKeyDir() const;
        SettingCheck setSigningKeyDir(const QString &dir);
        QString publicKeyDir() const;
        SettingCheck setPublicKeyDir(const QString &dir);
        static QString defaultSigningKeyDir();
        static QString defaultPublicKeyDir();
        static SettingCheck checkKeyDir(const QString &dir);

        // The local port ArduinoOTA devices connect back to for the image.
        int espotaPort() const;
        SettingCheck setEspotaPort(int port);
        static SettingCheck checkEspotaPort(int port);

        // How many LAN devices one push job sends to at once.
        int pushConcurrency() const;
        SettingCheck setPushConcurrency(int devices);
        static SettingCheck checkPushConcurrency(int devices);

        // Network interfaces LAN discovery listens on; only the loopback by
        // default, so nothing is announced on a network the user did not choose.
        QStringList discoveryInterfaces() const;
        SettingCheck setDiscoveryInterfaces(const QStringList &interfaces);
        static QStringList defaultDiscoveryInterfaces();
        static SettingCheck checkDiscoveryInterfaces(const QStringList &interfaces);

        // Read at start: a change applies at the next start.
        ConsoleLanguage language() const;
        void setLanguage(ConsoleLanguage language);
        static QString localeName(ConsoleLanguage language); // "en", "de"

        // The Settings page's keys back to their defaults (the window layout
        // and the Fleet column set stay as they are).
        void restoreDefaults();

        // Window layout from QWidget::saveGeometry(), QMainWindow::saveState()
        // and QSplitter::saveState(); empty when never saved.
        QByteArray windowGeometry() const;
        void setWindowGeometry(const QByteArray &geometry);
        QByteArray windowState() const;
        void setWindowState(const QByteArray &state);
        // One per splitter, by a name the window gives it ("fleet", "audit").
        QByteArray splitterState(const QString &splitter) const;
        void setSplitterState(const QString &splitter, const QByteArray &state);

        // Whether the settings reached the disk (after sync()).
        SettingCheck sync();

        // Servers connected to, the latest first (at most MaxRecentServers).
        static constexpr int MaxRecentServers = 8;
        QList<QUrl> recentServers() const;
        void addRecentServer(const QUrl &server);

        // The certificate the operator accepted for a server (not a secret);
        // a null pin when none.
        Rollout::CertificatePin pinnedCertificate(const QUrl &server) const;
        void setPinnedCertificate(const QUrl &server, const Rollout::CertificatePin &pin);
        void removePinnedCertificate(const QUrl &server);

        // The CA file last used with a server (empty: the system's CAs).
        QString serverCaFile(const QUrl &server) const;
        void setServerCaFile(const QUrl &server, const QString &caFile);

        // What a metered (cellular) link charges per MB, for the New-rollout
        // dialog's cost estimate; 0: no price set, no cost shown. A price
        // outside 0..MaxCellularPricePerMb is not stored (false).
        static constexpr double MaxCellularPricePerMb = 1000.0; // above: a price per GB or in cents, a typo
        double cellularPricePerMb() const;
        bool setCellularPricePerMb(double price);

    private:
        mutable QSettings m_settings; // reading an array moves its group
    };
} // namespace Models
