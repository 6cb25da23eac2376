#pragma once

#include <optional>

#include <QString>

namespace Models
{
    // Durations as operators write them in the console: "30s", "15 min",
    // "24h", "7d", "1h 30min". A bare number is refused because "24" could
    // mean seconds (the API) or hours (the case study's tables).
    struct DurationText
    {
        // nullopt when text is not such a duration.
        static std::optional<qint64> parseSeconds(const QString &text);
        // "24 h", "1 h 30 min", "45 s", "0 s"; at most the two largest units.
        static QString format(qint64 seconds);
    };
} // namespace Models
