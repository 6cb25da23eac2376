#pragma once

#include <QString>

#include "deviceentry.h"
#include "devicereport.h"
#include "result.h"
#include "rolloutspec.h"

namespace Engine
{
    // The device state machine: what a device's report does to its entry in
    // a rollout that runs, is paused, stopped or finished. Private to the
    // engine; the rules are the table in docs/rollout-engine.md.
    namespace DeviceTransitions
    {
        struct Outcome
        {
            DeviceState to = DeviceState::Scheduled;
            FailureType failureType = FailureType::None;
            QString detail;
            bool unchanged = false; // a repeat of the current state: nothing to record
        };

        // The new state, or why the report is refused (a sentence naming
        // both states and what the device may report instead).
        Result<Outcome, QString> apply(const DeviceEntry &entry, const DeviceReport &report, const RolloutSpec &spec);
    } // namespace DeviceTransitions
} // namespace Engine
