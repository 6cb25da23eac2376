#include "stagegate.h"

#include "enginetext.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    GateVerdict GateVerdict::evaluate(const StageSpec &stage, const QString &where, const Tally &tally)
    {
        GateVerdict verdict;
        verdict.executed = tally.executed();
        if (verdict.executed == 0) {
            verdict.text = where + u": no device of the stage needed the update; the gate passes";
            return verdict;
        }
        const int succeeded = tally.of(DeviceState::Succeeded);
        const int rolledBack = tally.of(DeviceState::RolledBack);
        verdict.successRate = double(succeeded) / verdict.executed;
        verdict.rollbackRate = double(rolledBack) / verdict.executed;
        const QString of = u" of "_s + Text::count(verdict.executed) + u')';

        const bool successOk = verdict.successRate >= stage.minSuccessRate - 1e-12;
        QStringList parts{u"success rate "_s + Text::percent(verdict.successRate) + u" (" + Text::count(succeeded) + of
                          + (successOk ? u" meets the minimum "_s : u" is below the minimum "_s)
                          + Text::percent(stage.minSuccessRate)};
        bool rollbackOk = true;
        if (stage.maxRollbackRate) {
            rollbackOk = verdict.rollbackRate <= *stage.maxRollbackRate + 1e-12;
            parts.append(u"rollback rate "_s + Text::percent(verdict.rollbackRate) + u" (" + Text::count(rolledBack) + of
                         + (rollbackOk ? u" is within the maximum "_s : u" is above the maximum "_s)
                         + Text::percent(*stage.maxRollbackRate));
        }
        verdict.passed = successOk && rollbackOk;
        verdict.text = where + (verdict.passed ? u": gate passed: "_s : u": gate failed: "_s) + parts.join(u"; ");
        return verdict;
    }
} // namespace Engine
