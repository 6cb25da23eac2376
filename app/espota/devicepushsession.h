#pragma once

#include <QObject>

#include "pushoutcome.h"
#include "pushtarget.h"

namespace Espota
{
    // One image to one device, whatever protocol the device speaks: what
    // PushJob drives, so a job may hold ArduinoOTA and ESPHome devices side
    // by side. Implemented by Espota::EspotaPush and Esphome::EsphomePush.
    class DevicePushSession : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(DevicePushSession)

    public:
        ~DevicePushSession() override = default;

        virtual void start() = 0;
        // Stops at once; the device keeps its current firmware. finished() follows synchronously.
        virtual void cancel() = 0;

        virtual const PushTarget &target() const = 0;
        virtual PushStage stage() const = 0;
        virtual qint64 acknowledgedBytes() const = 0;

    Q_SIGNALS:
        void stageChanged(Espota::PushStage stage);
        void progress(qint64 acknowledged, qint64 total); // what the device acknowledged
        void logLine(const QString &line);
        void finished(const Espota::PushOutcome &outcome); // once; stage() is Done or Failed

    protected:
        explicit DevicePushSession(QObject *parent = nullptr)
            : QObject(parent)
        {
        }
    };
} // namespace Espota
