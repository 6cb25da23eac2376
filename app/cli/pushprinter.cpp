#include "pushprinter.h"

#include <unistd.h>

#include <QJsonDocument>
#include <QJsonObject>

#include "command.h"
#include "espota/pushjob.h"

using namespace Qt::Literals::StringLiterals;
using namespace Espota;

namespace Cli
{
    namespace
    {
        QString stateText(const DevicePush &device)
        {
            switch (device.stage) {
            case PushStage::Sending: return u"sending %1%"_s.arg(device.percent());
            case PushStage::Done:
                return device.confirmation == Confirmation::NotChecked ? u"done"_s
                                                                       : u"done, %1"_s.arg(confirmationName(device.confirmation));
            default: return pushStageName(device.stage);
            }
        }

        QJsonObject deviceJson(const DevicePush &device)
        {
            QJsonObject object {
                {u"device"_s, device.target.name},
                {u"address"_s, device.target.endpoint()},
                {u"protocol"_s, pushProtocolName(device.target.protocol)},
                {u"stage"_s, pushStageName(device.stage)},
                {u"acknowledgedBytes"_s, device.acknowledgedBytes},
                {u"totalBytes"_s, device.totalBytes},
                {u"percent"_s, device.percent()},
                {u"confirmation"_s, confirmationName(device.confirmation)},
            };
            if (!device.detail.isEmpty())
                object.insert(u"detail"_s, device.detail);
            if (device.outcome.failure != PushFailure::None)
                object.insert(u"failure"_s, pushFailureName(device.outcome.failure));
            if (!device.outcome.deviceText.isEmpty())
                object.insert(u"deviceText"_s, device.outcome.deviceText);
            if (isFinal(device.stage))
                object.insert(u"attempts"_s, device.outcome.attempts);
            return object;
        }

        void printJson(QJsonObject object)
        {
            out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << "\n";
            out().flush();
        }
    } // namespace

    PushPrinter::Mode PushPrinter::modeFor(bool json)
    {
        if (json)
            return Mode::Json;
        return ::isatty(STDOUT_FILENO) ? Mode::Terminal : Mode::Lines;
    }

    PushPrinter::PushPrinter(PushJob *job, Mode mode, QObject *parent)
        : QObject(parent)
        , m_job(job)
        , m_mode(mode)
    {
        m_lastStage.fill(-1, job->count());
        m_lastDecile.fill(-1, job->count());
        m_lastDetail.resize(job->count());
        connect(job, &PushJob::deviceChanged, this, &PushPrinter::onDeviceChanged);
        connect(job, &PushJob::deviceLog, this, &PushPrinter::onDeviceLog);
        if (mode == Mode::Terminal) {
            m_redraw.setInterval(200);
            connect(&m_redraw, &QTimer::timeout, this, &PushPrinter::redraw);
            m_redraw.start();
        }
    }

    void PushPrinter::onDeviceChanged(int index)
    {
        const DevicePush &device = m_job->device(index);
        const int stage = static_cast<int>(device.stage);
        const int decile = device.stage == PushStage::Sending ? device.percent() / 10 : -1;
        const bool stageChanged = stage != m_lastStage[index] || device.detail != m_lastDetail[index];
        const bool progressed = decile != m_lastDecile[index] && decile >= 0;
        m_lastStage[index] = stage;
        m_lastDecile[index] = decile;
        m_lastDetail[index] = device.detail;
        if (!stageChanged && !progressed)
            return;
        if (m_mode == Mode::Json) {
            QJsonObject object = deviceJson(device);
            object.insert(u"event"_s, stageChanged ? u"stage"_s : u"progress"_s);
            printJson(object);
        } else if (m_mode == Mode::Lines) {
            out() << device.target.name << ": " << stateText(device)
                  << (device.detail.isEmpty() || !stageChanged ? QString() : u" - "_s + device.detail) << "\n";
            out().flush();
        }
    }

    void PushPrinter::onDeviceLog(int index, const QString &line)
    {
        if (m_mode == Mode::Json)
            printJson({{u"event"_s, u"log"_s}, {u"device"_s, m_job->device(index).target.name}, {u"line"_s, line}});
    }

    void PushPrinter::redraw()
    {
        QString text;
        if (m_drawnLines > 0)
            text += u"\x1b[%1A"_s.arg(m_drawnLines);
        int nameWidth = 6;
        for (int i = 0; i < m_job->count(); ++i)
            nameWidth = std::max<int>(nameWidth, m_job->device(i).target.name.size());
        for (int i = 0; i < m_job->count(); ++i) {
            const DevicePush &device = m_job->device(i);
            QString bar;
            if (device.stage == PushStage::Sending || device.stage == PushStage::WaitingForResult) {
                const int filled = device.percent() / 5;
                bar = u"["_s + QString(filled, u'=') + QString(20 - filled, u' ') + u"] "_s;
            }
            QString detail = device.detail;
            if (detail.size() > 90)
                detail = detail.left(87) + u"..."_s;
            text += u"\x1b[2K"_s + device.target.name.leftJustified(nameWidth) + u"  "_s + bar + stateText(device).leftJustified(22)
                    + u" "_s + detail + u"\n"_s;
        }
        m_drawnLines = m_job->count();
        out() << text;
        out().flush();
    }

    void PushPrinter::printSummary()
    {
        if (m_mode == Mode::Terminal) {
            m_redraw.stop();
            redraw();
        }
        const PushJobSummary summary = m_job->summary();
        if (m_mode == Mode::Json) {
            printJson({{u"event"_s, u"summary"_s},
                       {u"devices"_s, summary.devices},
                       {u"done"_s, summary.confirmed},
                       {u"notConfirmed"_s, summary.unconfirmed},
                       {u"failed"_s, summary.failed},
                       {u"skipped"_s, summary.skipped},
                       {u"cancelled"_s, summary.cancelled},
                       {u"elapsedMs"_s, summary.elapsedMs}});
            return;
        }
        // Failures in full: the table truncates them.
        for (int i = 0; i < m_job->count(); ++i) {
            const DevicePush &device = m_job->device(i);
            if (!device.succeeded() && device.stage != PushStage::Skipped)
                err() << device.target.name << ": " << device.detail << "\n";
        }
        out() << summary.text() << "\n";
        out().flush();
        err().flush();
    }
} // namespace Cli
