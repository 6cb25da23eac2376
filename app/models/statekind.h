#pragma once

#include <QString>

namespace Models
{
    // The console's one vocabulary of states (CONSOLE.md): every device,
    // rollout and stage state maps to one of these kinds, and the UI draws a
    // kind as icon + word + colour, never colour alone.
    enum class StateKind
    {
        Good,    // finished, healthy, passed
        Moving,  // something is in progress
        Waiting, // paused, soaking, scheduled, waiting for a person
        Bad,     // failed, unhealthy, overdue
        Undone,  // rolled back, stopped, canceled
        Unknown, // never reported, or a state this client does not know
    };

    // The kind of a rollout, stage or device state name as the server sends it.
    StateKind stateKindOf(const QString &stateName);
} // namespace Models
