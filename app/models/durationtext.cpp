#include "models/durationtext.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace Models
{
    namespace
    {
        struct Unit
        {
            const char16_t *name;
            qint64 seconds;
        };
        constexpr Unit Units[] = {{u"d", 86400}, {u"h", 3600}, {u"min", 60}, {u"s", 1}};

        std::optional<qint64> unitSeconds(const QString &unit)
        {
            static const QHash<QString, qint64> names{
                {u"s"_s, 1},     {u"sec"_s, 1},     {u"second"_s, 1},  {u"seconds"_s, 1},
                {u"m"_s, 60},    {u"min"_s, 60},    {u"minute"_s, 60}, {u"minutes"_s, 60},
                {u"h"_s, 3600},  {u"hour"_s, 3600}, {u"hours"_s, 3600},
                {u"d"_s, 86400}, {u"day"_s, 86400}, {u"days"_s, 86400},
            };
            const auto it = names.constFind(unit.toLower());
            if (it == names.constEnd())
                return std::nullopt;
            return *it;
        }
    } // namespace

    std::optional<qint64> DurationText::parseSeconds(const QString &text)
    {
        static const QRegularExpression part(u"\\G\\s*(\\d{1,9})\\s*([a-zA-Z]+)\\s*"_s);
        const QString trimmed = text.trimmed();
        if (trimmed.isEmpty())
            return std::nullopt;
        qint64 total = 0;
        qsizetype at = 0;
        while (at < trimmed.size()) {
            const QRegularExpressionMatch match = part.match(trimmed, at);
            if (!match.hasMatch() || match.capturedLength() == 0)
                return std::nullopt;
            const std::optional<qint64> unit = unitSeconds(match.captured(2));
            if (!unit)
                return std::nullopt;
            total += match.captured(1).toLongLong() * *unit;
            at = match.capturedEnd();
        }
        return total;
    }

    QString DurationText::format(qint64 seconds)
    {
        if (seconds <= 0)
            return u"0 s"_s;
        QStringList parts;
        for (const Unit &unit : Units) {
            if (seconds >= unit.seconds && parts.size() < 2) {
                parts.append(QString::number(seconds / unit.seconds) + u' ' + QString::fromUtf16(unit.name));
                seconds %= unit.seconds;
            } else if (!parts.isEmpty()) {
                break; // "1 d 0 h 5 min" reads worse than "1 d"; at most two adjacent units
            }
        }
        return parts.join(u' ');
    }
} // namespace Models
