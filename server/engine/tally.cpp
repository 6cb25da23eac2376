#include "tally.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    void Tally::add(DeviceState state, FailureType failureType)
    {
        ++byState[std::size_t(state)];
        ++total;
        if (isFailure(state))
            ++failuresByType[failureType];
    }

    int Tally::executed() const
    {
        int n = 0;
        for (int s = 0; s < DeviceStateCount; ++s) {
            if (isExecuted(DeviceState(s)))
                n += byState[std::size_t(s)];
        }
        return n;
    }

    int Tally::finals() const
    {
        int n = 0;
        for (int s = 0; s < DeviceStateCount; ++s) {
            if (isFinal(DeviceState(s)))
                n += byState[std::size_t(s)];
        }
        return n;
    }

    QJsonObject Tally::toJson() const
    {
        QJsonObject out;
        for (int s = 0; s < DeviceStateCount; ++s)
            out.insert(name(DeviceState(s)), byState[std::size_t(s)]);
        out.insert(u"total"_s, total);
        return out;
    }
} // namespace Engine
