#include "pushoutcome.h"

namespace Espota
{
    QString pushStageName(PushStage stage)
    {
        switch (stage) {
        case PushStage::Queued: return QStringLiteral("queued");
        case PushStage::Skipped: return QStringLiteral("skipped");
        case PushStage::Inviting: return QStringLiteral("inviting");
        case PushStage::Authenticating: return QStringLiteral("authenticating");
        case PushStage::Connecting: return QStringLiteral("waiting for device");
        case PushStage::Sending: return QStringLiteral("sending");
        case PushStage::WaitingForResult: return QStringLiteral("waiting for result");
        case PushStage::Rebooting: return QStringLiteral("rebooting");
        case PushStage::Done: return QStringLiteral("done");
        case PushStage::Failed: return QStringLiteral("failed");
        }
        return {};
    }

    bool isFinal(PushStage stage)
    {
        return stage == PushStage::Skipped || stage == PushStage::Done || stage == PushStage::Failed;
    }

    QString pushFailureName(PushFailure failure)
    {
        switch (failure) {
        case PushFailure::None: return QStringLiteral("none");
        case PushFailure::Refused: return QStringLiteral("refused");
        case PushFailure::ListenFailed: return QStringLiteral("listen-failed");
        case PushFailure::NoAnswer: return QStringLiteral("no-answer");
        case PushFailure::PasswordRequired: return QStringLiteral("password-required");
        case PushFailure::AuthenticationFailed: return QStringLiteral("authentication-failed");
        case PushFailure::DeviceRefused: return QStringLiteral("device-refused");
        case PushFailure::NoConnectBack: return QStringLiteral("no-connect-back");
        case PushFailure::ConnectionLost: return QStringLiteral("connection-lost");
        case PushFailure::Stalled: return QStringLiteral("stalled");
        case PushFailure::DeviceError: return QStringLiteral("device-error");
        case PushFailure::ResultLost: return QStringLiteral("result-lost");
        case PushFailure::Cancelled: return QStringLiteral("cancelled");
        }
        return {};
    }

    bool isNetworkFailure(PushFailure failure)
    {
        return failure == PushFailure::NoAnswer || failure == PushFailure::NoConnectBack
               || failure == PushFailure::ConnectionLost || failure == PushFailure::Stalled;
    }

    QString explainDeviceError(const QString &deviceText, qint64 imageSize)
    {
        const QString text = deviceText.trimmed();
        const auto has = [&](QLatin1StringView needle) { return text.contains(needle, Qt::CaseInsensitive); };
        QString advice;
        if (has(QLatin1StringView("Magic")))
            advice = QStringLiteral("the device expects an application image (first byte 0xE9); "
                                    "a filesystem image must be sent as one (--fs)");
        else if (has(QLatin1StringView("Not Enough Space")))
            advice = QStringLiteral("the image (%1 bytes) does not fit the device's update partition; "
                                    "build a smaller image or give the device a partition table with larger OTA slots")
                         .arg(imageSize);
        else if (has(QLatin1StringView("MD5")))
            advice = QStringLiteral("the device's MD5 of the bytes it received differs from the file's: "
                                    "the transfer was corrupted or the file changed while it was sent; push again");
        else if (has(QLatin1StringView("Partition Could Not be Found")))
            advice = QStringLiteral("the device has no partition to write to (no OTA slot, or no SPIFFS/FAT partition "
                                    "for --fs); flash a partition table with one over USB");
        else if (has(QLatin1StringView("Bad Size")))
            advice = QStringLiteral("the device refused the image size (%1 bytes) for its partition").arg(imageSize);
        else if (has(QLatin1StringView("Could Not Activate")))
            advice = QStringLiteral("the device received the image but could not make it bootable "
                                    "(it failed the device's own image checks, e.g. Secure Boot)");
        else if (has(QLatin1StringView("Signature")))
            advice = QStringLiteral("the device refused the image's signature: sign it with the key the device trusts");
        else if (has(QLatin1StringView("Flash config")))
            advice = QStringLiteral("the flash size in the image header does not match the chip: "
                                    "rebuild for the board's flash size");
        else if (has(QLatin1StringView("Update already running")))
            advice = QStringLiteral("the device is busy with another update; wait for it to finish");
        if (advice.isEmpty())
            return QStringLiteral("the device reported an error: \"%1\"").arg(text);
        return QStringLiteral("the device reported \"%1\": %2").arg(text, advice);
    }
} // namespace Espota
