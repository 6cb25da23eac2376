#include "jsonreader.h"

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    namespace
    {
        QString typeName(const QJsonValue &value)
        {
            switch (value.type()) {
            case QJsonValue::Null: return u"null"_s;
            case QJsonValue::Bool: return u"a boolean"_s;
            case QJsonValue::Double: return u"a number"_s;
            case QJsonValue::String: return u"a string"_s;
            case QJsonValue::Array: return u"an array"_s;
            case QJsonValue::Object: return u"an object"_s;
            case QJsonValue::Undefined: break;
            }
            return u"nothing"_s;
        }
    } // namespace

    JsonReader::JsonReader(const QJsonObject &object, QString where, QStringList &problems)
        : m_object(object), m_where(std::move(where)), m_problems(problems)
    {
    }

    bool JsonReader::has(QStringView key) const
    {
        return m_object.contains(key);
    }

    void JsonReader::problem(const QString &message)
    {
        m_problems.append(m_where.isEmpty() ? message : m_where + u": " + message);
    }

    void JsonReader::allowOnly(std::initializer_list<QStringView> keys)
    {
        QStringList known;
        for (QStringView key : keys)
            known.append(key.toString());
        for (const QString &key : m_object.keys()) {
            if (!known.contains(key))
                problem(u"unknown key \""_s + key + u"\" (known keys: " + known.join(u", ") + u')');
        }
    }

    void JsonReader::missing(QStringView key)
    {
        problem(key.toString() + u" is missing");
    }

    void JsonReader::wrongType(QStringView key, QStringView expected)
    {
        problem(key.toString() + u" must be " + expected + u", not " + typeName(m_object.value(key)));
    }

    QString JsonReader::string(QStringView key)
    {
        if (!has(key)) {
            missing(key);
            return {};
        }
        return optionalString(key);
    }

    QString JsonReader::optionalString(QStringView key, const QString &fallback)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return fallback;
        if (!value.isString()) {
            wrongType(key, u"a string");
            return fallback;
        }
        return value.toString();
    }

    double JsonReader::number(QStringView key)
    {
        if (!has(key)) {
            missing(key);
            return 0;
        }
        return optionalNumber(key).value_or(0);
    }

    std::optional<double> JsonReader::optionalNumber(QStringView key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isDouble()) {
            wrongType(key, u"a number");
            return std::nullopt;
        }
        return value.toDouble();
    }

    qint64 JsonReader::integer(QStringView key)
    {
        if (!has(key)) {
            missing(key);
            return 0;
        }
        return optionalInteger(key, 0);
    }

    qint64 JsonReader::optionalInteger(QStringView key, qint64 fallback)
    {
        const std::optional<double> value = optionalNumber(key);
        if (!value)
            return fallback;
        if (std::trunc(*value) != *value || std::abs(*value) > 9007199254740992.0) {
            problem(key.toString() + u" must be a whole number, not " + QString::number(*value));
            return fallback;
        }
        return qint64(*value);
    }

    bool JsonReader::boolean(QStringView key, bool fallback)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return fallback;
        if (!value.isBool()) {
            wrongType(key, u"true or false");
            return fallback;
        }
        return value.toBool();
    }

    QStringList JsonReader::strings(QStringView key)
    {
        QStringList out;
        const QJsonArray list = array(key);
        for (const QJsonValue &item : list) {
            if (!item.isString()) {
                problem(key.toString() + u" must hold only strings, not " + typeName(item));
                return {};
            }
            out.append(item.toString());
        }
        return out;
    }

    QDateTime JsonReader::dateTime(QStringView key)
    {
        const QString text = optionalString(key);
        if (text.isEmpty())
            return {};
        QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!time.isValid()) {
            problem(key.toString() + u" \"" + text + u"\" is not an ISO 8601 date and time");
            return {};
        }
        return time.toUTC();
    }

    QJsonObject JsonReader::object(QStringView key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return {};
        if (!value.isObject()) {
            wrongType(key, u"an object");
            return {};
        }
        return value.toObject();
    }

    QJsonArray JsonReader::array(QStringView key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return {};
        if (!value.isArray()) {
            wrongType(key, u"an array");
            return {};
        }
        return value.toArray();
    }

    std::pair<int, double> JsonReader::oneOf(QStringView key, QStringView first, QStringView second)
    {
        if (!has(key)) {
            missing(key);
            return {-1, 0};
        }
        const QJsonObject inner = object(key);
        const bool hasFirst = inner.contains(first);
        const bool hasSecond = inner.contains(second);
        if (inner.size() != 1 || (!hasFirst && !hasSecond)) {
            problem(key.toString() + u" must be an object with exactly one of \"" + first.toString() + u"\" or \""
                    + second.toString() + u"\", e.g. {\"" + first.toString() + u"\": 10}");
            return {-1, 0};
        }
        const QJsonValue value = inner.value(hasFirst ? first : second);
        if (!value.isDouble()) {
            problem(key.toString() + u'.' + (hasFirst ? first : second).toString() + u" must be a number");
            return {-1, 0};
        }
        return {hasFirst ? 0 : 1, value.toDouble()};
    }

    QJsonValue timeToJson(const QDateTime &time)
    {
        if (!time.isValid())
            return u""_s;
        return time.toUTC().toString(Qt::ISODateWithMs);
    }

    QJsonArray stringsToJson(const QStringList &list)
    {
        return QJsonArray::fromStringList(list);
    }
} // namespace Engine
