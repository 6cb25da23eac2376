#include "sqlhelpers.h"

#include "database.h"

#include <array>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>

using namespace Qt::Literals::StringLiterals;

namespace Store::Sql
{
    Result<QSqlQuery, StoreError> run(const QSqlDatabase &db, const QString &what, const QString &sql,
                                      const QVariantList &values)
    {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        const auto fail = [&] {
            return StoreError{StoreError::Kind::QueryFailed, what + u": "_s + query.lastError().text()};
        };
        if (values.isEmpty()) {
            // PostgreSQL cannot PREPARE DDL; without values there is nothing to bind.
            if (!query.exec(sql))
                return fail();
            return query;
        }
        if (!query.prepare(sql))
            return fail();
        for (const QVariant &value : values) {
            // A null QString would bind as NULL: in the store a string is
            // never NULL (QVariant() is), so it binds as ''.
            if (value.metaType() == QMetaType::fromType<QString>() && value.toString().isNull())
                query.addBindValue(QString(u""_s));
            else
                query.addBindValue(value);
        }
        if (!query.exec())
            return fail();
        return query;
    }

    Result<QSqlQuery, StoreError> run(const Database &db, const QString &what, const QString &sql,
                                      const QVariantList &values)
    {
        auto connection = db.connection();
        if (!connection)
            return connection.error();
        return run(connection.value(), what, sql, values);
    }

    QVariant msOrNull(const QDateTime &time)
    {
        return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant();
    }

    QDateTime fromMs(const QVariant &value)
    {
        if (value.isNull())
            return {};
        return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
    }

    QVariant intOrNull(const std::optional<qint64> &value)
    {
        return value ? QVariant(*value) : QVariant();
    }

    std::optional<qint64> optionalInt(const QVariant &value)
    {
        if (value.isNull())
            return std::nullopt;
        return value.toLongLong();
    }

    QString sha256Hex(QByteArrayView bytes)
    {
        return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    }

    QString newSecret(QStringView prefix)
    {
        std::array<quint32, 8> words{};
        QRandomGenerator::system()->fillRange(words.data(), words.size());
        const QByteArray bytes(reinterpret_cast<const char *>(words.data()), sizeof(words));
        return prefix.toString()
               + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }

    bool sameHash(const QString &a, const QString &b)
    {
        if (a.size() != b.size())
            return false;
        char16_t diff = 0;
        for (qsizetype i = 0; i < a.size(); ++i)
            diff |= a.at(i).unicode() ^ b.at(i).unicode();
        return diff == 0;
    }

    QString compactJson(const QJsonObject &object)
    {
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    }

    QJsonObject jsonObject(const QVariant &text)
    {
        return QJsonDocument::fromJson(text.toString().toUtf8()).object();
    }
} // namespace Store::Sql
