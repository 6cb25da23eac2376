#pragma once

#include <memory>

#include "devicepushsession.h"
#include "pushimage.h"
#include "pushoutcome.h"
#include "pushsettings.h"
#include "pushtarget.h"

namespace Espota
{
    class ConnectBackListener;

    // One image to one device by ArduinoOTA (PROTOCOLS.md 1): the image
    // check, the UDP invitation with retries, the password challenge (the
    // scheme picked by nonce length; for PBKDF2 the SHA-256 password hash
    // first, then the MD5 hash on a fresh invitation), the device's
    // connect-back, a windowed transfer read against the device's
    // acknowledgements, and the final OK or error text. Network failures
    // rerun the whole exchange up to PushSettings::networkRetries times;
    // what the device says about the image or the password ends it.
    class EspotaPush final : public DevicePushSession
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(EspotaPush)

    public:
        // The listener must be listening; it may serve many pushes at once.
        EspotaPush(ConnectBackListener *listener, PushTarget target, std::shared_ptr<const PushImage> image,
                   PushSettings settings, QObject *parent = nullptr);
        ~EspotaPush() override;

        void start() override;
        // Stops at once; the device keeps its current firmware (an
        // interrupted image is never made bootable).
        void cancel() override;

        const PushTarget &target() const override;
        PushStage stage() const override;
        qint64 acknowledgedBytes() const override;

    private:
        struct Private;
        std::unique_ptr<Private> d;
    };
} // namespace Espota
