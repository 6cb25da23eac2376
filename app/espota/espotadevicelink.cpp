#include "espotadevicelink.h"

namespace Espota
{
    DeviceLink::DeviceLink(QObject *parent) : QObject(parent)
    {
        m_clock.start();
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &DeviceLink::runDue);
    }

    void DeviceLink::setDelay(int milliseconds)
    {
        m_delayMs = std::max(0, milliseconds);
    }

    void DeviceLink::later(std::function<void()> action, int extraMs)
    {
        if (m_delayMs == 0 && extraMs <= 0 && m_pending.isEmpty()) {
            action();
            return;
        }
        qint64 dueAt = m_clock.elapsed() + m_delayMs + std::max(0, extraMs);
        if (!m_pending.isEmpty())
            dueAt = std::max(dueAt, m_pending.constLast().dueAt);
        m_pending.append({dueAt, std::move(action)});
        if (!m_timer.isActive())
            m_timer.start(int(std::max<qint64>(0, m_pending.constFirst().dueAt - m_clock.elapsed())));
    }

    void DeviceLink::clear()
    {
        m_pending.clear();
        m_timer.stop();
    }

    void DeviceLink::runDue()
    {
        const qint64 now = m_clock.elapsed();
        while (!m_pending.isEmpty() && m_pending.constFirst().dueAt <= now) {
            const std::function<void()> action = m_pending.takeFirst().action;
            action(); // may add to or clear the queue
        }
        if (!m_pending.isEmpty() && !m_timer.isActive())
            m_timer.start(int(std::max<qint64>(0, m_pending.constFirst().dueAt - m_clock.elapsed())));
    }
} // namespace Espota
