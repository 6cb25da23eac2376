#include "keysapi.h"

#include "serverclient.h"
#include "wirereader.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    ApiCall *KeysApi::add(const QString &name, const QByteArray &pem, QObject *context, Done<TrustedKey> done)
    {
        return m_client->send(ApiRequest::post(u"/api/v1/keys"_s, {{u"name"_s, name}, {u"pem"_s, QString::fromLatin1(pem)}}),
                              context, typedHandler(std::move(done), &TrustedKey::fromJson));
    }

    ApiCall *KeysApi::list(QObject *context, Done<QList<TrustedKey>> done)
    {
        return m_client->send(ApiRequest::get(u"/api/v1/keys"_s), context,
                              typedHandler(std::move(done), [](const QJsonObject &answer) {
                                  return listFromJson<TrustedKey>(answer.value(u"keys"_s), u"keys"_s);
                              }));
    }

    ApiCall *KeysApi::revoke(const QString &keyId, const QString &reason, QObject *context, Done<TrustedKey> done)
    {
        return m_client->send(ApiRequest::post(u"/api/v1/keys/%1/revoke"_s.arg(ApiRequest::segment(keyId)), {{u"reason"_s, reason}}),
                              context, typedHandler(std::move(done), &TrustedKey::fromJson));
    }
} // namespace Rollout
