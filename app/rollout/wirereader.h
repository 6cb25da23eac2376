#pragma once

#include <optional>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "result.h"

namespace Rollout
{
    // Reads the fields of one object of an ota-server answer, noting every
    // field that is missing or of the wrong type ("release.sha256 is
    // missing"), so a client talking to a server of another version says
    // what differs instead of showing zeros. Private to app/rollout.
    class WireReader final
    {
    public:
        WireReader(const QJsonObject &object, QString where, QStringList &problems);

        QString string(QStringView key);               // required
        QString optionalString(QStringView key);       // "" when absent or null
        qint64 integer(QStringView key);               // required whole number
        std::optional<qint64> optionalInteger(QStringView key); // nullopt when absent or null
        double number(QStringView key);                // required
        bool boolean(QStringView key);                 // required
        bool optionalBoolean(QStringView key);         // false when absent
        QDateTime time(QStringView key);               // ISO 8601; invalid when absent, null or ""
        QStringList strings(QStringView key);          // [] when absent
        QJsonObject object(QStringView key);           // {} when absent
        QJsonArray array(QStringView key);             // required

        QString where() const { return m_where; }

    private:
        QJsonValue required(QStringView key);
        void wrongType(QStringView key, const char *expected);

        QJsonObject m_object;
        QString m_where;
        QStringList &m_problems;
    };

    // The problems of a reader, as the error of a fromJson().
    inline Result<std::monostate, QString> wireProblems(const QStringList &problems)
    {
        if (problems.isEmpty())
            return std::monostate{};
        return problems.join(QStringLiteral("; "));
    }

    // Every object of `list` through T::fromJson; the first one that fails names its index.
    template<typename T>
    Result<QList<T>, QString> listFromJson(const QJsonValue &list, const QString &where)
    {
        if (!list.isArray())
            return QString(where + QStringLiteral(" is missing or not a list"));
        QList<T> out;
        const QJsonArray array = list.toArray();
        out.reserve(array.size());
        for (qsizetype i = 0; i < array.size(); ++i) {
            auto item = T::fromJson(array.at(i).toObject());
            if (!item)
                return QStringLiteral("%1[%2]: %3").arg(where).arg(i).arg(item.error());
            out.append(std::move(item).value());
        }
        return out;
    }
} // namespace Rollout
