#include "isotime.h"

#include <optional>

#include <QDate>
#include <QString>
#include <QTime>

namespace Rollout::IsoTime
{
    namespace
    {
        // The number in text[from, from + width), all decimal digits.
        std::optional<int> digits(QStringView text, qsizetype from, qsizetype width)
        {
            int number = 0;
            for (qsizetype i = from; i < from + width; ++i) {
                const char16_t c = text[i].unicode();
                if (c < u'0' || c > u'9')
                    return std::nullopt;
                number = number * 10 + (c - u'0');
            }
            return number;
        }

        bool is(QStringView text, qsizetype at, char16_t expected)
        {
            return text[at].unicode() == expected;
        }

        // "YYYY-MM-DDTHH:MM:SS[.mmm]Z" in UTC, or nothing to let Qt decide.
        std::optional<QDateTime> serverSpelling(QStringView text)
        {
            const bool withMs = text.size() == 24;
            if (!withMs && text.size() != 20)
                return std::nullopt;
            if (!is(text, 4, u'-') || !is(text, 7, u'-') || !is(text, 10, u'T') || !is(text, 13, u':')
                || !is(text, 16, u':') || !is(text, text.size() - 1, u'Z') || (withMs && !is(text, 19, u'.')))
                return std::nullopt;
            const auto year = digits(text, 0, 4);
            const auto month = digits(text, 5, 2);
            const auto day = digits(text, 8, 2);
            const auto hour = digits(text, 11, 2);
            const auto minute = digits(text, 14, 2);
            const auto second = digits(text, 17, 2);
            const auto ms = withMs ? digits(text, 20, 3) : std::optional<int>(0);
            if (!year || !month || !day || !hour || !minute || !second || !ms)
                return std::nullopt;
            const QDate date(*year, *month, *day);
            // Qt reads 24:00 as the next midnight, and 60 seconds not at all:
            // only plainly valid times are taken here.
            if (!date.isValid() || *year < 1 || *hour > 23 || *minute > 59 || *second > 59)
                return std::nullopt;
            return QDateTime(date, QTime(*hour, *minute, *second, *ms), Qt::UTC);
        }
    } // namespace

    QDateTime parse(QStringView text)
    {
        if (const auto fast = serverSpelling(text))
            return *fast;
        return QDateTime::fromString(text.toString(), Qt::ISODateWithMs);
    }
} // namespace Rollout::IsoTime
