#include "servercheck.h"

#include "rollout/serverclient.h"

ServerCheck::ServerCheck(QObject *parent) : QObject(parent) {}

ServerCheck::~ServerCheck() = default;

void ServerCheck::start(const Rollout::ServerEndpoint &endpoint)
{
    abort();
    m_client = std::make_unique<Rollout::ServerClient>(endpoint);
    const int attempt = m_attempt;
    m_client->health(this, [this, attempt](const Result<Rollout::ServerHealth, Rollout::ApiError> &health) {
        if (attempt != m_attempt)
            return; // an answer to a check that was cancelled
        if (!health) {
            finish(health.error().text());
            return;
        }
        checkToken(health->name);
    });
}

void ServerCheck::checkToken(const QString &serverName)
{
    const int attempt = m_attempt;
    m_client->send(Rollout::ApiRequest::get(QStringLiteral("/api/v1/token")), this,
                [this, serverName, attempt](const Rollout::ApiResult &reply) {
                    if (attempt != m_attempt)
                        return;
                    if (!reply) {
                        const Rollout::ApiError &error = reply.error();
                        if (error.status == 401 || error.status == 403) {
                            finish(tr("The server refused the token: %1 Check that it is the whole token "
                                      "for this server (ota-server token list shows the names), or create "
                                      "one with ota-server token create.")
                                       .arg(error.text()));
                        } else {
                            finish(error.text());
                        }
                        return;
                    }
                    const QJsonObject &json = reply.value().json;
                    TokenIdentity identity;
                    identity.serverName = serverName;
                    identity.tokenName = json.value(QStringLiteral("name")).toString();
                    identity.role = json.value(QStringLiteral("role")).toString();
                    identity.breakGlass = json.value(QStringLiteral("breakGlass")).toBool();
                    finish(identity);
                });
}

void ServerCheck::abort()
{
    ++m_attempt;
    // The client's calls die with it; their handlers never run.
    if (m_client)
        m_client.release()->deleteLater();
}

void ServerCheck::finish(const Result<TokenIdentity, QString> &result)
{
    ++m_attempt;
    if (m_client)
        m_client.release()->deleteLater();
    Q_EMIT finished(result);
}
