#include "apierror.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    namespace
    {
        QString codeOf(ApiError::Kind kind)
        {
            switch (kind) {
            case ApiError::Kind::Refused: break;
            case ApiError::Kind::Unreachable: return u"unreachable"_s;
            case ApiError::Kind::Timeout: return u"timeout"_s;
            case ApiError::Kind::Tls: return u"tls"_s;
            case ApiError::Kind::BadAnswer: return u"bad-answer"_s;
            case ApiError::Kind::Aborted: return u"aborted"_s;
            }
            return u"refused"_s;
        }
    } // namespace

    QString ApiError::text() const
    {
        if (kind != Kind::Refused)
            return message;
        return u"%1 (HTTP %2 %3)"_s.arg(message).arg(status).arg(code);
    }

    QJsonObject ApiError::toJson() const
    {
        return {{u"status"_s, status}, {u"code"_s, code}, {u"message"_s, message}};
    }

    ApiError ApiError::refused(int status, const QString &code, const QString &message)
    {
        return {Kind::Refused, status, code, message};
    }

    ApiError ApiError::noAnswer(Kind kind, const QString &message)
    {
        return {kind, 0, codeOf(kind), message};
    }
} // namespace Rollout
