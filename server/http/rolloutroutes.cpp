#include "rolloutroutes.h"

#include <algorithm>

#include <QHttpServer>
#include <QJsonArray>
#include <QUrlQuery>

#include "access.h"
#include "apiserver.h"
#include "routecontext.h"
#include "routesupport.h"
#include "service/firmwareregistry.h"
#include "service/journal.h"
#include "service/rolloutservice.h"
#include "store/devicestore.h"

using namespace Qt::Literals::StringLiterals;

namespace Http
{
    namespace
    {
        using Status = QHttpServerResponse::StatusCode;

        constexpr qint64 MaxSpecBody = 1024 * 1024;
        constexpr qint64 MaxActionBody = 64 * 1024;

        // A spec from the request body, with the release's version filled
        // in from the registry when only its sha256 is given, and the
        // release itself; refuses a release unknown or signed by a revoked key.
        struct Request
        {
            Engine::RolloutSpec spec;
            Store::Release release;
        };

        Result<Request, ApiError> readSpec(RouteContext &context, QJsonObject body)
        {
            QJsonObject release = body.value(u"release"_s).toObject();
            const QString sha256 = release.value(u"sha256"_s).toString().toLower();
            if (sha256.isEmpty())
                return invalid(u"rollout refused"_s, {u"release.sha256 is missing: the release to install (GET /api/v1/releases)"_s});
            const auto found = context.firmware.find(sha256);
            if (!found)
                return storeFailure(found.error());
            if (!found.value())
                return ApiError::notFound(u"release %1 is not in the registry; upload it first"_s.arg(sha256.left(64)));
            const Store::Release &stored = *found.value();
            if (!release.contains(u"version"_s))
                release.insert(u"version"_s, stored.version);
            release.insert(u"sha256"_s, sha256);
            if (release.value(u"version"_s).toString() != stored.version) {
                return invalid(u"rollout refused"_s, {u"release.version %1 is not the version of release %2 (%3)"_s.arg(
                                                          release.value(u"version"_s).toString(), sha256.left(12), stored.version)});
            }
            body.insert(u"release"_s, release);
            const auto startable = context.firmware.isStartable(stored);
            if (!startable)
                return storeFailure(startable.error());
            if (!startable.value()) {
                return ApiError::conflict(u"release-key-revoked"_s,
                                          u"release %1 was signed by key %2, which is revoked: it cannot start new "
                                          u"rollouts; sign it again with a trusted key"_s.arg(stored.version, stored.keyId.left(12)));
            }
            auto spec = Engine::RolloutSpec::fromJson(body);
            if (!spec)
                return invalid(u"rollout refused"_s, spec.error());
            return Request{std::move(spec).value(), stored};
        }

        // The enrolled devices the rollout is for: seen at least once (so
        // there is a version to return to), of the release's chip, and
        // matching the selector.
        struct Targets
        {
            QList<Engine::DeviceTarget> devices;
            int neverSeen = 0;
            int otherChip = 0;
        };

        Result<Targets, ApiError> targetsFor(RouteContext &context, const Request &request)
        {
            const auto devices = Store::DeviceStore(context.db).list();
            if (!devices)
                return storeFailure(devices.error());
            Targets targets;
            for (const Store::Device &device : devices.value()) {
                // Never seen: no chip or version to match yet, and nothing a rollback could return to.
                if (!device.lastSeen.isValid()) {
                    ++targets.neverSeen;
                    continue;
                }
                Engine::DeviceTarget target{device.deviceId, device.version, device.chip, device.board,
                                            device.project,  device.tags,    std::nullopt};
                if (device.battery)
                    target.batteryPercent = int(*device.battery);
                if (request.spec.targets.mismatch(target))
                    continue;
                if (device.chip != request.release.chip) {
                    ++targets.otherChip;
                    continue;
                }
                targets.devices.append(target);
            }
            // Stages take devices in id order, the same on every database whatever its collation.
            std::sort(targets.devices.begin(), targets.devices.end(),
                      [](const Engine::DeviceTarget &a, const Engine::DeviceTarget &b) { return a.id < b.id; });
            return targets;
        }

        QJsonObject windowJson(const Engine::DeploymentWindowPolicy &policy, const QDateTime &now)
        {
            const QDateTime next = policy.nextOpening(now);
            return {{u"open"_s, policy.isOpen(now)},
                    {u"describe"_s, policy.describe()},
                    {u"nextOpening"_s, next.isValid() ? QJsonValue(next.toString(Qt::ISODateWithMs)) : QJsonValue()},
                    {u"serverTime"_s, now.toString(Qt::ISODateWithMs)},
                    {u"policy"_s, policy.toJson()}};
        }

        QHttpServerResponse preview(RouteContext &context, const QHttpServerRequest &http)
        {
            const auto authorized = authorizedJson(context.access, http, Store::Role::Viewer, MaxSpecBody);
            if (!authorized)
                return authorized.error().toResponse();
            const QJsonObject &body = authorized.value().body;
            const auto request = readSpec(context, body);
            if (!request)
                return request.error().toResponse();
            const auto targets = targetsFor(context, request.value());
            if (!targets)
                return targets.error().toResponse();
            int already = 0;
            for (const Engine::DeviceTarget &target : targets.value().devices)
                already += target.version == request.value().spec.release.version ? 1 : 0;
            const Service::RolloutService &rollouts = context.rollouts;
            return QHttpServerResponse(QJsonObject{
                {u"matching"_s, targets.value().devices.size()},
                {u"alreadyInstalled"_s, already},
                {u"neverSeen"_s, targets.value().neverSeen},
                {u"otherChip"_s, targets.value().otherChip},
                {u"imageSize"_s, double(request.value().release.size)},
                {u"window"_s, windowJson(rollouts.engine().windowPolicy(), rollouts.clock().now())}});
        }

        QHttpServerResponse create(RouteContext &context, const QHttpServerRequest &http)
        {
            const auto authorized = authorizedJson(context.access, http, Store::Role::Operator, MaxSpecBody);
            if (!authorized)
                return authorized.error().toResponse();
            const Principal &principal = authorized.value().principal;
            const QJsonObject &body = authorized.value().body;
            const auto request = readSpec(context, body);
            if (!request)
                return request.error().toResponse();
            const auto targets = targetsFor(context, request.value());
            if (!targets)
                return targets.error().toResponse();
            if (targets.value().devices.isEmpty()) {
                return invalid(u"rollout refused"_s,
                               {u"no device matches: the selector picks no enrolled %1 device that has checked in "
                                u"(%2 enrolled devices never checked in, %3 matching ones run another chip)"_s.arg(request.value().release.chip)
                                    .arg(targets.value().neverSeen)
                                    .arg(targets.value().otherChip)})
                    .toResponse();
            }
            Result<Engine::RolloutEngine::Created, Engine::EngineError> created = Engine::EngineError{};
            const auto recorded = context.rollouts.run([&] {
                created = context.rollouts.engine().create(request.value().spec, targets.value().devices, principal.name);
                return created ? created.value().changes : Engine::Changes();
            });
            if (!recorded)
                return storeFailure(recorded.error()).toResponse();
            if (!created)
                return engineFailure(created.error()).toResponse();
            const Engine::Rollout *rollout = context.rollouts.engine().rollout(created.value().rolloutId);
            return QHttpServerResponse(context.rollouts.summary(*rollout), Status::Created);
        }

        QHttpServerResponse list(RouteContext &context, const QHttpServerRequest &http)
        {
            const auto principal = context.access.require(http, Store::Role::Viewer);
            if (!principal)
                return principal.error().toResponse();
            if (const auto fresh = context.rollouts.refresh(); !fresh)
                return storeFailure(fresh.error()).toResponse();
            QJsonArray out;
            for (const Engine::Rollout *rollout : context.rollouts.byCreation())
                out.append(context.rollouts.summary(*rollout));
            return QHttpServerResponse(QJsonObject{{u"rollouts"_s, out}});
        }

        Result<const Engine::Rollout *, ApiError> findRollout(RouteContext &context, const QString &id)
        {
            const Engine::Rollout *rollout = context.rollouts.engine().rollout(id);
            if (!rollout)
                return ApiError::notFound(u"no rollout with id '%1' (GET /api/v1/rollouts lists them)"_s.arg(id.left(64)));
            return rollout;
        }

        QHttpServerResponse show(RouteContext &context, const QString &id, const QHttpServerRequest &http)
        {
            const auto principal = context.access.require(http, Store::Role::Viewer);
            if (!principal)
                return principal.error().toResponse();
            if (const auto fresh = context.rollouts.refresh(); !fresh)
                return storeFailure(fresh.error()).toResponse();
            const auto rollout = findRollout(context, id);
            if (!rollout)
                return rollout.error().toResponse();
            QJsonObject out = rollout.value()->recordJson();
            const QJsonObject summary = context.rollouts.summary(*rollout.value());
            out.insert(u"counts"_s, summary.value(u"counts"_s));
            return QHttpServerResponse(out);
        }

        QHttpServerResponse devices(RouteContext &context, const QString &id, const QHttpServerRequest &http)
        {
            const auto principal = context.access.require(http, Store::Role::Viewer);
            if (!principal)
                return principal.error().toResponse();
            if (const auto fresh = context.rollouts.refresh(); !fresh)
                return storeFailure(fresh.error()).toResponse();
            const auto rollout = findRollout(context, id);
            if (!rollout)
                return rollout.error().toResponse();
            const QUrlQuery query(http.url());
            std::optional<Engine::DeviceState> state;
            if (query.hasQueryItem(u"state"_s)) {
                state = Engine::parseName<Engine::DeviceState>(query.queryItemValue(u"state"_s));
                if (!state)
                    return ApiError::badRequest(u"bad-query"_s, u"state '%1' is not a device state (SCHEDULED, ..., CANCELED)"_s.arg(
                                                                    query.queryItemValue(u"state"_s).left(32)))
                        .toResponse();
            }
            bool ok = true;
            const int stage = query.hasQueryItem(u"stage"_s) ? query.queryItemValue(u"stage"_s).toInt(&ok) : -2;
            if (!ok)
                return ApiError::badRequest(u"bad-query"_s, u"stage must be a stage index (0 for the first)"_s).toResponse();
            QJsonArray out;
            for (const Engine::DeviceEntry &entry : rollout.value()->devices) {
                if ((state && entry.state != *state) || (stage != -2 && entry.stage != stage))
                    continue;
                out.append(entry.toJson());
            }
            return QHttpServerResponse(QJsonObject{{u"devices"_s, out}});
        }

        QHttpServerResponse act(RouteContext &context, const QString &id, const QString &action,
                                const QHttpServerRequest &http)
        {
            const bool breakGlass = action == u"rollback"_s;
            // Break-glass is an operator's act that also needs the right.
            auto principal = context.access.require(http, Store::Role::Operator);
            if (principal && breakGlass)
                principal = context.access.requireBreakGlass(http);
            if (!principal) {
                if (breakGlass && principal.error().status == Status::Forbidden) {
                    const auto who = context.access.require(http, Store::Role::Viewer);
                    const QString actor = who ? who.value().name : u"unknown token"_s;
                    if (const auto audited = context.journal.audit(actor, u"rollout.break-glass"_s, u"rollout "_s + id.left(64), {},
                                                                   u"refused: forbidden"_s,
                                                                   {{u"rolloutId"_s, id}, {u"message"_s, principal.error().message}});
                        !audited)
                        return storeFailure(audited.error()).toResponse();
                }
                return principal.error().toResponse();
            }
            const auto body = http.body().isEmpty() ? Result<QJsonObject, ApiError>(QJsonObject())
                                                    : jsonBody(http, MaxActionBody);
            if (!body)
                return body.error().toResponse();
            QStringList problems;
            const QString reason = optionalText(body.value(), u"reason"_s, problems, 2048);
            const QString remark = optionalText(body.value(), u"remark"_s, problems, 2048);
            const QString override = optionalText(body.value(), u"windowOverrideReason"_s, problems, 2048);
            if (!problems.isEmpty())
                return invalid(action + u" refused"_s, problems).toResponse();
            static const QStringList actions{u"approve"_s, u"deny"_s,    u"start"_s, u"pause"_s,
                                             u"resume"_s,  u"advance"_s, u"stop"_s,  u"rollback"_s};
            if (!actions.contains(action)) {
                return ApiError::notFound(u"no rollout action '%1': approve, deny, start, pause, resume, advance, stop "
                                          u"or rollback"_s.arg(action.left(32)))
                    .toResponse();
            }
            if (const auto fresh = context.rollouts.refresh(); !fresh)
                return storeFailure(fresh.error()).toResponse();
            if (!findRollout(context, id))
                return findRollout(context, id).error().toResponse();
            Engine::RolloutEngine &engine = context.rollouts.engine();
            const QString actor = principal.value().name;
            Result<Engine::Changes, Engine::EngineError> changes = Engine::Changes();
            const auto recorded = context.rollouts.run([&] {
                if (action == u"approve"_s)
                    changes = engine.approve(id, actor, remark);
                else if (action == u"deny"_s)
                    changes = engine.deny(id, actor, remark);
                else if (action == u"start"_s)
                    changes = engine.start(id, actor, reason, override);
                else if (action == u"pause"_s)
                    changes = engine.pause(id, actor, reason);
                else if (action == u"resume"_s)
                    changes = engine.resume(id, actor, reason, override);
                else if (action == u"advance"_s)
                    changes = engine.advance(id, actor, reason, override);
                else if (action == u"stop"_s)
                    changes = engine.stop(id, actor, reason);
                else
                    changes = engine.rollback(id, actor, reason);
                return changes ? changes.value() : Engine::Changes();
            });
            if (!recorded)
                return storeFailure(recorded.error()).toResponse();
            if (!changes) {
                const QString auditedAction = breakGlass ? u"rollout.break-glass"_s : u"rollout."_s + action;
                if (const auto audited = context.journal.audit(actor, auditedAction, engine.rollout(id)->label(),
                                                               reason.isEmpty() ? remark : reason,
                                                               u"refused: "_s + Engine::EngineError::kindName(changes.error().kind),
                                                               {{u"rolloutId"_s, id}, {u"message"_s, changes.error().message}});
                    !audited)
                    return storeFailure(audited.error()).toResponse();
                return engineFailure(changes.error()).toResponse();
            }
            return QHttpServerResponse(context.rollouts.summary(*engine.rollout(id)));
        }

        QHttpServerResponse window(RouteContext &context, const QHttpServerRequest &http)
        {
            const auto principal = context.access.require(http, Store::Role::Viewer);
            if (!principal)
                return principal.error().toResponse();
            return QHttpServerResponse(windowJson(context.rollouts.engine().windowPolicy(), context.rollouts.clock().now()));
        }
    } // namespace

    void addRolloutRoutes(ApiServer &server, RouteContext &context)
    {
        QHttpServer &http = server.http();
        using Method = QHttpServerRequest::Method;
        RouteContext *c = &context;
        http.route(u"/api/v1/rollouts"_s, Method::Post, [c](const QHttpServerRequest &request) { return create(*c, request); });
        http.route(u"/api/v1/rollouts"_s, Method::Get, [c](const QHttpServerRequest &request) { return list(*c, request); });
        http.route(u"/api/v1/rollouts/preview"_s, Method::Post, [c](const QHttpServerRequest &request) { return preview(*c, request); });
        http.route(u"/api/v1/rollouts/<arg>/devices"_s, Method::Get, [c](const QString &id, const QHttpServerRequest &request) {
            return devices(*c, id, request);
        });
        http.route(u"/api/v1/rollouts/<arg>/<arg>"_s, Method::Post,
                   [c](const QString &id, const QString &action, const QHttpServerRequest &request) {
                       return act(*c, id, action, request);
                   });
        http.route(u"/api/v1/rollouts/<arg>"_s, Method::Get, [c](const QString &id, const QHttpServerRequest &request) {
            return show(*c, id, request);
        });
        http.route(u"/api/v1/policy/window"_s, Method::Get, [c](const QHttpServerRequest &request) { return window(*c, request); });
    }
} // namespace Http
