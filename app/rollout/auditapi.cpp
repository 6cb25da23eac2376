#include "auditapi.h"

#include "serverclient.h"
#include "wirereader.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    ApiCall *AuditApi::entries(qint64 after, int limit, QObject *context, Done<QList<AuditEntry>> done)
    {
        QUrlQuery query;
        query.addQueryItem(u"after"_s, QString::number(after));
        query.addQueryItem(u"limit"_s, QString::number(qBound(1, limit, MaxPage)));
        return m_client->send(ApiRequest::get(u"/api/v1/audit"_s, query), context,
                              typedHandler(std::move(done), [](const QJsonObject &answer) {
                                  return listFromJson<AuditEntry>(answer.value(u"entries"_s), u"entries"_s);
                              }));
    }

    ApiCall *AuditApi::verify(QObject *context, Done<AuditVerification> done)
    {
        return m_client->send(ApiRequest::get(u"/api/v1/audit/verify"_s), context,
                              typedHandler(std::move(done), &AuditVerification::fromJson));
    }

    ApiCall *AuditApi::exportLog(ExportFormat format, QObject *context, Done<QByteArray> done)
    {
        QUrlQuery query;
        query.addQueryItem(u"format"_s, format == ExportFormat::Csv ? u"csv"_s : u"json"_s);
        ApiRequest request = ApiRequest::get(u"/api/v1/audit/export"_s, query);
        request.jsonAnswer = false;
        return m_client->send(std::move(request), context, bytesHandler(std::move(done)));
    }
} // namespace Rollout
