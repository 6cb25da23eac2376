#pragma once

#include <QString>

#include "espotawire.h"

namespace Espota
{
    // How one push behaves. Every timeout matches or shortens espota.py's
    // (PROTOCOLS.md 1.7); docs/espota.md lists them side by side.
    struct PushSettings
    {
        Command command = Command::Flash;
        QString password;                  // empty: the device must not ask for one
        bool force = false;                // push even when the image check refuses
        // A 3.3.1+ device whose firmware stored an MD5 hash with
        // setPasswordHash() (espota --md5-target): skip the SHA-256 try.
        bool passwordHashIsMd5 = false;

        int invitationAttempts = 10;       // espota: 10
        int invitationReplyTimeoutMs = 2000; // per attempt (espota: 10 s each, 100 s in all)
        int authReplyTimeoutMs = 10000;    // espota: 10 s
        int connectBackTimeoutMs = 10000;  // espota: accept() 10 s
        int stallTimeoutMs = 10000;        // no acknowledgement while bytes are outstanding (espota: 10 s per chunk)
        int resultTimeoutMs = 60000;       // after the last byte (espota: 5 x 60 s, or 10 x 30 s)

        // Bytes sent but not yet acknowledged. espota.py waits for every 1 KiB
        // chunk; a window keeps the link busy while the device writes flash.
        int windowBytes = 16 * 1024;
        int chunkBytes = 1460;             // one TCP segment of payload on Ethernet

        // ESPHome native OTA (PROTOCOLS.md 2.5), as ESPHome's own client:
        int esphomeHandshakeTimeoutMs = 20000; // connect, and each reply up to the data
        int esphomeDataTimeoutMs = 90000;      // each reply from the data on (the device writes flash)

        int networkRetries = 2;            // reruns after a network failure; device errors never
        int retryPauseMs = 2000;
    };
} // namespace Espota
