#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include "result.h"

namespace Engine
{
    // When a rollout may start or advance: a weekly list of open intervals in
    // one time zone (the server's local time unless configured). The default
    // is ROLLOUTS.md's: Monday to Thursday 08:00-16:00, Friday 08:00-12:00,
    // never Friday afternoon or the weekend. The same type is a rollout's
    // optional maintenance window (outside it the rollout pauses, failing
    // nothing, and resumes when it opens).
    //
    // JSON: {"timeZone": "Europe/Berlin", "intervals": [{"days": ["monday",
    // "tuesday"], "from": "08:00", "to": "16:00"}, ...]}; "to" may be "24:00".
    class DeploymentWindowPolicy final
    {
    public:
        struct Interval
        {
            QList<Qt::DayOfWeek> days;
            int fromMinute = 0; // minutes after local midnight, 0..1439
            int toMinute = 0;   // exclusive, fromMinute+1..1440

            bool operator==(const Interval &other) const = default;
        };

        DeploymentWindowPolicy(QList<Interval> intervals, QTimeZone zone);

        static DeploymentWindowPolicy defaultPolicy(const QTimeZone &zone = QTimeZone::systemTimeZone());
        static DeploymentWindowPolicy alwaysOpen(const QTimeZone &zone = QTimeZone::systemTimeZone());

        bool isOpen(const QDateTime &at) const;
        // `at` itself when open; otherwise the next time it opens (UTC);
        // invalid when it never opens.
        QDateTime nextOpening(const QDateTime &at) const;
        // "Monday to Thursday 08:00-16:00, Friday 08:00-12:00 (Europe/Berlin); closed at all other times"
        QString describe() const;

        const QList<Interval> &intervals() const { return m_intervals; }
        const QTimeZone &timeZone() const { return m_zone; }

        // Every problem, each prefixed with `where`.
        QStringList validate(const QString &where) const;
        QJsonObject toJson() const;
        // Reads and validates; problems are prefixed with `where`.
        static DeploymentWindowPolicy read(const QJsonObject &object, const QString &where, QStringList &problems);
        static Result<DeploymentWindowPolicy, QStringList> fromJson(const QJsonObject &object);

        bool operator==(const DeploymentWindowPolicy &other) const;

    private:
        QList<Interval> m_intervals;
        QTimeZone m_zone;
    };
} // namespace Engine
