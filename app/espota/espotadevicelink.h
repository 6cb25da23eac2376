#pragma once

#include <functional>

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

namespace Espota
{
    // One direction of a simulated Wi-Fi link: every action handed in runs
    // delayMs later, in the order handed in (the delay is the same for all,
    // so first in is first out). The kernel here has no netem; latency is
    // modelled in the device (ENVIRONMENT.md).
    class DeviceLink final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(DeviceLink)

    public:
        explicit DeviceLink(QObject *parent = nullptr);

        void setDelay(int milliseconds);
        int delay() const { return m_delayMs; }
        // With no delay the action runs at once. extraMs holds it back
        // longer (an ack sent when a flash write ends); it never overtakes
        // what was handed in before it.
        void later(std::function<void()> action, int extraMs = 0);
        // Drops what is still in flight (the device lost power).
        void clear();

    private:
        struct Pending
        {
            qint64 dueAt = 0;
            std::function<void()> action;
        };
        void runDue();

        int m_delayMs = 0;
        QElapsedTimer m_clock;
        QTimer m_timer;
        QList<Pending> m_pending;
    };
} // namespace Espota
