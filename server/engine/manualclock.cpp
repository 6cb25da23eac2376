#include "manualclock.h"

namespace Engine
{
    ManualClock::ManualClock(const QDateTime &start) : m_now(start.toUTC()) {}

    void ManualClock::set(const QDateTime &time)
    {
        m_now = time.toUTC();
    }

    void ManualClock::advance(qint64 seconds)
    {
        m_now = m_now.addSecs(seconds);
    }
} // namespace Engine
