#include "deploymentwindowpolicy.h"

#include <array>

#include <QJsonArray>

#include "jsonreader.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    namespace
    {
        constexpr std::array<QStringView, 7> DayNames{
            u"monday", u"tuesday", u"wednesday", u"thursday", u"friday", u"saturday", u"sunday"};

        QString dayTitle(Qt::DayOfWeek day)
        {
            QString text = DayNames[std::size_t(day) - 1].toString();
            text[0] = text[0].toUpper();
            return text;
        }

        QString clockText(int minute)
        {
            return QStringLiteral("%1:%2").arg(minute / 60, 2, 10, QLatin1Char('0')).arg(minute % 60, 2, 10, QLatin1Char('0'));
        }

        // "08:00" -> 480; "24:00" -> 1440; -1 when malformed.
        int parseClock(const QString &text)
        {
            if (text.size() != 5 || text[2] != u':')
                return -1;
            bool hoursOk = false;
            bool minutesOk = false;
            const int hours = text.left(2).toInt(&hoursOk);
            const int minutes = text.right(2).toInt(&minutesOk);
            if (!hoursOk || !minutesOk || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
                return -1;
            return hours * 60 + minutes;
        }

        QString describeDays(QList<Qt::DayOfWeek> days)
        {
            std::sort(days.begin(), days.end());
            bool consecutive = days.size() > 2;
            for (qsizetype i = 1; i < days.size() && consecutive; ++i)
                consecutive = int(days[i]) == int(days[i - 1]) + 1;
            if (consecutive)
                return dayTitle(days.first()) + u" to " + dayTitle(days.last());
            QStringList titles;
            for (Qt::DayOfWeek day : days)
                titles.append(dayTitle(day));
            return titles.join(u", ");
        }
    } // namespace

    DeploymentWindowPolicy::DeploymentWindowPolicy(QList<Interval> intervals, QTimeZone zone)
        : m_intervals(std::move(intervals)), m_zone(std::move(zone))
    {
    }

    DeploymentWindowPolicy DeploymentWindowPolicy::defaultPolicy(const QTimeZone &zone)
    {
        return DeploymentWindowPolicy({{{Qt::Monday, Qt::Tuesday, Qt::Wednesday, Qt::Thursday}, 8 * 60, 16 * 60},
                                       {{Qt::Friday}, 8 * 60, 12 * 60}},
                                      zone);
    }

    DeploymentWindowPolicy DeploymentWindowPolicy::alwaysOpen(const QTimeZone &zone)
    {
        return DeploymentWindowPolicy({{{Qt::Monday, Qt::Tuesday, Qt::Wednesday, Qt::Thursday, Qt::Friday,
                                         Qt::Saturday, Qt::Sunday},
                                        0, 24 * 60}},
                                      zone);
    }

    bool DeploymentWindowPolicy::isOpen(const QDateTime &at) const
    {
        const QDateTime local = at.toTimeZone(m_zone);
        const auto day = Qt::DayOfWeek(local.date().dayOfWeek());
        const int minute = local.time().hour() * 60 + local.time().minute();
        for (const Interval &interval : m_intervals) {
            if (interval.days.contains(day) && minute >= interval.fromMinute && minute < interval.toMinute)
                return true;
        }
        return false;
    }

    QDateTime DeploymentWindowPolicy::nextOpening(const QDateTime &at) const
    {
        if (isOpen(at))
            return at.toUTC();
        const QDate today = at.toTimeZone(m_zone).date();
        QDateTime best;
        for (int offset = 0; offset <= 7; ++offset) {
            const QDate date = today.addDays(offset);
            for (const Interval &interval : m_intervals) {
                if (!interval.days.contains(Qt::DayOfWeek(date.dayOfWeek())))
                    continue;
                const QDateTime start(date, QTime(interval.fromMinute / 60, interval.fromMinute % 60), m_zone);
                if (start > at && (!best.isValid() || start < best))
                    best = start;
            }
            if (best.isValid())
                return best.toUTC();
        }
        return {};
    }

    QString DeploymentWindowPolicy::describe() const
    {
        const QString zone = QString::fromUtf8(m_zone.id());
        if (m_intervals.isEmpty())
            return u"never open ("_s + zone + u')';
        QStringList parts;
        for (const Interval &interval : m_intervals) {
            parts.append(describeDays(interval.days) + u' ' + clockText(interval.fromMinute) + u'-'
                         + clockText(interval.toMinute));
        }
        return parts.join(u", ") + u" (" + zone + u"); closed at all other times";
    }

    QStringList DeploymentWindowPolicy::validate(const QString &where) const
    {
        QStringList problems;
        if (!m_zone.isValid())
            problems.append(where + u": the time zone is not valid");
        for (qsizetype i = 0; i < m_intervals.size(); ++i) {
            const Interval &interval = m_intervals[i];
            const QString place = where + u": interval " + QString::number(i + 1);
            if (interval.days.isEmpty())
                problems.append(place + u" names no days");
            if (interval.fromMinute < 0 || interval.toMinute > 24 * 60 || interval.fromMinute >= interval.toMinute) {
                problems.append(place + u" runs from " + clockText(interval.fromMinute) + u" to "
                                + clockText(interval.toMinute) + u"; it must end after it starts, within one day");
            }
        }
        return problems;
    }

    QJsonObject DeploymentWindowPolicy::toJson() const
    {
        QJsonArray intervals;
        for (const Interval &interval : m_intervals) {
            QJsonArray days;
            for (Qt::DayOfWeek day : interval.days)
                days.append(DayNames[std::size_t(day) - 1].toString());
            intervals.append(QJsonObject{{u"days"_s, days},
                                         {u"from"_s, clockText(interval.fromMinute)},
                                         {u"to"_s, clockText(interval.toMinute)}});
        }
        return {{u"timeZone"_s, QString::fromUtf8(m_zone.id())}, {u"intervals"_s, intervals}};
    }

    DeploymentWindowPolicy DeploymentWindowPolicy::read(const QJsonObject &object, const QString &where,
                                                        QStringList &problems)
    {
        const qsizetype problemsBefore = problems.size();
        JsonReader reader(object, where, problems);
        reader.allowOnly({u"timeZone", u"intervals"});
        const QString zoneId = reader.string(u"timeZone");
        QTimeZone zone(zoneId.toUtf8());
        if (!zoneId.isEmpty() && !zone.isValid())
            reader.problem(u"timeZone \""_s + zoneId + u"\" is not a known IANA time zone such as Europe/Berlin");
        QList<Interval> intervals;
        const QJsonArray list = reader.array(u"intervals");
        for (qsizetype i = 0; i < list.size(); ++i) {
            JsonReader item(list[i].toObject(), where + u": interval " + QString::number(i + 1), problems);
            item.allowOnly({u"days", u"from", u"to"});
            Interval interval;
            for (const QString &dayName : item.strings(u"days")) {
                const auto found = std::find(DayNames.begin(), DayNames.end(), dayName);
                if (found == DayNames.end())
                    item.problem(u"day \""_s + dayName + u"\" is not a day of the week (monday .. sunday)");
                else
                    interval.days.append(Qt::DayOfWeek(found - DayNames.begin() + 1));
            }
            for (auto [key, minute] : {std::pair{u"from", &interval.fromMinute}, std::pair{u"to", &interval.toMinute}}) {
                const QString text = item.string(key);
                *minute = parseClock(text);
                if (*minute < 0)
                    item.problem(QStringView(key).toString() + u" \"" + text + u"\" is not a time of day HH:MM (00:00 .. 24:00)");
            }
            intervals.append(interval);
        }
        DeploymentWindowPolicy policy(intervals, zone);
        if (problems.size() == problemsBefore)
            problems.append(policy.validate(where));
        return policy;
    }

    Result<DeploymentWindowPolicy, QStringList> DeploymentWindowPolicy::fromJson(const QJsonObject &object)
    {
        QStringList problems;
        DeploymentWindowPolicy policy = read(object, u"deployment window"_s, problems);
        if (!problems.isEmpty())
            return problems;
        return policy;
    }

    bool DeploymentWindowPolicy::operator==(const DeploymentWindowPolicy &other) const
    {
        return m_intervals == other.m_intervals && m_zone == other.m_zone;
    }
} // namespace Engine
