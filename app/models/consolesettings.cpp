#include "models/consolesettings.h"

namespace Models
{
    namespace
    {
        const QString FleetColumnsKey = QStringLiteral("fleet/columnSet");
        const QString RefreshKey = QStringLiteral("connection/refreshSeconds");
        constexpr int DefaultRefreshSeconds = 5;
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
        return qMax(1, m_settings.value(RefreshKey, DefaultRefreshSeconds).toInt());
    }

    void ConsoleSettings::setRefreshSeconds(int seconds)
    {
        m_settings.setValue(RefreshKey, qMax(1, seconds));
    }
} // namespace Models
