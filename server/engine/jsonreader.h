#pragma once

#include <initializer_list>
#include <optional>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QString>
#include <QStringList>

#include "states.h"

namespace Engine
{
    // Private to the engine: reads one JSON object field by field and, instead
    // of stopping at the first problem, appends every one to a list with the
    // place it was found, e.g. `stage 2 (pilot): minSuccessRate must be a
    // number, not a string`. A missing or wrong field gives the fallback, so
    // reading goes on and all problems are reported in one answer.
    class JsonReader final
    {
    public:
        JsonReader(const QJsonObject &object, QString where, QStringList &problems);

        const QString &where() const { return m_where; }
        bool has(QStringView key) const;
        void problem(const QString &message);
        // A key not in the list is reported (a typo must not pass silently).
        void allowOnly(std::initializer_list<QStringView> keys);

        QString string(QStringView key);                    // required
        QString optionalString(QStringView key, const QString &fallback = {});
        double number(QStringView key);                     // required
        std::optional<double> optionalNumber(QStringView key);
        qint64 integer(QStringView key);                    // required
        qint64 optionalInteger(QStringView key, qint64 fallback);
        bool boolean(QStringView key, bool fallback);
        QStringList strings(QStringView key);               // optional, [] when absent
        QDateTime dateTime(QStringView key);                // optional ISO 8601, invalid when absent
        QJsonObject object(QStringView key);                // optional, {} when absent
        QJsonArray array(QStringView key);                  // optional, [] when absent
        // An object holding exactly one of two number keys, e.g. "size":
        // {"count": 50} or {"percent": 10}: which key (0 or 1) and its value;
        // {-1, 0} when missing or malformed (reported).
        std::pair<int, double> oneOf(QStringView key, QStringView first, QStringView second);

        template<typename E>
        E enumValue(QStringView key, E fallback, bool required = false)
        {
            const QJsonValue value = m_object.value(key);
            if (value.isUndefined()) {
                if (required)
                    missing(key);
                return fallback;
            }
            if (!value.isString()) {
                wrongType(key, u"a string");
                return fallback;
            }
            if (const auto parsed = parseName<E>(value.toString()))
                return *parsed;
            problem(key.toString() + u" \"" + value.toString() + u"\" is not one of "
                    + names<E>().join(u", "));
            return fallback;
        }

        // An optional object mapping names of E to whole numbers, e.g.
        // "retries": {"download": 3}.
        template<typename E>
        QMap<E, int> countsByName(QStringView key)
        {
            QMap<E, int> out;
            const QJsonObject map = object(key);
            JsonReader inner(map, m_where.isEmpty() ? key.toString() : m_where + u": " + key.toString(), m_problems);
            for (const QString &itemKey : map.keys()) {
                if (const auto parsed = parseName<E>(itemKey))
                    out.insert(*parsed, int(inner.integer(itemKey)));
                else
                    inner.problem(u'"' + itemKey + u"\" is not one of " + names<E>().join(u", "));
            }
            return out;
        }

    private:
        void missing(QStringView key);
        void wrongType(QStringView key, QStringView expected);

        QJsonObject m_object;
        QString m_where;
        QStringList &m_problems;
    };

    // The JSON form of a time: ISO 8601 UTC with milliseconds, "" for none.
    QJsonValue timeToJson(const QDateTime &time);
    QJsonArray stringsToJson(const QStringList &list);
} // namespace Engine
