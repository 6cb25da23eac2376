#include "signalwatcher.h"

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

#include <QSocketNotifier>

namespace Simulator
{
    namespace
    {
        int g_pipe[2] = {-1, -1};

        void onSignal(int signalNumber)
        {
            const auto byte = static_cast<char>(signalNumber);
            [[maybe_unused]] const auto written = ::write(g_pipe[1], &byte, 1);
        }
    } // namespace

    SignalWatcher::SignalWatcher(QObject *parent) : QObject(parent)
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_pipe) != 0)
            return;
        m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, [this] {
            char byte = 0;
            if (::read(g_pipe[0], &byte, 1) == 1)
                Q_EMIT terminationRequested(int(byte));
        });
        struct sigaction action = {};
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGINT, &action, nullptr);
        sigaction(SIGTERM, &action, nullptr);
    }

    SignalWatcher::~SignalWatcher()
    {
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        delete m_notifier;
        for (int &fd : g_pipe) {
            if (fd >= 0)
                ::close(fd);
            fd = -1;
        }
    }
} // namespace Simulator
