#include "scaledclock.h"

#include <cmath>

namespace Engine
{
    ScaledClock::ScaledClock(double scale, const QDateTime &start)
        : m_scale(scale)
        , m_start(start.toUTC())
    {
        m_elapsed.start();
    }

    QDateTime ScaledClock::now() const
    {
        if (m_scale == 1.0)
            return QDateTime::currentDateTimeUtc();
        return m_start.addMSecs(std::llround(double(m_elapsed.elapsed()) * m_scale));
    }
} // namespace Engine
