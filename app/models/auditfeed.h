#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include "rollout/apicall.h"

namespace Rollout
{
    class ServerClient;
}

namespace Models
{
    class AuditModel;

    // Keeps an AuditModel up to the server's log: pages in what is newer
    // than the model's last entry (GET /api/v1/audit?after=), one page after
    // the other, until a page comes back short. A refresh asked for while a
    // fetch runs is done once that fetch ends, so bursts of events cost one
    // extra fetch, not one each.
    class AuditFeed final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(AuditFeed)
    public:
        static constexpr int DefaultPageSize = 1000;

        AuditFeed(Rollout::ServerClient *client, AuditModel *model, QObject *parent = nullptr);
        ~AuditFeed() override;

        void setPageSize(int entries); // 1 to AuditApi::MaxPage
        bool isFetching() const { return m_call != nullptr; }
        QString lastError() const { return m_lastError; }

    public Q_SLOTS:
        void refresh();

    Q_SIGNALS:
        void fetched(int newEntries); // the model holds everything the server had
        void failed(const QString &why);

    private:
        void fetchPage();

        Rollout::ServerClient *m_client;
        AuditModel *m_model;
        QPointer<Rollout::ApiCall> m_call;
        int m_pageSize = DefaultPageSize;
        int m_newThisRound = 0;
        bool m_again = false;
        QString m_lastError;
    };
} // namespace Models
