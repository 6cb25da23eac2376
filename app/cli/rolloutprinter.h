#pragma once

#include "rollout/rolloutdetail.h"
#include "rollout/rolloutpreview.h"
#include "rollout/rolloutsummary.h"

namespace Cli
{
    // The rollout verbs' text output: a summary with a table of its stages
    // and their counts, a whole record, a preview, and the one-line form
    // `rollout watch` prints as counts change.
    namespace RolloutPrinter
    {
        // "SUCCEEDED 3, DOWNLOADING 1" (states with devices, in update order), or "no devices".
        QString countsText(const Rollout::StateCounts &counts);
        void printSummary(const Rollout::RolloutSummary &summary);
        void printDetail(const Rollout::RolloutDetail &detail);
        void printPreview(const Rollout::RolloutPreview &preview);
        // "RUNNING stage 2/3 | canary PASSED: SUCCEEDED 1 | pilot ACTIVE: DOWNLOADING 2 | full PENDING: SCHEDULED 2"
        QString watchLine(const Rollout::RolloutSummary &summary);
    } // namespace RolloutPrinter
} // namespace Cli
