#include "models/auditfeed.h"

#include "models/auditmodel.h"
#include "rollout/auditapi.h"
#include "rollout/serverclient.h"

namespace Models
{
    AuditFeed::AuditFeed(Rollout::ServerClient *client, AuditModel *model, QObject *parent)
        : QObject(parent), m_client(client), m_model(model)
    {
    }

    AuditFeed::~AuditFeed()
    {
        if (m_call)
            m_call->abort();
    }

    void AuditFeed::setPageSize(int entries)
    {
        m_pageSize = qBound(1, entries, Rollout::AuditApi::MaxPage);
    }

    void AuditFeed::refresh()
    {
        if (m_call) {
            m_again = true;
            return;
        }
        m_newThisRound = 0;
        fetchPage();
    }

    void AuditFeed::fetchPage()
    {
        m_call = m_client->audit().entries(
            m_model->lastSeq(), m_pageSize, this, [this](const Result<QList<Rollout::AuditEntry>, Rollout::ApiError> &page) {
                m_call = nullptr;
                if (!page) {
                    m_again = false;
                    m_lastError = page.error().text();
                    Q_EMIT failed(m_lastError);
                    return;
                }
                m_lastError.clear();
                m_newThisRound += m_model->append(page.value());
                if (page.value().size() >= m_pageSize || m_again) {
                    m_again = false;
                    fetchPage();
                    return;
                }
                Q_EMIT fetched(m_newThisRound);
            });
    }
} // namespace Models
