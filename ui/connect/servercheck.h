#pragma once

#include <memory>

#include <QObject>
#include <QString>

#include "result.h"
#include "rollout/serverendpoint.h"

namespace Rollout
{
    class ServerClient;
}

// Who a token is on a server, as GET /api/v1/token says.
struct TokenIdentity
{
    QString serverName;
    QString tokenName;
    QString role;
    bool breakGlass = false;
};

// Checks an endpoint before the console uses it: GET /api/v1/health (is it
// an ota-server, is TLS right), then GET /api/v1/token (is the token
// accepted, and who is it). Answers once through finished(); never blocks.
class ServerCheck final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerCheck)

public:
    explicit ServerCheck(QObject *parent = nullptr);
    ~ServerCheck() override;

    void start(const Rollout::ServerEndpoint &endpoint);
    void abort();
    bool isRunning() const { return m_client != nullptr; }

Q_SIGNALS:
    // The identity, or a message saying what went wrong and what to do.
    void finished(const Result<TokenIdentity, QString> &result);

private:
    void checkToken(const QString &serverName);
    void finish(const Result<TokenIdentity, QString> &result);

    std::unique_ptr<Rollout::ServerClient> m_client;
    int m_attempt = 0; // answers of an earlier attempt are dropped
};
