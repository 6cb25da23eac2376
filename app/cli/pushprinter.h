#pragma once

#include <QObject>
#include <QTimer>

namespace Espota
{
    class PushJob;
}

namespace Cli
{
    // Shows a push job as it runs: a live table redrawn in place on a
    // terminal, one plain line per event otherwise, or one JSON object per
    // event (--json) for machines.
    class PushPrinter final : public QObject
    {
        Q_OBJECT

    public:
        enum class Mode { Terminal, Lines, Json };
        PushPrinter(Espota::PushJob *job, Mode mode, QObject *parent = nullptr);

        static Mode modeFor(bool json); // Terminal when stdout is a terminal
        void printSummary();

    private:
        void onDeviceChanged(int index);
        void onDeviceLog(int index, const QString &line);
        void redraw();

        Espota::PushJob *m_job;
        Mode m_mode;
        QTimer m_redraw;
        int m_drawnLines = 0;
        QList<int> m_lastStage;    // per device, to print stage changes once
        QList<int> m_lastDecile;   // per device, progress printed in 10 % steps
        QStringList m_lastDetail;
    };
} // namespace Cli
