#pragma once

#include <QObject>

class QSocketNotifier;

namespace Simulator
{
    // SIGINT and SIGTERM as a Qt signal (the self-pipe trick): the handler
    // only writes a byte; the event loop does the shutdown.
    class SignalWatcher final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(SignalWatcher)

    public:
        explicit SignalWatcher(QObject *parent = nullptr);
        ~SignalWatcher() override;

    Q_SIGNALS:
        void terminationRequested(int signalNumber);

    private:
        QSocketNotifier *m_notifier = nullptr;
    };
} // namespace Simulator
