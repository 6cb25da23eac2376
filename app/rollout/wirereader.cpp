#include "wirereader.h"

#include "isotime.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    WireReader::WireReader(const QJsonObject &object, QString where, QStringList &problems)
        : m_object(object)
        , m_where(std::move(where))
        , m_problems(problems)
    {
    }

    QJsonValue WireReader::required(QStringView key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            m_problems.append(u"%1.%2 is missing"_s.arg(m_where, key));
        return value;
    }

    void WireReader::wrongType(QStringView key, const char *expected)
    {
        m_problems.append(u"%1.%2 is not %3"_s.arg(m_where, key, QLatin1StringView(expected)));
    }

    QString WireReader::string(QStringView key)
    {
        const QJsonValue value = required(key);
        if (!value.isUndefined() && !value.isString())
            wrongType(key, "a string");
        return value.toString();
    }

    QString WireReader::optionalString(QStringView key)
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isUndefined() && !value.isNull() && !value.isString())
            wrongType(key, "a string");
        return value.toString();
    }

    qint64 WireReader::integer(QStringView key)
    {
        const QJsonValue value = required(key);
        if (value.isUndefined())
            return 0;
        if (!value.isDouble()) {
            wrongType(key, "a number");
            return 0;
        }
        return value.toInteger();
    }

    std::optional<qint64> WireReader::optionalInteger(QStringView key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        if (!value.isDouble()) {
            wrongType(key, "a number");
            return std::nullopt;
        }
        return value.toInteger();
    }

    double WireReader::number(QStringView key)
    {
        const QJsonValue value = required(key);
        if (!value.isUndefined() && !value.isDouble())
            wrongType(key, "a number");
        return value.toDouble();
    }

    bool WireReader::boolean(QStringView key)
    {
        const QJsonValue value = required(key);
        if (!value.isUndefined() && !value.isBool())
            wrongType(key, "true or false");
        return value.toBool();
    }

    bool WireReader::optionalBoolean(QStringView key)
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isUndefined() && !value.isBool())
            wrongType(key, "true or false");
        return value.toBool();
    }

    QDateTime WireReader::time(QStringView key)
    {
        // "No time" is null in device, key and release objects and "" in
        // rollout records (docs/server-api.md): both read as an invalid time.
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull() || value.toString().isEmpty())
            return {};
        const QDateTime at = IsoTime::parse(value.toString());
        if (!at.isValid())
            m_problems.append(u"%1.%2 is not an ISO 8601 time: '%3'"_s.arg(m_where, key, value.toString().left(40)));
        return at;
    }

    QStringList WireReader::strings(QStringView key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return {};
        QStringList out;
        if (!value.isArray()) {
            wrongType(key, "a list of strings");
            return out;
        }
        for (const QJsonValue &item : value.toArray()) {
            if (!item.isString()) {
                wrongType(key, "a list of strings");
                return {};
            }
            out.append(item.toString());
        }
        return out;
    }

    QJsonObject WireReader::object(QStringView key)
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isUndefined() && !value.isNull() && !value.isObject())
            wrongType(key, "an object");
        return value.toObject();
    }

    QJsonArray WireReader::array(QStringView key)
    {
        const QJsonValue value = required(key);
        if (!value.isUndefined() && !value.isArray())
            wrongType(key, "a list");
        return value.toArray();
    }
} // namespace Rollout
