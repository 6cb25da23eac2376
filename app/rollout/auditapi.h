#pragma once

#include <QByteArray>
#include <QList>

#include "apicall.h"
#include "auditentry.h"

namespace Rollout
{
    class ServerClient;

    // The audit log: /api/v1/audit (an operator token or better).
    class AuditApi final
    {
    public:
        static constexpr int MaxPage = 10000; // the server's largest limit

        enum class ExportFormat
        {
            Csv,
            Json,
        };

        explicit AuditApi(ServerClient *client) : m_client(client) {}

        // Entries after seq `after`, oldest first, at most limit (1 to MaxPage).
        ApiCall *entries(qint64 after, int limit, QObject *context, Done<QList<AuditEntry>> done);
        ApiCall *verify(QObject *context, Done<AuditVerification> done);
        // The whole log as the server exports it (text/csv or a JSON array).
        ApiCall *exportLog(ExportFormat format, QObject *context, Done<QByteArray> done);

    private:
        ServerClient *m_client;
    };
} // namespace Rollout
