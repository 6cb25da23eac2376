#pragma once

#include <QMetaType>
#include <QString>

namespace Espota
{
    // Where one device's push stands. The console and otactl show these
    // words; they are the one vocabulary of push states.
    enum class PushStage
    {
        Queued,
        Skipped,          // left out by an option (already on this version, offline); not a failure
        Inviting,         // UDP invitation sent, waiting for OK / AUTH
        Authenticating,   // challenge answered, waiting for OK
        Connecting,       // accepted; waiting for the device to connect back by TCP
        Sending,          // image bytes flowing; progress is what the device acknowledged
        WaitingForResult, // every byte acknowledged; waiting for OK or the device's error
        Rebooting,        // the device said OK; waiting for it to re-announce
        Done,
        Failed,
    };
    QString pushStageName(PushStage stage); // "queued", "inviting", ..., "done", "failed"
    bool isFinal(PushStage stage);          // Skipped, Done, Failed

    enum class PushFailure
    {
        None,
        Refused,              // the image check refused it (wrong chip, not an app image); --force overrides
        ListenFailed,         // could not listen for the connect-back
        NoAnswer,             // no reply to the invitation or to the authentication
        PasswordRequired,     // the device asks for a password and none was given
        AuthenticationFailed, // wrong password
        DeviceRefused,        // ESP8266 "ERR: ..." before the transfer
        NoConnectBack,        // accepted, but never connected back (a firewall here, usually)
        ConnectionLost,       // the TCP connection dropped before the end
        Stalled,              // no acknowledgement for too long
        DeviceError,          // the device's final answer was an error text
        ResultLost,           // every byte acknowledged, no final OK: probably succeeded
        Cancelled,
    };
    QString pushFailureName(PushFailure failure); // "no-answer", "authentication-failed", ... (JSON)
    // Network failures are retried; what a device says about the image or
    // the password never is: sending again would give the same answer.
    bool isNetworkFailure(PushFailure failure);

    struct PushOutcome
    {
        bool succeeded = false;         // the device said OK
        bool probablySucceeded = false; // every byte acknowledged, final OK lost (ResultLost)
        PushFailure failure = PushFailure::None;
        QString message;                // for a person: what happened and what to do
        QString deviceText;             // the device's own words, when it sent any
        qint64 acknowledgedBytes = 0;
        qint64 totalBytes = 0;
        int attempts = 0;               // invitations-to-result runs, retries included
        qint64 elapsedMs = 0;
    };

    // A device's final error text, as a message a person can act on.
    QString explainDeviceError(const QString &deviceText, qint64 imageSize);
} // namespace Espota

Q_DECLARE_METATYPE(Espota::PushStage)
Q_DECLARE_METATYPE(Espota::PushOutcome)
