#pragma once

#include <QJsonObject>
#include <QString>

namespace Rollout
{
    // Why an ota-server call gave no result. Either the server refused
    // (status and code as it sent them, {"error": {"code", "message"}}, the
    // message passed through untouched), or there was no usable answer:
    // status 0 and one of our own codes, with a message that names the
    // server and says what to check.
    struct ApiError
    {
        enum class Kind
        {
            Refused,     // the server answered 4xx/5xx
            Unreachable, // connection refused, host not found, network down
            Timeout,     // no answer in time
            Tls,         // the TLS handshake failed (certificate, protocol)
            BadAnswer,   // an answer that is not the ota-server API
            Aborted,     // the caller cancelled the call
        };

        Kind kind = Kind::Refused;
        int status = 0;  // the HTTP status; 0 when there was no HTTP answer
        QString code;    // "chip-mismatch", "forbidden", ...; ours: "unreachable", "timeout", "tls", "bad-answer", "aborted"
        QString message; // for a person: what was wrong and what to do

        // The message, with the status and code when the server refused:
        // "upload refused, nothing kept: ... (HTTP 422 chip-mismatch)".
        QString text() const;
        // {"status": 422, "code": "chip-mismatch", "message": "..."}
        QJsonObject toJson() const;

        static ApiError refused(int status, const QString &code, const QString &message);
        static ApiError noAnswer(Kind kind, const QString &message);
    };
} // namespace Rollout
