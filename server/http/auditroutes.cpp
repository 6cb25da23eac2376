#include "auditroutes.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

#include "access.h"
#include "apiserver.h"
#include "store/auditlog.h"

using namespace Qt::Literals::StringLiterals;

namespace Http
{
    namespace
    {
        ApiError storeFailure(const Store::StoreError &error)
        {
            return {QHttpServerResponse::StatusCode::ServiceUnavailable, u"store-unavailable"_s, error.message};
        }

        QJsonObject toJson(const Store::AuditEntry &entry)
        {
            return {{u"seq"_s, entry.seq},         {u"at"_s, entry.at.toString(Qt::ISODateWithMs)},
                    {u"actor"_s, entry.actor},     {u"action"_s, entry.action},
                    {u"target"_s, entry.target},   {u"reason"_s, entry.reason},
                    {u"result"_s, entry.result},   {u"detail"_s, entry.detail},
                    {u"prevHash"_s, entry.prevHash}, {u"hash"_s, entry.hash}};
        }
    } // namespace

    void addAuditRoutes(ApiServer &server, Access &access, const Store::Database &db)
    {
        QHttpServer &http = server.http();
        http.route(u"/api/v1/audit"_s, QHttpServerRequest::Method::Get, [&access, &db](const QHttpServerRequest &request) {
            const auto principal = access.require(request, Store::Role::Operator);
            if (!principal)
                return principal.error().toResponse();
            const QUrlQuery query(request.url());
            bool ok = true;
            const qint64 after = query.hasQueryItem(u"after"_s) ? query.queryItemValue(u"after"_s).toLongLong(&ok) : 0;
            if (!ok || after < 0)
                return ApiError::badRequest(u"bad-query"_s, u"after must be a sequence number (0 or more)"_s).toResponse();
            const int limit = query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt(&ok) : 500;
            if (!ok || limit < 1 || limit > 10000)
                return ApiError::badRequest(u"bad-query"_s, u"limit must be a number from 1 to 10000"_s).toResponse();
            const auto entries = Store::AuditLog(db).entries(after, limit);
            if (!entries)
                return storeFailure(entries.error()).toResponse();
            QJsonArray array;
            for (const Store::AuditEntry &entry : entries.value())
                array.append(toJson(entry));
            return QHttpServerResponse(QJsonObject {{u"entries"_s, array}});
        });
        http.route(u"/api/v1/audit/verify"_s, QHttpServerRequest::Method::Get,
                   [&access, &db](const QHttpServerRequest &request) {
                       const auto principal = access.require(request, Store::Role::Operator);
                       if (!principal)
                           return principal.error().toResponse();
                       const auto verified = Store::AuditLog(db).verify();
                       if (!verified)
                           return storeFailure(verified.error()).toResponse();
                       const Store::AuditVerification &v = verified.value();
                       QJsonObject body {{u"ok"_s, v.ok}, {u"entries"_s, v.entries}, {u"headHash"_s, v.headHash}};
                       if (!v.ok) {
                           body.insert(u"firstBadSeq"_s, v.firstBadSeq);
                           body.insert(u"problem"_s, v.problem);
                       }
                       return QHttpServerResponse(body);
                   });
        http.route(u"/api/v1/audit/export"_s, QHttpServerRequest::Method::Get,
                   [&access, &db](const QHttpServerRequest &request) {
                       const auto principal = access.require(request, Store::Role::Operator);
                       if (!principal)
                           return principal.error().toResponse();
                       const QString format = QUrlQuery(request.url()).queryItemValue(u"format"_s);
                       if (format != u"csv"_s && format != u"json"_s)
                           return ApiError::badRequest(u"bad-query"_s, u"format must be csv or json"_s).toResponse();
                       Store::AuditLog log(db);
                       const auto data = format == u"csv"_s ? log.exportCsv() : log.exportJson();
                       if (!data)
                           return storeFailure(data.error()).toResponse();
                       return QHttpServerResponse(format == u"csv"_s ? QByteArray("text/csv") : QByteArray("application/json"),
                                                  data.value());
                   });
    }
} // namespace Http
