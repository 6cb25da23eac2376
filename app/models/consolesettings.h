#pragma once

#include <QSettings>

namespace Models
{
    // Which columns the Fleet page shows: one set per question an operator asks.
    enum class FleetColumnSet
    {
        Health,   // is it well: health, battery, last seen
        Firmware, // what runs: version, slot, chip, board, project
        Network,  // can we reach it: RSSI, last seen, tags
    };

    // The console's remembered choices, with typed keys and defaults, so no
    // widget spells a QSettings key or guesses a default itself.
    class ConsoleSettings
    {
    public:
        ConsoleSettings(); // the user's settings (organisation/application names)
        explicit ConsoleSettings(const QString &fileName); // an INI file, for tests

        FleetColumnSet fleetColumnSet() const;
        void setFleetColumnSet(FleetColumnSet set);

        // Seconds between polls of the server; at least 1.
        int refreshSeconds() const;
        void setRefreshSeconds(int seconds);

    private:
        QSettings m_settings;
    };
} // namespace Models
