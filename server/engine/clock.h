#pragma once

#include <QDateTime>

namespace Engine
{
    // Where the engine reads the time. Everything time-driven (per-device
    // timeouts, soak, windows) asks a Clock, so tests replay days in
    // milliseconds with a ManualClock.
    class Clock
    {
    public:
        virtual ~Clock();
        virtual QDateTime now() const = 0; // UTC
    };

    class SystemClock final : public Clock
    {
    public:
        QDateTime now() const override;
    };
} // namespace Engine
