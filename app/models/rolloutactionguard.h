#pragma once

#include <QString>

#include "rollout/rolloutsapi.h"
#include "rollout/rolloutsummary.h"

namespace Models
{
    // Which action a rollout's state allows, by the engine's guards
    // (docs/server-api.md, "Rollout actions"), so the console can disable a
    // button and say why before the server would refuse it. The server still
    // decides: this only mirrors its table.
    //
    // Empty when the state allows the action; else why not, for a tooltip.
    QString actionRefusal(const Rollout::RolloutSummary &rollout, Rollout::RolloutAction action);
} // namespace Models
