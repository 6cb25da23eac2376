#include "clock.h"

namespace Engine
{
    Clock::~Clock() = default;

    QDateTime SystemClock::now() const
    {
        return QDateTime::currentDateTimeUtc();
    }
} // namespace Engine
