#pragma once

#include <optional>

#include <QByteArrayView>
#include <QString>

#include "espotawire.h"

namespace Espota
{
    // Why an update failed on the device: the ESP32 Update and ESP8266
    // Updater error codes (PROTOCOLS.md 1.5, 1.6), one list for both.
    enum class UpdateError
    {
        FlashWriteFailed,
        FlashEraseFailed,
        FlashReadFailed,
        NotEnoughSpace,
        BadSize,
        StreamReadTimeout,
        Md5Mismatch,
        WrongMagicByte,
        ActivateFailed,     // ESP32 only
        PartitionNotFound,  // ESP32 only
        Aborted,            // ESP32 only: the transfer ended before `size` bytes
        NoData,             // ESP8266 only
        UnknownCommand,     // ESP8266 only
    };

    // What a flavour's Update class prints for the error, as the device puts
    // it on the TCP connection: ESP32 "MD5 Check Failed\r\n"; ESP8266
    // "ERROR[7]: MD5 verification failed: expected: <x>, calculated: <y>\n".
    // expectedMd5/actualMd5 only matter for Md5Mismatch on ESP8266.
    QByteArray updateErrorLine(Flavour flavour, UpdateError error, QByteArrayView expectedMd5 = {},
                               QByteArrayView actualMd5 = {});
    // The same without code and line end, for logs and signals.
    QString updateErrorText(Flavour flavour, UpdateError error, QByteArrayView expectedMd5 = {},
                            QByteArrayView actualMd5 = {});

    // Where a device puts what it receives: its flash. The device checks
    // sizes, the magic byte and the MD5 itself; the sink only stores. Writes
    // arrive in order except the first 16 bytes of an application image,
    // which arrive last, after the MD5 check passed (PROTOCOLS.md 1.6).
    class UpdateSink
    {
    public:
        virtual ~UpdateSink() = default;

        // Bytes the target region can take: the next OTA slot for Flash, the
        // filesystem partition for Filesystem; nullopt when there is none.
        virtual std::optional<qint64> capacity(Command command) const = 0;
        // Prepares the region for `size` bytes. nullopt: ready.
        virtual std::optional<UpdateError> begin(Command command, qint64 size) = 0;
        virtual std::optional<UpdateError> write(qint64 offset, QByteArrayView data) = 0;
        // Everything written and checked: make it the image to boot next (or the filesystem).
        virtual std::optional<UpdateError> finish() = 0;
        // The update failed after begin(): forget it.
        virtual void abort() = 0;
    };
} // namespace Espota
