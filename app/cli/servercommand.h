#pragma once

#include <memory>
#include <optional>

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>
#include <QObject>

#include "command.h"
#include "rollout/serverclient.h"

namespace Cli
{
    // A verb that talks to ota-server: --server URL (or OTA_SERVER), the
    // token from --token-env VAR or --token-file FILE (default: the OTA_TOKEN
    // variable; never the command line, where `ps` shows it), --ca-file,
    // --timeout, and --json. Each call waits for its answer on the event loop.
    class ServerCommand : public Command
    {
    public:
        static constexpr const char *DefaultTokenVariable = "OTA_TOKEN";
        static constexpr const char *ServerVariable = "OTA_SERVER";

        ServerCommand();

    protected:
        // The server options (and --json when jsonOption); call before parse().
        void addServerOptions(QCommandLineParser &parser, bool jsonOption = true);
        // After parse(): the client, or the exit code the verb stops with
        // (2 for a bad option, 1 when there is no token).
        std::optional<int> connectToServer(const QCommandLineParser &parser);

        Rollout::ServerClient &client() { return *m_client; }
        bool json() const { return m_json; }

        // Runs start(context, done) and the event loop until done is called.
        template<typename T, typename Start>
        Result<T, Rollout::ApiError> await(Start &&start)
        {
            std::optional<Result<T, Rollout::ApiError>> result;
            QObject context;
            start(&context, Rollout::Done<T>([&result](const Result<T, Rollout::ApiError> &answer) {
                result = answer;
                QCoreApplication::exit(0);
            }));
            while (!result)
                QCoreApplication::exec();
            return std::move(*result);
        }

        // The failure on stderr ("otactl VERB: message"), and with --json as
        // {"error": {...}} on stdout; returns CheckFailed.
        int failCall(const Rollout::ApiError &error) const;
        // One JSON document on stdout.
        void printJson(const QJsonValue &value) const;
        // The objects as the server sent them, for --json of a listing.
        template<typename T>
        static QJsonArray jsonList(const QList<T> &items)
        {
            QJsonArray list;
            for (const T &item : items)
                list.append(item.json);
            return list;
        }

    private:
        QCommandLineOption m_server;
        QCommandLineOption m_tokenEnv;
        QCommandLineOption m_tokenFile;
        QCommandLineOption m_caFile;
        QCommandLineOption m_timeout;
        QCommandLineOption m_jsonOption;
        bool m_hasJsonOption = false;
        bool m_json = false;
        std::unique_ptr<Rollout::ServerClient> m_client;
    };
} // namespace Cli
