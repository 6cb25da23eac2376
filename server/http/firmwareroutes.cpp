#include "firmwareroutes.h"

#include <QHttpServer>
#include <QJsonArray>

#include "access.h"
#include "apiserver.h"
#include "routecontext.h"
#include "routesupport.h"
#include "service/firmwareregistry.h"
#include "service/journal.h"

using namespace Qt::Literals::StringLiterals;

namespace Http
{
    namespace
    {
        using Status = QHttpServerResponse::StatusCode;

        constexpr qint64 MaxKeyBody = 64 * 1024;
        // A 16 MiB image (the largest ESP32 app partition) in base64, its manifest and signature.
        constexpr qint64 MaxUploadBody = 23 * 1024 * 1024;

        QJsonValue time(const QDateTime &at)
        {
            return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
        }

        QJsonObject keyToJson(const Store::TrustedKey &key)
        {
            return {{u"keyId"_s, key.keyId},         {u"name"_s, key.name},
                    {u"pem"_s, QString::fromLatin1(key.pem)},
                    {u"addedBy"_s, key.addedBy},     {u"addedAt"_s, time(key.addedAt)},
                    {u"revoked"_s, key.revoked()},   {u"revokedAt"_s, time(key.revokedAt)},
                    {u"revokedBy"_s, key.revokedBy}};
        }

        QJsonObject releaseToJson(const Store::Release &release, bool startable)
        {
            return {{u"sha256"_s, release.sha256},
                    {u"version"_s, release.version},
                    {u"project"_s, release.project},
                    {u"chip"_s, release.chip},
                    {u"size"_s, double(release.size)},
                    {u"manifest"_s, QString::fromUtf8(release.manifestBytes)},
                    {u"signature"_s, QString::fromLatin1(release.signature.toBase64())},
                    {u"keyId"_s, release.keyId},
                    {u"uploadedBy"_s, release.uploadedBy},
                    {u"uploadedAt"_s, time(release.uploadedAt)},
                    {u"startable"_s, startable}};
        }

        QHttpServerResponse addKey(RouteContext &context, const QHttpServerRequest &request)
        {
            const auto authorized = authorizedJson(context.access, request, Store::Role::Admin, MaxKeyBody);
            if (!authorized)
                return authorized.error().toResponse();
            const Principal &principal = authorized.value().principal;
            const QJsonObject &body = authorized.value().body;
            QStringList problems;
            const QString name = optionalText(body, u"name"_s, problems, 128);
            const QString pem = optionalText(body, u"pem"_s, problems, 16 * 1024);
            if (name.trimmed().isEmpty())
                problems.append(u"name is missing: say whose key it is (\"release signing 2026\")"_s);
            if (pem.isEmpty())
                problems.append(u"pem is missing: the public key, \"-----BEGIN PUBLIC KEY-----...\""_s);
            if (!problems.isEmpty())
                return invalid(u"key refused"_s, problems).toResponse();
            const auto added = context.firmware.keys().add(pem.toLatin1(), name, principal.name);
            if (!added)
                return storeFailure(added.error()).toResponse();
            const auto audited = context.journal.audit(principal.name, u"key.add"_s, u"key "_s + name, {}, u"ok"_s,
                                                       {{u"keyId"_s, added.value().keyId}});
            if (!audited)
                return storeFailure(audited.error()).toResponse();
            context.journal.post(u"key.added"_s, {{u"keyId"_s, added.value().keyId}, {u"name"_s, name}});
            return QHttpServerResponse(keyToJson(added.value()), Status::Created);
        }

        QHttpServerResponse listKeys(RouteContext &context, const QHttpServerRequest &request)
        {
            const auto principal = context.access.require(request, Store::Role::Viewer);
            if (!principal)
                return principal.error().toResponse();
            const auto keys = context.firmware.keys().list();
            if (!keys)
                return storeFailure(keys.error()).toResponse();
            QJsonArray out;
            for (const Store::TrustedKey &key : keys.value())
                out.append(keyToJson(key));
            return QHttpServerResponse(QJsonObject{{u"keys"_s, out}});
        }

        QHttpServerResponse revokeKey(RouteContext &context, const QString &keyId, const QHttpServerRequest &request)
        {
            const auto authorized = authorizedJson(context.access, request, Store::Role::Admin, MaxKeyBody);
            if (!authorized)
                return authorized.error().toResponse();
            const Principal &principal = authorized.value().principal;
            const QJsonObject &body = authorized.value().body;
            QStringList problems;
            const QString reason = optionalText(body, u"reason"_s, problems, 1024);
            if (reason.trimmed().isEmpty())
                problems.append(u"reason is missing: say why the key is revoked (it goes in the audit log)"_s);
            if (!problems.isEmpty())
                return invalid(u"revocation refused"_s, problems).toResponse();
            const auto revoked = context.firmware.keys().revoke(keyId.toLower(), principal.name);
            if (!revoked)
                return storeFailure(revoked.error()).toResponse();
            const auto audited = context.journal.audit(principal.name, u"key.revoke"_s,
                                                       u"key "_s + revoked.value().name, reason, u"ok"_s,
                                                       {{u"keyId"_s, keyId}});
            if (!audited)
                return storeFailure(audited.error()).toResponse();
            context.journal.post(u"key.revoked"_s, {{u"keyId"_s, keyId}});
            return QHttpServerResponse(keyToJson(revoked.value()));
        }

        QHttpServerResponse upload(RouteContext &context, const QHttpServerRequest &request)
        {
            const auto authorized = authorizedJson(context.access, request, Store::Role::Operator, MaxUploadBody);
            if (!authorized)
                return authorized.error().toResponse();
            const Principal &principal = authorized.value().principal;
            const QJsonObject &body = authorized.value().body;
            QStringList problems;
            const QString imageText = optionalText(body, u"image"_s, problems, MaxUploadBody);
            const QString manifest = optionalText(body, u"manifest"_s, problems, 64 * 1024);
            const QString signature = optionalText(body, u"signature"_s, problems, 1024);
            for (const QString &key : {u"image"_s, u"manifest"_s, u"signature"_s}) {
                if (!body.contains(key))
                    problems.append(key + u" is missing"_s);
            }
            const auto image = QByteArray::fromBase64Encoding(imageText.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            if (!imageText.isEmpty() && !image)
                problems.append(u"image is not base64 (standard alphabet, with padding)"_s);
            if (!problems.isEmpty())
                return invalid(u"upload refused, nothing kept"_s, problems).toResponse();

            const auto stored = context.firmware.upload(*image, manifest.toUtf8(), signature.toLatin1(),
                                                        principal.name);
            if (!stored) {
                const Service::UploadRefusal &refusal = stored.error();
                const QString code = Service::UploadRefusal::kindName(refusal.kind);
                if (const auto audited = context.journal.audit(principal.name, u"release.upload"_s,
                                                               u"release"_s, {}, u"refused: "_s + code,
                                                               {{u"message"_s, refusal.message}});
                    !audited)
                    return storeFailure(audited.error()).toResponse();
                const Status status = refusal.kind == Service::UploadRefusal::Kind::StoreFailed
                                          ? Status::ServiceUnavailable
                                          : Status::UnprocessableEntity;
                return ApiError{status, code, u"upload refused, nothing kept: "_s + refusal.message}.toResponse();
            }
            const Store::Release &release = stored.value();
            const auto audited = context.journal.audit(principal.name, u"release.upload"_s,
                                                       u"release %1 %2"_s.arg(release.project, release.version), {},
                                                       u"ok"_s, {{u"sha256"_s, release.sha256}, {u"keyId"_s, release.keyId}});
            if (!audited)
                return storeFailure(audited.error()).toResponse();
            const auto startable = context.firmware.isStartable(release);
            const QJsonObject json = releaseToJson(release, startable && startable.value());
            context.journal.post(u"release.added"_s, json);
            return QHttpServerResponse(json, Status::Created);
        }

        QHttpServerResponse listReleases(RouteContext &context, const QHttpServerRequest &request)
        {
            const auto principal = context.access.require(request, Store::Role::Viewer);
            if (!principal)
                return principal.error().toResponse();
            const auto releases = context.firmware.releases().list();
            if (!releases)
                return storeFailure(releases.error()).toResponse();
            QJsonArray out;
            for (const Store::Release &release : releases.value()) {
                const auto startable = context.firmware.isStartable(release);
                out.append(releaseToJson(release, startable && startable.value()));
            }
            return QHttpServerResponse(QJsonObject{{u"releases"_s, out}});
        }

        Result<Store::Release, ApiError> findRelease(RouteContext &context, const QString &sha256)
        {
            const auto release = context.firmware.find(sha256.toLower());
            if (!release)
                return storeFailure(release.error());
            if (!release.value())
                return ApiError::notFound(u"no release with sha256 %1 (GET /api/v1/releases lists them)"_s.arg(sha256.left(64)));
            return *release.value();
        }

        QHttpServerResponse showRelease(RouteContext &context, const QString &sha256, const QHttpServerRequest &request)
        {
            const auto principal = context.access.require(request, Store::Role::Viewer);
            if (!principal)
                return principal.error().toResponse();
            const auto release = findRelease(context, sha256);
            if (!release)
                return release.error().toResponse();
            const auto startable = context.firmware.isStartable(release.value());
            return QHttpServerResponse(releaseToJson(release.value(), startable && startable.value()));
        }

        QHttpServerResponse releaseImage(RouteContext &context, const QString &sha256, const QHttpServerRequest &request)
        {
            const auto principal = context.access.require(request, Store::Role::Viewer);
            if (!principal)
                return principal.error().toResponse();
            const auto release = findRelease(context, sha256);
            if (!release)
                return release.error().toResponse();
            return imageResponse(context.firmware.releases(), release.value(), request.value("Range"));
        }
    } // namespace

    void addFirmwareRoutes(ApiServer &server, RouteContext &context)
    {
        QHttpServer &http = server.http();
        using Method = QHttpServerRequest::Method;
        RouteContext *c = &context;
        http.route(u"/api/v1/keys"_s, Method::Post, [c](const QHttpServerRequest &request) { return addKey(*c, request); });
        http.route(u"/api/v1/keys"_s, Method::Get, [c](const QHttpServerRequest &request) { return listKeys(*c, request); });
        http.route(u"/api/v1/keys/<arg>/revoke"_s, Method::Post, [c](const QString &id, const QHttpServerRequest &request) {
            return revokeKey(*c, id, request);
        });
        http.route(u"/api/v1/releases"_s, Method::Post, [c](const QHttpServerRequest &request) { return upload(*c, request); });
        http.route(u"/api/v1/releases"_s, Method::Get, [c](const QHttpServerRequest &request) { return listReleases(*c, request); });
        http.route(u"/api/v1/releases/<arg>/image"_s, Method::Get, [c](const QString &sha, const QHttpServerRequest &request) {
            return releaseImage(*c, sha, request);
        });
        http.route(u"/api/v1/releases/<arg>"_s, Method::Get, [c](const QString &sha, const QHttpServerRequest &request) {
            return showRelease(*c, sha, request);
        });
    }
} // namespace Http
