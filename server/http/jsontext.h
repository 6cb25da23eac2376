#pragma once

#include <optional>

#include <QByteArray>
#include <QDateTime>
#include <QJsonValue>
#include <QStringView>

// JSON written as text straight into a buffer, for bodies too large to build
// as QJsonObjects first (the fleet listing: tens of MB). Writes what
// QJsonDocument::toJson(Compact) would mean, not always the same bytes:
// whole numbers are written as integers.
namespace Http::JsonText
{
    // A JSON string: quoted, UTF-8, with '"', '\\' and control characters
    // escaped.
    void appendString(QByteArray &out, QStringView text);
    // A whole number, or null.
    void appendNumber(QByteArray &out, const std::optional<qint64> &number);
    // ISO 8601 in UTC with milliseconds, as Qt::ISODateWithMs writes it
    // ("2026-12-03T13:50:46.123Z"), or null for an invalid time.
    void appendTime(QByteArray &out, const QDateTime &at);
    // Any JSON value (objects, arrays, numbers, ...).
    void appendValue(QByteArray &out, const QJsonValue &value);
} // namespace Http::JsonText
