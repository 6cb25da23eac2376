#pragma once

#include "clock.h"

namespace Engine
{
    // A clock that only moves when told to: set() or advance().
    class ManualClock final : public Clock
    {
    public:
        explicit ManualClock(const QDateTime &start);

        QDateTime now() const override { return m_now; }
        void set(const QDateTime &time);
        void advance(qint64 seconds);

    private:
        QDateTime m_now;
    };
} // namespace Engine
