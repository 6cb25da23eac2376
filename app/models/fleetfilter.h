#pragma once

#include <QString>

#include "result.h"

namespace Models
{
    // What the Fleet page shows, as its drop-downs and search field set it,
    // and as a short text other pages ask for ("version:2.3.1 health:failing").
    struct FleetFilter
    {
        enum class Health
        {
            Any,
            Healthy,     // every reported check passed
            Failing,     // at least one check failed
            NotReported, // no checks reported (yet)
        };
        enum class Liveness
        {
            Any,
            OnTime,    // seen, next check-in not yet due
            Overdue,   // missed its expected check-in
            NeverSeen, // enrolled, never checked in
        };

        QString text;         // id, version, chip, board, project or tag contains it
        QString version;      // exact; empty: any
        QString rolloutState; // SCHEDULED .. CANCELED, NoRollout, or empty: any
        Health health = Health::Any;
        Liveness liveness = Liveness::Any;

        static constexpr QStringView NoRollout = u"NONE";

        bool operator==(const FleetFilter &) const = default;

        // Words separated by spaces: "version:V", "state:S" (or "state:none"),
        // "health:healthy|failing|unreported", "seen:ontime|overdue|never";
        // any other word is searched for as text. An unknown value of a known
        // key is an error saying which values it takes.
        static Result<FleetFilter, QString> parse(const QString &words);
        QString toString() const;
    };
} // namespace Models
