#include "releasesapi.h"

#include "serverclient.h"
#include "wirereader.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    ApiCall *ReleasesApi::upload(const QByteArray &image, const QByteArray &manifest, const QByteArray &signatureBase64,
                                 QObject *context, Done<Release> done)
    {
        const QJsonObject body{{u"image"_s, QString::fromLatin1(image.toBase64())},
                               {u"manifest"_s, QString::fromUtf8(manifest)},
                               {u"signature"_s, QString::fromLatin1(signatureBase64.trimmed())}};
        return m_client->send(ApiRequest::post(u"/api/v1/releases"_s, body), context,
                              typedHandler(std::move(done), &Release::fromJson));
    }

    ApiCall *ReleasesApi::list(QObject *context, Done<QList<Release>> done)
    {
        return m_client->send(ApiRequest::get(u"/api/v1/releases"_s), context,
                              typedHandler(std::move(done), [](const QJsonObject &answer) {
                                  return listFromJson<Release>(answer.value(u"releases"_s), u"releases"_s);
                              }));
    }

    ApiCall *ReleasesApi::show(const QString &sha256, QObject *context, Done<Release> done)
    {
        return m_client->send(ApiRequest::get(u"/api/v1/releases/"_s + ApiRequest::segment(sha256)), context,
                              typedHandler(std::move(done), &Release::fromJson));
    }

    ApiCall *ReleasesApi::image(const QString &sha256, QObject *context, Done<QByteArray> done)
    {
        ApiRequest request = ApiRequest::get(u"/api/v1/releases/%1/image"_s.arg(ApiRequest::segment(sha256)));
        request.jsonAnswer = false;
        return m_client->send(std::move(request), context, bytesHandler(std::move(done)));
    }
} // namespace Rollout
