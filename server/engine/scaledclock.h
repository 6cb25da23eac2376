#pragma once

#include <QElapsedTimer>

#include "clock.h"

namespace Engine
{
    // Real time from a starting point, running `scale` times faster: a
    // demo or test replays an 11-day rollout (24 h soaks, per-device
    // timeouts, windows) in minutes. Scale 1 is the system clock.
    class ScaledClock final : public Clock
    {
    public:
        explicit ScaledClock(double scale, const QDateTime &start = QDateTime::currentDateTimeUtc());

        QDateTime now() const override;
        double scale() const { return m_scale; }

    private:
        double m_scale;
        QDateTime m_start;
        QElapsedTimer m_elapsed;
    };
} // namespace Engine
