#pragma once

#include <QDateTime>
#include <QString>

// Private to the engine: numbers, durations and times as messages show them.
namespace Engine::Text
{
    QString percent(double rate);             // 0.016 -> "1.6%"
    QString count(qint64 n);                  // 4450 -> "4,450"
    QString duration(qint64 seconds);         // 86400 -> "24 h", 5400 -> "1 h 30 min"
    QString localTime(const QDateTime &time); // "Friday 2024-03-15 14:00 (Europe/Berlin)"
} // namespace Engine::Text
