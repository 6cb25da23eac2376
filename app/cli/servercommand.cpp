#include "servercommand.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "fileread.h"
#include "logging.h"

using namespace Qt::Literals::StringLiterals;

namespace Cli
{
    namespace
    {
        struct Token
        {
            std::optional<int> exitCode; // set when there is none
            QString message;
            QByteArray secret;
        };

        Token readTokenFile(const QString &path)
        {
            const auto bytes = readWholeFile(path, 64 * 1024);
            if (!bytes)
                return {CheckFailed, bytes.error(), {}};
            if (QFileInfo(path).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
                qCWarning(lcCli) << "token file" << path << "is readable by other users; chmod 600 it";
            const QByteArray line = bytes->split('\n').constFirst().trimmed();
            if (line.isEmpty())
                return {CheckFailed, u"the token file %1 is empty; its first line must be the token"_s.arg(path), {}};
            return {std::nullopt, {}, line};
        }
    } // namespace

    ServerCommand::ServerCommand()
        : m_server(u"server"_s, u"The ota-server, http(s)://HOST:PORT (default: $OTA_SERVER)."_s, u"url"_s)
        , m_tokenEnv(u"token-env"_s, u"Read the API token from this environment variable (default OTA_TOKEN)."_s, u"VAR"_s)
        , m_tokenFile(u"token-file"_s, u"Read the API token from the first line of this file."_s, u"file"_s)
        , m_caFile(u"ca-file"_s, u"Trust the CA certificates (PEM) in this file for the server's TLS certificate."_s, u"file"_s)
        , m_timeout(u"timeout"_s, u"Seconds a call may stay unanswered (default 30)."_s, u"seconds"_s, u"30"_s)
        , m_jsonOption(u"json"_s, u"Print the server's answer as JSON on stdout."_s)
    {
    }

    void ServerCommand::addServerOptions(QCommandLineParser &parser, bool jsonOption)
    {
        parser.addOptions({m_server, m_tokenEnv, m_tokenFile, m_caFile, m_timeout});
        m_hasJsonOption = jsonOption;
        if (jsonOption)
            parser.addOption(m_jsonOption);
    }

    std::optional<int> ServerCommand::connectToServer(const QCommandLineParser &parser)
    {
        m_json = m_hasJsonOption && parser.isSet(m_jsonOption);
        const QString serverText = parser.isSet(m_server) ? parser.value(m_server) : qEnvironmentVariable(ServerVariable);
        if (serverText.isEmpty())
            return fail(UsageError, u"say which server: --server http://HOST:PORT (or set %1)"_s.arg(QLatin1StringView(ServerVariable)));
        const auto base = Rollout::ServerEndpoint::parseBase(serverText);
        if (!base)
            return fail(UsageError, u"--server "_s + base.error());
        bool ok = false;
        const double seconds = parser.value(m_timeout).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 3600)
            return fail(UsageError, u"--timeout '%1' must be seconds from 0 to 3600"_s.arg(parser.value(m_timeout)));

        Rollout::ServerEndpoint endpoint;
        endpoint.base = base.value();
        endpoint.timeoutMs = int(seconds * 1000);
        if (parser.isSet(m_caFile)) {
            const auto certificates = Rollout::ServerEndpoint::readCaFile(parser.value(m_caFile));
            if (!certificates)
                return fail(CheckFailed, certificates.error());
            endpoint.caCertificates = certificates.value();
        }

        Token token;
        if (parser.isSet(m_tokenEnv) && parser.isSet(m_tokenFile))
            return fail(UsageError, u"give --token-env or --token-file, not both"_s);
        if (parser.isSet(m_tokenFile)) {
            token = readTokenFile(parser.value(m_tokenFile));
        } else {
            const QString variable = parser.isSet(m_tokenEnv) ? parser.value(m_tokenEnv) : QString::fromLatin1(DefaultTokenVariable);
            token.secret = qgetenv(qPrintable(variable)).trimmed();
            if (token.secret.isEmpty() && parser.isSet(m_tokenEnv))
                token = {UsageError, u"--token-env %1: that environment variable is not set"_s.arg(variable), {}};
            else if (token.secret.isEmpty())
                token = {CheckFailed, u"no API token: set %1, or give --token-env VAR or --token-file FILE (a token is never "
                                      u"taken from the command line); 'ota-server token create' makes one"_s.arg(variable), {}};
        }
        if (token.exitCode)
            return fail(*token.exitCode, token.message);
        endpoint.token = token.secret;
        m_client = std::make_unique<Rollout::ServerClient>(std::move(endpoint));
        return std::nullopt;
    }

    int ServerCommand::failCall(const Rollout::ApiError &error) const
    {
        if (m_json)
            printJson(QJsonObject{{u"error"_s, error.toJson()}});
        return fail(CheckFailed, error.text());
    }

    void ServerCommand::printJson(const QJsonValue &value) const
    {
        const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
        out() << document.toJson(QJsonDocument::Indented);
        out().flush();
    }
} // namespace Cli
