#include "agentscheduler.h"

#include <cmath>

namespace Simulator
{
    namespace
    {
        // Callbacks run per timer event at most: a due burst of thousands
        // still lets sockets and signals through between batches.
        constexpr int BatchSize = 200;
    } // namespace

    AgentScheduler::AgentScheduler(double timeScale, QObject *parent) : QObject(parent), m_timeScale(timeScale)
    {
        m_clock.start();
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &AgentScheduler::fire);
    }

    double AgentScheduler::now() const
    {
        return double(realNowMs()) * m_timeScale / 1000.0;
    }

    void AgentScheduler::after(double simulatedSeconds, std::function<void()> fn)
    {
        const qint64 delayMs = qint64(std::llround(std::max(0.0, simulatedSeconds) * 1000.0 / m_timeScale));
        m_due.emplace(realNowMs() + delayMs, std::move(fn));
        arm();
    }

    void AgentScheduler::fire()
    {
        const qint64 now = realNowMs();
        for (int i = 0; i < BatchSize && !m_due.empty() && m_due.begin()->first <= now; ++i) {
            auto node = m_due.extract(m_due.begin());
            node.mapped()(); // may schedule more
        }
        arm();
    }

    void AgentScheduler::arm()
    {
        if (m_due.empty()) {
            m_timer.stop();
            return;
        }
        const qint64 wait = std::max<qint64>(0, m_due.begin()->first - realNowMs());
        if (!m_timer.isActive() || m_timer.remainingTime() > wait)
            m_timer.start(int(std::min<qint64>(wait, 24 * 3600 * 1000)));
    }
} // namespace Simulator
