#pragma once

#include <functional>
#include <map>

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace Simulator
{
    // Simulated time for every agent, and one timer for all of them: a
    // queue of callbacks ordered by when they are due, with a single QTimer
    // set to the earliest. 5,000 agents cost one timer, not 5,000.
    // Simulated time runs timeScale times faster than real time.
    class AgentScheduler final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(AgentScheduler)

    public:
        explicit AgentScheduler(double timeScale, QObject *parent = nullptr);

        double timeScale() const { return m_timeScale; }
        // Simulated seconds since the scheduler was made.
        double now() const;
        // Calls fn once, simulatedSeconds from now. Callers that may no longer
        // want it check a generation number of their own inside fn.
        void after(double simulatedSeconds, std::function<void()> fn);
        qsizetype pending() const { return qsizetype(m_due.size()); }

    private:
        void fire();
        void arm();
        qint64 realNowMs() const { return m_clock.elapsed(); }

        double m_timeScale;
        QElapsedTimer m_clock;
        QTimer m_timer;
        std::multimap<qint64, std::function<void()>> m_due; // real ms since start -> callback
    };
} // namespace Simulator
