#pragma once

#include <memory>

#include "espota/devicepushsession.h"
#include "espota/pushimage.h"
#include "espota/pushoutcome.h"
#include "espota/pushsettings.h"
#include "espota/pushtarget.h"

namespace Esphome
{
    // One image to one device by ESPHome's native OTA (PROTOCOLS.md 2.3):
    // magic and version (1 or 2), features offered as compression, SHA-256
    // auth and the extended protocol (0x07), the device's answer with or
    // without feature flags, no auth or an MD5 / SHA-256 challenge, the OTA
    // type (extended only), size and MD5 header, data in 8 KiB blocks (a
    // CHUNK_OK after each on version 2), RECEIVE_OK, UPDATE_END_OK, 00.
    // A DevicePushSession, so Espota::PushJob drives it as it drives EspotaPush.
    // Network failures rerun the exchange up to settings.networkRetries
    // times; a device's error code ends it (sending again gives the same).
    class EsphomePush final : public Espota::DevicePushSession
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(EsphomePush)

    public:
        // target.port 0: the default port of target.board's platform (ESP32 3232).
        EsphomePush(Espota::PushTarget target, std::shared_ptr<const Espota::PushImage> image,
                    Espota::PushSettings settings, QObject *parent = nullptr);
        ~EsphomePush() override;

        void start() override;
        void cancel() override;

        const Espota::PushTarget &target() const override;
        Espota::PushStage stage() const override;
        qint64 acknowledgedBytes() const override;
        bool compressed() const; // the last attempt sent a gzipped image

    private:
        struct Private;
        std::unique_ptr<Private> d;
    };
} // namespace Esphome
