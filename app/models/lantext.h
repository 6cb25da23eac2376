#pragma once

#include <QString>

#include "espota/pushtarget.h"

namespace Models
{
    // "4 s ago", "3 min ago", "2 h ago", "5 days ago": ages, not timestamps (CONSOLE.md).
    QString ageText(qint64 seconds);
    // "ArduinoOTA", "ESPHome": the protocol as an operator knows it.
    QString protocolTitle(Espota::PushProtocol protocol);
} // namespace Models
