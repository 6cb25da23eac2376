#include "jsontext.h"

#include <charconv>
#include <cmath>
#include <iterator>
#include <limits>

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

namespace Http::JsonText
{
    namespace
    {
        constexpr char HexDigits[] = "0123456789abcdef";

        void appendEscaped(QByteArray &out, char c)
        {
            switch (c) {
            case '"': out += "\\\""; return;
            case '\\': out += "\\\\"; return;
            case '\b': out += "\\b"; return;
            case '\f': out += "\\f"; return;
            case '\n': out += "\\n"; return;
            case '\r': out += "\\r"; return;
            case '\t': out += "\\t"; return;
            default:
                break;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += HexDigits[(c >> 4) & 0xf];
                out += HexDigits[c & 0xf];
            } else {
                out += c;
            }
        }

        // Exactly `width` decimal digits of a non-negative number.
        void appendDigits(QByteArray &out, int number, int width)
        {
            char digits[8];
            for (int i = width - 1; i >= 0; --i) {
                digits[i] = char('0' + number % 10);
                number /= 10;
            }
            out.append(digits, width);
        }
    } // namespace

    void appendString(QByteArray &out, QStringView text)
    {
        out += '"';
        // Device fields are nearly always ASCII: copied char by char; the
        // rest of a string from its first non-ASCII character goes through
        // UTF-8 (which writes a lone surrogate as '?').
        const char16_t *chars = text.utf16();
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (chars[i] >= 0x80) {
                const QByteArray rest = text.mid(i).toUtf8();
                for (const char byte : rest)
                    appendEscaped(out, byte);
                break;
            }
            appendEscaped(out, char(chars[i]));
        }
        out += '"';
    }

    void appendNumber(QByteArray &out, const std::optional<qint64> &number)
    {
        if (!number) {
            out += "null";
            return;
        }
        char digits[24];
        const auto written = std::to_chars(std::begin(digits), std::end(digits), *number);
        out.append(digits, written.ptr - digits);
    }

    void appendTime(QByteArray &out, const QDateTime &at)
    {
        if (!at.isValid()) {
            out += "null";
            return;
        }
        const qint64 ms = at.toMSecsSinceEpoch();
        constexpr qint64 DayMs = 24 * 3600 * 1000;
        const qint64 days = ms >= 0 ? ms / DayMs : -((-ms + DayMs - 1) / DayMs);
        const qint64 msOfDay = ms - days * DayMs;
        // A listing's times fall on a few days: the calendar is asked once a day.
        thread_local qint64 cachedDays = std::numeric_limits<qint64>::min();
        thread_local QByteArray cachedDate;
        if (days != cachedDays) {
            const QDate date = QDate(1970, 1, 1).addDays(days);
            if (date.year() < 1 || date.year() > 9999) { // Qt's own spelling of far years
                appendString(out, at.toUTC().toString(Qt::ISODateWithMs));
                return;
            }
            cachedDate.clear();
            appendDigits(cachedDate, date.year(), 4);
            cachedDate += '-';
            appendDigits(cachedDate, date.month(), 2);
            cachedDate += '-';
            appendDigits(cachedDate, date.day(), 2);
            cachedDays = days;
        }
        out += '"';
        out += cachedDate;
        out += 'T';
        appendDigits(out, int(msOfDay / 3600000), 2);
        out += ':';
        appendDigits(out, int(msOfDay / 60000 % 60), 2);
        out += ':';
        appendDigits(out, int(msOfDay / 1000 % 60), 2);
        out += '.';
        appendDigits(out, int(msOfDay % 1000), 3);
        out += "Z\"";
    }

    void appendValue(QByteArray &out, const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            out += "null";
            return;
        case QJsonValue::Bool:
            out += value.toBool() ? "true" : "false";
            return;
        case QJsonValue::Double: {
            const double number = value.toDouble();
            if (!std::isfinite(number))
                out += "null"; // as QJsonDocument writes it
            else if (std::abs(number) < 9007199254740992.0 && number == std::trunc(number))
                out += QByteArray::number(qint64(number));
            else
                out += QByteArray::number(number, 'g', QLocale::FloatingPointShortest);
            return;
        }
        case QJsonValue::String:
            appendString(out, value.toString());
            return;
        case QJsonValue::Array: {
            out += '[';
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                if (i > 0)
                    out += ',';
                appendValue(out, array.at(i));
            }
            out += ']';
            return;
        }
        case QJsonValue::Object: {
            out += '{';
            const QJsonObject object = value.toObject();
            bool first = true;
            for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
                if (!first)
                    out += ',';
                first = false;
                appendString(out, it.key());
                out += ':';
                appendValue(out, it.value());
            }
            out += '}';
            return;
        }
        }
    }
} // namespace Http::JsonText
