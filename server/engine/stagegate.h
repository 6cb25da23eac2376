#pragma once

#include <QString>

#include "stagespec.h"
#include "tally.h"

namespace Engine
{
    // The gate math of a stage whose devices are all final: over the executed
    // devices (SUCCEEDED, FAILED, ROLLED_BACK, TIMED_OUT, REJECTED; never
    // ALREADY_INSTALLED or CANCELED), success rate = SUCCEEDED / executed and
    // rollback rate = ROLLED_BACK / executed. It passes when success rate >=
    // minSuccessRate and, if set, rollback rate <= maxRollbackRate. A stage
    // with nothing executed passes.
    struct GateVerdict
    {
        bool passed = true;
        int executed = 0;
        double successRate = 1.0;
        double rollbackRate = 0.0;
        QString text; // "stage 2 (pilot): success rate 98.4% (492 of 500) meets the minimum 98.0%; ..."

        static GateVerdict evaluate(const StageSpec &stage, const QString &where, const Tally &tally);
    };
} // namespace Engine
