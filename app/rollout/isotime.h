#pragma once

#include <QDateTime>
#include <QStringView>

namespace Rollout::IsoTime
{
    // What QDateTime::fromString(text, Qt::ISODateWithMs) gives, fast for
    // the server's own spelling, "2026-12-03T13:50:46.123Z" (with or without
    // the milliseconds): a fleet listing holds three per device, and Qt's
    // general parser made them a third of reading 100,000 devices. Anything
    // else (offsets, 24:00, a bad date) is left to Qt's parser.
    QDateTime parse(QStringView text);
} // namespace Rollout::IsoTime
