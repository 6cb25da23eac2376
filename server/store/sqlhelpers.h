#pragma once

#include <optional>
#include <type_traits>

#include <QByteArrayView>
#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include "result.h"
#include "storeerror.h"

// Private helpers of the store: not part of its public headers' promises.
namespace Store
{
    class Database;
}

namespace Store::Sql
{
    // Prepares and runs sql with positional ? values (a null QString binds
    // as '', QVariant() as NULL). On failure the error (QueryFailed) reads
    // "<what>: <the engine's words>".
    Result<QSqlQuery, StoreError> run(const QSqlDatabase &db, const QString &what, const QString &sql,
                                      const QVariantList &values = {});

    // The same on this thread's connection of db.
    Result<QSqlQuery, StoreError> run(const Database &db, const QString &what, const QString &sql,
                                      const QVariantList &values = {});

    // Every row of a query's result, made by row(const QSqlQuery &).
    template<typename RowFn>
    auto all(Result<QSqlQuery, StoreError> &&query, RowFn row)
        -> Result<QList<std::invoke_result_t<RowFn, const QSqlQuery &>>, StoreError>
    {
        if (!query)
            return query.error();
        QList<std::invoke_result_t<RowFn, const QSqlQuery &>> rows;
        while (query.value().next())
            rows.append(row(query.value()));
        return rows;
    }

    // The first row of a query's result, or nullopt when there is none.
    template<typename RowFn>
    auto first(Result<QSqlQuery, StoreError> &&query, RowFn row)
        -> Result<std::optional<std::invoke_result_t<RowFn, const QSqlQuery &>>, StoreError>
    {
        using Row = std::invoke_result_t<RowFn, const QSqlQuery &>;
        if (!query)
            return query.error();
        if (!query.value().next())
            return std::optional<Row>();
        return std::optional<Row>(row(query.value()));
    }

    // Times are BIGINT milliseconds since the Unix epoch, UTC, on both engines.
    QVariant msOrNull(const QDateTime &time);
    QDateTime fromMs(const QVariant &value); // invalid for NULL

    QVariant intOrNull(const std::optional<qint64> &value);
    std::optional<qint64> optionalInt(const QVariant &value);

    QString sha256Hex(QByteArrayView bytes);
    // prefix + 32 random bytes from the system's CSPRNG, base64url without padding.
    QString newSecret(QStringView prefix);
    // Compares two hashes in time independent of where they differ.
    bool sameHash(const QString &a, const QString &b);

    QString compactJson(const QJsonObject &object); // sorted keys, no spaces
    QJsonObject jsonObject(const QVariant &text);   // {} for NULL or broken text
} // namespace Store::Sql
